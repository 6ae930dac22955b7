"""Plain-text reports of one review: `show` for the reviewer's terminal, and the follow-up
list of flagged questions (`show --flagged`) to paste into an email to the vendor.

Both are wrapped to a fixed width rather than the terminal's: they are read in a terminal of
80 columns or pasted into mail, where a line longer than that wraps badly. Words are never
split at hyphens, so a question id in the text can be copied back into a command.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .review import Review
from .summary import minute

SHOW_WIDTH = 80
MAIL_WIDTH = 72  # what mail clients and plain-text etiquette expect


def wrapped(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """`text` wrapped to `width`, its own line breaks kept; `first` starts the first line and
    `rest` (default: as many spaces) every later one."""
    rest = " " * len(first) if rest is None else rest
    lines: list[str] = []
    for paragraph in text.split("\n"):
        prefix = first if not lines else rest
        lines += textwrap.wrap(paragraph, width, initial_indent=prefix, subsequent_indent=rest,
                               break_on_hyphens=False) or [prefix.rstrip()]
    return lines


def review_text(review: Review, summary: dict[str, Any]) -> str:
    """`show`: the header, then each question with its answer, evidence count, text and detail."""
    lines = [
        *wrapped(f"{review.title()} ({summary['questionnaire']} {summary['questionnaire_version']})", SHOW_WIDTH),
        *wrapped(f"vendor: {review.vendor_name}   reviewer: {review.reviewer or '-'}   "
                 f"updated: {minute(summary['updated'])}", SHOW_WIDTH),
        f"progress: {summary['answered']}/{summary['total']} answered, {summary['flagged']} flagged",
    ]
    indent = " " * 7
    for number, item in enumerate(summary["questions"], 1):
        marks = ("F" if item["flagged"] else " ") + ("S" if item["skipped"] else " ")
        answer = item["answer"] or ("(skipped)" if item["skipped"] else "(unanswered)")
        if item["qualifier"]:
            answer += f" ({item['qualifier']})"
        lines += ["", *wrapped(f"{item['id']}  {answer}  evidence: {item['evidence']}", SHOW_WIDTH,
                               f"{number:>3} {marks} ", indent)]
        lines += wrapped(item["text"], SHOW_WIDTH, indent)
        if item["detail"]:
            lines += wrapped(item["detail"], SHOW_WIDTH, indent + "detail: ")
    unanswered = [item["id"] for item in summary["questions"] if item["unanswered"]]
    flagged = [item["id"] for item in summary["questions"] if item["flagged"]]
    lines += ["", *wrapped(f"unanswered: {', '.join(unanswered) or 'none'}", SHOW_WIDTH, rest="  "),
              *wrapped(f"flagged: {', '.join(flagged) or 'none'}", SHOW_WIDTH, rest="  ")]
    return "\n".join(lines)


def follow_up_text(review: Review) -> str:
    """The flagged questions, numbered, each with what the review holds for it so far (answer,
    detail, the reviewer's notes): the questions to send the vendor after the call."""
    flagged = review.flagged()
    if not flagged:
        return f"No flagged questions in {review.title()}."
    lines = wrapped(f"Follow-up questions: {review.title()} ({review.vendor_name})", MAIL_WIDTH)
    for number, response in enumerate(flagged, 1):
        indent = " " * len(f"{number}. ")
        lines += ["", *wrapped(response.text, MAIL_WIDTH, f"{number}. ", indent)]
        answer = " ".join(filter(None, [response.answer, response.qualifier and f"({response.qualifier})"]))
        for label, value in (("Answer so far", answer), ("Detail", response.detail), ("Notes", response.notes)):
            if value:
                lines += wrapped(value, MAIL_WIDTH, f"{indent}{label}: ")
    return "\n".join(lines)
