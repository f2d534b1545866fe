"""The kiosk's content: the typed model here; reading and checking content.yaml in kiosk.content.loader.

The loader (PyYAML and every check) is not imported with the model: a start that finds its content already checked
(kiosk/content_source/snapshot.py) shows it without them.
"""

from kiosk.content.model import Checked, Contact, Content, GoalTile, Language, Link, Topic, Translated
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
]
