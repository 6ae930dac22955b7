"""The whole command line, assembled from the command modules."""

from __future__ import annotations

import argparse

from .options import CommandLineError, Parser, workspace_option


def _global_options(parser: argparse.ArgumentParser) -> None:
    workspace_option(parser)
    parser.add_argument("--theme", help="colour theme for the wizard (see `vendor-review themes`)")


def _names_a_wizard_command(argv: list[str]) -> bool:
    """Whether the command line (or its absence) starts the wizard or one of its commands."""
    from .wizard import COMMANDS

    options = Parser(add_help=False)
    _global_options(options)
    try:
        _, rest = options.parse_known_args(argv)
    except CommandLineError:
        return False
    return not rest or rest[0] in COMMANDS


def build_parser(argv: list[str] | None = None) -> Parser:
    """The whole command line. When `argv` starts the wizard, only the wizard's own commands
    are registered: the other groups import the domain core (pydantic, the exporter), which
    would delay the wizard's first paint by more than Textual's own start-up."""
    from . import wizard

    parser = Parser(
        prog="vendor-review",
        description="A keyboard-first wizard for SaaS vendor security reviews. "
        "With no command, opens the wizard.",
    )
    _global_options(parser)
    parser.set_defaults(handler=wizard.start_wizard)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    if argv is not None and _names_a_wizard_command(argv):
        wizard.register(commands)
        return parser
    from . import pages, publishing, reviews, schemas, sources

    for module in (reviews, pages, publishing, schemas, sources, wizard):
        module.register(commands)
    return parser
