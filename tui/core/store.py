"""The session file: one TOML document per review, its only reader and its only writer.

The file is meant to be read and diffed by people: stable key order, long text in multi-line
strings, one `[[questions]]` table per question. Saving must stay cheap for a 2,000-question
review on every keystroke pause, so the writer re-serialises only the questions that changed
since the last save and copies every other table from the file as it is on disk.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import tomli_w
from pydantic import TypeAdapter, ValidationError

from .errors import InputError, describe_validation_error, parse_toml
from .files import AccessDenied, UnsafePathError, atomic_write, ensure_private_dir, open_regular_file
from .lock import ReviewLock, ReviewLocked
from .questionnaire import cycle_problems
from .review import Response, Review, SectionNotes, Source
from .toml_split import NotSplittable, split_document

LOCK_WAIT_SECONDS = 10.0

# Where a table sits in the session file, as the writer emits it: from the newline that
# separates it from the table before to its end.
Span = tuple[int, int]
# What identifies the file a writer's spans describe (see `_stamp`).
Stamp = tuple[int, int, int, int]


class SessionError(InputError):
    """A session file we cannot use; the message names the file and where it went wrong."""


def read_review(path: Path) -> Review:
    return load_review(path)[0]


def load_review(path: Path) -> tuple[Review, ReviewWriter]:
    """The review in a session file, and a writer that already knows where the file's question
    tables are, so the first save after opening costs no more than any later one. The
    questions' conditions are checked as a questionnaire's are: a hand-edited cycle would
    make every reader of the review (list, show, export, the start screen) recurse forever."""
    review, writer = _load(path)
    problems = cycle_problems(review.responses)
    if problems:
        raise SessionError(f"{path}: " + "; ".join(problems))
    return review, writer


def _load(path: Path) -> tuple[Review, ReviewWriter]:
    try:
        with open_regular_file(path) as handle:
            stamp = _stamp(os.fstat(handle.fileno()))
            loaded = _load_in_pieces(handle, stamp)
            if loaded is not None:
                return loaded
            handle.seek(0)
            data = handle.read()
    except FileNotFoundError:
        raise SessionError(f"{path}: no such session file") from None
    except PermissionError:
        raise AccessDenied(path) from None
    except OSError as error:
        raise SessionError(f"{path}: {error.strerror or error}") from None
    try:
        document = parse_toml(path, data)
    except InputError as error:
        raise SessionError(str(error)) from None
    del data
    if "questionnaire" not in document or "questions" not in document:
        raise SessionError(f"{path}: not a vendor-review session (no questionnaire or questions)")
    try:
        review = Review.model_validate(document)
    except ValidationError as error:
        raise SessionError(f"{path}: " + "; ".join(describe_validation_error(error))) from None
    return review, ReviewWriter(stamp=stamp)


# How a question table becomes a Response and back (Response is a dataclass: see review.py).
_RESPONSE = TypeAdapter(Response)
# The array tables validated one at a time while reading; the review accepts the results.
_TABLE_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "questions": _RESPONSE.validate_python,
    "sections": SectionNotes.model_validate,
    "sources": Source.model_validate,
}


def _load_in_pieces(source: BinaryIO, stamp: Stamp) -> tuple[Review, ReviewWriter] | None:
    """Read the file one top-level table at a time, validating each before parsing the next,
    so the parsed dicts of 2,000 questions never exist at once. None when the file does not
    split cleanly (hand-edited into another shape) or anything in it is invalid: the caller
    then reads it whole, which reports problems with their full path (`questions[3].id`)."""
    arrays: dict[str, list[Any]] = {}
    spans: dict[str, Span] = {}
    sources_from: int | None = None  # where the sources start
    sources_last = True  # and nothing else follows them: the writer can copy them as one range
    table = None
    item: Any = None  # the last table, validated (a Response for a question)
    try:
        header, tables = split_document(source)
        for table in tables:
            validate = _TABLE_VALIDATORS.get(table.kind)
            item = validate(table.values) if validate else table.values
            arrays.setdefault(table.kind, []).append(item)
            if table.kind == "questions":
                if item.id in spans:
                    return None
                # The writer separates tables with a blank line: a table's span ends before it.
                spans[item.id] = (table.start - 1, table.end - 1)
            if table.kind == "sources":
                sources_from = table.start if sources_from is None else sources_from
            elif sources_from is not None:
                sources_last = False  # the writer serialises them anew
        if "questionnaire" not in header or "questions" not in arrays:
            return None
        review = Review.model_validate(header | arrays)
    except (NotSplittable, ValidationError):
        return None
    assert table is not None and item is not None, "a review has questions"
    if table.kind == "questions":  # the last table of the file has no blank line after it
        spans[item.id] = (table.start - 1, table.end)
    sources = (sources_from - 1, table.end) if sources_from is not None and sources_last else None
    return review, ReviewWriter(spans, sources, stamp)


def _stamp(info: os.stat_result) -> Stamp:
    """A file's identity and version: atomic_write gives every save a new inode, and an edit in
    place changes the size or the modification time."""
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


class ReviewWriter:
    """Writes one review to its file, re-serialising only the questions that changed since the
    last save. It remembers where each question's table (and the attached sources) sits in the
    file it last read or wrote, and copies the unchanged ones from that file into the new one:
    positions instead of a copy of every table's text, so an open review does not hold its file
    twice. The file's stamp tells whether the positions still describe what is on disk; when
    they do not (the file was replaced or edited), every table is serialised anew."""

    def __init__(self, spans: dict[str, Span] | None = None, sources: Span | None = None,
                 stamp: Stamp | None = None) -> None:
        self._spans = spans or {}
        self._sources = sources
        self._stamp = stamp

    def dumps(self, review: Review) -> str:
        """The whole file's text, every table serialised anew."""
        plan = _Plan(None)
        self._plan(review, plan, None)
        return b"".join(plan.chunks()).decode("utf-8")

    def write(self, path: Path, review: Review) -> None:
        changed = review.take_changes()
        old = self._old_file(path)
        try:
            plan = _Plan(old)
            spans, sources = self._plan(review, plan, changed if old is not None else None)
            stamp = _stamp(atomic_write(path, plan.chunks()))
        except BaseException:
            review.restore_changes(changed)  # not saved: the next save writes them
            raise
        finally:
            if old is not None:
                old.close()
        self._spans, self._sources, self._stamp = spans, sources, stamp

    def _old_file(self, path: Path) -> BinaryIO | None:
        """The file at `path` when it is still the one the spans describe."""
        if self._stamp is None:
            return None
        try:
            handle = open_regular_file(path)
        except OSError:  # gone, or replaced by something we do not read: write it whole
            return None
        if _stamp(os.fstat(handle.fileno())) != self._stamp:
            handle.close()
            return None
        return handle

    def _plan(self, review: Review, plan: _Plan, changed: set[str] | None) -> tuple[dict[str, Span], Span]:
        """Lay out the new file in `plan`, copying from the old file every table not in
        `changed` (None: no old file to copy from); returns where the new file's question
        tables and sources are."""
        header = review.model_dump(mode="python", exclude={"responses", "sections", "sources"}, exclude_none=True)
        plan.add(toml_tables("", header))
        spans: dict[str, Span] = {}
        repeated: set[str] = set()
        copyable = self._spans if changed is not None else {}
        changed_ids = changed if changed is not None else set()
        for response in review.responses:  # the hot loop of a save: 2,000 rounds, most of them copies
            question_id = response.id
            old = copyable.get(question_id)
            span = plan.add("\n" + _response_toml(response)) if old is None or question_id in changed_ids else plan.copy(old)
            if question_id in spans:
                repeated.add(question_id)
            spans[question_id] = span
        for question_id in repeated:  # possible in a hand-edited file: no one span, always serialised
            del spans[question_id]
        for section in review.sections:
            plan.add("\n" + toml_tables("sections", section.model_dump(mode="python", exclude_none=True), array=True))
        # Attached sources are the bulk of a file and change only through touch() (""), so
        # they are serialised again only then; they come last to keep the answers on top.
        if changed is not None and self._sources is not None and "" not in changed:
            sources = plan.copy(self._sources)
        else:
            sources = plan.add("".join(
                "\n" + toml_tables("sources", s.model_dump(mode="python", exclude_none=True), array=True)
                for s in review.sources
            ))
        return spans, sources


class _Plan:
    """The new file as a list of parts: new bytes, or ranges [start, end) of the old file to
    copy. Copies of adjacent tables extend one range, so the unchanged run between two edits
    is one copy; a save at 2,000 questions calls `copy` for nearly every question."""

    BLOCK = 1 << 16  # read the old file in blocks small enough to reuse the same memory

    def __init__(self, old: BinaryIO | None) -> None:
        self._old = old
        self._parts: list[bytes | list[int]] = []
        self._run: list[int] = [-1, -1]  # the last part when it is a range, else never extended
        self._size = 0

    def add(self, text: str) -> Span:
        data = text.encode("utf-8")
        self._parts.append(data)
        self._run = [-1, -1]
        start = self._size
        self._size += len(data)
        return start, self._size

    def copy(self, span: Span) -> Span:
        start, end = span
        if self._run[1] == start:
            self._run[1] = end
        else:
            self._run = [start, end]
            self._parts.append(self._run)
        begin = self._size
        self._size += end - start
        return begin, self._size

    def chunks(self) -> Iterator[bytes]:
        for part in self._parts:
            if isinstance(part, bytes):
                yield part
                continue
            start, end = part
            assert self._old is not None, "ranges are planned only with an old file"
            while start < end:
                block = os.pread(self._old.fileno(), min(self.BLOCK, end - start), start)
                if not block:  # shorter than its stamp said: it changed under us
                    raise OSError(errno.EIO, "the session file changed while it was being saved")
                yield block
                start += len(block)


def _response_toml(response: Response) -> str:
    return toml_tables("questions", _RESPONSE.dump_python(response, mode="python", exclude_none=True), array=True)


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
    (writer or ReviewWriter()).write(path, review)


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
