"""The reviewer's own settings file: theme and key remaps, shared by every workspace.

$XDG_CONFIG_HOME/vendor-review/config.toml (default ~/.config/vendor-review/config.toml):

    theme = "textual-ansi"
    [keys]
    next_question = "ctrl+n,f4"

The file is optional; a broken one is reported with its path and line, never half-applied.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, parse_toml
from .files import read_regular_file

CONFIG_ENV = "VENDOR_REVIEW_CONFIG"
_KEY_LIST = re.compile(r"^[a-z0-9_+\-]+(,[a-z0-9_+\-]+)*$")


@dataclass(frozen=True)
class Config:
    path: Path
    theme: str = ""
    keys: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    """$VENDOR_REVIEW_CONFIG, else the XDG location."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "vendor-review" / "config.toml"


def load_config(known_actions: set[str], path: Path | None = None,
                fixed_choices: dict[str, tuple[str, ...]] | None = None) -> Config:
    """The settings in the config file (none when it does not exist). Unknown keys and
    action ids are errors, since a silently ignored remap looks like a broken key. An action in
    `fixed_choices` takes one of its words instead of keys (quick mode: "shift" or "none")."""
    path = path or config_path()
    try:
        data = read_regular_file(path)
    except FileNotFoundError:
        return Config(path)
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    document = parse_toml(path, data)
    unknown = sorted(set(document) - {"theme", "keys"})
    if unknown:
        raise InputError(f"{path}: unknown setting {unknown[0]!r} (known: theme, [keys])")
    theme = document.get("theme", "")
    if not isinstance(theme, str):
        raise InputError(f"{path}: theme: expected a string such as \"textual-ansi\"")
    keys = document.get("keys", {})
    if not isinstance(keys, dict):
        raise InputError(f"{path}: keys: expected a [keys] table")
    for action_id, value in keys.items():
        if action_id not in known_actions:
            raise InputError(f"{path}: [keys] {action_id}: unknown action (see `vendor-review keys`)")
        choices = (fixed_choices or {}).get(action_id)
        if choices is not None:
            if value not in choices:
                raise InputError(f"{path}: [keys] {action_id}: expected one of " + ", ".join(f'"{c}"' for c in choices))
            continue
        if not isinstance(value, str) or not _KEY_LIST.match(value.replace(" ", "")):
            raise InputError(
                f'{path}: [keys] {action_id}: expected key names separated by commas, e.g. "ctrl+n,f4"'
            )
    return Config(path, theme, {k: v.replace(" ", "") for k, v in keys.items()})
