"""Argument parsing shared by every command: --workspace everywhere, errors in one line."""

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


def build_parser() -> Parser:
    from . import pages, reviews, schemas, sources, wizard

    parser = Parser(
        prog="vendor-review",
        description="A keyboard-first wizard for SaaS vendor security reviews. "
        "With no command, opens the wizard.",
    )
    workspace_option(parser)
    parser.add_argument("--theme", help="colour theme for the wizard (see `vendor-review themes`)")
    parser.set_defaults(handler=wizard.start_wizard)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in (reviews, pages, schemas, sources, wizard):
        module.register(commands)
    return parser


def add_command(commands: argparse._SubParsersAction, name: str, help: str) -> argparse.ArgumentParser:
    """A sub-command that takes --workspace like every other."""
    command = commands.add_parser(name, help=help, description=help)
    workspace_option(command)
    return command
