"""The render command in a visitor's look, and the mounting given on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from kiosk import cli, theme
from kiosk.accessibility import reach


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
