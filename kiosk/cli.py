"""The command line: run the kiosk, validate content, render screens to PNG."""

from __future__ import annotations

import argparse
import logging
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.accessibility import reach
from kiosk.accessibility.reach import Mounting, parse_mounting
from kiosk.content import Content, ContentError
from kiosk.feature_hook import remove_feature_import_hook
from kiosk.logs import configure_logging
from kiosk.reader.startup import UnsafeSettingsError

if TYPE_CHECKING:
    from datetime import date

    from PySide6.QtCore import QObject

    from kiosk.content_source.manager import ContentManager
    from kiosk.content_source.snapshot import ContentSnapshot
    from kiosk.lobby import Lobby
    from kiosk.shell import KioskShell
    from kiosk.usage.store import UsageCounter
    from kiosk.watchdog import SystemdNotifier, Watchdog
    from kiosk.window import KioskWindow

log = logging.getLogger("kiosk")

DEFAULT_CONTENT = Path(__file__).resolve().parent.parent / "content.yaml"
EXIT_INVALID = 1
EXIT_NO_DISPLAY = 2
EXIT_UNSAFE_SETTINGS = 3  # e.g. QTWEBENGINE_REMOTE_DEBUGGING: the reader would be open to the network
MAX_RENDER_SIDE = 7680  # pixels: an 8K screen


COMMANDS = ("validate", "schema", "status", "stats", "set-pin", "render")


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line. To start the kiosk, only its own options are set up: building the six commands' parsers
    as well took 4-5 ms of the way to the first frame (argparse looks up each of its messages' translations)."""
    given = sys.argv[1:] if argv is None else argv
    if not any(word in (*COMMANDS, "-h", "--help") for word in given):
        args, rest = build_parser(commands=False).parse_known_args(given)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(given)  # a command, help, or a mistake: said with every command in view


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="utrecht-kiosk",
        description="The international-affairs kiosk in the lobby of Utrecht city hall.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--content",
        default=str(DEFAULT_CONTENT),
        help="the content file, or an https URL of one (default: %(default)s)",
    )
    parser.add_argument(
        "--state-dir", type=Path, default=None, help="where status, cache and settings live (default: per user)"
    )
    parser.add_argument(
        "--poll-interval",
        type=_positive_seconds,
        default=60,
        metavar="SECONDS",
        help="how often a content URL is checked for a new version (default: %(default)s)",
    )
    parser.add_argument(
        "--windowed", action="store_true", help="a resizable preview window with a pointer, for IT staff"
    )
    parser.add_argument("--lang", help="the language to start in (default: the first in the content)")
    parser.add_argument(
        "--mounting",
        type=_mounting,
        default=None,
        metavar="MM[@LONGxSHORT]",
        help="the screen's lower edge above the floor in mm, and optionally the panel's size in mm, e.g. 800@708x398: "
        "controls stay within reach, 380-1220 mm above the floor (default: 800@708x398)",
    )
    parser.add_argument(
        "--speech-engine",
        default="auto",
        metavar="NAME",
        help="the Qt text-to-speech engine for read-aloud, or none to leave it out (default: auto, i.e. speechd)",
    )
    parser.add_argument(
        "--restart-above",
        type=_positive_megabytes,
        default=None,
        metavar="MB",
        help="under systemd (Restart=always): end between visitors, to be started again, once the kiosk uses more "
        "than this many MB; never in its first hour (default: never)",
    )
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    if commands:
        _add_commands(parser)
    return parser


def _add_commands(parser: argparse.ArgumentParser) -> None:
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check a content file; exit 1 and list every problem if it is broken"
    )
    validate.add_argument("path", nargs="?", default=None, help="a content file or an https URL (default: --content)")

    schema = commands.add_parser("schema", help="write the JSON Schema that editors use to check content.yaml")
    schema.add_argument("--out", type=Path, default=DEFAULT_CONTENT.with_name("content.schema.json"))

    status = commands.add_parser(
        "status", help="which content version the kiosk shows, and why the last one was refused"
    )

    stats = commands.add_parser("stats", help="usage counts per kind, day and name (counts only, never visitors)")
    stats.add_argument("--since", type=_day, metavar="DATE", help="from this day on, YYYY-MM-DD (default: every day)")
    stats.add_argument("--csv", action="store_true", help="CSV for a spreadsheet (day,kind,name,count), not tables")
    set_pin = commands.add_parser(
        "set-pin", help="set the admin panel's PIN: asks twice (or reads one line from a pipe), stores only a hash"
    )
    set_pin.add_argument(
        "--print-hash", action="store_true", help="print the hash for $UTRECHT_KIOSK_PIN_HASH instead of saving it"
    )
    for command in (status, stats, set_pin):
        # Also after the command, where IT staff type it; SUPPRESS keeps a --state-dir given before it.
        command.add_argument("--state-dir", type=Path, default=argparse.SUPPRESS, help="the kiosk's state folder")

    render = commands.add_parser("render", help="render every screen to PNG, without a display")
    render.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    render.add_argument("--size", action="append", help="WxH, e.g. 1920x1080 (default: 1920x1080 and 1080x1920)")
    render.add_argument("--lang", dest="render_lang", help="one language (default: every language)")
    render.add_argument("--screen", help="one screen: home, contact or a topic id (default: every screen)")
    render.add_argument(
        "--contrast", choices=["default", "high"], default="default", help="the colours (default: %(default)s)"
    )
    render.add_argument(
        "--text-scale",
        type=int,
        choices=[100, 150, 200],
        default=100,
        metavar="PERCENT",
        help="the text size a visitor can choose: 100, 150 or 200 (default: %(default)s)",
    )


def _positive_seconds(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of seconds, 1 or more")
    return int(text)


def _positive_megabytes(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of megabytes, 1 or more")
    return int(text)


def _mounting(text: str) -> Mounting:
    try:
        return parse_mounting(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _day(text: str) -> date:
    from datetime import date  # only `stats --since` needs it

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give a day as YYYY-MM-DD, e.g. 2026-01-31") from None


def main(argv: list[str] | None = None) -> int:
    remove_feature_import_hook()  # before the imports below and in run(): each one would pay for it
    args = parse_arguments(argv)
    configure_logging(args.log_level)
    if args.mounting is not None:
        reach.configure(args.mounting)
    if args.command in ("validate", "schema", "status"):
        from kiosk import content_commands
        from kiosk.paths import state_dir

        if args.command == "validate":
            return content_commands.validate(args.path or args.content)
        if args.command == "schema":
            return content_commands.write_schema(args.out)
        return content_commands.print_status(state_dir(args.state_dir))
    if args.command == "stats":
        from kiosk.paths import state_dir
        from kiosk.usage.report import print_stats
        from kiosk.usage.store import database_file

        return print_stats(database_file(state_dir(args.state_dir)), args.since, as_csv=args.csv)
    if args.command == "render":
        return render(args)
    if args.command == "set-pin":
        from kiosk.admin.pin import settings_file
        from kiosk.admin.set_pin import set_pin
        from kiosk.paths import state_dir

        return set_pin(settings_file(state_dir(args.state_dir)), print_hash=args.print_hash)
    return run(args)


def _load_or_report(source: str, snapshot: ContentSnapshot | None = None) -> Content | None:
    from kiosk.content_commands import check_source

    try:
        return check_source(source, snapshot).content
    except ContentError as error:
        for problem in error.errors:
            log.error("%s", problem)
        log.error("the content at %s has problems; run: python -m kiosk validate %s", source, source)
        return None


def render(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QSize

    from kiosk import theme
    from kiosk.application import create_application
    from kiosk.content_source.snapshot import ContentSnapshot
    from kiosk.paths import render_snapshot_file, state_dir
    from kiosk.render import DEFAULT_SIZES, render_screens

    # Content unchanged since the last render (the same files, to the byte) is shown as that render checked it.
    content = _load_or_report(args.content, ContentSnapshot(render_snapshot_file(state_dir(args.state_dir))))
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
            if max(int(match[1]), int(match[2])) > MAX_RENDER_SIDE:
                print(f"--size {text}: at most {MAX_RENDER_SIDE} pixels a side (an 8K screen)", file=sys.stderr)
                return EXIT_INVALID
            sizes.append(QSize(int(match[1]), int(match[2])))
    languages = [args.render_lang] if args.render_lang is not None else None
    if args.render_lang is not None and args.render_lang not in content.language_codes:
        print(f"--lang {args.render_lang}: the content offers {', '.join(content.language_codes)}", file=sys.stderr)
        return EXIT_INVALID
    try:
        create_application([sys.argv[0]], offscreen=True)
    except UnsafeSettingsError as error:
        print(f"utrecht-kiosk: {error}", file=sys.stderr)
        return EXIT_UNSAFE_SETTINGS
    from kiosk.window import screen_names

    names = [args.screen] if args.screen else None
    if args.screen:
        known = screen_names(content)
        if args.screen not in known:
            print(f"--screen {args.screen}: the screens are {', '.join(known)}", file=sys.stderr)
            return EXIT_INVALID
    look = theme.appearance(high_contrast=args.contrast == "high", scale=args.text_scale / 100)
    try:
        written = render_screens(content, args.out, sizes, languages, names, look=look)
    except OSError as error:
        print(f"utrecht-kiosk: cannot write the pictures to {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"rendered {len(written)} screens to {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    import faulthandler

    from kiosk.display import NO_DISPLAY_MESSAGE, display_available

    # A crash, or systemd's watchdog killing a frozen kiosk (SIGABRT), leaves every thread's stack in the log.
    faulthandler.enable()

    if not display_available():
        print(f"utrecht-kiosk: {NO_DISPLAY_MESSAGE}", file=sys.stderr)
        return EXIT_NO_DISPLAY

    from kiosk.admin.facts import describe_screen
    from kiosk.application import create_application
    from kiosk.content_source.manager import ContentManager
    from kiosk.lobby import Lobby
    from kiosk.memory import MemoryCeiling
    from kiosk.paths import state_dir
    from kiosk.shell import KioskShell

    try:
        app = create_application([sys.argv[0]])
    except UnsafeSettingsError as error:
        log.error("%s", error)
        return EXIT_UNSAFE_SETTINGS
    manager = ContentManager(  # its status file is written after the first frame (_first_frame)
        args.content,
        state_dir(args.state_dir),
        poll_interval_ms=args.poll_interval * 1000,
        write_status=False,
        parent=app,
    )
    content = manager.start(check_now=False)  # a URL is looked at again after the first frame (_first_frame)
    if content is not None and args.lang and args.lang not in content.language_codes:
        print(f"--lang {args.lang}: the content offers {', '.join(content.language_codes)}", file=sys.stderr)
        return EXIT_INVALID
    shell = KioskShell(manager, windowed=args.windowed, language=args.lang)
    # Crash containment and lockdown from here on; sessions and the admin panel after the first frame.
    lobby = Lobby(
        app,
        manager,
        state_dir=state_dir(args.state_dir),
        kiosk_mode=not args.windowed,
        speech_engine=args.speech_engine,
        ceiling=None if args.restart_above is None else MemoryCeiling(args.restart_above, _restart_for_memory),
    )
    manager.content_changed.connect(lobby.content_changed)
    services = BackgroundServices(app, state_dir(args.state_dir))
    shell.first_frame.connect(lambda: _first_frame(shell, lobby, services, manager))
    shell.show()
    log.info(
        "kiosk %s started: %s (%s, content version %s), %s mode, Qt platform %s, screen %s",
        __version__,
        args.content,
        f"{len(content.topics)} topics, languages {', '.join(content.language_codes)}" if content else "no content yet",
        manager.status.version or "none",
        "windowed" if args.windowed else "fullscreen",
        app.platformName(),
        describe_screen(app.primaryScreen()),
    )
    _quit_on_signals(app, on_stop=services.stopping)
    code = app.exec()
    manager.write_status()  # a kiosk stopped before its first frame says what it had loaded all the same
    services.stop()
    log.info("kiosk stopped")
    return code


class BackgroundServices:
    """What starts once the first frame is painted, and stops with the kiosk: systemd's readiness and watchdog, and
    the usage counts.

    The watchdog is there for a kiosk whose screen froze; until the first frame, TimeoutStartSec watches the start
    (systemd.service(5): the watchdog is activated when the start-up is completed). Their modules (a socket,
    SQLite, a queue) are loaded then too, which the first frame no longer waits for.
    """

    def __init__(self, app: QObject, state: Path) -> None:
        self._app = app
        self._state = state
        self.notifier: SystemdNotifier | None = None
        self.watchdog: Watchdog | None = None
        self.usage: UsageCounter | None = None

    def start(self, status: str) -> UsageCounter:
        """Tell systemd the kiosk is ready (status: what it shows), start pinging its watchdog and counting."""
        from kiosk.usage.store import UsageCounter, database_file
        from kiosk.watchdog import SystemdNotifier, Watchdog

        notifier = SystemdNotifier()
        notifier.ready(status)
        self.notifier = notifier  # from here on, a SIGTERM sends STOPPING=1: after READY=1, never before it
        self.watchdog = Watchdog(notifier, parent=self._app)
        self.watchdog.start()
        self.usage = UsageCounter(database_file(self._state))
        self.usage.start()  # opening the database on its own thread would have competed with the first frame
        return self.usage

    def stopping(self) -> None:
        """STOPPING=1 to systemd (SIGTERM's handler and the end of the event loop); nothing before READY=1."""
        if self.notifier is not None:
            self.notifier.stopping()

    def stop(self) -> None:
        self.stopping()
        if self.watchdog is not None:
            self.watchdog.stop()
        if self.usage is not None:
            self.usage.stop()


def _first_frame(shell: KioskShell, lobby: Lobby, services: BackgroundServices, manager: ContentManager) -> None:
    log.info("first frame painted; the kiosk is ready")
    version = manager.status.version
    # systemctl status shows the STATUS line beside the unit.
    usage = services.start(f"showing content version {version}" if version else "showing 'temporarily unavailable'")
    manager.write_status()  # for `python -m kiosk status`; flushed to the disk, which the first frame did not wait for
    if manager.remote:
        manager.reload_now()  # the first look at the URL for a newer version would have competed with it too
    if shell.window is not None:
        _complete(lobby, usage, shell.window)
    else:  # the 'temporarily unavailable' screen, until content arrives
        shell.window_created.connect(lambda window: _complete(lobby, usage, window))


def _complete(lobby: Lobby, usage: UsageCounter, window: KioskWindow) -> None:
    """What waits until the lobby sees a screen: sessions and the admin panel, the usage counts, the other screens
    (one at a time, in idle time), read-aloud's voice (speech-dispatcher takes seconds to start). QtWebEngine waits
    for the first "Read here": Chromium costs about 100 MB, which a kiosk nobody reads a page on never needs.
    """
    from PySide6.QtCore import QTimer

    from kiosk.usage.recorder import UsageRecorder

    UsageRecorder(window, usage.count)
    lobby.attach(window, usage.snapshot)
    QTimer.singleShot(0, window.prepare_screens)
    QTimer.singleShot(0, lobby.start_speech)


def _restart_for_memory() -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.memory import EXIT_RESTART

    # From the event loop, as for a stop: app.exec() returns EXIT_RESTART, and systemd starts the kiosk again.
    QTimer.singleShot(0, lambda: QCoreApplication.exit(EXIT_RESTART))


def _quit_on_signals(app: object, on_stop: Callable[[], object] | None = None) -> None:
    """SIGTERM (systemd stopping the kiosk) and Ctrl+C end the event loop cleanly."""
    from PySide6.QtCore import QCoreApplication, QTimer

    def stop(signum: int, _frame: object) -> None:
        log.info("received %s; stopping", signal.Signals(signum).name)
        if on_stop is not None:
            on_stop()  # STOPPING=1: systemd knows this exit is the one it asked for
        # The handler may run inside any Python slot or event filter, even halfway through a paint:
        # quitting from the event loop itself closes the windows at a quiet moment.
        QTimer.singleShot(0, QCoreApplication.quit)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Python runs signal handlers only between bytecodes; a slow heartbeat lets it in.
    heartbeat = QTimer(app)  # type: ignore[arg-type]
    heartbeat.start(250)
    heartbeat.timeout.connect(lambda: None)
