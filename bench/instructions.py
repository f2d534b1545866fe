"""Instructions to the first frame (and a render's to its exit): the cold start's programs counted by valgrind.

    .venv/bin/python bench/instructions.py [--repeats 2] [--json PATH]

Wall time on a shared machine wanders by a third from one start to the next (cold_start.py takes the median of
interleaved rounds for that reason), which hides a change of a few percent. The number of instructions a process
runs does not wander: here each program of the cold start runs under valgrind's callgrind until its first
painted frame, where it exits at once (a render, and the bare label it is compared with, to their exit), and the
instructions it ran are counted. Python's string hashing is
seeded (PYTHONHASHSEED=0), so two runs of the same program agree to a few in a hundred thousand.

The programs: the bare label (bare_window.py), the floor and the home floor (floor_window.py, home_floor.py) up to
their first paint, and the real kiosk (`python -m kiosk`, fullscreen on the offscreen lobby screen) up to its first
frame, with a state folder it has started in once before, as in the lobby, and with a new one (a first start on
content new to it, which reads and checks content.yaml as the floors read it); and, each to its exit, the bare label
with its grab saved and `python -m kiosk render` of the home screen (on the content it drew before). The ratios are
the instructions' counterpart of cold_start.py's ratios; they carry no budget of their own (the budget is on wall
time), but they show where a change moved the start, and what the floors leave to the kiosk's own code. Wall time is
not in proportion to instructions alone: loading libraries from disk and waiting for memory count there too.

Without valgrind (`apt-get install valgrind`) the rows are skipped. Each run takes 10-30 s.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import offscreen
from figures import Figure, figure, report, skipped

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SECTION = "instructions to the first frame (valgrind)"
NO_VALGRIND = "valgrind not installed"
TIMEOUT_S = 600
COLLECTED = re.compile(r"Collected : (\d+)")

# A bench program (bare_window.py, floor_window.py, home_floor.py) run as its own main; {stop} is the line that
# stops it right after its first paint (os._exit: nothing after it is counted), or nothing, to run it to its exit.
BENCH_PROGRAM = """
import os, sys
sys.path.insert(0, {bench!r})
import bare_window
{stop}
sys.argv = [{script!r}, *{arguments!r}]
import {module}
raise SystemExit({module}.main())
"""
STOP_AT_FIRST_PAINT = "bare_window.FirstPaint._painted = lambda self: os._exit(0)"
# `python -m kiosk render`, to its exit; the kiosk itself, stopped at its first frame.
RENDER = """
from kiosk import cli
raise SystemExit(cli.main({arguments!r}))
"""
AT_FIRST_FRAME = """
import os, sys
from kiosk import cli
cli._first_frame = lambda *args: os._exit(0)
raise SystemExit(cli.main({arguments!r}))
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=2, help="runs of each program under valgrind")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report(measure(args.repeats), args.json)
    return 0


def measure(repeats: int) -> list[Figure]:
    rows = (
        ("bare PySide6 label: instructions to its first paint", "M"),
        ("floor (YAML content, fonts): ratio to the bare label", "x"),
        ("home floor (+ the home screen's widgets): ratio", "x"),
        ("python -m kiosk: ratio to the bare label", "x"),
        ("python -m kiosk, first start on new content: ratio", "x"),
        ("bare PySide6 label and grab saved: instructions to exit", "M"),
        ("python -m kiosk render --screen home: ratio to it", "x"),
    )
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return [skipped(SECTION, what, unit, NO_VALGRIND) for what, unit in rows]
    environment = {**offscreen.environment(), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-instructions-") as name:
        folder = Path(name)
        content = str(REPO / "content.yaml")
        programs = {
            "bare": _painting("bare_window", [str(folder / "bare.png")]),
            "floor": _painting("floor_window", [content, str(folder / "floor.png")]),
            "home floor": _painting("home_floor", [content, str(folder / "home.png")]),
            "kiosk": _kiosk(folder / "state"),
            "bare, saved": _program("bare_window", [str(folder / "bare.png")], stop=""),
            "render": _render(folder / "state", folder / "render"),
        }
        for code in programs.values():  # once without valgrind: compiled modules, the kiosk's checked content
            _run([sys.executable, "-c", code], environment)
        counts = {
            name: [_count(valgrind, code, environment) for _ in range(repeats)] for name, code in programs.items()
        }
        counts["kiosk, new content"] = [
            _count(valgrind, _kiosk(folder / f"new-state-{index}"), environment) for index in range(repeats)
        ]
    bare, saved = counts["bare"], counts["bare, saved"]
    return [
        figure(SECTION, rows[0][0], "M", [count / 1e6 for count in bare]),
        *(
            figure(SECTION, what, "x", _ratios(counts[name], bare))
            for (what, _), name in zip(rows[1:5], ("floor", "home floor", "kiosk", "kiosk, new content"), strict=True)
        ),
        figure(SECTION, rows[5][0], "M", [count / 1e6 for count in saved]),
        figure(SECTION, rows[6][0], "x", _ratios(counts["render"], saved)),
    ]


def _ratios(counts: list[float], bare: list[float]) -> list[float]:
    return [top / bottom for top, bottom in zip(counts, bare, strict=True)]


def _render(state: Path, out: Path) -> str:
    arguments = ["--state-dir", str(state), "render", "--out", str(out), "--screen", "home", "--lang", "nl"]
    return RENDER.format(arguments=[*arguments, "--size", "1920x1080"])


def _kiosk(state: Path) -> str:
    return AT_FIRST_FRAME.format(arguments=["--state-dir", str(state), "--speech-engine", "none"])


def _painting(module: str, arguments: list[str]) -> str:
    return _program(module, arguments, stop=STOP_AT_FIRST_PAINT)


def _program(module: str, arguments: list[str], stop: str) -> str:
    return BENCH_PROGRAM.format(bench=str(HERE), stop=stop, script=f"{module}.py", arguments=arguments, module=module)


def _count(valgrind: str, code: str, environment: dict[str, str]) -> float:
    """The instructions a Python program runs, as callgrind counts them."""
    command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code]
    output = _run(command, environment)
    found = COLLECTED.search(output)
    if found is None:
        raise SystemExit(f"bench: valgrind printed no instruction count:\n{output[-2000:]}")
    return float(found.group(1))


def _run(command: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run(  # noqa: S603 - this interpreter, valgrind, and code from this file
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: {command[0]} ... failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return result.stderr


if __name__ == "__main__":
    raise SystemExit(main())
