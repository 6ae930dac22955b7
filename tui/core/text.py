"""Cleaning of untrusted text at the door of the model.

Vendor statements are pasted from web pages and terminals; reviewers type fast. Whatever they
bring in, the stored review holds only printable text, so every later consumer (the TOML file,
the wiki page, the terminal) can rely on it without cleaning it again.
"""

from __future__ import annotations

import re

# CSI / OSC / other escape sequences as terminals send them when text is pasted from one.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_])"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)

# Control characters (but tab and newline), lone surrogates and the non-characters of every
# plane: nothing a reader can see. One regex, because the model cleans every field of a long
# review on each validation and a per-character loop dominated that.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def clean_text(value: str) -> str:
    """Multi-line text as stored: escape sequences and control characters dropped, line ends
    normalised to newlines, surrounding white space trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _UNWANTED.sub("", value)
    return value.strip()


def clean_line(value: str) -> str:
    """Single-line text (names, labels, tags): as clean_text, with line breaks and tabs folded
    to single spaces, because these values live in YAML front-matter and table cells."""
    return " ".join(clean_text(value).replace("\t", " ").split("\n")).strip()
