"""Turning a parsed wiki page into a review of a questionnaire, and saying what did not fit.

Hand-written pages word the same question differently (a hint moved into the text, "SaaS"
dropped, curly quotes), so rows are matched to questions by similarity, not equality. Nothing
is dropped: a row that matches no question stays as an extra question, an answer off the
scale stays as written and is flagged, and every such case is reported.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from itertools import accumulate
from pathlib import Path

from pydantic import ValidationError

from ..errors import describe_validation_error
from ..naming import safe_stem
from ..questionnaire import Question, Questionnaire
from ..review import ImportedPage, PageBlock, PagePart, Response, Review, SectionNotes, now
from ..text import clean_line, normalized
from .cells import SKIPPED_ANSWER
from .lossless import front_matter_digest, row_digest, section_digest
from .parse import PageError, PageRow, ParsedPage

# Two wordings of one question score above this; two different questions of the bronze
# questionnaire (which differ by a word or two) are told apart by taking the best pairs first.
MATCH_THRESHOLD = 0.8


@dataclass
class ImportResult:
    """A page turned into a review, and each thing of the page that did not fit, in words."""

    review: Review
    unmapped: list[str] = field(default_factory=list)


def _ratio(a: str, b: str) -> float:
    """difflib's ratio of already normalised texts, skipping the full comparison when its
    cheap upper bounds are already below the threshold (a long page against a long
    questionnaire compares every unmatched pair)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def similarity(a: str, b: str) -> float:
    return _ratio(normalized(a), normalized(b))


def match_rows(rows: list[PageRow], questions: list[Question]) -> dict[int, Question]:
    """Row index -> question: the same text first (as the review stores it: a question of
    punctuation alone, or written twice, is still found), then equal wording, then the most
    similar pairs above the threshold (by the question alone, or with its hint, wherever the
    page put it), each question used once, in questionnaire order among equals."""
    matched: dict[int, Question] = {}
    taken: set[str] = set()
    for key in (clean_line, normalized):
        by_text: dict[str, list[Question]] = {}
        for question in questions:
            if question.id not in taken:
                by_text.setdefault(key(question.text), []).append(question)
        for index, row in enumerate(rows):
            equal = by_text.get(key(row.text))
            if index not in matched and equal:
                matched[index] = equal.pop(0)
                taken.add(matched[index].id)
    rest = [q for q in questions if q.id not in taken]
    wanted = [(normalized(q.text), normalized(f"{q.text} {q.hint}")) for q in rest]
    pairs = []
    for index, row in enumerate(rows):
        if index in matched:
            continue
        text, full = normalized(row.text), normalized(f"{row.text} {row.hint}")
        for number, (q_text, q_full) in enumerate(wanted):
            score = max(_ratio(text, q_text), _ratio(full, q_full))
            if score >= MATCH_THRESHOLD:
                pairs.append((score, index, number))
    used: set[int] = set()
    for _, index, number in sorted(pairs, reverse=True):
        if index not in matched and number not in used:
            matched[index] = rest[number]
            used.add(number)
    return matched


def choose_questionnaire(page: ParsedPage, questionnaires: list[Questionnaire]) -> Questionnaire:
    """The questionnaire whose questions the page's rows match best (first one on a tie)."""
    return max(questionnaires, key=lambda q: len(match_rows(page.rows, q.questions)))


def _scale_labels(questionnaire: Questionnaire) -> list[str]:
    """The scale's labels as a review stores them (cleaned, like every answer), longest first,
    so that `Partially` is not read as `Partial`."""
    return sorted((clean_line(option.label) for option in questionnaire.scale), key=lambda label: -len(label))


def _split_answer(text: str, labels: list[str]) -> tuple[str, str, bool]:
    """(answer, qualifier, on the scale). `Yes (version dependent)` is Yes, qualified."""
    for label in labels:
        if text.casefold() == label.casefold():
            return label, "", True
        if text[: len(label)].casefold() == label.casefold() and text.endswith(")"):
            rest = text[len(label):]
            if rest.lstrip().startswith("("):
                return label, rest.lstrip()[1:-1].strip(), True
    return text, "", not text


def _timestamp(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _names(title: str, pattern: str) -> tuple[str, str, str]:
    """(product, vendor, page title pattern) that give back `title`."""
    regex = re.escape(pattern).replace(r"\{product\}", "(?P<product>.+)", 1)
    regex = regex.replace(r"\{vendor\}", "(?P<vendor>.+)", 1)
    match = re.fullmatch(regex, title)
    if match and "{" not in re.sub(r"\{(product|vendor)\}", "", pattern):
        groups = match.groupdict()
        # A pattern without {product} does not carry it: the title stands in for it, which
        # gives the same page back (the product itself cannot be recovered; README, import).
        product = groups.get("product") or groups.get("vendor") or title
        vendor = groups.get("vendor") or ""
        if product.strip() == product and vendor.strip() == vendor and (vendor or "{vendor}" not in pattern):
            return product, vendor if vendor != product else "", pattern
    return title, "", "{product}"


def _off_scale_note(row: PageRow) -> str:
    return f'line {row.line}: answer "{row.answer}" is not on the answer scale: kept as written, flagged'


def _response(row: PageRow, question: Question | None, questionnaire: Questionnaire, labels: list[str],
              notes: list[str], extra_id: str) -> Response:
    answer, qualifier, on_scale = _split_answer(row.answer, labels)
    if not on_scale:
        notes.append(_off_scale_note(row))
    if question is None:
        notes.append(f'line {row.line}: no question like "{row.text[:70]}" in {questionnaire.id}: '
                     f"kept as extra question {extra_id}")
    return Response(
        id=question.id if question else extra_id,
        text=row.text,
        hint=row.hint,
        depends_on=question.depends_on if question else None,
        answer=answer,
        qualifier=qualifier,
        detail=row.detail,
        evidence=row.evidence,
        flagged=not on_scale,
        extra=question is None,
    )


def _questions(page: ParsedPage, questionnaire: Questionnaire,
               notes: list[str]) -> list[tuple[Response, PageRow | None]]:
    """The page's rows in page order; questions the page lacks slot in after the question
    that precedes them in the questionnaire."""
    matched = match_rows(page.rows, questionnaire.questions)
    taken = {q.id for q in questionnaire.questions}
    labels = _scale_labels(questionnaire)
    pairs: list[tuple[Response, PageRow | None]] = []
    for index, row in enumerate(page.rows):
        extra_id = next(f"extra-{n}" for n in range(index + 1, 10**6) if f"extra-{n}" not in taken)
        taken.add(extra_id)
        pairs.append((_response(row, matched.get(index), questionnaire, labels, notes, extra_id), row))
    present = {response.id for response, _ in pairs}
    missing = [q for q in questionnaire.questions if q.id not in present]
    if missing:
        notes.append("not on the page (left unanswered): " + ", ".join(q.id for q in missing))
    return _slot_in(pairs, missing, questionnaire)


def _slot_in(pairs: list[tuple[Response, PageRow | None]], missing: list[Question],
             questionnaire: Questionnaire) -> list[tuple[Response, PageRow | None]]:
    """Each missing question (blank) after the last page row that comes before it in the
    questionnaire, after the missing ones that precede it there. The rows' lowest positions
    from each row on rise along the page, so that last row is found by bisection, not by a
    scan of the page per missing question."""
    order = {q.id: n for n, q in enumerate(questionnaire.questions)}
    ranks = [order.get(response.id, len(order)) for response, _ in pairs]
    lowest_from = list(accumulate(reversed(ranks), min))[::-1]
    blanks: list[list[tuple[Response, PageRow | None]]] = [[] for _ in range(len(pairs) + 1)]
    for question in missing:
        blank = Response(id=question.id, text=question.text, hint=question.hint, depends_on=question.depends_on)
        blanks[bisect_left(lowest_from, order[question.id])].append((blank, None))
    slotted = blanks[0]
    for pair, after in zip(pairs, blanks[1:], strict=True):
        slotted += [pair, *after]
    return slotted


def _sections(page: ParsedPage, questionnaire: Questionnaire, notes: list[str]) -> list[SectionNotes]:
    wanted = list(questionnaire.sections)
    sections: list[SectionNotes] = []
    for found in page.sections:
        known = next((s for s in wanted if clean_line(s.heading) == found.heading), None) or max(
            wanted, key=lambda s: similarity(s.heading, found.heading), default=None)
        if known is not None and (clean_line(known.heading) == found.heading
                                  or similarity(known.heading, found.heading) >= MATCH_THRESHOLD):
            wanted.remove(known)
            section_id = known.id
        else:
            section_id = safe_stem(found.heading)
            while section_id in {s.id for s in questionnaire.sections} | {s.id for s in sections}:
                section_id += "-x"
            notes.append(f'line {found.line}: section "{found.heading[:70]}" is not in {questionnaire.id}: '
                         f"kept as section {section_id}")
        sections.append(SectionNotes(id=section_id, heading=found.heading, quotes=found.quotes))
    return sections + [SectionNotes(id=s.id, heading=s.heading) for s in wanted]


def import_page(page: ParsedPage, questionnaire: Questionnaire) -> ImportResult:
    """The review a page records, remembering each part's source for a verbatim export."""
    notes: list[str] = []
    front = page.front_matter
    title = str(front.get("title") or "").strip()
    if title:
        product, vendor, pattern = _names(title, questionnaire.page_title)
    else:  # the file names the product; an empty title stays empty
        product, vendor, pattern = Path(page.name).stem, "", "" if "title" in front else "{product}"
    created = _timestamp(front.get("dateCreated"))
    updated = _timestamp(front.get("date"))
    tags = front.get("tags")
    for key in ("title", "date", "dateCreated", "tags"):
        if key not in front:
            notes.append(f"the front-matter has no {key}")
    questions = _questions(page, questionnaire, notes)
    try:
        review = Review(
            questionnaire=questionnaire.id,
            questionnaire_version=questionnaire.version,
            page_title=pattern,
            product=product,
            vendor=vendor,
            description=str(front.get("description") or ""),
            tags=[str(t) for t in tags] if isinstance(tags, list) else str(tags or "").split(","),
            published=front.get("published", True) is not False,
            created=created or updated or now(),
            updated=updated or created or now(),
            responses=[response for response, _ in questions],
            sections=_sections(page, questionnaire, notes),
        )
    except ValidationError as error:
        raise PageError(f"{page.name}: " + "; ".join(describe_validation_error(error))) from None
    _unmark_skipped(review, questions, notes)
    review.cursor.question = review.responses[0].id if review.responses else ""
    _remember_sources(review, page, [row for _, row in questions])
    return ImportResult(review, notes)


def _unmark_skipped(review: Review, questions: list[tuple[Response, PageRow | None]], notes: list[str]) -> None:
    """A skipped question's "N/A" is the exporter's mark, not an answer, even on a scale
    without N/A: it is not kept as an off-scale answer."""
    for response, row in questions:
        if row and response.flagged and response.answer == SKIPPED_ANSWER and review.is_skipped(response):
            response.answer, response.flagged = "", False
            notes.remove(_off_scale_note(row))


def _remember_sources(review: Review, page: ParsedPage, rows: list[PageRow | None]) -> None:
    """Each part's source with the digest of what it was read as (see `page._export_imported`)."""
    for response, row in zip(review.responses, rows, strict=True):
        if row is not None:
            response.page_row = PagePart(text=row.source, digest=row_digest(review, response))
    for section, found in zip(review.sections, page.sections, strict=False):
        section.page_block = PageBlock(text=found.source, gap=found.gap, digest=section_digest(section))
    review.page = ImportedPage(
        source=page.name,
        front_matter=PagePart(text=page.front_matter_source, digest=front_matter_digest(review)),
        intro=page.intro,
        table_header=page.table_header,
        after_table=page.after_table,
        ending=page.ending,
        crlf=page.crlf,
        digest=page.digest,
    )
