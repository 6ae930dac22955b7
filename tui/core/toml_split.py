"""Reading a TOML document one top-level array table at a time.

Sessions and questionnaires are mostly a long run of `[[questions]]` tables. Parsed whole, a
2,000-question file becomes a dict of every table before the first one is validated: megabytes
held at once, which set the wizard's peak memory. Read piece by piece, each table's dict can be
validated and dropped before the next is parsed, and the caller learns where each table sits in
the file (the session writer copies unchanged tables from there).

Splitting at lines that read `[[name]]` is safe because each piece must parse on its own to
exactly one table of its kind: a split inside a multi-line string would leave that string
unterminated in the piece before it, which fails to parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import rtoml

# A top-level array table's header line: [[questions]], [[sections]] (not [[questions.evidence]]).
_ARRAY_TABLE = re.compile(rb"^\[\[([A-Za-z0-9_-]+)\]\]$", re.M)


class NotSplittable(Exception):
    """The document is not a header followed by whole `[[...]]` tables (a hand edit gave it
    another shape, or it is not valid TOML): the caller parses it whole, which also reports
    what is wrong in the usual words."""


@dataclass(frozen=True, slots=True)
class Table:
    kind: str  # the array it belongs to: "questions"
    start: int  # byte offset of its `[[kind]]` line
    end: int  # byte offset where the next table starts, or the length of the data
    values: dict[str, Any]


def split_document(data: bytes) -> tuple[dict[str, Any], Iterator[Table]]:
    """The document's header (the values before its first array table) and its array tables
    in file order. Raises NotSplittable now, or while the tables are iterated."""
    first = _ARRAY_TABLE.search(data)
    if first is None:
        raise NotSplittable
    header = _parse(data[: first.start()])
    return header, _tables(data, first, set(header))


def _tables(data: bytes, match: re.Match[bytes], header_keys: set[str]) -> Iterator[Table]:
    while match is not None:
        following = _ARRAY_TABLE.search(data, match.end())
        end = following.start() if following else len(data)
        kind = match.group(1).decode("ascii")
        parsed = _parse(data[match.start() : end])
        if kind in header_keys or parsed.keys() != {kind} or len(parsed[kind]) != 1:
            raise NotSplittable
        yield Table(kind, match.start(), end, parsed[kind][0])
        match = following


def _parse(piece: bytes) -> dict[str, Any]:
    try:
        return rtoml.loads(piece.decode("utf-8"))
    except (UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
        raise NotSplittable from None
