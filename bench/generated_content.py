"""A large content file for the loader to chew on: the shipped one grown to many topics in more languages.

Every text the shipped file has in English is given to the extra languages too, and the topics are the shipped
ones again and again under new ids and titles, with their first paragraph only so that 500 topics in 4 languages
stay within the loader's size cap. The file and a copy of the resources it names go into a folder of their own.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from kiosk.content.model import MAX_BYTES

REPO = Path(__file__).resolve().parent.parent
EXTRA_LANGUAGES = (("de", "Deutsch"), ("fr", "Français"), ("es", "Español"), ("it", "Italiano"), ("pl", "Polski"))


def write(folder: Path, topics: int = 500, languages: int = 4) -> Path:
    """folder/content.yaml with this many topics and languages, and folder/resources; returns the file."""
    shipped: dict[str, Any] = yaml.safe_load((REPO / "content.yaml").read_text(encoding="utf-8"))
    codes = [language["code"] for language in shipped["languages"]]
    extra = EXTRA_LANGUAGES[: max(0, languages - len(codes))]
    document = _translated(shipped, codes, [code for code, _ in extra])
    document["languages"] += [{"code": code, "name": name} for code, name in extra]
    originals = document["topics"]
    document["topics"] = [_topic(originals[index % len(originals)], index) for index in range(topics)]
    text = yaml.dump(document, Dumper=_WrittenOut, allow_unicode=True, sort_keys=False, width=120)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SystemExit(f"bench: the generated content is larger than the loader accepts ({MAX_BYTES} bytes)")
    shutil.copytree(REPO / "resources", folder / "resources", dirs_exist_ok=True)
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class _WrittenOut(yaml.SafeDumper):
    """Every value written out in full: the loader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _translated(node: Any, codes: list[str], extra: list[str]) -> Any:
    """The same document with every translated text ({nl: ..., en: ...}) also in the extra languages."""
    if isinstance(node, dict):
        found = {key: _translated(value, codes, extra) for key, value in node.items()}
        if set(found) == set(codes):
            found |= dict.fromkeys(extra, found[codes[-1]])
        return found
    if isinstance(node, list):
        return [_translated(item, codes, extra) for item in node]
    return node


def _topic(original: dict[str, Any], index: int) -> dict[str, Any]:
    topic = dict(original)
    topic["id"] = f"{original['id']}-{index}"
    topic["title"] = {code: f"{title} {index}" for code, title in original["title"].items()}
    topic["text"] = {code: text.split("\n\n")[0] for code, text in original["text"].items()}
    return topic
