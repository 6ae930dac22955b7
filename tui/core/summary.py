"""A review in numbers and lists: what `list`, `show` and the wizard's start screen display."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .review import Review
from .text import clean_line
from .wikipage.cells import wiki_timestamp


def review_summary(review: Review, *, brief: bool = False) -> dict[str, Any]:
    answered, total = review.progress()
    summary: dict[str, Any] = {
        "product": review.product,
        "vendor": review.vendor_name,
        "questionnaire": review.questionnaire,
        "questionnaire_version": review.questionnaire_version,
        "answered": answered,
        "total": total,
        "flagged": len(review.flagged()),
        "created": wiki_timestamp(review.created),
        "updated": wiki_timestamp(review.updated),
    }
    if brief:
        return summary
    summary["answers"] = dict(Counter(r.answer for r in review.responses if r.answer))
    summary["questions"] = [
        {
            "id": r.id,
            "text": r.text,
            "answer": r.answer,
            "qualifier": r.qualifier,
            "flagged": r.flagged,
            "skipped": review.is_skipped(r),
            "unanswered": not r.answer and not review.is_skipped(r),
            "evidence": len(r.evidence),
            "detail": r.detail,
        }
        for r in review.responses
    ]
    return summary


def minute(timestamp: str) -> str:
    """'2026-12-02T05:41:07.120Z' -> '2026-12-02 05:41' (UTC, as stored): two reviews saved
    the same hour are told apart, and nothing is cut at the minute's first digit."""
    return timestamp[:16].replace("T", " ")


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide (CJK) characters take two, combining marks none, so
    a column of product names in any script still lines up."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


# -- the list of reviews -------------------------------------------------------------------


@dataclass(frozen=True)
class ListColumn:
    key: str
    heading: str
    right: bool = False
    drops: int = 0  # 0: never dropped; otherwise dropped in this order when the width is short


# The session name is what every command takes and progress is why one looks at the list:
# those two never drop. The product goes first because the session name is made from it.
LIST_COLUMNS = (
    ListColumn("session", "Session"),
    ListColumn("product", "Product", drops=1),
    ListColumn("questionnaire", "Questionnaire", drops=2),
    ListColumn("done", "Done", right=True),
    ListColumn("flags", "Flags", right=True, drops=3),
    ListColumn("updated", "Updated", drops=4),
)


def list_cells(session: str, summary: Mapping[str, Any]) -> dict[str, str]:
    """One review's row of the list, keyed like `LIST_COLUMNS`; `session` is its name in full
    (a file name is not review text, so it is cleaned here before it reaches a terminal)."""
    return {
        "session": clean_line(session),
        "product": summary["product"],
        "questionnaire": summary["questionnaire"],
        "done": f"{summary['answered']}/{summary['total']}",
        "flags": str(summary["flagged"] or ""),
        "updated": minute(summary["updated"]),
    }


def column_widths(rows: Sequence[Mapping[str, str]], columns: Sequence[ListColumn]) -> dict[str, int]:
    return {c.key: max([cell_width(c.heading), *(cell_width(row[c.key]) for row in rows)]) for c in columns}


def fitting_columns(rows: Sequence[Mapping[str, str]], width: int, gap: int) -> list[ListColumn]:
    """The columns of `LIST_COLUMNS` whose cells fit in `width`, with `gap` cells beside each
    column: the droppable ones go in their order until the rest fit. Cells are never cut, so
    every name printed can be typed back into a command."""
    columns = list(LIST_COLUMNS)
    droppable = sorted((c for c in columns if c.drops), key=lambda c: c.drops)
    widths = column_widths(rows, columns)
    while droppable and sum(widths[c.key] + gap for c in columns) - gap > width:
        columns.remove(droppable.pop(0))
    return columns
