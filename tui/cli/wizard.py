"""Wizard commands: start the Textual app (with no command, or `open SESSION`)."""

from __future__ import annotations

import argparse

from .parser import CommandLineError


def register(commands: argparse._SubParsersAction) -> None:
    pass


def start_wizard(args: argparse.Namespace) -> int:
    raise CommandLineError("the wizard is not built yet; use the commands listed by --help")
