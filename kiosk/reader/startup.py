"""What QtWebEngine needs before the QApplication exists: the kiosk's switches, refusals, shared OpenGL contexts.

QtWebEngine reads Chromium's command-line switches (after --webEngineArgs on the application's command line, or
from QTWEBENGINE_CHROMIUM_FLAGS, which then wins outright) and needs OpenGL contexts shared application-wide;
both must be settled before the QApplication is made, so this runs first, from create_application(), without
loading QtWebEngine. Its URL schemes may be declared until its first profile exists: kiosk:// is registered by
the reader's first profile (register_scheme), so QtWebEngine's library waits for the first "Read here" and
the home screen's first frame never waits for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, MutableMapping, Sequence

log = logging.getLogger(__name__)

CHROMIUM_FLAGS = "QTWEBENGINE_CHROMIUM_FLAGS"
REMOTE_DEBUGGING = "QTWEBENGINE_REMOTE_DEBUGGING"
DISABLE_SANDBOX = "QTWEBENGINE_DISABLE_SANDBOX"
WEB_ENGINE_ARGS = "--webEngineArgs"
NO_SANDBOX = "--no-sandbox"
# The kiosk's own switches: two fingers never zoom a page, and a sideways swipe never goes back a page.
KIOSK_SWITCHES = ("--disable-pinch", "--overscroll-history-navigation=0")
# Switches that would let anyone on the network drive the reader, or switch off what keeps pages apart.
REFUSED_SWITCHES = (
    "--remote-debugging",  # -port, -pipe, -address: the developer tools, over the network
    "--auto-open-devtools-for-tabs",
    "--disable-web-security",
    "--ignore-certificate-errors",
    "--allow-running-insecure-content",
    "--allow-file-access-from-files",
)


class UnsafeSettingsError(RuntimeError):
    """A setting in the environment or on the command line that would break the reader's lockdown."""


def prepare_web_engine(argv: Sequence[str], environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Before the QApplication: refuse unsafe settings, share OpenGL contexts, and return argv with the kiosk's
    switches."""
    # Here, not at the top: `python -m kiosk validate` imports this module and needs no Qt at all.
    from PySide6.QtCore import QCoreApplication, Qt  # noqa: PLC0415

    environ = os.environ if environ is None else environ
    refuse_unsafe_settings(argv, environ)
    # What QtWebEngine would set itself if it were loaded before the QApplication; loaded later without it, it
    # could not share its OpenGL contexts with the window's, and says so.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    return with_kiosk_switches(argv, environ)


def refuse_unsafe_settings(argv: Sequence[str], environ: Mapping[str, str]) -> None:
    """Raise UnsafeSettingsError naming every setting that opens the developer tools or drops a protection."""
    found = [f"{REMOTE_DEBUGGING} is set"] if REMOTE_DEBUGGING in environ else []
    for where, switches in (("on the command line", argv), (f"in {CHROMIUM_FLAGS}", _flags(environ))):
        found += [f"{switch} {where}" for switch in switches if switch.startswith(REFUSED_SWITCHES)]
    if found:
        raise UnsafeSettingsError(
            f"refusing to start: {'; '.join(found)}. These would let the developer tools or a page past the "
            "reader's lockdown; remove them"
        )


def with_kiosk_switches(argv: Sequence[str], environ: MutableMapping[str, str]) -> list[str]:
    """argv with the kiosk's switches after --webEngineArgs; or, if QTWEBENGINE_CHROMIUM_FLAGS is set, added there."""
    if CHROMIUM_FLAGS in environ:
        present = _flags(environ)
        environ[CHROMIUM_FLAGS] = " ".join([*present, *(s for s in KIOSK_SWITCHES if s not in present)])
        return list(argv)
    missing = [switch for switch in KIOSK_SWITCHES if switch not in argv]
    return [*argv, *missing] if WEB_ENGINE_ARGS in argv else [*argv, WEB_ENGINE_ARGS, *missing]


def register_scheme() -> None:
    """Declare kiosk:// to QtWebEngine, once, before its first profile (ReaderProfile calls it first): Qt takes no
    scheme after that, and says so in a warning of its own."""
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme  # noqa: PLC0415

    from kiosk.reader.policy import BUNDLED_SCHEME  # noqa: PLC0415  (with the reader, not before the first frame)

    name = BUNDLED_SCHEME.encode()
    if QWebEngineUrlScheme.schemeByName(name).name() == name:
        return
    scheme = QWebEngineUrlScheme(name)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # A secure context, like https. Not a "local" scheme: local pages could not load their own style sheet
    # with LocalContentCanAccessFileUrls off. What a bundled page may load is set by the Content-Security-Policy
    # it is served with (its own files only, no scripts), and file:// stays closed either way.
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def sandbox_switched_off_by(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """What switches Chromium's sandbox off, the way QtWebEngine reads it, or None while the sandbox is on."""
    if DISABLE_SANDBOX in environ:
        return DISABLE_SANDBOX
    if NO_SANDBOX in _flags(environ):
        return f"{NO_SANDBOX} in {CHROMIUM_FLAGS}"
    if NO_SANDBOX in argv:
        return f"{NO_SANDBOX} on the command line"
    return None


def engine_may_start(argv: Sequence[str], environ: Mapping[str, str], euid: int) -> bool:
    """Log where Chromium's sandbox stands; False where starting QtWebEngine would abort the whole kiosk."""
    switched_off = sandbox_switched_off_by(argv, environ)
    if euid == 0 and switched_off is None:
        # Chromium's zygote ends the process: the lobby would lose the kiosk, not just the reader.
        log.error(
            "the kiosk runs as root, and Chromium will not start as root with its sandbox on: the reader is off. "
            "Run the kiosk as an ordinary user"
        )
        return False
    if euid == 0:
        log.warning(
            "the kiosk runs as root, so pages are read without Chromium's sandbox (%s): fine for tests and CI, "
            "never in the lobby; run the kiosk as an ordinary user",
            switched_off,
        )
    elif switched_off is not None:
        log.warning("Chromium's sandbox is off (%s): pages read in the kiosk are less contained", switched_off)
    return True


def _flags(environ: Mapping[str, str]) -> list[str]:
    # QtWebEngine splits the variable at spaces, without quoting.
    return environ.get(CHROMIUM_FLAGS, "").split()
