"""One log line per event on stderr, Qt's own messages included, so journald keeps one readable story."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

# Said by the offscreen platform (render, tests) about a window manager it does not have: not news.
_QT_NOT_NEWS = ("This plugin does not support propagateSizeHints()",)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )


def route_qt_messages() -> None:
    """Send Qt's warnings into the same log, under the logger name qt.<category>."""
    qInstallMessageHandler(_log_qt_message)


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    level = logging.DEBUG if message in _QT_NOT_NEWS else _QT_LEVELS.get(kind, logging.WARNING)
    logging.getLogger(f"qt.{category}").log(level, "%s", message)
