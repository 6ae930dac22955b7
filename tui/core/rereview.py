"""Re-reviewing a vendor: last time's findings as previous values, and what changed since.

A re-review starts empty on purpose: last year's answer is shown beside each question but is
not the new review's answer until the reviewer re-checks it (or accepts it unchanged), so an
export made half-way never presents old findings as new ones.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass

from .errors import InputError
from .interview import find_response
from .questionnaire import Questionnaire
from .review import PreviousAnswer, Response, Review, SectionNotes, start_review
from .text import normalized


def _pair_by_id_then_text(old: list[Response], new: list[Response]) -> dict[str, Response]:
    """New question id -> old response: the same id, else the same wording."""
    by_id = {r.id: r for r in old}
    paired = {r.id: by_id[r.id] for r in new if r.id in by_id}
    used = {r.id for r in paired.values()}
    by_text = {normalized(r.text): r for r in old if r.id not in used}
    for response in new:
        if response.id not in paired and normalized(response.text) in by_text:
            paired[response.id] = by_text.pop(normalized(response.text))
    return paired


def _previous(response: Response) -> PreviousAnswer:
    return PreviousAnswer(answer=response.answer, qualifier=response.qualifier, detail=response.detail,
                          evidence=[copy.copy(e) for e in response.evidence])


def start_rereview(previous: Review, questionnaire: Questionnaire, *, product: str = "", reviewer: str = "",
                   description: str = "") -> Review:
    """A new review of the vendor of `previous`: every question to re-check, with last time's
    answer, detail and evidence (and section quotes) kept as its previous values, and its
    reviewer (unless another is named) and sources carried over. Questions
    the questionnaire no longer has are kept as extra questions, so nothing is lost."""
    review = start_review(questionnaire, product=product or previous.product, vendor=previous.vendor,
                          description=description or previous.description,
                          reviewer=reviewer or previous.reviewer, tags=list(previous.tags))
    # Last year's vendor pages come along (with the date they were captured), so the finder
    # works from the first question; `source add` fetches a fresh copy.
    review.sources = [source.model_copy(deep=True) for source in previous.sources]
    paired = _pair_by_id_then_text(previous.responses, review.responses)
    carried = {r.id for r in paired.values()}
    for old in previous.responses:
        if old.id not in carried:
            review.responses.append(Response(id=old.id, text=old.text, hint=old.hint, extra=True))
            paired[old.id] = old
    for response in review.responses:
        response.recheck = True
        if response.id in paired:
            response.previous = _previous(paired[response.id])
    known = {s.id: s for s in review.sections}
    for old_section in previous.sections:
        section = known.get(old_section.id)
        if section is None:
            section = SectionNotes(id=old_section.id, heading=old_section.heading)
            review.sections.append(section)
        section.previous = [q.model_copy() for q in old_section.quotes]
    return review


def accept_previous(review: Review, question_id: str) -> Response:
    """The reviewer confirms last time's finding unchanged: one key in the wizard."""
    response = find_response(review, question_id)
    previous = response.previous
    if previous is None:
        raise InputError(f'question "{question_id}" has no previous answer to accept')
    return review.update(question_id, answer=previous.answer, qualifier=previous.qualifier,
                         detail=previous.detail, evidence=[copy.copy(e) for e in previous.evidence],
                         recheck=False)


def to_recheck(review: Review) -> list[Response]:
    return [r for r in review.responses if r.recheck]


def previous_review(review: Review) -> Review:
    """The previous review as a re-review remembers it, to compare against the current one."""
    old = review.model_copy(deep=True)
    for response in old.responses:
        values = response.previous or PreviousAnswer()
        response.answer, response.qualifier = values.answer, values.qualifier
        response.detail, response.evidence = values.detail, values.evidence
    for section in old.sections:
        section.quotes = section.previous or []
    return old


# -- comparing two reviews -------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One difference: in a question (or section) `subject`, `field` went from before to after.
    An added or removed evidence link or quote is a change with one side empty."""

    subject: str
    title: str
    field: str
    before: str
    after: str


def _answer(review: Review, response: Response) -> str:
    if review.is_skipped(response):
        return "N/A (skipped)"
    return response.answer + (f" ({response.qualifier})" if response.qualifier else "")


def _evidence(response: Response) -> list[str]:
    return [(e.url or e.where) + (f" “{e.quote}”" if e.quote else "") for e in response.evidence]


def _list_changes(subject: str, title: str, field: str, before: list[str], after: list[str]) -> list[Change]:
    return ([Change(subject, title, field, item, "") for item in before if item not in after]
            + [Change(subject, title, field, "", item) for item in after if item not in before])


def _question_changes(a: Review, old: Response, b: Review, new: Response) -> list[Change]:
    subject, title = new.id, new.text
    changes = []
    for field, before, after in (("answer", _answer(a, old), _answer(b, new)), ("detail", old.detail, new.detail)):
        if before != after:
            changes.append(Change(subject, title, field, before, after))
    return changes + _list_changes(subject, title, "evidence", _evidence(old), _evidence(new))


def compare_reviews(a: Review, b: Review) -> list[Change]:
    """What changed from review `a` to review `b`, question by question, then section by
    section (questions paired by id, else by wording)."""
    paired = _pair_by_id_then_text(a.responses, b.responses)
    changes = []
    for new in b.responses:
        old = paired.get(new.id)
        if old is None:
            changes.append(Change(new.id, new.text, "question", "", "added"))
        else:
            changes += _question_changes(a, old, b, new)
    matched = {r.id for r in paired.values()}
    changes += [Change(r.id, r.text, "question", "removed", "") for r in a.responses if r.id not in matched]
    old_sections = {normalized(s.heading): s for s in a.sections}
    for section in b.sections:
        before = old_sections.pop(normalized(section.heading), None)
        quotes_before = [q.text for q in before.quotes] if before else []
        changes += _list_changes(section.id, section.heading, "quote", quotes_before, [q.text for q in section.quotes])
    for section in old_sections.values():
        changes += _list_changes(section.id, section.heading, "quote", [q.text for q in section.quotes], [])
    return changes


def describe_changes(changes: list[Change]) -> list[str]:
    """Plain lines for a terminal: the subject once, then `-` before and `+` after."""
    lines: list[str] = []
    subject = None
    for change in changes:
        if change.subject != subject:
            subject = change.subject
            lines.append(f"{change.subject}: {change.title}")
        if change.field == "answer":
            lines.append(f"  answer: {change.before or '(unanswered)'} -> {change.after or '(unanswered)'}")
            continue
        if change.field == "question":
            lines.append(f"  question {change.before or change.after}")
            continue
        for sign, value in (("-", change.before), ("+", change.after)):
            if value:
                lines += [f"  {change.field} {sign} {line}" for line in value.split("\n")]
    return lines


def changes_as_json(changes: list[Change]) -> list[dict[str, str]]:
    return [asdict(change) for change in changes]
