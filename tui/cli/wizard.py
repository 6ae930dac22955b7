"""Wizard commands: start the Textual app (no command, or `open SESSION`), `keys`, `themes`.

Textual is imported only when the app actually starts; `keys` reads a plain table.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..app.keymap import ACTIONS, DEFAULT_KEYS, FIXED_CHOICES, effective_keys
from ..core.config import Config, load_config
from ..core.workspace import Workspace
from .options import CommandLineError, add_command, workspace_of

COMMANDS = ("open", "keys", "themes")  # the names `register` adds


def register(commands: argparse._SubParsersAction) -> None:
    opening = add_command(commands, "open", "open one review in the wizard")
    opening.add_argument("session", help="session file or name")
    opening.add_argument("--read-only", action="store_true", help="look without changing anything")
    opening.add_argument("--theme", default=argparse.SUPPRESS, help="colour theme (see `vendor-review themes`)")
    opening.set_defaults(handler=open_wizard)

    keys = add_command(commands, "keys", "print the key map: ACTION<TAB>KEYS<TAB>DESCRIPTION")
    keys.set_defaults(handler=print_keys)

    themes = add_command(commands, "themes", "list colour themes (textual-ansi uses the terminal's own)")
    themes.set_defaults(handler=print_themes)


def _config() -> Config:
    return load_config(set(DEFAULT_KEYS), fixed_choices=FIXED_CHOICES)


def start_wizard(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    workspace.session_files()  # a workspace we may not read is one line here, not a start screen
    return _run(workspace, args, None, read_only=False)


def open_wizard(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    return _run(workspace, args, workspace.session_path(args.session), read_only=args.read_only)


def _run(workspace: Workspace, args: argparse.Namespace, session: Path | None, *, read_only: bool) -> int:
    config = _config()
    theme = getattr(args, "theme", None) or config.theme
    if session is not None and not session.is_file():
        raise CommandLineError(f"open: {session}: no such session file")
    from ..app.app import ReviewApp

    if theme:
        theme = _check_theme(theme)
    app = ReviewApp(workspace, session_path=session, read_only=read_only, theme=theme, keymap=config.keys)
    app.run()
    return app.return_code or 0


# Older Textual releases (and this project's docs) call the terminal-palette theme textual-ansi.
THEME_ALIASES = {"textual-ansi": "ansi-dark"}


def _theme_names() -> list[str]:
    from textual.theme import BUILTIN_THEMES

    return sorted([*BUILTIN_THEMES, *THEME_ALIASES])


def _check_theme(theme: str) -> str:
    if theme not in _theme_names():
        raise CommandLineError(f"unknown theme {theme!r}; choose one of: {', '.join(_theme_names())}")
    return THEME_ALIASES.get(theme, theme)


def print_keys(args: argparse.Namespace) -> int:
    keys = effective_keys(_config().keys)
    for action in ACTIONS:
        print(f"{action.id}\t{keys[action.id]}\t{action.description}")
    return 0


def print_themes(args: argparse.Namespace) -> int:
    for name in _theme_names():
        print(name)
    return 0
