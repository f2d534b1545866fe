"""Loading and checking content: the shipped content.yaml, and a generated file of 500 topics in 4 languages.

    .venv/bin/python bench/content_load.py [--repeats 20] [--generated-repeats 5] [--json PATH]

Each figure is check_file() from start to end, as the kiosk loads content at start and on every change:
read, parse, decode into the typed model, check every reference (languages, contacts, hosts, files). The shipped
file is timed after one untimed load in the same process (imports and first-use set-up), which is shown apart.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import generated_content
from figures import Figure, figure, report
from kiosk.content import ContentError
from kiosk.content.loader import check_file

REPO = Path(__file__).resolve().parent.parent
SECTION = "content"
SHIPPED_BUDGET_MS = 50
GENERATED_BUDGET_MS = 1000
GENERATED_TOPICS = 500
GENERATED_LANGUAGES = 4


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=20, help="loads of the shipped file")
    parser.add_argument("--generated-repeats", type=int, default=5, help="loads of the generated file")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report(measure(args.repeats, args.generated_repeats), args.json)
    return 0


def measure(repeats: int, generated_repeats: int) -> list[Figure]:
    shipped = REPO / "content.yaml"
    first = _timed(lambda: check_file(shipped))
    loads = [_timed(lambda: check_file(shipped)) for _ in range(repeats)]
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-content-") as folder:
        big = generated_content.write(Path(folder), GENERATED_TOPICS, GENERATED_LANGUAGES)
        size_kb = big.stat().st_size / 1024
        try:
            checked = check_file(big)
        except ContentError as error:
            raise SystemExit(f"bench: the generated content does not load: {error.errors[:3]}") from None
        assert len(checked.content.topics) == GENERATED_TOPICS
        assert len(checked.content.language_codes) == GENERATED_LANGUAGES
        big_loads = [_timed(lambda: check_file(big)) for _ in range(generated_repeats)]
    return [
        figure(SECTION, "load and check the shipped content.yaml", "ms", loads, SHIPPED_BUDGET_MS),
        figure(SECTION, "  the first load in a fresh process (imports done)", "ms", [first]),
        figure(
            SECTION,
            f"load and check {GENERATED_TOPICS} topics in {GENERATED_LANGUAGES} languages ({size_kb:.0f} KB)",
            "ms",
            big_loads,
            GENERATED_BUDGET_MS,
        ),
    ]


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    raise SystemExit(main())
