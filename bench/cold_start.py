"""Cold start: fresh processes of the kiosk against a bare PySide6 process and headless Chromium, interleaved.

    .venv/bin/python bench/cold_start.py [--rounds 7] [--json PATH]

Each round starts, one after another: the bare process (bare_window.py: a label shown fullscreen, first paint, grab
saved), the floor (floor_window.py: the bare process plus only what any kiosk with this product's content and
typeface must do before its first frame), the home floor (home_floor.py: the floor plus the home screen's widgets,
built directly, with no kiosk module), `python -m kiosk render` of the home screen (nl, 1920x1080) to a PNG (with a
state folder that stays, so it draws the content as the first round checked it, and with a new one, a render of
content new to it), the real kiosk (`python -m kiosk`, fullscreen on the offscreen 1920x1080 lobby screen, own state
folder, no speech engine; the folder stays from round to round, as in the lobby, so the kiosk shows the content as
the unmeasured first round checked it: kiosk/content_source/snapshot.py), the same with a new state folder (the
first start on content new to it, which reads and checks content.yaml as the floors read it), and, where a
`chromium` or `chromium-browser` is installed, a headless Chromium screenshot of the home screen's content as a
static page (home_page.py). Rounds interleave the programs so the machine's noise hits them all alike; one
unmeasured round first warms the disk cache. Times are wall time seen from here: from starting the process to its
exit, or to the line it writes at its first painted frame (the kiosk's log line "first frame painted", the bare
process's "painted"). A ratio is taken within each round and the figure is the median of the rounds' ratios. The
kiosk's first-frame ratio is "out of reach" only if the floor's own ratio was over the budget in every round.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import home_page
import offscreen
from figures import Figure, figure, report, skipped
from kiosk.content.loader import load_content

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SECTION = "cold start"
BARE_RATIO_BUDGET = 1.3
CHROMIUM_RATIO_BUDGET = 0.4
TIMEOUT_S = 120
NO_CHROMIUM = "chromium not installed"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=7, help="measured rounds, each starting every program once")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report(measure(args.rounds), args.json)
    return 0


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def measure(rounds: int, warm_rounds: int = 1) -> list[Figure]:
    environment = offscreen.environment()
    chromium = chromium_binary()
    times: dict[str, list[float]] = {
        "bare paint": [],
        "bare": [],
        "floor paint": [],
        "home floor paint": [],
        "render": [],
        "render, new content": [],
        "kiosk": [],
        "kiosk, new content": [],
        "chromium": [],
    }
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-start-") as name:
        folder = Path(name)
        page = home_page.write(folder, load_content(REPO / "content.yaml"), "nl") if chromium else None
        for index in range(warm_rounds + rounds):
            found = {}
            found["bare paint"], found["bare"] = _bare(folder, environment)
            found["floor paint"] = _floor(folder, environment)
            found["home floor paint"] = _home_floor(folder, environment)
            found["render"] = _render(folder, environment, folder / "state")
            found["render, new content"] = _render(folder, environment, folder / f"render-state-{index}")
            found["kiosk"] = _kiosk(folder, environment, folder / "state")
            found["kiosk, new content"] = _kiosk(folder, environment, folder / f"state-{index}")
            if chromium is not None and page is not None:
                found["chromium"] = _chromium(chromium, page, folder, environment)
            if index >= warm_rounds:
                for key, value in found.items():
                    times[key].append(value)
    floor_times = times["floor paint"]
    floor_ratios = _ratios(floor_times, times["bare paint"])
    figures = [
        figure(SECTION, "bare PySide6 label: process start to first paint", "ms", times["bare paint"]),
        figure(SECTION, "bare PySide6 label: ... and grab saved, to exit", "ms", times["bare"]),
        figure(SECTION, "python -m kiosk render --screen home: start to exit", "ms", times["render"]),
        figure(
            SECTION,
            "  ratio to the bare label and grab",
            "x",
            _ratios(times["render"], times["bare"]),
            BARE_RATIO_BUDGET,
        ),
        figure(SECTION, "render, on content new to it: start to exit", "ms", times["render, new content"]),
        figure(
            SECTION, "  ratio to the bare label and grab", "x", _ratios(times["render, new content"], times["bare"])
        ),
        figure(SECTION, "python -m kiosk: start to the first painted frame", "ms", times["kiosk"]),
        figure(
            SECTION,
            "  ratio to the bare label's first paint",
            "x",
            _ratios(times["kiosk"], times["bare paint"]),
            BARE_RATIO_BUDGET,
            floor=min(floor_ratios),  # a proof only if the floor was over in every round
        ),
        figure(
            SECTION,
            "python -m kiosk, first start on new content: to the first frame",
            "ms",
            times["kiosk, new content"],
        ),
        figure(
            SECTION,
            "  ratio to the bare label's first paint",
            "x",
            _ratios(times["kiosk, new content"], times["bare paint"]),
        ),
        figure(SECTION, "floor: bare label + YAML content, fonts: to first paint", "ms", floor_times),
        figure(SECTION, "  ratio to the bare label's first paint", "x", floor_ratios),
        figure(SECTION, "home floor: the floor + the home screen's widgets", "ms", times["home floor paint"]),
        figure(
            SECTION,
            "  ratio to the bare label's first paint",
            "x",
            _ratios(times["home floor paint"], times["bare paint"]),
        ),
    ]
    chromium_rows = ("headless Chromium screenshot of the home page: start to exit", "  render's ratio to Chromium")
    if chromium is None:
        figures.append(skipped(SECTION, chromium_rows[0], "ms", NO_CHROMIUM))
        figures.append(skipped(SECTION, chromium_rows[1], "x", NO_CHROMIUM, CHROMIUM_RATIO_BUDGET))
    else:
        figures.append(figure(SECTION, chromium_rows[0], "ms", times["chromium"]))
        ratios = _ratios(times["render"], times["chromium"])
        figures.append(figure(SECTION, chromium_rows[1], "x", ratios, CHROMIUM_RATIO_BUDGET))
    return figures


def _ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    return [top / bottom for top, bottom in zip(numerators, denominators, strict=True)]


def _bare(folder: Path, environment: dict[str, str]) -> tuple[float, float]:
    command = [sys.executable, str(HERE / "bare_window.py"), str(folder / "bare.png")]
    return _to_paint_and_exit(command, folder, environment, "bare")


def _floor(folder: Path, environment: dict[str, str]) -> float:
    command = [sys.executable, str(HERE / "floor_window.py"), str(REPO / "content.yaml"), str(folder / "floor.png")]
    return _to_paint_and_exit(command, folder, environment, "floor")[0]


def _home_floor(folder: Path, environment: dict[str, str]) -> float:
    command = [sys.executable, str(HERE / "home_floor.py"), str(REPO / "content.yaml"), str(folder / "home.png")]
    return _to_paint_and_exit(command, folder, environment, "home-floor")[0]


def _to_paint_and_exit(command: list[str], folder: Path, environment: dict[str, str], name: str) -> tuple[float, float]:
    """Milliseconds from the start to the "painted" line (bare_window.FirstPaint), and to the exit."""
    with _log(folder, name) as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, env=environment)  # noqa: S603
        painted = _time_of_line(process, process.stdout, "painted", started)
        _finish(process, command)
        ended = (time.perf_counter() - started) * 1000
    return painted, ended


def _render(folder: Path, environment: dict[str, str], state: Path) -> float:
    out = folder / "render"
    command = [sys.executable, "-m", "kiosk", "--state-dir", str(state), "render", "--out", str(out)]
    command += ["--screen", "home", "--lang", "nl", "--size", "1920x1080"]
    return _to_exit(command, folder, environment, "render")


def _kiosk(folder: Path, environment: dict[str, str], state: Path) -> float:
    """The real program, as the lobby starts it (fullscreen), until its first frame; then asked to stop."""
    command = [sys.executable, "-m", "kiosk", "--state-dir", str(state), "--speech-engine", "none"]
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment
    )
    painted = _time_of_line(process, process.stderr, "first frame painted", started)
    process.terminate()  # SIGTERM: the kiosk quits from its event loop
    try:
        process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
    return painted


def _chromium(binary: str, page: Path, folder: Path, environment: dict[str, str]) -> float:
    command = [binary, "--headless", f"--screenshot={folder / 'chromium.png'}", "--window-size=1920,1080"]
    command += ["--hide-scrollbars", f"--user-data-dir={folder / 'chromium-profile'}"]
    if os.geteuid() == 0:
        command.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return _to_exit([*command, page.as_uri()], folder, environment, "chromium")


def _to_exit(command: list[str], folder: Path, environment: dict[str, str], name: str) -> float:
    with _log(folder, name) as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=log, env=environment)  # noqa: S603
        _finish(process, command)
        return (time.perf_counter() - started) * 1000


def _time_of_line(process: subprocess.Popen[str], stream: IO[str] | None, text: str, started: float) -> float:
    """Milliseconds from started to the first line of the stream holding text."""
    assert stream is not None
    for line in stream:
        if text in line:
            return (time.perf_counter() - started) * 1000
    process.wait(timeout=TIMEOUT_S)
    raise SystemExit(f"bench: {process.args!r} ended ({process.returncode}) without writing {text!r}")


def _finish(process: subprocess.Popen[str] | subprocess.Popen[bytes], command: list[str]) -> None:
    try:
        process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SystemExit(f"bench: {command!r} took more than {TIMEOUT_S} s") from None
    if process.returncode != 0:
        raise SystemExit(f"bench: {command!r} failed ({process.returncode})")


def _log(folder: Path, name: str) -> IO[str]:
    """Where a process's own output goes: a file, so a full pipe never stalls it."""
    return (folder / f"{name}.log").open("a", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
