"""A running kiosk picks up good edits by itself and keeps the last good content through bad ones."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import LANDSCAPE, REPO, SHIPPED
from pytestqt.qtbot import QtBot

from kiosk.content_source import manager as manager_module
from kiosk.content_source.manager import ContentManager
from kiosk.content_source.status import ContentStatus, read_status, save_status
from kiosk.paths import status_file
from kiosk.render import settle
from kiosk.shell import KioskShell
from kiosk.window import KioskWindow

TEXT = SHIPPED.read_text(encoding="utf-8")
NEW_TITLE = "Utrecht in Europa (nieuw)"


@pytest.fixture
def kiosk_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    shutil.copytree(REPO / "resources", folder / "resources")
    (folder / "content.yaml").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def running(
    qtbot: QtBot, qapp: object, kiosk_folder: Path, tmp_path: Path
) -> Iterator[tuple[ContentManager, KioskWindow]]:
    manager = ContentManager(str(kiosk_folder / "content.yaml"), tmp_path / "state", debounce_ms=50)
    content = manager.start()
    assert content is not None
    window = KioskWindow(content)
    manager.content_changed.connect(window.offer_content)
    qtbot.addWidget(window)
    window.resize(LANDSCAPE)
    with qtbot.waitExposed(window):
        window.show()
    yield manager, window
    manager.deleteLater()


def edited() -> str:
    return TEXT.replace("      nl: Utrecht in Europa\n", f"      nl: {NEW_TITLE}\n", 1)


def europe_title(window: KioskWindow) -> str:
    return window.home_screen.tiles["europe"].title.text()


def test_a_good_edit_on_the_home_screen_is_shown_at_once(qtbot: QtBot, running: tuple, kiosk_folder: Path) -> None:
    manager, window = running
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert europe_title(window) == NEW_TITLE
    assert manager.status.version is not None


def test_a_visitor_reading_a_topic_keeps_the_screen_until_going_home(
    qtbot: QtBot, running: tuple, kiosk_folder: Path
) -> None:
    manager, window = running
    window.open("europe")
    before = window.current_screen().header.title.text()
    with qtbot.waitSignal(manager.content_changed, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    settle(qapp_instance())
    assert window.current == "europe"
    assert window.current_screen().header.title.text() == before
    with qtbot.waitSignal(window.content_replaced):
        window.go_home()
    assert europe_title(window) == NEW_TITLE


def test_an_editor_that_saves_by_renaming_a_new_file_over_the_old(
    qtbot: QtBot, running: tuple, kiosk_folder: Path
) -> None:
    _, window = running
    temporary = kiosk_folder / ".content.yaml.swp"
    temporary.write_text(edited(), encoding="utf-8")
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        os.replace(temporary, kiosk_folder / "content.yaml")
    assert europe_title(window) == NEW_TITLE
    # The watch survives the rename: a second edit is seen too.
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited().replace(NEW_TITLE, "Europa 3"), encoding="utf-8")
    assert europe_title(window) == "Europa 3"


def test_truncate_then_write_in_pieces_ends_with_the_whole_file(
    qtbot: QtBot, running: tuple, kiosk_folder: Path
) -> None:
    manager, window = running
    text = edited()
    with (
        qtbot.waitSignal(window.content_replaced, timeout=3000),
        (kiosk_folder / "content.yaml").open("w", encoding="utf-8") as file,
    ):
        file.write(text[: len(text) // 3])
        file.flush()
        file.write(text[len(text) // 3 :])
    assert europe_title(window) == NEW_TITLE
    assert manager.current is not None


def test_delete_and_recreate(qtbot: QtBot, running: tuple, kiosk_folder: Path) -> None:
    manager, window = running
    with qtbot.waitSignal(manager.status_changed, timeout=2000, check_params_cb=lambda s: bool(s.last_error)):
        (kiosk_folder / "content.yaml").unlink()
    assert "the file is missing" in (manager.status.last_error or "")
    assert europe_title(window) == "Utrecht in Europa"
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert europe_title(window) == NEW_TITLE
    assert manager.status.last_error is None


def test_a_broken_version_is_refused_then_the_fixed_one_is_shown(
    qtbot: QtBot, running: tuple, kiosk_folder: Path, tmp_path: Path
) -> None:
    manager, window = running
    window.open("business")
    broken = edited().replace("    en: Back\n", "")

    def refused(status: ContentStatus) -> bool:
        return status.rejected_version is not None

    with qtbot.waitSignal(manager.status_changed, timeout=2000, check_params_cb=refused):
        (kiosk_folder / "content.yaml").write_text(broken, encoding="utf-8")
    assert any("'en' translation is missing" in problem for problem in manager.status.rejected_problems)
    assert window.current == "business"
    window.go_home()
    assert europe_title(window) == "Utrecht in Europa"  # still the last good content
    saved = read_status(status_file(tmp_path / "state"))
    assert saved is not None
    assert saved.rejected_version == manager.status.rejected_version
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert europe_title(window) == NEW_TITLE


def test_an_edited_image_is_a_new_version(qtbot: QtBot, running: tuple, kiosk_folder: Path) -> None:
    manager, _ = running
    version = manager.status.version
    artwork = kiosk_folder / "resources" / "artwork" / "europe.svg"
    with qtbot.waitSignal(manager.content_changed, timeout=2000):
        artwork.write_text(artwork.read_text(encoding="utf-8").replace("</svg>", "<!-- edited --></svg>"))
    assert manager.status.version != version


def test_saving_the_same_bytes_again_changes_nothing(qtbot: QtBot, running: tuple, kiosk_folder: Path) -> None:
    manager, window = running
    with qtbot.assertNotEmitted(manager.content_changed, wait=300):
        (kiosk_folder / "content.yaml").write_text(TEXT, encoding="utf-8")
    assert europe_title(window) == "Utrecht in Europa"


def qapp_instance() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def test_a_missing_image_leaves_its_place_empty_and_the_rest_is_shown(
    qtbot: QtBot, running: tuple, kiosk_folder: Path
) -> None:
    manager, window = running
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "resources" / "artwork" / "europe.svg").unlink()
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert europe_title(window) == NEW_TITLE
    assert manager.status.rejected_version is None


def test_validate_still_calls_a_missing_image_an_error(kiosk_folder: Path) -> None:
    from kiosk.content import ContentError
    from kiosk.content.loader import check_file

    (kiosk_folder / "resources" / "artwork" / "europe.svg").unlink()
    with pytest.raises(ContentError, match=r"europe\.svg' does not exist"):
        check_file(kiosk_folder / "content.yaml")


def test_new_content_reaches_a_running_attract_loop(qtbot: QtBot, running: tuple, kiosk_folder: Path) -> None:
    from kiosk.session.controller import SessionController
    from kiosk.session.idle import SessionTimings

    _, window = running
    session = SessionController(window, SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=10, second_ms=5))
    session.start()
    session.reset("test")
    qtbot.waitUntil(session.attract.isVisible)
    with qtbot.waitSignal(window.content_replaced, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert session.attract.content is window.content
    assert europe_title(window) == NEW_TITLE
    session.stop()


def test_the_status_file_is_written_only_when_the_status_changes(
    qtbot: QtBot, qapp: object, kiosk_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each write is flushed to the disk (an SD card in the lobby): once at a start, never for the same content."""
    written: list[ContentStatus] = []

    def save_and_note(status: ContentStatus, path: Path) -> OSError | None:
        written.append(status)
        return save_status(status, path)

    monkeypatch.setattr(manager_module, "save_status", save_and_note)
    manager = ContentManager(str(kiosk_folder / "content.yaml"), tmp_path / "state", debounce_ms=50)
    assert manager.start() is not None
    assert [status.version for status in written] == [manager.status.version]
    manager.reload_now()  # the same bytes, checked again
    assert len(written) == 1
    with qtbot.waitSignal(manager.content_changed, timeout=2000):
        (kiosk_folder / "content.yaml").write_text(edited(), encoding="utf-8")
    assert len(written) == 2
    assert read_status(status_file(tmp_path / "state")) == manager.status
    manager.deleteLater()


def test_a_held_status_file_is_written_when_released(qapp: object, kiosk_folder: Path, tmp_path: Path) -> None:
    """The kiosk holds the status file back until its first frame; then it says what was loaded, once."""
    manager = ContentManager(str(kiosk_folder / "content.yaml"), tmp_path / "state", write_status=False)
    assert manager.start() is not None
    assert not status_file(tmp_path / "state").exists()
    manager.write_status()
    assert read_status(status_file(tmp_path / "state")) == manager.status
    assert manager.status.version is not None
    before = status_file(tmp_path / "state").stat().st_mtime_ns
    manager.write_status()  # nothing new to say
    assert status_file(tmp_path / "state").stat().st_mtime_ns == before
    manager.deleteLater()


def test_content_that_arrives_before_the_calm_screen_is_painted_gives_the_first_frame(
    qtbot: QtBot, qapp: object, kiosk_folder: Path, tmp_path: Path
) -> None:
    """The window then replaces a screen that was never painted: its own first paint is the kiosk's first frame
    (READY=1 to systemd, sessions and the admin panel hang on it), reported once."""
    content_file = kiosk_folder / "content.yaml"
    content_file.rename(kiosk_folder / "later.yaml")
    manager = ContentManager(str(content_file), tmp_path / "state", debounce_ms=50)
    assert manager.start() is None
    shell = KioskShell(manager, windowed=True)
    frames: list[bool] = []
    shell.first_frame.connect(lambda: frames.append(shell.window is not None))
    qtbot.addWidget(shell.show())
    (kiosk_folder / "later.yaml").rename(content_file)
    manager.reload_now()  # the content arrives at once, before the event loop has painted anything
    assert shell.window is not None
    assert shell.unavailable is None
    qtbot.addWidget(shell.window)
    qtbot.waitUntil(lambda: frames == [True])
    shell.window.repaint()
    assert frames == [True]
    manager.deleteLater()
