"""A topic screen: title, artwork, text, the Global Goals tiles where given, and QR cards to take along."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import theme
from kiosk.accessibility.spoken import sentences
from kiosk.content import Content, Topic
from kiosk.screens.base import Screen
from kiosk.screens.take_along import TakeAlong
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.goal_tiles import GoalTiles
from kiosk.widgets.text import TextLabel


class TopicScreen(Screen):
    """Text on one side and the take-along cards on the other; stacked on a tall screen."""

    read_requested = Signal(object)  # the Link whose page a visitor wants to read in the kiosk

    def __init__(self, content: Content, topic: Topic, parent: QWidget | None = None) -> None:
        super().__init__(content, parent)
        self.topic = topic
        self.artwork = Artwork(content.image_path(topic.artwork), theme.ARTWORK_SIZE)
        self.paragraphs: list[TextLabel] = []
        self.goals = GoalTiles(topic.goals) if topic.goals else None
        self.swipe_hint = TextLabel(role="muted")
        self.take_along = TakeAlong(content, topic.links, topic.contacts)
        self.take_along.read_requested.connect(self.read_requested)

        self._text_column = QVBoxLayout()
        self._text_column.setSpacing(theme.SPACING)
        self._text_column.addWidget(self.artwork)
        self._paragraph_at = self._text_column.count()
        if self.goals is not None:
            self._text_column.addWidget(self.goals)
        self._text_column.addWidget(self.swipe_hint)
        self._text_column.addStretch(1)

        self.set_columns(self._text_column, self.take_along, (4, 7))

    def show_language(self, language: str) -> None:
        self.header.set_texts(self.topic.title[language])
        self._set_paragraphs(self.topic.text[language].split("\n\n"))
        self.swipe_hint.setText(self.content.interface.swipe_hint[language])
        self.take_along.set_language(language)

    def spoken_text(self) -> str:
        """The title, the text, and what a visitor can take along, each address said as words."""
        topic, language = self.topic, self.language
        paragraphs = topic.text[language].split("\n\n")
        return sentences([topic.title[language], *paragraphs, self.take_along.spoken_text(self.address_words)])

    def _set_paragraphs(self, texts: list[str]) -> None:
        while len(self.paragraphs) < len(texts):
            label = TextLabel()
            self._text_column.insertWidget(self._paragraph_at + len(self.paragraphs), label)
            self.paragraphs.append(label)
        for label, text in zip(self.paragraphs, texts + [""] * len(self.paragraphs), strict=False):
            label.setText(" ".join(text.split()))
            label.setVisible(bool(text.strip()))
