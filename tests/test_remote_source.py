"""One content source for a fleet: a URL polled with ETags, cached atomically, surviving every network failure."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED
from content_server import ContentServer
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_first_frame import run_probe

from kiosk.content_source.manager import ContentManager
from kiosk.content_source.remote import FetchError, check_source_url
from kiosk.content_source.status import ContentStatus
from kiosk.paths import content_cache_dir
from kiosk.shell import KioskShell

TEXT = SHIPPED.read_text(encoding="utf-8")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ContentServer]:
    folder = tmp_path / "www"
    shutil.copytree(REPO / "resources", folder / "resources")
    (folder / "content.yaml").write_text(TEXT, encoding="utf-8")
    running = ContentServer(folder).start()
    yield running
    running.stop()


@pytest.fixture
def owner(qapp: QApplication) -> Iterator[QObject]:
    """Parent of the test's content managers, deleted on the GUI thread when the test ends.

    Left to Python's garbage collector, a manager's timers could be freed on the fetch thread.
    """
    parent = QObject()
    yield parent
    parent.deleteLater()
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def manager_for(url: str, state: Path, owner: QObject) -> ContentManager:
    return ContentManager(url, state, poll_interval_ms=3_600_000, fetch_timeout_s=0.5, parent=owner)


@pytest.fixture
def started(qtbot: QtBot, server: ContentServer, tmp_path: Path, owner: QObject) -> ContentManager:
    """A manager that has fetched and shown the server's content once."""
    manager = manager_for(server.url, tmp_path / "state", owner)
    with qtbot.waitSignal(manager.content_changed, timeout=10_000):
        manager.start()
    return manager


def wait_for_status(qtbot: QtBot, manager: ContentManager, condition: object) -> ContentStatus:
    with qtbot.waitSignal(manager.status_changed, timeout=10_000, check_params_cb=condition) as blocker:  # type: ignore[arg-type]
        pass
    return blocker.args[0]  # type: ignore[no-any-return, index]


def test_a_first_fetch_shows_the_content_and_caches_it_with_its_images(
    qtbot: QtBot, server: ContentServer, tmp_path: Path, owner: QObject
) -> None:
    manager = manager_for(server.url, tmp_path / "state", owner)
    with qtbot.waitSignal(manager.content_changed, timeout=10_000) as shown:
        assert manager.start() is None  # nothing cached yet: the fetch runs in the background
    content = shown.args[0]
    assert content.topic("europe").title["nl"] == "Utrecht in Europa"
    assert content.image_path(content.topic("europe").artwork).is_file()
    assert str(content_cache_dir(tmp_path / "state")) in str(content.base_dir)
    assert "/resources/artwork/europe.svg" in [path for path, _ in server.requests]


def test_an_unchanged_file_is_asked_for_with_its_etag_and_not_downloaded_again(
    qtbot: QtBot, server: ContentServer, started: ContentManager
) -> None:
    manager = started
    with qtbot.assertNotEmitted(manager.content_changed):
        manager.reload_now()
        wait_for_status(qtbot, manager, lambda status: status.last_checked_at is not None)
    last_path, last_headers = server.requests[-1]
    assert last_path == "/content.yaml"
    assert last_headers.get("If-None-Match", "").startswith('"')


def test_a_changed_file_is_picked_up_on_the_next_poll(
    qtbot: QtBot, server: ContentServer, started: ContentManager
) -> None:
    manager = started
    (server.folder / "content.yaml").write_text(TEXT.replace("Utrecht in Europa\n", "Europa!\n", 1), encoding="utf-8")
    with qtbot.waitSignal(manager.content_changed, timeout=10_000) as changed:
        manager.reload_now()
    assert changed.args[0].topic("europe").title["nl"] == "Europa!"


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("404", "answered 404"), ("500", "answered 500"), ("hang", "timed out"), ("truncate", "broke off")],
)
def test_every_network_failure_keeps_the_last_good_content(
    qtbot: QtBot, server: ContentServer, started: ContentManager, mode: str, reason: str
) -> None:
    manager = started
    shown = manager.current
    (server.folder / "content.yaml").write_text(TEXT + "\n# a change\n", encoding="utf-8")
    server.mode = mode
    manager.reload_now()
    status = wait_for_status(qtbot, manager, lambda s: bool(s.last_error))
    assert reason in (status.last_error or "")
    assert manager.current is shown


def test_invalid_remote_content_is_refused_and_the_last_good_stays(
    qtbot: QtBot, server: ContentServer, started: ContentManager
) -> None:
    manager = started
    shown = manager.current
    (server.folder / "content.yaml").write_text(TEXT.replace("    en: Back\n", ""), encoding="utf-8")
    manager.reload_now()
    status = wait_for_status(qtbot, manager, lambda s: s.rejected_version is not None)
    assert any("'en' translation is missing" in problem for problem in status.rejected_problems)
    assert manager.current is shown


def test_a_restart_without_network_shows_the_cached_content_at_once(
    qtbot: QtBot, server: ContentServer, tmp_path: Path, owner: QObject
) -> None:
    first = manager_for(server.url, tmp_path / "state", owner)
    with qtbot.waitSignal(first.content_changed, timeout=10_000):
        first.start()
    server.stop()
    again = manager_for(server.url, tmp_path / "state", owner)
    content = again.start()
    assert content is not None
    assert content.image_path(content.topic("europe").artwork).is_file()
    status = wait_for_status(qtbot, again, lambda s: bool(s.last_error))
    assert "could not be read" in (status.last_error or "")
    assert again.current is content


def test_a_damaged_cache_is_ignored_not_fatal(
    qtbot: QtBot, server: ContentServer, tmp_path: Path, owner: QObject
) -> None:
    cache = content_cache_dir(tmp_path / "state")
    cache.mkdir(parents=True)
    (cache / "current.json").write_text("{not json", encoding="utf-8")
    manager = manager_for(server.url, tmp_path / "state", owner)
    with qtbot.waitSignal(manager.content_changed, timeout=10_000):
        assert manager.start() is None
    assert manager.current is not None


def test_server_down_and_no_cache_shows_the_calm_screen_with_a_note_for_staff(
    qtbot: QtBot, server: ContentServer, tmp_path: Path, owner: QObject
) -> None:
    url = server.url
    server.stop()
    manager = manager_for(url, tmp_path / "state", owner)
    assert manager.start() is None
    shell = KioskShell(manager, windowed=True)
    shown = shell.show()
    qtbot.addWidget(shown)
    assert shell.unavailable is shown
    wait_for_status(qtbot, manager, lambda s: bool(s.last_error))
    assert "could not be read" in shell.unavailable.staff_note.text()
    assert shell.window is None


# The real `python -m kiosk`, stopped right after its first frame: how often it had looked at its URL before that
# frame, and how often as the frame was reported.
LOOKS_PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
from kiosk import cli
from kiosk.content_source.manager import ContentManager
looks = []
look = ContentManager.reload_now
def reload_now(self):
    looks.append(1)
    look(self)
ContentManager.reload_now = reload_now
report = cli._first_frame
def first_frame(*args):
    before = len(looks)
    report(*args)
    print(json.dumps({"before_the_first_frame": before, "at_the_first_frame": len(looks) - before}), flush=True)
    QCoreApplication.quit()
cli._first_frame = first_frame
raise SystemExit(cli.main(sys.argv[1:]))
"""


@pytest.mark.e2e
def test_a_start_with_cached_content_looks_at_the_url_after_its_first_frame(
    server: ContentServer, started: ContentManager, tmp_path: Path
) -> None:
    """The fetch would compete with the first frame for the CPU; the cached version is on screen meanwhile."""
    arguments = ["--content", server.url, "--state-dir", str(tmp_path / "state"), "--speech-engine", "none"]
    assert run_probe(LOOKS_PROBE, *arguments) == {"before_the_first_frame": 0, "at_the_first_frame": 1}


@pytest.mark.e2e
def test_a_start_without_cached_content_looks_at_the_url_at_once(server: ContentServer, tmp_path: Path) -> None:
    arguments = ["--content", server.url, "--state-dir", str(tmp_path / "state"), "--speech-engine", "none"]
    looks = run_probe(LOOKS_PROBE, *arguments)
    assert looks["before_the_first_frame"] == 1  # the calm screen shows until the content is fetched


@pytest.mark.parametrize(
    "url", ["http://example.org/content.yaml", "ftp://127.0.0.1/content.yaml", "file:///etc/passwd"]
)
def test_plain_http_is_only_for_this_machine(url: str) -> None:
    with pytest.raises(FetchError, match="https only"):
        check_source_url(url)


def test_validate_takes_a_url_and_names_it_in_problems(server: ContentServer) -> None:
    run = [sys.executable, "-m", "kiosk", "validate", server.url]
    good = subprocess.run(run, capture_output=True, text=True, cwd=REPO, check=False, timeout=60)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.strip().startswith(f"{server.url}: valid")
    (server.folder / "content.yaml").write_text(TEXT.replace("email: publicaffairs@utrecht.nl", "email: nope"), "utf-8")
    bad = subprocess.run(run, capture_output=True, text=True, cwd=REPO, check=False, timeout=60)
    assert bad.returncode == 1
    assert f"{server.url}:" in bad.stdout
    assert "'nope' is not an e-mail address" in bad.stdout
