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
from typing import Any

import rtoml

from .files import read_regular_file
from .text import clean_line


@dataclass(frozen=True)
class ScalePoint:
    label: str
    key: str


# The answer scale of a questionnaire that names none (the model builds its default from it).
DEFAULT_SCALE_POINTS = (
    ScalePoint("Yes", "y"), ScalePoint("No", "n"), ScalePoint("Partial", "p"),
    ScalePoint("Unknown", "u"), ScalePoint("N/A", "a"),
)


@dataclass(frozen=True)
class SessionPreview:
    product: str
    questionnaire: str
    position: int  # 1-based
    total: int
    text: str
    hint: str
    answer: str


_QUESTION_TABLE = re.compile(r"^\[\[questions\]\]\n", re.M)
_NEXT_TABLE = re.compile(r"^\[", re.M)


def preview_session(path: Path) -> SessionPreview | None:
    try:
        text = read_regular_file(path).decode("utf-8")
        starts = [match.end() for match in _QUESTION_TABLE.finditer(text)]
        if not starts:
            return None
        header = rtoml.loads(text[: starts[0] - len("[[questions]]\n")])
        cursor = header.get("cursor", {}).get("question", "")
        wanted = f'id = "{cursor}"\n'
        position = next((i for i, start in enumerate(starts) if text.startswith(wanted, start)), None)
        if position is None:  # not where the writer puts it: better no preview than a wrong one
            return None
        question = _values(text, starts[position])
        return SessionPreview(
            product=clean_line(header["product"]),
            questionnaire=str(header["questionnaire"]),
            position=position + 1,
            total=len(starts),
            text=clean_line(question["text"]),
            hint=clean_line(question.get("hint", "")),
            answer=clean_line(question.get("answer", "")),
        )
    except (OSError, UnicodeDecodeError, rtoml.TomlParsingError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _values(text: str, start: int) -> dict[str, Any]:
    """The plain values of the question table starting at `start` (its sub-tables, such as
    evidence, come after them and are not needed)."""
    end = _NEXT_TABLE.search(text, start)
    return rtoml.loads(text[start : end.start() if end else len(text)])


def preview_questionnaire(files: list[Path], questionnaire_id: str) -> tuple[str, list[ScalePoint]] | None:
    """The title and answer scale of the questionnaire file with this id (the last of
    `files` wins, as in the catalog)."""
    found = None
    for path in files:
        try:
            document = rtoml.loads(read_regular_file(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError, rtoml.TomlParsingError, ValueError):
            continue
        if document.get("id") == questionnaire_id:
            found = document
    if found is None:
        return None
    try:
        scale = [ScalePoint(str(point["label"]), str(point["key"])) for point in found.get("scale", [])]
        return clean_line(str(found["title"])), scale or list(DEFAULT_SCALE_POINTS)
    except (KeyError, TypeError):
        return None
