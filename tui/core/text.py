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


# What a reader cannot see: control characters but newline and tab (Cc), lone surrogates (Cs)
# and the Unicode non-characters. One character class, because a 2,000-question review holds
# a megabyte of text and testing it character by character made opening one take a second.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def clean_text(value: str) -> str:
    """Multi-line text as stored: escape sequences and control characters dropped, line ends
    normalised to newlines, surrounding white space trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value.replace("\n", " ").replace("\t", " ").isprintable():
        # Only then can there be anything to drop: the scan below is a hundred times slower
        # than this test, and almost all text a reviewer types passes it.
        value = _ESCAPE_SEQUENCE.sub("", value)
        value = _UNWANTED.sub("", value)
    return value.strip()


def clean_line(value: str) -> str:
    """Single-line text (names, labels, tags): as clean_text, with line breaks and tabs folded
    to single spaces, because these values live in YAML front-matter and table cells."""
    return " ".join(clean_text(value).replace("\t", " ").split("\n")).strip()


# Typographic quotes and primes as their ASCII forms, for comparing wordings (not for storing).
_QUOTES = str.maketrans("‘’‚‛“”„‟′″", "''''\"\"\"\"'\"")
_WORD = re.compile(r"\w+")


def normalized(text: str) -> str:
    """Text reduced to its words: case, accents' forms, quotes, punctuation and spacing
    ignored (`Does the SaaS provider…?` and `does the saas provider ...` are equal). The one
    normaliser behind matching a page's rows to questions (import) and pairing last review's
    questions with this one's (re-review)."""
    if not text.isascii():  # NFKC and the quotes table leave ASCII as it is
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(_WORD.findall(text.casefold()))
