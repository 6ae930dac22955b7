"""Split a passage into sentences, so a citation can quote one sentence rather than a paragraph.

A naive split on ". " breaks vendor prose in the wrong places: version numbers (`TLS 1.2`,
`v2.5`), abbreviations (`e.g.`, `i.e.`, `U.S.`), web addresses and numbered lists all carry
full stops that do not end a sentence. A sentence ends at `.`, `!` or `?` followed by
white space and a capital letter, digit or opening quote/bracket, unless the word before the
stop is a known abbreviation or a single letter (an initial or part of `U.S.`). Line breaks
before a list item (`1. `, `- `, `* `) also end a sentence, so each item is one sentence.
"""

from __future__ import annotations

import re

# Lower-cased abbreviations, without their final stop, that do not end a sentence.
ABBREVIATIONS = frozenset(
    ["e.g", "i.e", "etc", "vs", "cf", "approx", "incl", "esp", "no", "nos", "fig", "figs", "sec", "ch", "vol", "pp", "p", "dr", "mr", "mrs", "ms", "prof", "inc", "ltd", "co", "corp", "jr", "sr", "st", "u.s", "u.k", "e.u", "a.m", "p.m"]  # noqa: E501  # a word list: one line, one fact
)
# A candidate end: terminal punctuation (with closing quotes/brackets), white space, then
# something a sentence can start with.
_END = re.compile(r"""([.!?]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9])""")
# A line that starts a list item: "1. ", "2) ", "- ", "* ", "• ".
_LIST_ITEM = re.compile(r"\n\s*(?=(?:\d{1,3}[.)]|[-*•])\s)")
_LAST_WORD = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, each stripped; empty text gives an empty list."""
    sentences: list[str] = []
    for block in _LIST_ITEM.split(text):
        sentences.extend(_split_block(block))
    return sentences


def _split_block(block: str) -> list[str]:
    """Split one block (no list-item breaks inside) at the stops that end a sentence."""
    out: list[str] = []
    start = 0
    for match in _END.finditer(block):
        before = block[start:match.start()]
        if not _ends_sentence(before, match.group(1)):
            continue
        sentence = " ".join(block[start:match.end(1)].split())
        if sentence:
            out.append(sentence)
        start = match.end()
    rest = " ".join(block[start:].split())
    if rest:
        out.append(rest)
    return out


def _ends_sentence(before: str, punctuation: str) -> bool:
    """Whether the stop after `before` ends a sentence (not an abbreviation, initial or list number)."""
    if not punctuation.startswith("."):
        return True
    word_match = _LAST_WORD.search(before)
    if word_match is None:
        return False
    word = word_match.group(1).lstrip("([\"'“‘").lower()
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial, or the last letter of "U.S."
    # Nor is "1." opening a numbered list item.
    return not (word.isdigit() and before.strip() == word_match.group(1))
