"""What the wizard remembers for the next review: the reviewer's name.

Kept in a state file of its own (`$XDG_STATE_HOME/vendor-review/remembered.toml`, default
`~/.local/state/...`), not in config.toml: the config is the reviewer's hand-written file,
and rewriting it from the program would drop its comments and layout.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w

from .files import atomic_write, ensure_private_dir


def remembered_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "vendor-review" / "remembered.toml"


def remembered_reviewer() -> str:
    """The name typed into the last new review, or "" (a missing or broken file is no error:
    it only saves typing)."""
    try:
        data = tomllib.loads(remembered_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    name = data.get("reviewer", "")
    return name if isinstance(name, str) else ""


def remember_reviewer(name: str) -> None:
    """Best effort: a read-only home must not stop a review from starting."""
    name = name.strip()
    if not name or name == remembered_reviewer():
        return
    path = remembered_path()
    try:
        ensure_private_dir(path.parent)
        atomic_write(path, tomli_w.dumps({"reviewer": name}).encode("utf-8"))
    except OSError:
        pass
