"""A content label wraps a word too wide for it, with a hyphen, instead of cutting it off; other words stay whole."""

from __future__ import annotations

from helpers import words_too_wide
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.widgets.text import SOFT_HYPHEN, TextLabel

COMPOUND = "Ontwikkelingssamenwerkingsprogramma"


def shown(qtbot: QtBot, text: str, width: int) -> TextLabel:
    label = TextLabel(text, role="title")
    qtbot.addWidget(label)
    label.setFixedWidth(width)
    with qtbot.waitExposed(label):
        label.show()
    return label


def test_a_word_wider_than_the_label_wraps_instead_of_being_cut_off(qtbot: QtBot) -> None:
    label = shown(qtbot, f"Het {COMPOUND} van Utrecht", 300)
    assert QFontMetrics(label.font()).horizontalAdvance(COMPOUND) > label.contentsRect().width()  # so it can fail
    assert SOFT_HYPHEN in QLabel.text(label)
    assert QLabel.text(label).replace(SOFT_HYPHEN, "") == f"Het {COMPOUND} van Utrecht"
    assert label.text() == f"Het {COMPOUND} van Utrecht"  # the text as set, for read-aloud and the tests
    assert words_too_wide(label) == []
    assert label.heightForWidth(300) > QFontMetrics(label.font()).lineSpacing() * 2  # it takes the lines it needs


def test_words_that_fit_are_left_as_they_are(qtbot: QtBot) -> None:
    label = shown(qtbot, "Utrecht in Europa", 600)
    assert QLabel.text(label) == "Utrecht in Europa"


def test_the_label_follows_its_width_both_ways(qtbot: QtBot) -> None:
    label = shown(qtbot, COMPOUND, 300)
    assert SOFT_HYPHEN in QLabel.text(label)
    label.setFixedWidth(QFontMetrics(label.font()).horizontalAdvance(COMPOUND) + 50)
    qtbot.waitUntil(lambda: QLabel.text(label) == COMPOUND)
    label.setText(f"{COMPOUND}!")  # a new text is measured against the width it has now
    assert QLabel.text(label) == f"{COMPOUND}!"


def test_an_editors_own_soft_hyphens_are_kept_when_they_are_enough(qtbot: QtBot) -> None:
    parts = ["Ontwikkelings", "samenwerkings", "programma"]
    label = shown(qtbot, SOFT_HYPHEN.join(parts), 2000)
    metrics = label.fontMetrics()
    widest = max(metrics.horizontalAdvance(part + "-") for part in parts)
    assert widest < metrics.horizontalAdvance("".join(parts))  # so the word itself needs breaking

    label.setFixedWidth(widest + 10)
    qtbot.waitUntil(lambda: label.contentsRect().width() == widest + 10)
    assert QLabel.text(label) == SOFT_HYPHEN.join(parts)
    assert words_too_wide(label) == []

    label.setFixedWidth(widest - 10)  # not enough: then a break point between every two letters
    qtbot.waitUntil(lambda: QLabel.text(label).count(SOFT_HYPHEN) > 2)
    assert words_too_wide(label) == []


def test_a_text_set_while_hidden_is_fitted_when_shown(qtbot: QtBot) -> None:
    label = shown(qtbot, "Utrecht", 300)
    label.hide()
    label.setText(COMPOUND)  # a screen built ahead: its layout sees the whole word until it is shown
    assert QLabel.text(label) == COMPOUND
    label.show()
    assert SOFT_HYPHEN in QLabel.text(label)
    assert words_too_wide(label) == []


def test_a_larger_text_in_the_same_width_is_fitted_again(qtbot: QtBot) -> None:
    label = shown(qtbot, COMPOUND, 2000)
    assert QLabel.text(label) == COMPOUND
    larger = label.font()
    larger.setPixelSize(label.fontMetrics().height() * 3)
    label.setFont(larger)  # as a visitor's 200 % does, through the style sheet
    qtbot.waitUntil(lambda: QFontMetrics(label.font()).horizontalAdvance(COMPOUND) > label.width())
    assert SOFT_HYPHEN in QLabel.text(label)
    assert words_too_wide(label) == []
