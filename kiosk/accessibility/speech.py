"""Read-aloud's voice: QtTextToSpeech with a voice for each of the content's languages, or no voice at all.

A touchscreen is closed functionality, so the kiosk must speak for itself (EN 301 549 5.1.3.1). On Linux the
engine is speech-dispatcher ("speechd") with espeak-ng, from Debian's packages speech-dispatcher, espeak-ng and
speech-dispatcher-espeak-ng. Without an engine, or without a voice for the visitor's language, the read-aloud
button is hidden, never shown broken. Qt's "mock" engine (no sound, a word every 50-100 ms) is for tests only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

MOCK_ENGINE = "mock"
# Qt's engine for each platform, in the order tried: speech-dispatcher on Linux, the system's own elsewhere.
PREFERRED_ENGINES = ("speechd", "flite", "winrt", "sapi", "darwin", "macos", "android")
_BUSY = (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing)


class ReadAloud(QObject):
    """Says a text in a language, interrupting whatever it was saying; knows which languages it has a voice for."""

    speaking_changed = Signal(bool)
    said = Signal(str, str)  # the text handed to the engine, and its language: what a visitor hears

    def __init__(self, engine: QTextToSpeech, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        engine.setParent(self)
        self._voices: dict[str, tuple[QLocale, QVoice] | None] = {}
        self._speaking = False
        engine.stateChanged.connect(self._state_changed)
        engine.errorOccurred.connect(self._error)

    @classmethod
    def start(cls, engine: str | None = None, parent: QObject | None = None) -> ReadAloud | None:
        """The named engine, or the first of Qt's engines for this platform that starts; None if none does."""
        available = QTextToSpeech.availableEngines()
        names = [engine] if engine else [name for name in PREFERRED_ENGINES if name in available]
        names += [] if engine else [name for name in available if name not in names and name != MOCK_ENGINE]
        for name in names:
            speech = QTextToSpeech(name)
            if speech.state() != QTextToSpeech.State.Error:
                log.info("read aloud: the %s speech engine is ready", name)
                return cls(speech, parent)
            log.warning("read aloud: the %s speech engine did not start: %s", name, speech.errorString() or "no reason")
            speech.deleteLater()
        log.warning(
            "read aloud: no speech engine (found: %s), so the read-aloud button stays hidden; "
            "on Debian: apt-get install speech-dispatcher espeak-ng speech-dispatcher-espeak-ng",
            ", ".join(name for name in available if name != MOCK_ENGINE) or "none",
        )
        return None

    @property
    def engine_name(self) -> str:
        return self.engine.engine()

    @property
    def speaking(self) -> bool:
        return self.engine.state() in _BUSY

    def voice_for(self, language: str) -> tuple[QLocale, QVoice] | None:
        """The engine's locale and voice for a language code: its main country's first, else any of its countries'."""
        if language not in self._voices:
            self._voices[language] = self._find_voice(language)
        return self._voices[language]

    def can_speak(self, language: str) -> bool:
        return self.voice_for(language) is not None

    def report(self, languages: Iterable[str]) -> None:
        """Log the voice found for each language, so IT staff can see why a language has no read-aloud."""
        for language in languages:
            found = self.voice_for(language)
            if found is None:
                log.warning(
                    "read aloud: the %s engine has no %s voice, so visitors reading %s get no read-aloud button",
                    self.engine_name,
                    language,
                    language,
                )
            else:
                locale, voice = found
                log.info("read aloud: %s in the voice %r (%s)", language, voice.name(), locale.name())

    def say(self, text: str, language: str) -> bool:
        """Start saying text in language, stopping what was being said; False if there is no voice for it."""
        found = self.voice_for(language)
        if found is None or not text:
            return False
        locale, voice = found
        if self.engine.locale() != locale:
            self.engine.setLocale(locale)
        if self.engine.voice() != voice:
            self.engine.setVoice(voice)
        self.engine.say(text)
        self.said.emit(text, language)
        return True

    def stop(self) -> None:
        if self.speaking or self.engine.state() == QTextToSpeech.State.Paused:
            self.engine.stop(QTextToSpeech.BoundaryHint.Immediate)

    def _find_voice(self, language: str) -> tuple[QLocale, QVoice] | None:
        wanted = QLocale(language)
        locales = [locale for locale in self.engine.availableLocales() if locale.language() == wanted.language()]
        locales.sort(key=lambda locale: (locale.territory() != wanted.territory(), locale.name()))
        before = self.engine.locale()
        found = None
        for locale in locales:
            self.engine.setLocale(locale)
            voices = self.engine.availableVoices()
            if voices:
                found = (locale, voices[0])
                break
        if self.engine.locale() != before:
            self.engine.setLocale(before)
        return found

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        speaking = state in _BUSY
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)

    def _error(self, reason: QTextToSpeech.ErrorReason, message: str) -> None:
        log.warning("read aloud: the %s engine reports %s: %s", self.engine_name, reason.name, message)
