"""The yardstick for the kiosk's start: a bare PySide6 process that shows a label, says when it is first painted,
and saves a grab of it.

    python bench/bare_window.py OUT.png

It prints "painted" once the label's first paint event has been handled (as kiosk/first_frame.py notices the
kiosk's), then grabs the window to OUT.png and exits. Fullscreen, like the kiosk, on whatever screen the platform
gives (cold_start.py gives it the offscreen 1920x1080 lobby screen).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class FirstPaint(QObject):
    """Prints, grabs and quits right after the window's first paint."""

    def __init__(self, window: QWidget, out: str) -> None:
        super().__init__(window)
        self._window = window
        self._out = out
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            QTimer.singleShot(0, self._painted)  # after this paint has finished
        return False

    def _painted(self) -> None:
        print("painted", flush=True)
        if not self._window.grab().save(self._out):
            raise SystemExit(f"could not write {self._out}")
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    label = QLabel("Utrecht internationaal")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    FirstPaint(label, sys.argv[1])
    label.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
