"""Cleaning of untrusted text at the door of the model.

Vendor statements are pasted from web pages and terminals; reviewers type fast. Whatever they
bring in, the stored review holds only printable text, so every later consumer (the TOML file,
the wiki page, the terminal) can rely on it without cleaning it again.
"""

from __future__ import annotations

import re
import unicodedata

# CSI / OSC / other escape sequences as terminals send them when text is pasted from one.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)


def _is_unwanted(char: str) -> bool:
    """Control characters, lone surrogates and non-characters: nothing a reader can see."""
    if char in "\n\t":
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return True
    code = ord(char)
    return (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF


def clean_text(value: str) -> str:
    """Multi-line text as stored: escape sequences and control characters dropped, line ends
    normalised to newlines, surrounding white space trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = "".join(c for c in value if not _is_unwanted(c))
    return value.strip()


def clean_line(value: str) -> str:
    """Single-line text (names, labels, tags): as clean_text, with line breaks and tabs folded
    to single spaces, because these values live in YAML front-matter and table cells."""
    return " ".join(clean_text(value).replace("\t", " ").split("\n")).strip()
