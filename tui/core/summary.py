"""A review in numbers and lists: what `list`, `show` and the wizard's start screen display."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .page import wiki_timestamp
from .review import Review


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
    summary["answers"] = dict(Counter(r.answer for r in review.questions if r.answer))
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
        }
        for r in review.questions
    ]
    return summary
