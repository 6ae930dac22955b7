"""An imported page written back unchanged where the reviewer changed nothing.

Import records a digest of each part (front-matter, row, section) as it was read; on export a
part whose digest still matches is written verbatim, byte for byte, in the page's own line
ends, so re-exporting a hand-written page changes only what the reviewer changed.
"""

from __future__ import annotations

import hashlib
import json

from ..review import ImportedPage, PagePart, Response, Review, SectionNotes
from .cells import SECTION_GAP, SECTIONS_RULE, render_front_matter, render_row, render_section


def digest(*values: object) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode()).hexdigest()[:24]


def front_matter_digest(review: Review) -> str:
    return digest(review.title(), review.description, review.published, review.updated, review.tags,
                  review.created)


def row_digest(review: Review, response: Response) -> str:
    skipped = review.is_skipped(response) and review.skip_reason(response)
    evidence = [(e.url, e.label, e.quote) + ((e.page,) if e.page else ()) for e in response.evidence]
    return digest(response.text, response.hint, skipped, response.answer, response.qualifier,
                  response.detail, evidence)


def section_digest(section: SectionNotes) -> str:
    return digest(section.heading, [(q.text, q.url) for q in section.quotes])


def _unchanged(part: PagePart | None, current: str) -> bool:
    return part is not None and part.digest == current


def _is_blank(response: Response) -> bool:
    return not (response.answer or response.qualifier or response.detail or response.evidence)


def render_imported(review: Review, page: ImportedPage) -> tuple[str, str]:
    """The imported page's front-matter and the rest, in its own line ends (see `_imported_layout`)."""
    front, body = _imported_layout(review, page)
    if page.crlf:
        return front.replace("\n", "\r\n"), body.replace("\n", "\r\n")
    return front, body


def _imported_layout(review: Review, page: ImportedPage) -> tuple[str, str]:
    """The imported page with each part the reviewer has not changed written as it was read.
    A question or section the page did not have appears once it holds something."""
    front = page.front_matter.text if _unchanged(page.front_matter, front_matter_digest(review)) \
        else render_front_matter(review)
    rows = []
    for response in review.responses:
        if response.page_row is None and _is_blank(response):
            continue
        verbatim = _unchanged(response.page_row, row_digest(review, response))
        rows.append(response.page_row.text if verbatim and response.page_row else render_row(review, response))
    text = f"{page.intro}{page.table_header}\n" + "\n".join(rows)
    blocks: list[tuple[str, str]] = []
    for section in review.sections:
        block = section.page_block
        if block is not None and block.digest == section_digest(section):
            blocks.append((block.text, block.gap or SECTION_GAP))
        elif section.quotes:
            blocks.append((render_section(section), block.gap if block and block.gap else SECTION_GAP))
    had_sections = any(section.page_block for section in review.sections)
    if not blocks:
        return front, text + page.after_table.rstrip() + page.ending
    if had_sections:
        text += page.after_table
    else:
        text += page.after_table + SECTION_GAP if page.after_table.strip() else SECTIONS_RULE
    text += "".join(body + gap for body, gap in blocks[:-1]) + blocks[-1][0]
    return front, text + page.ending
