"""The whole page of a review: `render_page` (what `export` writes) and `render_body`.

A fresh review is rendered part by part (`cells`); an imported one keeps the layout of the page it
came from, each part the reviewer has not changed written as it was read (`lossless`).
"""

from __future__ import annotations

from ..review import Review
from .cells import SECTION_GAP, SECTIONS_RULE, TABLE_HEADER, render_front_matter, render_row, render_section
from .lossless import render_imported


def render_page(review: Review) -> str:
    """The whole page. Like pages Wiki.js stores, it ends without a final newline.
    An imported review keeps the layout of the page it came from (see `lossless`)."""
    return "".join(_page_parts(review))


def render_body(review: Review) -> str:
    """The page without its front-matter, for pasting into the Wiki.js editor by hand: there
    the title, description and tags live in the page's properties dialog, and pasted
    front-matter would show on the page as text."""
    return _page_parts(review)[1].lstrip("\r\n")


def _page_parts(review: Review) -> tuple[str, str]:
    """The front-matter, and everything after it (starting with the line breaks between)."""
    if review.page is not None:
        return render_imported(review, review.page)
    rows = "\n".join(render_row(review, response) for response in review.responses)
    body = f"\n\n{TABLE_HEADER}\n{rows}"
    sections = SECTION_GAP.join(render_section(s) for s in review.sections if s.quotes)
    if sections:
        body += f"{SECTIONS_RULE}{sections}"
    return render_front_matter(review), body
