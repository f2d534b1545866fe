"""The PIN pad between the hidden gesture and the admin panel: large keys, dots instead of digits, a way out."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.admin.pin import PIN_MAX_DIGITS, PinLock, Verdict
from kiosk.widgets.in_reach import InReachLayout
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.text import TextLabel

# The panel is for IT staff, so its words live here rather than in content.yaml.
TITLE = "Beheer · Admin"
ENTER = "Voer de pincode in · Enter the PIN"
WRONG = "Onjuiste pincode · Wrong PIN"
LOCKED = "Geblokkeerd, nog {seconds} s · Locked, {seconds} s to go"
FILLED, EMPTY = "\u25cf", "\u25cb"  # ● ○
# What screen readers and read-aloud say about the keys, in both languages like the rest of the pad.
DIGIT_HINT = "Cijfer van de pincode · A digit of the PIN"
DELETE_HINT = "Wist het laatste cijfer · Deletes the last digit"
OK_HINT = "Controleert de pincode · Checks the PIN"
CANCEL_HINT = "Terug naar de kiosk · Back to the kiosk"
TICK_MS = 1000


class PinPad(Overlay):
    """Emits `accepted` for the right PIN; `cancelled` when staff (or a curious visitor) back out."""

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, window: QWidget, lock: PinLock, *, tick_ms: int = TICK_MS) -> None:
        super().__init__(window)
        self.lock = lock
        self.entry = ""
        self.card = QFrame()
        self.card.setProperty("role", "dialog")
        self.title = TextLabel(TITLE, role="heading")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.dots = TextLabel(role="title", wrap=False)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.status = TextLabel(role="muted")
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.digits: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(theme.SPACING // 2)
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_key(digit), index // 3, index % 3)
        self.clear = self._key("\u2190", self._erase)  # ← removes the last digit
        self.clear.setAccessibleName("Wissen · Delete")
        self.ok = self._key("OK", self._submit)
        grid.addWidget(self.clear, 3, 0)
        grid.addWidget(self._digit_key("0"), 3, 1)
        grid.addWidget(self.ok, 3, 2)
        self.cancel = QPushButton("Annuleren · Cancel")
        self.cancel.setProperty("role", "secondary")
        self.cancel.clicked.connect(self._cancel)
        for button in self.digits.values():
            button.setAccessibleDescription(DIGIT_HINT)
        self.clear.setAccessibleDescription(DELETE_HINT)
        self.ok.setAccessibleDescription(OK_HINT)
        self.cancel.setAccessibleDescription(CANCEL_HINT)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.dots)
        layout.addWidget(self.status)
        layout.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.cancel)
        layout.addLayout(row)
        outer = InReachLayout(self, theme.MARGIN)  # every key within a seated visitor's reach
        outer.addWidget(self.card)
        self._tick = QTimer(self)
        self._tick.setInterval(tick_ms)
        self._tick.timeout.connect(self._show_lock)

    def _digit_key(self, digit: str) -> QPushButton:
        button = self._key(digit, partial(self._type, digit))
        self.digits[digit] = button
        return button

    def _key(self, text: str, on_click: object) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumSize(theme.PIN_KEY_SIZE, theme.PIN_KEY_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False: on_click())  # type: ignore[operator]
        return button

    def ask(self) -> None:
        """Show the pad empty, or locked with the time left."""
        self.entry = ""
        self._show_entry()
        self.status.setText(ENTER)
        self.open()
        self._show_lock()

    def close_pad(self) -> None:
        self._tick.stop()
        self.entry = ""
        self.hide()

    def _type(self, digit: str) -> None:
        if len(self.entry) < PIN_MAX_DIGITS:
            self.entry += digit
            self._show_entry()

    def _erase(self) -> None:
        self.entry = self.entry[:-1]
        self._show_entry()

    def _submit(self) -> None:
        if not self.entry:
            return
        verdict = self.lock.try_pin(self.entry)
        self.entry = ""
        self._show_entry()
        if verdict is Verdict.ACCEPTED:
            self.close_pad()
            self.accepted.emit()
        elif verdict is Verdict.WRONG:
            self.status.setText(WRONG)
        else:
            self._show_lock()

    def go_back(self) -> None:
        self._cancel()

    def _cancel(self) -> None:
        self.close_pad()
        self.cancelled.emit()

    def _show_entry(self) -> None:
        # As many dots as digits typed, never the digits; one empty dot shows where the next goes.
        self.dots.setText(" ".join(FILLED * len(self.entry) + (EMPTY if len(self.entry) < PIN_MAX_DIGITS else "")))

    def _show_lock(self) -> None:
        left = self.lock.locked_for()
        locked = left > 0
        for button in (*self.digits.values(), self.clear, self.ok):
            button.setEnabled(not locked)
        if locked:
            self.status.setText(LOCKED.format(seconds=int(left + 0.999)))
            if not self._tick.isActive():
                self._tick.start()
        elif self._tick.isActive():
            self._tick.stop()
            self.status.setText(ENTER)

    @property
    def locked(self) -> bool:
        return not self.ok.isEnabled()
