"""Read-aloud's voice: Qt's mock engine for what would be said, and once the real engine, when it is installed."""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtTextToSpeech import QTextToSpeech
from pytestqt.qtbot import QtBot

from kiosk.accessibility.speech import MOCK_ENGINE, ReadAloud

SPEECHD = "speechd"


@pytest.fixture
def mock_speech(qtbot: QtBot) -> Iterator[ReadAloud]:
    speech = ReadAloud(QTextToSpeech(MOCK_ENGINE))
    speech.engine.setRate(1.0)  # the mock says a word every 50 ms at full rate
    yield speech
    speech.stop()
    speech.deleteLater()


def test_the_mock_engine_has_english_voices_and_no_dutch(mock_speech: ReadAloud) -> None:
    """Qt's mock engine offers English, Norwegian and Finnish: Dutch has no voice there, so no read-aloud."""
    assert mock_speech.can_speak("en")
    assert not mock_speech.can_speak("nl")
    found = mock_speech.voice_for("en")
    assert found is not None
    locale, voice = found
    assert locale.name() == "en_US"  # QLocale("en") is American English
    assert voice.name()


def test_saying_hands_the_text_to_the_engine_in_the_right_voice(qtbot: QtBot, mock_speech: ReadAloud) -> None:
    with qtbot.waitSignal(mock_speech.said) as said, qtbot.waitSignal(mock_speech.speaking_changed) as speaking:
        assert mock_speech.say("Help and contact.", "en")
    assert said.args == ["Help and contact.", "en"]
    assert speaking.args == [True]
    assert mock_speech.engine.locale().name() == "en_US"
    with qtbot.waitSignal(mock_speech.speaking_changed, timeout=5000) as finished:
        pass
    assert finished.args == [False]


def test_stop_is_immediate(qtbot: QtBot, mock_speech: ReadAloud) -> None:
    mock_speech.say("A long text that takes a while to say, one word after the other.", "en")
    assert mock_speech.speaking
    with qtbot.waitSignal(mock_speech.speaking_changed) as stopped:
        mock_speech.stop()
    assert stopped.args == [False]
    assert not mock_speech.speaking


def test_nothing_is_said_in_a_language_without_a_voice(qtbot: QtBot, mock_speech: ReadAloud) -> None:
    with qtbot.assertNotEmitted(mock_speech.said):
        assert not mock_speech.say("Hulp en contact.", "nl")


# Qt says so too, as a critical message; the kiosk's own log line, with what to do, is what counts.
@pytest.mark.qt_log_ignore('Text-to-speech plug-in "no-such-engine" is not supported')
def test_an_engine_that_does_not_start_gives_no_read_aloud(caplog: pytest.LogCaptureFixture) -> None:
    speech = ReadAloud.start("no-such-engine")
    assert speech is None
    assert "no speech engine" in caplog.text
    assert "no-such-engine speech engine did not start" in caplog.text


def test_the_voices_found_are_logged_for_it_staff(caplog: pytest.LogCaptureFixture, mock_speech: ReadAloud) -> None:
    caplog.set_level("INFO")
    mock_speech.report(["nl", "en"])
    assert "has no nl voice, so visitors reading nl get no read-aloud button" in caplog.text
    assert "read aloud: en in the voice" in caplog.text


@pytest.fixture
def private_speech_dispatcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """speech-dispatcher with espeak-ng, as the kiosk uses them, but private to this test and without a sound card.

    The kiosk's QTextToSpeech starts speech-dispatcher itself (autospawn), with the user's configuration and its
    socket under XDG_RUNTIME_DIR; here both are the test's own, and the sound goes to a file through ALSA's file
    plugin instead of a loudspeaker. Yields the file the speech is written to.
    """
    if SPEECHD not in QTextToSpeech.availableEngines():
        pytest.skip("Qt has no speechd plug-in on this machine")
    if (
        shutil.which("speech-dispatcher") is None
        or not Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng").exists()
    ):
        pytest.skip("speech-dispatcher with espeak-ng is not installed: scripts/install-system-packages installs them")
    sound = tmp_path / "speech.raw"
    config = tmp_path / "config" / "speech-dispatcher"
    config.mkdir(parents=True)
    (config / "speechd.conf").write_text(
        'Include "/etc/speech-dispatcher/speechd.conf"\n'
        'AudioOutputMethod "alsa"\n'
        f'AudioALSADevice "file:FILE={sound},FORMAT=raw"\n',
        encoding="utf-8",
    )
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SPEECHD_ADDRESS", raising=False)
    yield sound
    pid_file = runtime / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
    if pid_file.exists():  # the server this test's engine started, and only that one
        pid = int(pid_file.read_text().strip())
        if "speech-dispatcher" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"):
            os.kill(pid, signal.SIGTERM)


@pytest.mark.speech
def test_the_real_engine_speaks_dutch(qtbot: QtBot, private_speech_dispatcher: Path) -> None:
    speech = ReadAloud.start(SPEECHD)
    if speech is None:
        pytest.skip("the speechd engine did not start (see the log)")
    try:
        if not speech.can_speak("nl") or not speech.can_speak("en"):
            pytest.skip("espeak-ng has no Dutch or no English voice here")
        with qtbot.waitSignal(speech.speaking_changed, timeout=10_000) as started:
            speech.say("publicaffairs apenstaartje utrecht punt nl", "nl")
        assert started.args == [True]
        with qtbot.waitSignal(speech.speaking_changed, timeout=30_000) as finished:
            pass
        assert finished.args == [False]
        assert speech.engine.state() == QTextToSpeech.State.Ready
        assert private_speech_dispatcher.stat().st_size > 10_000, "espeak-ng's voice reached the sound output"
    finally:
        speech.deleteLater()


def test_the_packages_are_on_the_install_list() -> None:
    script = (Path(__file__).resolve().parent.parent / "scripts" / "install-system-packages").read_text()
    words = script.replace('"', " ").split()
    for package in ("speech-dispatcher", "espeak-ng", "speech-dispatcher-espeak-ng"):
        assert package in words, package
