"""Read aloud, high contrast, larger text and the keypad for the kiosk window, and their reset for the next visitor.

The bar's speaker button (or the keypad's read-aloud key) switches read-aloud on: the screen is read at once,
then every screen the visitor opens, every control the keypad reaches, and "Still there?" when it is asked.
Pressing it again stops. The contrast and text-size buttons restyle the whole kiosk. A session reset switches
everything off again.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.accessibility.keypad import KeypadNavigation
from kiosk.accessibility.reading import describe, visible_text
from kiosk.accessibility.settings import AppearanceSettings
from kiosk.accessibility.speech import ReadAloud
from kiosk.accessibility.spoken import AddressWords
from kiosk.input_tap import InputTap
from kiosk.screens import CONTACT, HOME
from kiosk.session.controller import SessionController
from kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class AccessibilityFeatures(QObject):
    """Connects the bar's toggles, the keypad and the session to read-aloud and the appearance of one window."""

    def __init__(
        self,
        window: KioskWindow,
        speech: ReadAloud | None = None,
        appearance: AppearanceSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.speech: ReadAloud | None = None
        self.appearance = appearance or AppearanceSettings(parent=self)
        self.keypad = KeypadNavigation(window, self)
        self.reading = False
        # A new screen is read once the change is complete: a language switch and the screen it redraws read once,
        # and a session reset (which goes home and to the first language before it switches reading off) not at all.
        self._reread = QTimer(self)
        self._reread.setSingleShot(True)
        self._reread.setInterval(0)
        self._reread.timeout.connect(self._read_on)
        bar = window.bar
        bar.read_aloud_requested.connect(self.toggle_reading)
        bar.contrast_requested.connect(self.appearance.toggle_high_contrast)
        bar.text_size_requested.connect(self.appearance.next_text_scale)
        # Restyling costs time for every widget: screens out of sight are let go and built again in idle time.
        self.appearance.about_to_change.connect(window.drop_hidden_screens)
        self.appearance.changed.connect(self._appearance_changed)
        window.screen_changed.connect(self._screen_changed)
        window.language_changed.connect(self._language_changed)
        window.content_replaced.connect(self._content_replaced)
        self.keypad.moved.connect(self._announce)
        self.keypad.back_requested.connect(self.go_back)
        self.keypad.read_aloud_requested.connect(self.toggle_reading)
        self._describe_arrows()
        self.set_speech(speech)

    def set_speech(self, speech: ReadAloud | None) -> None:
        """Read-aloud's voice; the speaker button shows once there is one for the visitor's language."""
        if self.speech is not None:
            self.stop_reading()
            self.speech.deleteLater()
        self.speech = speech
        if speech is not None:
            speech.setParent(self)
            speech.report(self.window.content.language_codes)
        self._show_state()

    def install(self, tap: InputTap | None = None) -> None:
        """Start listening to the keypad, at the window (kiosk/input_tap.py)."""
        self.keypad.install(tap)

    def uninstall(self) -> None:
        self.keypad.uninstall()

    def attach_session(self, session: SessionController) -> None:
        """Announce "Still there?" while reading aloud; switch everything off when the session resets."""
        session.session_reset.connect(self.reset)
        session.watcher.warning.connect(lambda _seconds: self._announce_overlay(session.still_there))

    @property
    def can_read(self) -> bool:
        """There is a voice for the language on screen."""
        return self.speech is not None and self.speech.can_speak(self.window.language)

    def toggle_reading(self) -> None:
        if self.reading:
            self.stop_reading()
        else:
            self.start_reading()

    def start_reading(self) -> None:
        if not self.can_read:
            log.info("read aloud asked for, but there is no voice for %s", self.window.language)
            return
        self.reading = True
        log.info("read aloud on")
        self._show_state()
        self.read_screen()

    def stop_reading(self) -> None:
        self._reread.stop()
        if self.speech is not None:
            self.speech.stop()
        if self.reading:
            self.reading = False
            log.info("read aloud off")
        self._show_state()

    def read_screen(self) -> None:
        """Say what is on screen now, from the start."""
        if self.speech is not None:
            self.speech.say(self.screen_text(), self.window.language)

    def screen_text(self) -> str:
        """What read-aloud says for what is on top: an open overlay, or the current screen."""
        overlay = self.keypad.top_overlay()
        if overlay is not None:
            return self._overlay_text(overlay)
        return self.window.current_screen().spoken_text()

    def go_back(self) -> None:
        """The keypad's Back key: close (or answer) what is open over the screen, else the bar's Back."""
        overlay = self.keypad.top_overlay()
        if overlay is not None:
            overlay.go_back()
        elif self.window.current != HOME:
            self.window.go_back()

    def reset(self) -> None:
        """Everything as the next visitor should find it: silent, default colours, 100 % text."""
        self.stop_reading()
        self.appearance.reset()
        self.keypad.keyboard_used = False

    def _overlay_text(self, overlay: QWidget) -> str:
        language = self.window.language
        words = self.window.content.interface.accessibility
        return visible_text(overlay, AddressWords.of(words, language), words.button[language])

    def _announce_overlay(self, overlay: QWidget) -> None:
        if self.reading and self.speech is not None:
            self.speech.say(self._overlay_text(overlay), self.window.language)

    def _announce(self, widget: QWidget) -> None:
        """The keypad moved to widget: say what it is."""
        if self.reading and self.speech is not None:
            words, language = self.window.content.interface.accessibility, self.window.language
            spoken = describe(widget, words.button[language], AddressWords.of(words, language))
            self.speech.say(spoken, language)

    def _screen_changed(self, name: str) -> None:
        self._describe_arrows()
        if self.keypad.keyboard_used:
            self.keypad.focus_first()
        if self.reading:
            self._reread.start()

    def _language_changed(self, language: str) -> None:
        self._describe_arrows()
        if self.reading and not self.can_read:
            self.stop_reading()
        self._show_state()
        if self.reading:
            self._reread.start()

    def _read_on(self) -> None:
        if self.reading:
            self.read_screen()

    def _content_replaced(self) -> None:
        if self.speech is not None:
            self.speech.report(self.window.content.language_codes)
        self._show_state()

    def _appearance_changed(self) -> None:
        self._show_state()
        self.window.prepare_screens()

    def _show_state(self) -> None:
        look = self.appearance.look
        self.window.bar.set_appearance(high_contrast=look.high_contrast, scale=look.scale)
        self.window.bar.set_read_aloud(available=self.can_read, on=self.reading)

    def _describe_arrows(self) -> None:
        """The topic arrows say where they lead: the previous and the next topic's title."""
        sequence, current = self.window.topic_sequence, self.window.current
        if current not in sequence:
            return
        index = sequence.index(current)
        bar, language, content = self.window.bar, self.window.language, self.window.content
        for button, name in ((bar.previous, sequence[index - 1]), (bar.next, sequence[(index + 1) % len(sequence)])):
            title = content.contact_page.title if name == CONTACT else content.topic(name).title
            button.setAccessibleDescription(title[language])
