"""File names made from what a reviewer typed (a product name): safe, short, unique."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .files import create_exclusive

MAX_STEM = 60


def safe_stem(name: str) -> str:
    """'Acme Notes / EU' -> 'acme-notes-eu': no separators, dots, controls or spaces; ASCII
    only, so the name survives any file system and shell; never empty."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_STEM].strip("-")
    return stem or "review"


def claim_new_path(folder: Path, name: str, suffix: str) -> Path:
    """A new file in `folder` named after `name`, created empty (0600) so two reviewers
    starting the same product at once still get two files: acme.toml, acme-2.toml, ..."""
    stem = safe_stem(name)
    for number in range(1, 10_000):
        candidate = folder / (stem if number == 1 else f"{stem}-{number}")
        candidate = candidate.with_name(candidate.name + suffix)
        try:
            create_exclusive(candidate)
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"no free file name for {name!r} in {folder}")
