"""One log line per event on stderr, Qt's own messages included, so journald keeps one readable story."""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from kiosk.journal import JournalFormatter, stderr_is_journal

# Said by the offscreen platform (render, tests) about a window manager it does not have: not news.
_QT_NOT_NEWS = ("This plugin does not support propagateSizeHints()",)
# Said by QtWebEngine as it looks for a GPU on the offscreen platform, which has none: Chromium then draws
# in software, which is all offscreen needs. On a real display the same words are news, so only offscreen.
_QT_NOT_NEWS_OFFSCREEN = (
    "QRhiGles2: Failed to create temporary context",
    "QRhiGles2: Failed to create context",
    "Failed to create RHI for backend: OpenGL",
    "This plugin does not support createPlatformVulkanInstance",
    "QVulkanInstance: Failed to initialize Vulkan",
    "GBM is not supported with the current configuration and Vulkan is not available. Fallback to software rendering.",
    "GPUInfo not initialized on GpuInfoUpdate",
    # The offscreen platform's one screen is 800x800: a finger flicking a text that scrolls further out in a larger
    # window (a tall screen, a large text) starts a gesture over no screen at all, and Qt's gesture manager says so.
    "QGestureManager::deliverEvents: could not find the target for gesture",
)

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
    if stderr_is_journal():  # under systemd: journald keeps the time and reads each line's priority
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JournalFormatter())


def route_qt_messages() -> None:
    """Send Qt's warnings into the same log, under the logger name qt.<category>."""
    qInstallMessageHandler(_log_qt_message)


def _log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    not_news = message in _QT_NOT_NEWS or (
        message in _QT_NOT_NEWS_OFFSCREEN and os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    )
    level = logging.DEBUG if not_news else _QT_LEVELS.get(kind, logging.WARNING)
    logging.getLogger(f"qt.{category}").log(level, "%s", message)
