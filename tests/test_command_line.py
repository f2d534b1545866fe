"""The command line's parsing: the kiosk's own options alone to start it, every command for anything else."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kiosk import cli


def test_starting_the_kiosk_reads_its_own_options() -> None:
    args = cli.parse_arguments(["--state-dir", "state", "--speech-engine", "none", "--lang", "en"])
    assert (args.command, args.state_dir, args.speech_engine, args.lang) == (None, Path("state"), "none", "en")
    assert cli.parse_arguments([]).content == str(cli.DEFAULT_CONTENT)


def test_a_command_is_read_with_its_own_options() -> None:
    args = cli.parse_arguments(["--state-dir", "state", "render", "--out", "pictures", "--lang", "nl"])
    assert (args.command, args.out, args.render_lang) == ("render", Path("pictures"), "nl")


def test_the_commands_the_kiosk_knows_are_the_parsers_commands() -> None:
    subparsers = next(
        action for action in cli.build_parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert tuple(subparsers.choices) == cli.COMMANDS


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["valdate"], "invalid choice: 'valdate' (choose from 'validate', 'schema'"),
        (["--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_a_mistake_is_answered_with_every_command_in_view(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.parse_arguments(argv)
    assert exited.value.code == 2
    assert said in capsys.readouterr().err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.parse_arguments(["--help"])
    shown = capsys.readouterr().out
    assert all(command in shown for command in cli.COMMANDS)
