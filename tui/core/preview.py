"""A first look at a session file: enough to paint its current question at once.

Validating a review needs pydantic, whose import alone costs about as much as starting
Textual. The wizard paints the question from this preview, then opens the review for real
(lock, parse, validate) before it accepts a single key. The preview reads only the file's
header and the current question's own table, cleans every text it shows exactly as the model
would, and is None whenever the file does not have the shape the writer gives it: the caller
then simply opens the review without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import rtoml

from .files import open_regular_file
from .scale import DEFAULT_SCALE_POINTS, ScalePoint
from .text import clean_line


@dataclass(frozen=True)
class SessionPreview:
    product: str
    questionnaire: str
    position: int  # 1-based
    total: int
    text: str
    hint: str
    answer: str


_QUESTION_TABLE = b"[[questions]]\n"


def preview_session(path: Path) -> SessionPreview | None:
    """Read line by line: a 2,000-question file is megabytes, and the preview needs its
    header, its count of questions and one question's own lines."""
    try:
        with open_regular_file(path) as lines:
            header = _until_questions(lines)
            if header is None:
                return None
            values = rtoml.loads(header.decode("utf-8"))
            cursor = values.get("cursor", {}).get("question", "")
            index, total, question = _find_question(lines, f'id = "{cursor}"\n'.encode())
            if question is None:  # not where the writer puts it: better no preview than a wrong one
                return None
            question_values = rtoml.loads(question.decode("utf-8"))
            return SessionPreview(
                product=clean_line(values["product"]),
                questionnaire=str(values["questionnaire"]),
                position=index + 1,
                total=total,
                text=clean_line(question_values["text"]),
                hint=clean_line(question_values.get("hint", "")),
                answer=clean_line(question_values.get("answer", "")),
            )
    except (OSError, UnicodeDecodeError, rtoml.TomlParsingError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _until_questions(lines: BinaryIO) -> bytes | None:
    """The lines before the first `[[questions]]` line (None when there is none); the file is
    left just after it."""
    head = bytearray()
    for line in lines:
        if line == _QUESTION_TABLE:
            return bytes(head)
        head += line
    return None


def _find_question(lines: BinaryIO, wanted: bytes) -> tuple[int, int, bytes | None]:
    """(index of the question whose table starts with the line `wanted`, number of questions,
    that table's plain values), the file being just past the first `[[questions]]` line. The
    sub-tables, such as evidence, come after the values and are not needed: the values end
    at the next line that opens a table."""
    total, index, table = 1, 0, None
    at_start, reading = True, False
    for line in lines:
        if line == _QUESTION_TABLE:
            total, at_start, reading = total + 1, True, False
            continue
        if at_start and table is None and line == wanted:
            index, table, reading = total - 1, bytearray(), True
        at_start = False
        if reading and line.startswith(b"["):
            reading = False
        if reading and table is not None:  # reading starts with a table
            table += line
    return index, total, None if table is None else bytes(table)


def preview_questionnaire(files: list[Path], questionnaire_id: str) -> tuple[str, list[ScalePoint]] | None:
    """The title and answer scale of the questionnaire file with this id (the last of `files`
    wins, as in the catalog)."""
    found = None
    for path in files:
        try:
            with open_regular_file(path) as lines:
                values = _questionnaire_head(lines)
        except (OSError, UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
            continue
        if values.get("id") == questionnaire_id:
            found = values
    if found is None:
        return None
    try:
        scale = [ScalePoint(str(point["label"]), str(point["key"])) for point in found.get("scale", [])]
        return clean_line(str(found["title"])), scale or list(DEFAULT_SCALE_POINTS)
    except (KeyError, TypeError):
        return None


# A line that could open the scale's table(s): `[[scale]]`, `[ "scale" ]`...
_SCALE_TABLE = re.compile(rb"[ \t]*\[\[?[ \t]*[\"']?scale\b")


def _questionnaire_head(lines: BinaryIO) -> dict[str, Any]:
    """The values before a questionnaire's first `[[questions]]` table, which hold its id,
    title and (unless a scale table follows the questions) its scale: a 2,000-question file
    parsed whole is megabytes of dicts for three values. The whole file when that part does
    not parse on its own (the line was inside a multi-line string) or the scale comes later."""
    head = _until_questions(lines)
    if head is not None and not any(_SCALE_TABLE.match(line) for line in lines):
        try:
            return rtoml.loads(head.decode("utf-8"))
        except (UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
            pass
    lines.seek(0)
    return rtoml.loads(lines.read().decode("utf-8"))
