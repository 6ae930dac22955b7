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
from typing import Any, BinaryIO

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


def split_document(source: BinaryIO) -> tuple[dict[str, Any], Iterator[Table]]:
    """The document's header (the values before its first array table) and its array tables
    in file order, read from `source` block by block, so not even the file's bytes are held
    whole. Raises NotSplittable now, or while the tables are iterated."""
    pieces = _pieces(source)
    _, _, head = next(pieces)
    header = _parse(head)
    return header, _tables(pieces, set(header))


def _tables(pieces: Iterator[tuple[str | None, int, bytearray]], header_keys: set[str]) -> Iterator[Table]:
    for kind, start, piece in pieces:
        assert kind is not None, "only the first piece is the header"
        parsed = _parse(piece)
        if kind in header_keys or parsed.keys() != {kind} or len(parsed[kind]) != 1:
            raise NotSplittable
        yield Table(kind, start, start + len(piece), parsed[kind][0])


BLOCK = 1 << 16  # small enough to stay below the allocator's threshold for big blocks


def _pieces(source: BinaryIO) -> Iterator[tuple[str | None, int, bytearray]]:
    """(kind, offset, bytes) of the header (kind None) and then of every `[[kind]]` table."""
    buffer = bytearray()
    offset, kind, scan, ended = 0, None, 0, False  # scan: where the next header line may start
    while True:
        match = _ARRAY_TABLE.search(buffer, scan)
        # A header line counts once its newline is read: a block may end in the middle of it.
        if match is not None and (match.end() < len(buffer) or ended):
            yield kind, offset, buffer[: match.start()]
            kind = match.group(1).decode("ascii")
            del buffer[: match.start()]
            offset += match.start()
            scan = match.end() - match.start()
            continue
        if ended:
            yield kind, offset, buffer
            return
        scan = max(scan, match.start() if match is not None else buffer.rfind(b"\n") + 1)
        block = source.read(BLOCK)
        ended = not block
        buffer += block


def _parse(piece: bytes | bytearray) -> dict[str, Any]:
    try:
        return rtoml.loads(piece.decode("utf-8"))
    except (UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
        raise NotSplittable from None
