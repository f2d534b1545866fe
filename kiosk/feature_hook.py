"""Takes PySide6's `__feature__` import hook out of Python's imports again: the kiosk uses no PySide6 feature."""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401  installs the hook, so it is there to take out


def remove_feature_import_hook() -> bool:
    """Give Python's imports back the function PySide6 put its `__feature__` hook in front of; True if it did.

    Importing PySide6.QtCore replaces `builtins.__import__` so that a module can ask for PySide6's optional
    spellings (`from __feature__ import snake_case, true_property`). As a side effect the hook reads the whole
    source of every module imported after it (inspect.getsource, to see whether it mentions PySide6): some 100
    modules and 14-15 ms before the kiosk's first frame, measured. The kiosk never asks for a feature, so the
    function the hook itself hands every import to (`__orig_import__`, PySide6's lazy loading of its classes)
    becomes the import function again. Anything else in `builtins.__import__` (not yet PySide6's hook, or a
    newer PySide6 that works differently) is left alone.
    """
    hook = getattr(builtins, "__feature_import__", None)
    underlying = getattr(builtins, "__orig_import__", None)
    if hook is None or underlying is None or builtins.__import__ is not hook:
        return False
    builtins.__import__ = underlying
    return True
