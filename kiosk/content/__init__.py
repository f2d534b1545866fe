"""The kiosk's content: the typed model and the loader that checks content.yaml against it."""

from kiosk.content.loader import Checked, check_bytes, check_file, load_content, parse_content
from kiosk.content.model import Contact, Content, GoalTile, Language, Link, Topic, Translated
from kiosk.content.problems import ContentError, Problem

__all__ = [
    "Checked",
    "Contact",
    "Content",
    "ContentError",
    "GoalTile",
    "Language",
    "Link",
    "Problem",
    "Topic",
    "Translated",
    "check_bytes",
    "check_file",
    "load_content",
    "parse_content",
]
