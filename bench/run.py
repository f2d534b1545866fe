"""`make bench`: the kiosk's performance figures against their budgets, as a table and as JSON.

    .venv/bin/python bench/run.py [--quick] [--only PART,...] [--json PATH] [--strict] [--rounds N] [--taps N] ...

The parts, each in processes of its own (one QApplication each), one after another, on Qt's offscreen platform
with a 1920x1080 screen (offscreen.py):
  cold     cold start against a bare PySide6 process and headless Chromium, interleaved (cold_start.py)
  instructions  the same starts' instructions to the first frame, counted by valgrind (instructions.py)
  taps     tap to the next frame on the real kiosk: tile, swipe, language, Back (taps.py)
  reader   tap on Read here to the page, first time and later; memory over visitors (reader.py)
  content  load and check the shipped content and a generated one of 500 topics in 4 languages (content_load.py)
  qr       first draw of a QR code, and a cached repeat (qr_draw.py)
  memory   RSS at idle on home, growth over 10,000 navigations (memory.py)
Each part's module says exactly what it times and how; each can also be run alone.

Every figure is a median over repeats with its spread (min-max), n being the number of repeats; a budget is
checked against the median, or the 95th percentile where the budget says p95. A ratio row compares programs
started in the same round of interleaved runs (the median of the rounds' ratios), so a busy machine slows both
sides alike. A single reading (a memory growth) has n = 1 and no spread. The whole run takes about 9 minutes on
two cores; --quick about 3, with fewer repeats (and its growth figures over fewer navigations and visitors).

The table goes to stdout; each part's own output (the kiosk's log) to bench/results/PART.log; the figures, with
the machine, the commit and the options, to --json (default bench/results/latest.json; bench/results/ is
ignored by git: copy the file away to compare one commit with another).

Exit status: 0 whatever the figures say, so a slow machine never fails a build; with --strict, 1 if any figure is
over its budget. 2 if a part failed to run (its log says why); the other parts still run.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import offscreen
from figures import OVER, Figure, read_json, table, write_json

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
PART_TIMEOUT_S = 1800


@dataclass(frozen=True)
class Part:
    """One part of the benchmark: a script in bench/ and how the options reach it."""

    name: str
    script: str
    arguments: Callable[[argparse.Namespace], list[str]]


PARTS = (
    Part("cold", "cold_start.py", lambda a: ["--rounds", str(a.rounds)]),
    Part("instructions", "instructions.py", lambda a: ["--repeats", str(a.instruction_repeats)]),
    Part("taps", "taps.py", lambda a: ["--taps", str(a.taps)]),
    Part(
        "reader",
        "reader.py",
        lambda a: [
            *("--repeats", str(a.reader_repeats), "--warm", str(a.reader_warm)),
            *("--cycles", str(a.reader_cycles), "--no-comparisons"),
        ],
    ),
    Part("content", "content_load.py", lambda a: ["--repeats", str(a.content_repeats)]),
    Part("qr", "qr_draw.py", lambda a: ["--repeats", str(a.qr_repeats)]),
    Part("memory", "memory.py", lambda a: ["--navigations", str(a.navigations), "--warm-up", str(a.warm_up)]),
)

# --quick: fewer repeats, for a look while working; the full run is what commits are compared by.
QUICK = {
    "rounds": 3,
    "instruction_repeats": 1,
    "taps": 50,
    "reader_repeats": 3,
    "reader_warm": 8,
    "reader_cycles": 50,
    "content_repeats": 10,
    "qr_repeats": 30,
    "navigations": 2000,
    "warm_up": 200,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            if getattr(args, name) == parser.get_default(name):
                setattr(args, name, value)
    chosen = [part for part in PARTS if args.only is None or part.name in args.only.split(",")]
    if not chosen:
        parser.error(f"--only: choose from {', '.join(part.name for part in PARTS)}")
    about: dict[str, Any] = {
        "machine": machine(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "options": _options(args),
    }
    print(_describe(about["machine"]), flush=True)
    figures: list[Figure] = []
    failed = []
    for part in chosen:
        found = run_part(part, args)
        if found is None:
            failed.append(part.name)
        else:
            figures += found
    about["machine"]["load_average_at_end"] = list(os.getloadavg())
    print()
    print(table(figures))
    write_json(args.json, figures, **about, failed_parts=failed)
    over = [item.what.strip() for item in figures if item.verdict == OVER]
    print(f"\n{len(over)} of {sum(item.budget is not None for item in figures)} budgets exceeded; JSON: {args.json}")
    if failed:
        print(f"failed: {', '.join(failed)} (see {RESULTS}/PART.log)", file=sys.stderr)
        return 2
    return 1 if args.strict and over else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repeats: about 3 minutes instead of 9")
    parser.add_argument("--only", metavar="PART,...", help=f"only these: {', '.join(part.name for part in PARTS)}")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="where the JSON goes")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any figure is over its budget")
    parser.add_argument("--rounds", type=int, default=7, help="cold start: interleaved rounds")
    parser.add_argument("--instruction-repeats", type=int, default=2, help="instructions: runs under valgrind")
    parser.add_argument("--taps", type=int, default=200, help="tap to frame: taps of each kind")
    parser.add_argument("--reader-repeats", type=int, default=5, help="reader: fresh processes for the first tap")
    parser.add_argument("--reader-warm", type=int, default=20, help="reader: later taps")
    parser.add_argument("--reader-cycles", type=int, default=200, help="reader: visitors opening and leaving it")
    parser.add_argument("--content-repeats", type=int, default=20, help="content: loads of the shipped file")
    parser.add_argument("--qr-repeats", type=int, default=50, help="QR: first draws")
    parser.add_argument("--navigations", type=int, default=10_000, help="memory: navigations measured")
    parser.add_argument("--warm-up", type=int, default=500, help="memory: navigations before the first reading")
    return parser


def run_part(part: Part, args: argparse.Namespace) -> list[Figure] | None:
    """Run one part's script; its figures, or None if it failed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    log_path = RESULTS / f"{part.name}.log"
    print(f"{part.name}: running {part.script} ...", end="", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as folder, log_path.open("w", encoding="utf-8") as log:
        out = Path(folder) / "figures.json"
        command = [sys.executable, str(HERE / part.script), *part.arguments(args), "--json", str(out)]
        log.write(f"$ {' '.join(command)}\n")
        log.flush()
        try:
            result = subprocess.run(  # noqa: S603 - this interpreter, one of the scripts beside this one
                command,
                cwd=REPO,
                env=offscreen.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=PART_TIMEOUT_S,
                check=False,
            )
            code: int | str = result.returncode
        except subprocess.TimeoutExpired:
            code = f"timed out after {PART_TIMEOUT_S} s"
        found = read_json(out) if out.exists() else None
    seconds = time.monotonic() - started
    if found is None:
        print(f" FAILED ({code}) after {seconds:.0f} s; see {log_path}", flush=True)
        return None
    print(f" {seconds:.0f} s", flush=True)
    return found


def machine() -> dict[str, Any]:
    """What the figures were measured on, and which commit."""
    from PySide6.QtCore import qVersion  # noqa: PLC0415 - the Qt library's version; no application is made

    return {
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "pyside6": version("PySide6"),
        "qt": qVersion(),
        "commit": _git("rev-parse", "HEAD"),
        "uncommitted_changes": len(_git("status", "--porcelain").splitlines()),
        "load_average_at_start": list(os.getloadavg()),
    }


def _options(args: argparse.Namespace) -> dict[str, Any]:
    return {name: str(value) if isinstance(value, Path) else value for name, value in vars(args).items()}


def _describe(found: dict[str, Any]) -> str:
    load = ", ".join(f"{value:.2f}" for value in found["load_average_at_start"])
    return (
        f"{found['cpu']} ({found['cpus']} CPUs), Python {found['python']}, PySide6 {found['pyside6']}, "
        f"Qt {found['qt']}; commit {found['commit'][:12]} with {found['uncommitted_changes']} changed files; "
        f"load average {load}"
    )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _git(*arguments: str) -> str:
    result = subprocess.run(  # noqa: S603
        ["git", *arguments],  # noqa: S607 - git from PATH, as IT staff run it
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() if result.returncode == 0 else "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
