"""The systemd unit's command line is one the kiosk accepts: a misspelt option there would crash-loop the lobby."""

from __future__ import annotations

import shlex
from pathlib import Path

from kiosk import cli

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def unit_command() -> list[str]:
    lines = (DEPLOY / "utrecht-kiosk.service").read_text(encoding="utf-8").splitlines()
    (exec_start,) = (line.removeprefix("ExecStart=") for line in lines if line.startswith("ExecStart="))
    return shlex.split(exec_start)


def default_kiosk_args() -> list[str]:
    lines = (DEPLOY / "utrecht-kiosk.default").read_text(encoding="utf-8").splitlines()
    (value,) = (line.removeprefix("KIOSK_ARGS=") for line in lines if line.startswith("KIOSK_ARGS="))
    # EnvironmentFile= takes the quotes off; $KIOSK_ARGS (unlike ${KIOSK_ARGS}) is then split at white space.
    (unquoted,) = shlex.split(value)
    return unquoted.split()


def test_the_unit_starts_the_kiosk_with_options_it_accepts() -> None:
    program, *options = unit_command()
    assert program == "/opt/utrecht-kiosk/.venv/bin/utrecht-kiosk"
    assert options[-1] == "$KIOSK_ARGS", "the site's own options come last, so they win"
    args = cli.build_parser().parse_args([*options[:-1], *default_kiosk_args()])
    assert args.command is None  # the kiosk itself, not one of its commands
    assert args.log_level == "INFO"
    assert args.restart_above == 600
    assert args.content == "/opt/utrecht-kiosk/content.yaml"


def test_a_ceiling_in_the_sites_options_wins_over_the_units() -> None:
    _program, *options = unit_command()
    args = cli.build_parser().parse_args([*options[:-1], "--restart-above", "900"])
    assert args.restart_above == 900
