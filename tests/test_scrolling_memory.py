"""Memory over months: building and dropping scroll areas (every new content version rebuilds the screens) must
leave nothing behind. Found by the soak test (`make soak`)."""

from __future__ import annotations

import gc
from enum import EnumType

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from kiosk.widgets.scrolling import KineticScrollArea

AREAS = 200


def enum_classes() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, EnumType))


@pytest.mark.xfail(
    reason="QScroller.grabGesture() registers a new gesture type for every scroll area, and PySide6 makes and keeps "
    "a new enum class (about 2.7 KB) for every Qt.GestureType value it has not seen: each scroll area ever built "
    "stays in memory. The soak reloads content about 1,100 times in 100,000 actions, which shows as RSS growth.",
    strict=True,
)
def test_scroll_areas_that_are_gone_leave_nothing_behind(qtbot: QtBot) -> None:
    for _ in range(10):  # whatever is made once, the first time, is not growth
        KineticScrollArea().deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    before = enum_classes()
    for _ in range(AREAS):
        KineticScrollArea().deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert enum_classes() - before < AREAS // 10
