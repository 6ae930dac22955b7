"""The session file: one TOML document per review, its only reader and its only writer.

The file is meant to be read and diffed by people: stable key order, long text in multi-line
strings, one `[[questions]]` table per question. Saving must stay cheap for a 2,000-question
review on every keystroke pause, so the writer keeps each question's serialised table and
re-serialises only the questions that changed since the last save.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rtoml
import tomli_w
from pydantic import ValidationError

from .errors import InputError, describe_validation_error, parse_toml
from .files import UnsafePathError, atomic_write, ensure_private_dir, read_regular_file
from .lock import ReviewLock, ReviewLocked
from .review import Review, Response

LOCK_WAIT_SECONDS = 10.0


class SessionError(InputError):
    """A session file we cannot use; the message names the file and where it went wrong."""


def read_review(path: Path) -> Review:
    return load_review(path)[0]


def load_review(path: Path) -> tuple[Review, ReviewWriter]:
    """The review in a session file, and a writer that already knows the file's question
    tables, so the first save after opening costs no more than any later one."""
    try:
        data = read_regular_file(path)
    except FileNotFoundError:
        raise SessionError(f"{path}: no such session file") from None
    except OSError as error:
        raise SessionError(f"{path}: {error.strerror or error}") from None
    document, writer = _parse_session(path, data)
    if "questionnaire" not in document or "questions" not in document:
        raise SessionError(f"{path}: not a vendor-review session (no questionnaire or questions)")
    try:
        review = Review.model_validate(document)
    except ValidationError as error:
        raise SessionError(f"{path}: " + "; ".join(describe_validation_error(error))) from None
    return review, writer


def _parse_session(path: Path, data: bytes) -> tuple[dict[str, Any], ReviewWriter]:
    """The TOML document and a writer for it, which knows the file's own text of each
    question (and of the attached sources) when the file splits cleanly."""
    try:
        pieces = _parse_in_pieces(data.decode("utf-8"))
    except (UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
        pieces = None
    if pieces is not None:
        return pieces
    try:
        return parse_toml(path, data), ReviewWriter()
    except InputError as error:
        raise SessionError(str(error)) from None


# A top-level array table's header line: [[questions]], [[sections]] (not [[questions.evidence]]).
_ARRAY_TABLE = re.compile(r"^\[\[([A-Za-z0-9_-]+)\]\]$", re.M)


def _parse_in_pieces(text: str) -> tuple[dict[str, Any], ReviewWriter] | None:
    """Parse the file one top-level `[[...]]` table at a time, keeping each question's text
    for the writer. None when the file does not split cleanly (hand-edited into another
    shape): the caller then parses it whole.

    Splitting at lines that read `[[questions]]` is safe because each piece must parse on its
    own to exactly one table of its kind: a split inside a multi-line string would leave that
    string unterminated in the piece before it, which fails to parse.
    """
    starts = [(match.start(), match.group(1)) for match in _ARRAY_TABLE.finditer(text)]
    if not starts:
        return None
    document = rtoml.loads(text[: starts[0][0]])
    arrays: dict[str, list[Any]] = {}
    tables: dict[str, str] = {}
    sources_from: int | None = None  # where the sources start, if they end the file
    ends = [start for start, _ in starts[1:]] + [len(text)]
    for (start, kind), end in zip(starts, ends):
        piece = text[start:end]
        parsed = rtoml.loads(piece)
        if kind in document or parsed.keys() != {kind} or len(parsed[kind]) != 1:
            return None
        table = parsed[kind][0]
        arrays.setdefault(kind, []).append(table)
        if kind == "questions":
            question_id = table.get("id")
            if not isinstance(question_id, str) or question_id in tables:
                return None
            # The writer joins tables with a blank line; the last table of the file has none.
            tables[question_id] = piece[:-1] if end < len(text) else piece
        if kind == "sources" and sources_from is None:
            sources_from = start
        elif kind != "sources" and sources_from is not None:
            sources_from = len(text) + 1  # not last: the writer serialises them anew
    sources = "\n" + text[sources_from:] if sources_from is not None and sources_from <= len(text) else None
    return document | arrays, ReviewWriter(tables, sources)


class ReviewWriter:
    """Serialises one review, remembering each question's TOML so a save after a single
    change costs one question's serialisation plus the write. It can start from the tables
    of the file a review was read from (see `load_review`)."""

    def __init__(self, tables: dict[str, str] | None = None, sources: str | None = None) -> None:
        self._tables: dict[str, str] = dict(tables or {})
        self._sources = sources

    def dumps(self, review: Review) -> str:
        changed = review.take_changes()
        # Attached sources are the bulk of a file and change only through touch() (""), so
        # they are serialised again only then; they come last to keep the answers on top.
        if self._sources is None or "" in changed:
            self._sources = "".join(
                "\n" + toml_tables("sources", s.model_dump(mode="python", exclude_none=True), array=True)
                for s in review.sources
            )
        for response in review.questions:
            if response.id in changed or response.id not in self._tables:
                self._tables[response.id] = _question_table(response)
        header = review.model_dump(mode="python", exclude={"questions", "sections", "sources"}, exclude_none=True)
        parts = [toml_tables("", header)]
        parts += [self._tables[response.id] for response in review.questions]
        parts += [toml_tables("sections", s.model_dump(mode="python", exclude_none=True), array=True)
                  for s in review.sections]
        return "\n".join(parts) + self._sources


def _question_table(response: Response) -> str:
    return toml_tables("questions", response.model_dump(mode="python", exclude_none=True), array=True)


def toml_tables(name: str, table: dict[str, Any], *, array: bool = False) -> str:
    """A table in fully expanded form: `[name]` or `[[name]]`, its values, then its sub-tables
    under their own headers. Unlike tomli_w's own choice of inline tables, this can be written
    piece by piece and the pieces concatenated, which is what makes saving incremental.
    Empty lists are left out; the model's defaults restore them."""
    values = {k: v for k, v in table.items() if not isinstance(v, dict) and not _is_tables(v) and v != []}
    text = (f"[[{name}]]\n" if array else f"[{name}]\n" if name else "") + tomli_w.dumps(
        values, multiline_strings=True
    )
    for key, value in table.items():
        path = f"{name}.{key}" if name else key
        if isinstance(value, dict):
            text += "\n" + toml_tables(path, value)
        elif _is_tables(value):
            text += "".join("\n" + toml_tables(path, item, array=True) for item in value)
    return text


def _is_tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def write_review(path: Path, review: Review, writer: ReviewWriter | None = None) -> None:
    ensure_private_dir(path.parent)
    text = (writer or ReviewWriter()).dumps(review)
    atomic_write(path, text.encode("utf-8"))


class OpenReview:
    """A review opened from its file: for editing (holding the lock) or read-only.

    Read-only is a state, not a promise: `save` refuses to write, so nothing from a second
    process can ever reach a file someone else is editing.
    """

    def __init__(
        self,
        path: Path,
        loaded: tuple[Review, ReviewWriter],
        lock: ReviewLock | None,
        locked_by: ReviewLocked | None,
    ) -> None:
        self.path = path
        self.review, self._writer = loaded
        self._lock = lock
        self.locked_by = locked_by

    @property
    def read_only(self) -> bool:
        return self._lock is None

    def save(self) -> None:
        if self._lock is None:
            raise SessionError(f"{self.path}: opened read-only; not saving")
        write_review(self.path, self.review, self._writer)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> OpenReview:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_review(
    path: Path, *, wait: float = 0.0, allow_read_only: bool = False, read_only: bool = False
) -> OpenReview:
    """Lock and read a session. When someone else holds it: wait up to `wait` seconds, then
    either open it read-only (when allowed) or raise ReviewLocked naming the holder.
    `read_only` opens it without taking the lock at all (to look without blocking others)."""
    if path.is_symlink():
        raise SessionError(f"{path}: is a symbolic link; refusing to follow it")
    if not path.is_file():
        raise SessionError(f"{path}: no such session file")
    if read_only:
        return OpenReview(path, load_review(path), None, None)
    try:
        lock = ReviewLock(path)
    except UnsafePathError as error:
        raise SessionError(str(error)) from None
    try:
        lock.acquire(wait)
    except ReviewLocked as locked:
        if not allow_read_only:
            raise
        return OpenReview(path, load_review(path), None, locked)
    try:
        loaded = load_review(path)
    except BaseException:
        lock.release()
        raise
    return OpenReview(path, loaded, lock, None)
