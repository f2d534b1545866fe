"""The admin panel: a long press on the city mark and the right PIN open it; wrong PINs lock the pad."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from conftest import LANDSCAPE, PORTRAIT
from helpers import clipped_texts
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk import theme
from kiosk.admin.access import AdminAccess
from kiosk.admin.facts import format_bytes, format_duration, memory_rss_bytes
from kiosk.admin.panel import EXIT_CONFIRM, AdminPanel, ContentStatusView
from kiosk.admin.pin import LOCKOUT_S, MAX_WRONG_PINS, PinLock, hash_pin
from kiosk.admin.pin_pad import FILLED
from kiosk.widgets.header import CITY_MARK
from kiosk.widgets.overlay import Overlay
from kiosk.window import KioskWindow

PIN = "2468"
PIN_HASH = hash_pin(PIN, log2_n=10)  # cheap to check: these tests type many PINs
HOLD_MS = 50


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Staff:
    """What the panel was asked to do."""

    reloads: int = 0
    exits: int = 0
    status: ContentStatusView = field(
        default_factory=lambda: ContentStatusView(
            source="/srv/kiosk/content.yaml",
            version="b6b79f214a0c",
            loaded_at="2026-11-27T09:00:00+01:00",
            rejected_version="0123456789ab",
            rejected_problems=("content.yaml:12:5: the 'en' translation is missing: add a line 'en: ...'",),
        )
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def staff() -> Staff:
    return Staff()


@pytest.fixture
def access(window: KioskWindow, clock: FakeClock, staff: Staff) -> Iterator[AdminAccess]:
    def reload() -> None:
        staff.reloads += 1

    def exit_kiosk() -> None:
        staff.exits += 1

    panel = AdminPanel(
        window,
        content_status=lambda: staff.status,
        reload_content=reload,
        exit_kiosk=exit_kiosk,
        clock=clock,
        started_at=clock.now - 3725,
    )
    lock = PinLock(PIN_HASH, clock=clock)
    admin = AdminAccess(window, panel, lock, lambda: window.current_screen().header.mark, hold_ms=HOLD_MS, tick_ms=5)
    admin.install()
    yield admin
    admin.uninstall()
    admin.close()


def mark_point(window: KioskWindow) -> QPoint:
    mark = window.current_screen().header.mark
    return mark.mapTo(window, mark.rect().center())


def press(window: QWidget, point: QPoint) -> None:
    handle = window.windowHandle()
    assert handle is not None
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def release(window: QWidget, point: QPoint) -> None:
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def hold_the_mark(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    point = mark_point(window)
    with qtbot.waitSignal(access.gesture.triggered):
        press(window, point)
    release(window, point)


def type_pin(qtbot: QtBot, access: AdminAccess, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(access.pin_pad.digits[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(access.pin_pad.ok, Qt.MouseButton.LeftButton)


def test_a_long_press_on_the_city_mark_and_the_right_pin_open_the_panel(
    qtbot: QtBot, window: KioskWindow, access: AdminAccess
) -> None:
    hold_the_mark(qtbot, window, access)
    pad = access.pin_pad
    assert pad.isVisible()
    for digit in PIN[:3]:
        qtbot.mouseClick(pad.digits[digit], Qt.MouseButton.LeftButton)
    assert pad.dots.text().count(FILLED) == 3
    assert not any(digit in pad.dots.text() for digit in "0123456789"), "dots, never digits"
    qtbot.mouseClick(pad.digits[PIN[3]], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()
    assert access.panel.isVisible()
    assert window.current == "home"


def test_the_gesture_works_on_a_topic_screen_too(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    window.open("europe")
    hold_the_mark(qtbot, window, access)
    assert access.pin_pad.isVisible()


def test_a_short_press_a_press_elsewhere_or_a_moving_finger_does_nothing(
    window: KioskWindow, access: AdminAccess
) -> None:
    point = mark_point(window)
    press(window, point)
    assert access.gesture.pending
    release(window, point)
    assert not access.gesture.pending
    title = window.home_screen.header.title
    elsewhere = title.mapTo(window, title.rect().center())
    press(window, elsewhere)
    assert not access.gesture.pending
    release(window, elsewhere)
    press(window, point)
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseMove(handle, point + QPoint(120, 0))
    assert not access.gesture.pending, "a finger that slides off is a swipe, not the gesture"
    release(window, point + QPoint(120, 0))
    assert not access.pin_pad.isVisible()


def test_a_press_on_the_mark_under_an_overlay_does_nothing(window: KioskWindow, access: AdminAccess) -> None:
    """The gesture listens at the window: it asks the window what is shown where the finger lands."""
    mark = window.findChild(QWidget, CITY_MARK)
    assert mark is window.current_screen().header.mark
    cover = Overlay(window)
    cover.open()
    point = mark_point(window)
    press(window, point)
    assert not access.gesture.pending
    release(window, point)
    cover.hide()
    press(window, point)
    assert access.gesture.pending
    release(window, point)


def test_the_window_losing_the_focus_cancels_the_press(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    press(window, mark_point(window))
    assert access.gesture.pending
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    with qtbot.waitActive(elsewhere):
        elsewhere.activateWindow()
    assert not access.gesture.pending


def test_cancel_closes_the_pad(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    hold_the_mark(qtbot, window, access)
    qtbot.mouseClick(access.pin_pad.cancel, Qt.MouseButton.LeftButton)
    assert not access.pin_pad.isVisible()
    assert not access.panel.isVisible()


def test_five_wrong_pins_lock_the_pad_for_a_minute(
    qtbot: QtBot, window: KioskWindow, access: AdminAccess, clock: FakeClock
) -> None:
    hold_the_mark(qtbot, window, access)
    pad = access.pin_pad
    for attempt in range(1, MAX_WRONG_PINS):
        type_pin(qtbot, access, "1111")
        assert "Wrong PIN" in pad.status.text(), attempt
        assert not pad.locked
    type_pin(qtbot, access, "1111")
    assert pad.locked
    assert "Locked, 60 s to go" in pad.status.text()
    assert not pad.digits["2"].isEnabled()
    type_pin(qtbot, access, PIN)  # the keys are dead: nothing is typed, nothing is tried
    assert not access.panel.isVisible()
    clock.now += LOCKOUT_S
    qtbot.waitUntil(lambda: not pad.locked)
    type_pin(qtbot, access, PIN)
    assert access.panel.isVisible()


def test_the_lock_holds_when_the_pad_is_closed_and_opened_again(
    qtbot: QtBot, window: KioskWindow, access: AdminAccess
) -> None:
    hold_the_mark(qtbot, window, access)
    for _ in range(MAX_WRONG_PINS):
        type_pin(qtbot, access, "1111")
    qtbot.mouseClick(access.pin_pad.cancel, Qt.MouseButton.LeftButton)
    hold_the_mark(qtbot, window, access)
    assert access.pin_pad.locked


def test_the_panel_shows_the_content_status_and_the_machine(
    qtbot: QtBot, window: KioskWindow, access: AdminAccess
) -> None:
    access.panel.show_panel()
    content = {name: label.text() for name, label in access.panel.content.values.items()}
    machine = {name: label.text() for name, label in access.panel.machine.values.items()}
    assert content["Source"] == "/srv/kiosk/content.yaml"
    assert content["On screen"] == "version b6b79f214a0c, loaded 2026-11-27T09:00:00+01:00"
    assert "version 0123456789ab" in content["Last refused"]
    assert "the 'en' translation is missing" in content["Last refused"]
    assert machine["Uptime"] == "1 h 02 min 05 s"
    assert machine["Memory"].endswith("MiB resident")
    screen = window.screen().size()
    assert machine["Screen"].startswith(f"{screen.width()} × {screen.height()} px")
    assert "dpi physical" in machine["Screen"]
    assert "Qt 6." in machine["Software"]
    assert "PySide6 6." in machine["Software"]
    assert "Python 3." in machine["Software"]


def test_reload_asks_the_content_owner_and_says_so(
    qtbot: QtBot, window: KioskWindow, access: AdminAccess, staff: Staff
) -> None:
    access.panel.show_panel()
    qtbot.mouseClick(access.panel.reload, Qt.MouseButton.LeftButton)
    assert staff.reloads == 1
    assert access.panel.result.text().startswith("Looked for new content at")


def test_exit_needs_a_second_tap(qtbot: QtBot, window: KioskWindow, access: AdminAccess, staff: Staff) -> None:
    access.panel.show_panel()
    qtbot.mouseClick(access.panel.exit, Qt.MouseButton.LeftButton)
    assert staff.exits == 0
    assert access.panel.exit.text() == EXIT_CONFIRM
    qtbot.mouseClick(access.panel.exit, Qt.MouseButton.LeftButton)
    assert staff.exits == 1


def test_the_touch_test_draws_where_the_fingers_are(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    access.panel.show_panel()
    qtbot.mouseClick(access.panel.touch, Qt.MouseButton.LeftButton)
    test = access.panel.touch_test
    assert test.isVisible()
    assert not access.panel.isVisible()
    canvas = test.canvas
    device = QTest.createTouchDevice()
    first, second = QPoint(200, 300), QPoint(900, 500)
    QTest.touchEvent(canvas, device).press(0, first, canvas).press(1, second, canvas).commit()
    assert sorted((p.toPoint().x(), p.toPoint().y()) for p in canvas.points.values()) == [(200, 300), (900, 500)]
    assert "Fingers now: 2" in test.fingers.text()
    image = canvas.grab().toImage()
    assert image.pixelColor(first + QPoint(20, 20)) == QColor(theme.PALETTE.button)
    QTest.touchEvent(canvas, device).release(0, first, canvas).release(1, second, canvas).commit()
    assert canvas.points == {}
    assert canvas.trail
    qtbot.mouseClick(test.back, Qt.MouseButton.LeftButton)
    assert not test.isVisible()
    assert access.panel.isVisible()


def test_closing_everything_closes_the_touch_test_too(qtbot: QtBot, window: KioskWindow, access: AdminAccess) -> None:
    access.panel.show_panel()
    qtbot.mouseClick(access.panel.touch, Qt.MouseButton.LeftButton)
    access.close()
    assert not access.panel.touch_test.isVisible()
    assert not access.panel.isVisible()


@pytest.mark.parametrize("size", [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")])
def test_pad_and_panel_fit_and_every_key_is_big_enough(make_window: object, size: QSize, staff: Staff) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    panel = AdminPanel(
        window,
        content_status=lambda: staff.status,
        reload_content=lambda: None,
        exit_kiosk=lambda: None,
        memory_ceiling_mb=600,  # the longest Memory line, as the systemd unit runs the kiosk
    )
    admin = AdminAccess(window, panel, PinLock(PIN_HASH), lambda: None)
    admin.ask_pin()
    assert clipped_texts(window) == []
    for key in (*admin.pin_pad.digits.values(), admin.pin_pad.ok, admin.pin_pad.clear, admin.pin_pad.cancel):
        assert key.height() >= theme.BUTTON_HEIGHT
        assert key.width() >= theme.BUTTON_HEIGHT
    admin.close()
    panel.show_panel()
    assert panel.machine.values["Memory"].text().endswith("MiB resident; restarts between visitors above 600\u00a0MB")
    assert clipped_texts(window) == []
    for button in (panel.reload, panel.touch, panel.exit, panel.close_button):
        assert button.height() >= theme.BUTTON_HEIGHT
    panel.close_panel()


def test_the_facts_read_well() -> None:
    assert format_duration(59) == "0 h 00 min 59 s"
    assert format_duration(2 * 86400 + 3600) == "2 d 1 h 00 min 00 s"
    assert format_bytes(None) == "unknown"
    assert format_bytes(512) == "512 B"
    assert format_bytes(150 * 1024 * 1024) == "150.0 MiB"
    rss = memory_rss_bytes()
    assert rss is not None
    assert rss > 10 * 1024 * 1024
