"""The content commands IT staff run: validate a file or URL, write the editor schema, show the kiosk's status."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kiosk.content import Checked, ContentError, Problem
from kiosk.content_source.examine import examine
from kiosk.content_source.remote import CONTENT_FILE, FetchError, fetch, is_remote
from kiosk.content_source.snapshot import ContentSnapshot

EXIT_INVALID = 1


def check_source(source: str, snapshot: ContentSnapshot | None = None) -> Checked:
    """Check a content file, or fetch a URL (with the files it names) into a temporary folder and check that.

    A missing image is an error. With a snapshot, a file checked before and unchanged since is not checked again.
    """
    if not is_remote(source):
        if "://" in source:
            scheme = source.split("://", 1)[0]
            message = f"{scheme}:// addresses cannot hold content: give an https:// address or a file"
            raise ContentError([Problem(source, 1, 1, message)])
        result = examine(Path(source), snapshot, require_files=True).result
        if isinstance(result, ContentError):
            raise result
        return result
    from kiosk.content.loader import check_bytes  # noqa: PLC0415 - PyYAML and the checks, loaded when used

    with tempfile.TemporaryDirectory(prefix="kiosk-validate-") as folder:
        try:
            fetch(source, Path(folder))
        except FetchError as error:
            raise ContentError([Problem(source, 1, 1, str(error))]) from None
        # Problems name the URL IT staff gave, not the temporary copy.
        return check_bytes((Path(folder) / CONTENT_FILE).read_bytes(), source, Path(folder))


def validate(source: str) -> int:
    """Exit 0 with a summary (and any warnings) for good content; exit 1 with every problem otherwise."""
    try:
        checked = check_source(source)
    except ContentError as error:
        errors = error.errors
        for problem in errors:
            print(problem)
        warnings = [problem for problem in error.problems if problem.severity == "warning"]
        if warnings:
            print("warnings:")
            for problem in warnings:
                print(problem)
        count = len(errors)
        print(f"{source}: {count} problem{'s' if count != 1 else ''}; a kiosk keeps showing its last good content")
        return EXIT_INVALID
    content = checked.content
    if checked.warnings:
        print("warnings:")
        for problem in checked.warnings:
            print(problem)
    print(
        f"{source}: valid: {len(content.topics)} topics, {len(content.contacts)} contacts, "
        f"languages {', '.join(content.language_codes)}"
        + (f", {len(checked.warnings)} warnings" if checked.warnings else "")
    )
    return 0


def write_schema(out: Path) -> int:
    try:
        out.write_text(schema_text(), encoding="utf-8")
    except OSError as error:
        print(f"utrecht-kiosk: cannot write the schema to {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {out}")
    return 0


def schema_text() -> str:
    import json  # noqa: PLC0415 - the schema and status commands load what only they need

    from kiosk.content.schema import json_schema  # noqa: PLC0415

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def print_status(state_dir: Path) -> int:
    from kiosk.content_source.status import read_status  # noqa: PLC0415
    from kiosk.paths import status_file  # noqa: PLC0415

    path = status_file(state_dir)
    status = read_status(path)
    if status is None and path.exists():
        print(f"the status file {path} is damaged: the kiosk writes it again when it next looks at the content")
        return EXIT_INVALID
    if status is None:
        print(f"no kiosk has written a status in {state_dir} yet (start it, or pass --state-dir)")
        return EXIT_INVALID
    for line in status.describe():
        print(line)
    return 0
