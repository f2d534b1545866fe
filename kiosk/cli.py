"""The command line: run the kiosk, validate content, render screens to PNG."""

from __future__ import annotations

import argparse
import logging
import re
import signal
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.content import Content, ContentError, load_content
from kiosk.logs import configure_logging

log = logging.getLogger("kiosk")

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content.yaml"
EXIT_INVALID = 1
EXIT_NO_DISPLAY = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="utrecht-kiosk",
        description="The international-affairs kiosk in the lobby of Utrecht city hall.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="the content file (default: %(default)s)")
    parser.add_argument(
        "--windowed", action="store_true", help="a resizable preview window with a pointer, for IT staff"
    )
    parser.add_argument("--lang", help="the language to start in (default: the first in the content)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check a content file; exit 1 and list every problem if it is broken"
    )
    validate.add_argument("path", nargs="?", type=Path, default=None, help="the content file (default: --content)")

    render = commands.add_parser("render", help="render every screen to PNG, without a display")
    render.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    render.add_argument("--size", action="append", help="WxH, e.g. 1920x1080 (default: 1920x1080 and 1080x1920)")
    render.add_argument("--lang", dest="render_lang", help="one language (default: every language)")
    render.add_argument("--screen", help="one screen: home, contact or a topic id (default: every screen)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(args.log_level)
    if args.command == "validate":
        return validate(args.path or args.content)
    if args.command == "render":
        return render(args)
    return run(args)


def validate(path: Path) -> int:
    try:
        content = load_content(path)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        errors = sum(problem.severity == "error" for problem in error.problems)
        print(f"{path}: {errors} problem{'s' if errors != 1 else ''}; the kiosk keeps showing its last good content")
        return EXIT_INVALID
    print(
        f"{path}: valid: {len(content.topics)} topics, {len(content.contacts)} contacts, "
        f"languages {', '.join(content.language_codes)}"
    )
    return 0


def _load_or_report(path: Path) -> Content | None:
    try:
        return load_content(path)
    except ContentError as error:
        for problem in error.problems:
            log.error("%s", problem)
        log.error("the content file %s has problems; run: python -m kiosk validate %s", path, path)
        return None


def render(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QSize

    from kiosk.application import create_application
    from kiosk.render import DEFAULT_SIZES, render_screens

    content = _load_or_report(args.content)
    if content is None:
        return EXIT_INVALID
    sizes = list(DEFAULT_SIZES)
    if args.size:
        sizes = []
        for text in args.size:
            match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text)
            if not match:
                print(f"--size {text}: write it as WIDTHxHEIGHT, e.g. 1920x1080", file=sys.stderr)
                return EXIT_INVALID
            sizes.append(QSize(int(match[1]), int(match[2])))
    languages = [args.render_lang] if args.render_lang else None
    if args.render_lang and args.render_lang not in content.language_codes:
        print(f"--lang {args.render_lang}: the content offers {', '.join(content.language_codes)}", file=sys.stderr)
        return EXIT_INVALID
    create_application([sys.argv[0]], offscreen=True)
    from kiosk.window import KioskWindow

    names = [args.screen] if args.screen else None
    if args.screen:
        known = KioskWindow(content).screen_names
        if args.screen not in known:
            print(f"--screen {args.screen}: the screens are {', '.join(known)}", file=sys.stderr)
            return EXIT_INVALID
    written = render_screens(content, args.out, sizes, languages, names)
    print(f"rendered {len(written)} screens to {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    from kiosk.display import NO_DISPLAY_MESSAGE, display_available

    content = _load_or_report(args.content)
    if content is None:
        return EXIT_INVALID
    if args.lang and args.lang not in content.language_codes:
        print(f"--lang {args.lang}: the content offers {', '.join(content.language_codes)}", file=sys.stderr)
        return EXIT_INVALID
    if not display_available():
        print(f"utrecht-kiosk: {NO_DISPLAY_MESSAGE}", file=sys.stderr)
        return EXIT_NO_DISPLAY

    from kiosk.application import create_application
    from kiosk.first_frame import FirstFrameWatcher
    from kiosk.window import KioskWindow

    app = create_application([sys.argv[0]])
    window = KioskWindow(content)
    if args.lang:
        window.set_language(args.lang)
    FirstFrameWatcher(window, lambda: log.info("first frame painted; the kiosk is ready"))
    if args.windowed:
        window.setWindowTitle("Utrecht internationaal (preview)")
        window.resize(1280, 720)
        window.show()
    else:
        window.enter_kiosk_mode()
    log.info(
        "kiosk %s started: %s (%d topics, languages %s), %s mode, Qt platform %s",
        __version__,
        args.content,
        len(content.topics),
        ", ".join(content.language_codes),
        "windowed" if args.windowed else "fullscreen",
        app.platformName(),
    )
    _quit_on_signals(app)
    code = app.exec()
    log.info("kiosk stopped")
    return code


def _quit_on_signals(app: object) -> None:
    """SIGTERM (systemd stopping the kiosk) and Ctrl+C end the event loop cleanly."""
    from PySide6.QtCore import QCoreApplication, QTimer

    def stop(signum: int, _frame: object) -> None:
        log.info("received %s; stopping", signal.Signals(signum).name)
        QCoreApplication.quit()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Python runs signal handlers only between bytecodes; a slow heartbeat lets it in.
    heartbeat = QTimer(app)  # type: ignore[arg-type]
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
