"""systemd's notify protocol and watchdog: READY=1, pings at half the interval from the GUI thread, and silence when
the GUI thread is frozen, seen through a fake notify socket."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.watchdog import SystemdNotifier, Watchdog, watchdog_interval_ms

INTERVAL_US = 100_000  # systemd's WatchdogSec, shortened to 100 ms: the kiosk pings every 50 ms


class FakeSystemd:
    """A datagram socket where systemd would listen; the test reads what the kiosk sent, without waiting."""

    def __init__(self, address: str | bytes) -> None:
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(address)
        self.socket.setblocking(False)
        self.received: list[str] = []

    def read(self) -> list[str]:
        """Every message queued so far (each datagram is one message)."""
        new = []
        while True:
            try:
                new.append(self.socket.recv(4096).decode())
            except BlockingIOError:
                break
        self.received += new
        return new

    def pings(self) -> int:
        self.read()
        return self.received.count("WATCHDOG=1")

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[FakeSystemd, dict[str, str]]]:
    path = tmp_path / "notify"
    fake = FakeSystemd(str(path))
    yield fake, {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": str(INTERVAL_US), "WATCHDOG_PID": str(os.getpid())}
    fake.close()


def test_ready_status_and_stopping_are_one_datagram_each(systemd: tuple[FakeSystemd, dict[str, str]]) -> None:
    fake, environ = systemd
    notifier = SystemdNotifier(environ)
    assert notifier.ready("showing the home screen")
    assert notifier.status("4 topics")
    assert notifier.stopping()
    assert notifier.stopping()  # once only: the SIGTERM handler and the end of the event loop both say it
    assert fake.read() == ["READY=1\nSTATUS=showing the home screen", "STATUS=4 topics", "STOPPING=1"]
    notifier.close()


def test_an_abstract_socket_name_starts_with_a_nul_byte(tmp_path: Path) -> None:
    name = f"utrecht-kiosk-test-{os.getpid()}-{tmp_path.name}"
    fake = FakeSystemd(b"\0" + name.encode())
    try:
        notifier = SystemdNotifier({"NOTIFY_SOCKET": f"@{name}"})
        assert notifier.address == b"\0" + name.encode()
        assert notifier.ready()
        assert fake.read() == ["READY=1"]
        notifier.close()
    finally:
        fake.close()


def test_outside_systemd_nothing_happens_and_nothing_fails(qtbot: QtBot) -> None:
    notifier = SystemdNotifier({})
    assert not notifier.enabled
    assert not notifier.ready()
    assert not notifier.ping()
    watchdog = Watchdog(notifier, {})
    watchdog.start()
    assert not watchdog.active


def test_a_socket_that_is_gone_is_logged_once_never_raised(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notifier = SystemdNotifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    assert notifier.enabled
    assert not notifier.ping()
    assert not notifier.ping()
    notifier.close()
    warnings = [record for record in caplog.records if "could not notify systemd" in record.getMessage()]
    assert len(warnings) == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15_000),  # WatchdogSec=30: a ping every 15 s
        ({"WATCHDOG_USEC": "100000", "WATCHDOG_PID": "4242"}, 50),
        ({"WATCHDOG_USEC": "100000", "WATCHDOG_PID": "1"}, None),  # meant for another process
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_the_ping_interval_is_half_what_systemd_asks(environ: dict[str, str], expected: int | None) -> None:
    assert watchdog_interval_ms(environ, pid=4242) == expected


def test_pings_stop_while_the_gui_thread_is_frozen_and_resume_after(
    qtbot: QtBot, systemd: tuple[FakeSystemd, dict[str, str]]
) -> None:
    """The pings come from the GUI thread's event loop: a frozen loop means no pings, so systemd restarts the kiosk."""
    fake, environ = systemd
    watchdog = Watchdog(SystemdNotifier(environ), environ)
    assert watchdog.interval_ms == INTERVAL_US // 2000
    watchdog.start()
    try:
        qtbot.waitUntil(lambda: fake.pings() >= 3, timeout=5000)
        fake.read()  # everything sent before the freeze is out of the way
        # The deliberate freeze: the GUI thread blocks, as in a deadlock, for six ping intervals.
        threading.Event().wait(6 * watchdog.interval_ms / 1000)
        assert fake.read() == [], "a ping was sent while the GUI thread was frozen"
        before = fake.pings()
        qtbot.waitUntil(lambda: fake.pings() >= before + 2, timeout=5000)
    finally:
        watchdog.stop()
        watchdog.notifier.close()
