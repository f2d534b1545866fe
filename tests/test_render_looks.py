"""The render command in a visitor's look, and the mounting given on the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import LANDSCAPE, PORTRAIT
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kiosk import cli, theme
from kiosk.accessibility import reach
from kiosk.content import Content
from kiosk.render import render_screens, settle
from kiosk.window import KioskWindow


def test_render_shows_high_contrast_at_200_percent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = cli.build_parser().parse_args(
        ["render", "--out", str(tmp_path), "--screen", "contact", "--lang", "en", "--size", "1080x1920",
         "--contrast", "high", "--text-scale", "200"]
    )  # fmt: skip
    code = cli.render(args)  # in this process: main() would set up logging over pytest's
    assert code == 0
    image = QImage(str(tmp_path / "contact-en-1080x1920-contrast-200.png"))
    assert not image.isNull()
    assert image.pixelColor(image.width() // 2, 2) == QColor(theme.HIGH_CONTRAST.header)
    assert theme.current() == theme.DEFAULT_APPEARANCE, "the look is put back after rendering"
    assert "rendered 1 screens" in capsys.readouterr().out


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_rendered_picture_is_the_window_as_a_screen_shows_it(
    size: QSize, tmp_path: Path, make_window: Callable[..., KioskWindow], content: Content, qapp: QApplication
) -> None:
    """render lays its window out as if shown but paints it only into the pictures (WA_DontShowOnScreen): each
    picture is what a window shown on a screen looks like."""
    pictures = render_screens(content, tmp_path, [size], ["en"])
    window = make_window(size)
    window.set_language("en")
    assert [picture.name.split("-en-")[0] for picture in pictures] == window.screen_names
    for name, picture in zip(window.screen_names, pictures, strict=True):
        window.open(name)
        settle(qapp)
        on_screen = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert QImage(str(picture)).convertToFormat(QImage.Format.Format_RGB32) == on_screen, name


def test_render_refuses_a_text_size_a_visitor_cannot_choose(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["render", "--out", "x", "--text-scale", "300"])
    assert "invalid choice: 300" in capsys.readouterr().err


def test_the_mounting_is_read_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = cli.build_parser().parse_args(["--mounting", "700@708x398", "status"])
    assert args.mounting == reach.Mounting(lower_edge_mm=700)
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["--mounting", "high"])
    assert "give the screen's lower edge above the floor in mm" in capsys.readouterr().err
