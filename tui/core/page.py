"""The Wiki.js page: a review rendered as Markdown with Wiki.js front-matter.

The format is the team wiki's own (see the README): front-matter keys in the order Wiki.js
writes them, a three-column table with one row per question, then free-text sections after a
rule. The built-in bronze questionnaire reproduces a real wiki page byte for byte, so every
space and blank line here is deliberate.
"""

from __future__ import annotations

import re
from datetime import datetime

from .markdown_text import escape_inline, escape_link_label, escape_link_target
from .review import Evidence, Response, Review

TABLE_HEADER = "| **Question** | **Answer** | **Detail** |\n| --- | --- | --- |"
EVIDENCE_PREFIX = "Evidence: "
# A detail line that starts like our evidence lines gets one more backslash, so the importer
# can always tell the reviewer's text from the evidence list we append.
_EVIDENCE_LOOKALIKE = re.compile(r"^(Evidence)(\\*):", re.M)


def wiki_timestamp(moment: datetime) -> str:
    """Wiki.js writes UTC with milliseconds and a Z: 2021-06-30T20:55:29.812Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def yaml_value(value: str) -> str:
    """Unquoted, as Wiki.js writes it, unless YAML would then read it back as something else
    (a number, a date, a mapping, nothing at all): then double-quoted by the YAML library.
    PyYAML is imported here, not at the top: the wizard's first screen must not wait for it."""
    import yaml

    try:
        if "\n" not in value and yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    quoted = yaml.safe_dump({"key": value}, default_style='"', allow_unicode=True, width=1 << 30)
    return quoted.split(": ", 1)[1].rstrip("\n")


def render_front_matter(review: Review) -> str:
    lines = [
        f"title: {yaml_value(review.title())}",
        f"description: {yaml_value(review.description)}",
        f"published: {'true' if review.published else 'false'}",
        f"date: {wiki_timestamp(review.updated)}",
        f"tags: {yaml_value(', '.join(review.tags))}",
        "editor: markdown",
        f"dateCreated: {wiki_timestamp(review.created)}",
    ]
    return "---\n" + "\n".join(lines) + "\n---"


def render_question_cell(response: Response) -> str:
    cell = escape_inline(response.text)
    if response.hint:
        cell += f"<br><br>*{escape_inline(response.hint)}*"
    return cell


def render_answer_cell(review: Review, response: Response) -> str:
    if review.is_skipped(response):
        return "N/A"
    answer = response.answer + (f" ({response.qualifier})" if response.qualifier else "")
    return escape_inline(answer)


def render_evidence(item: Evidence) -> str:
    label = item.label or item.url.split("//", 1)[-1].split("/", 1)[0] or item.url
    line = f"{EVIDENCE_PREFIX}[{escape_link_label(label)}]({escape_link_target(item.url)})"
    return line + (f" “{escape_inline(item.quote)}”" if item.quote else "")


def render_detail_cell(review: Review, response: Response) -> str:
    if review.is_skipped(response):
        return escape_inline(review.skip_reason(response))
    detail = response.detail
    if "Evidence" in detail:  # the substitution below is slow on long text and rarely needed
        detail = _EVIDENCE_LOOKALIKE.sub(r"\1\2\\:", detail)
    lines = [escape_inline(detail)] if detail else []
    extra = [render_evidence(e) for e in response.evidence if f"({e.url})" not in response.detail]
    if extra:
        lines.append("<br>".join(extra))
    return "<br><br>".join(lines)


def render_row(review: Review, response: Response) -> str:
    cells = (
        render_question_cell(response),
        render_answer_cell(review, response),
        render_detail_cell(review, response),
    )
    return "| " + " | ".join(cells) + " |"


def render_sections(review: Review) -> str:
    blocks = []
    for section in review.sections:
        if not section.quotes:
            continue
        bullets = []
        for quote in section.quotes:
            bullet = f'-   "{escape_inline(quote.text)}"'
            if quote.url and f"({quote.url})" not in quote.text:
                bullet += f" ([source]({escape_link_target(quote.url)}))"
            bullets.append(bullet)
        blocks.append(f"## {escape_inline(section.heading)}\n\n" + "\n".join(bullets))
    return "\n\n".join(blocks)


def export_page(review: Review) -> str:
    """The whole page. Like pages Wiki.js stores, it ends without a final newline."""
    rows = "\n".join(render_row(review, response) for response in review.questions)
    page = f"{render_front_matter(review)}\n\n{TABLE_HEADER}\n{rows}"
    sections = render_sections(review)
    if sections:
        page += f"\n\n---\n\n{sections}"
    return page
