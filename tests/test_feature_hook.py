"""PySide6's `__feature__` import hook is taken out, and imports, PySide6's own included, work as before."""

from __future__ import annotations

import builtins
import importlib
import json
import sys
from pathlib import Path

import pytest
from test_first_frame import run_probe

from kiosk.feature_hook import remove_feature_import_hook

# What PySide6 puts in builtins (monkeypatch puts the import function back as it was after each test).
FEATURE_HOOK = getattr(builtins, "__feature_import__")  # noqa: B009  (not in builtins' type stubs)
LAZY_LOADER = getattr(builtins, "__orig_import__")  # noqa: B009


def test_the_hook_gives_imports_back_to_pyside6s_lazy_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(builtins, "__import__", FEATURE_HOOK)  # as importing PySide6 leaves it

    assert remove_feature_import_hook()
    assert builtins.__import__ is LAZY_LOADER
    assert not remove_feature_import_hook()  # once is enough
    # A module not loaded yet, and a PySide6 class that its lazy loader makes on first use, still import.
    sys.modules.pop("colorsys", None)
    assert importlib.import_module("colorsys").rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    from PySide6.QtGui import QPdfWriter

    assert QPdfWriter.__name__ == "QPdfWriter"


def test_an_import_function_that_is_not_the_hook_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def someone_elses_import(*args: object, **kwargs: object) -> object:
        return LAZY_LOADER(*args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", someone_elses_import)

    assert not remove_feature_import_hook()
    assert builtins.__import__ is someone_elses_import


# The real `python -m kiosk`, stopped at its first frame: which modules PySide6's hook read the source of.
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
from kiosk import cli
WATCHED = json.loads(sys.argv[1])
def first_frame(*args):
    inspected = sys.modules["shibokensupport.feature"].pyside_feature_dict
    print(json.dumps({name: name in inspected for name in WATCHED}), flush=True)
    QCoreApplication.quit()
cli._first_frame = first_frame
raise SystemExit(cli.main(sys.argv[2:]))
"""


@pytest.mark.e2e
def test_the_kiosk_imports_its_screens_without_the_hook(tmp_path: Path) -> None:
    # kiosk.logs is imported (by kiosk.cli) after PySide6 and before the kiosk starts: the hook still sees it,
    # so the probe can fail. The home screen and the window are imported when the kiosk starts.
    watched = ["kiosk.logs", "kiosk.window", "kiosk.screens.home"]
    inspected = run_probe(PROBE, json.dumps(watched), "--state-dir", str(tmp_path), "--speech-engine", "none")
    assert inspected == {"kiosk.logs": True, "kiosk.window": False, "kiosk.screens.home": False}
