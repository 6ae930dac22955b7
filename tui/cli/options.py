"""What every command shares: --workspace, the one-line error, and adding a sub-command.

A leaf module: the command modules import it, and `parser` imports them, so there is no cycle.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from ..core.workspace import WORKSPACE_ENV, Workspace


class CommandLineError(Exception):
    """A mistake in the command's words: reported in one line, exit code 1."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandLineError(f"{self.prog.removeprefix('vendor-review ')}: {message} (see --help)")


def workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"folder holding schemas/, sessions/ and exports/ (default: ${WORKSPACE_ENV} or .)",
    )


def workspace_of(args: argparse.Namespace) -> Workspace:
    return Workspace.locate(getattr(args, "workspace", None))


def add_command(commands: argparse._SubParsersAction, name: str, help: str) -> argparse.ArgumentParser:
    """A sub-command that takes --workspace like every other."""
    command = commands.add_parser(name, help=help, description=help)
    workspace_option(command)
    return command
