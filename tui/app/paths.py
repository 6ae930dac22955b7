"""Paths as a reviewer reads them in 80 columns: relative to where they started the tool."""

from __future__ import annotations

from pathlib import Path


def shown(path: Path) -> str:
    try:
        return f"./{path.relative_to(Path.cwd())}"
    except ValueError:
        home = Path.home()
        return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
