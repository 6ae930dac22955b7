"""The parts of a Wiki.js page: front-matter, table rows and quote sections, each as Markdown.

The format is the team wiki's own (see the README): front-matter keys in the order Wiki.js
writes them, a three-column table with one row per question, then free-text sections after a
rule. The built-in bronze questionnaire reproduces a real wiki page byte for byte, so every
space and blank line here is deliberate. `parse` reads these same constants back.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..review import Evidence, Response, Review, SectionNotes
from .escaping import escape_inline, escape_link_label, escape_link_target

TABLE_HEADER = "| **Question** | **Answer** | **Detail** |\n| --- | --- | --- |"
HINT_SEPARATOR = "<br><br>"
EVIDENCE_PREFIX = "Evidence: "
SECTIONS_RULE = "\n\n---\n\n"
SECTION_GAP = "\n\n"
QUOTE_BULLET = "-   "
# A detail line that starts like our evidence lines gets one more backslash, so the importer
# can always tell the reviewer's text from the evidence list we append.
_EVIDENCE_LOOKALIKE = re.compile(r"^(Evidence)(\\*):", re.M)


def wiki_timestamp(moment: datetime) -> str:
    """Wiki.js writes UTC with milliseconds and a Z: 2021-06-30T20:55:29.812Z. The year is
    padded here: strftime's %Y writes year 999 as `999` on Linux, which no reader takes as a date."""
    return f"{moment.year:04d}" + moment.strftime("-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# Plain scalars a YAML 1.2 reader may take as something other than a string: the core schema
# as ruamel.yaml reads it and as js-yaml 3.14 (what Wiki.js loads pages with) reads it, which
# allows `_` in numbers, `.5e3`, exponents without a dot or sign, sexagesimals and timestamps.
# PyYAML (YAML 1.1) reads most of these as strings, so its trial load alone misses them.
_YAML_12_NOT_STRING = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|<<|="
    r"|[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]+(?::[0-5]?[0-9])*)"
    r"|[-+]?(?:[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9_]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?"
)


def yaml_value(value: str) -> str:
    """Unquoted, as Wiki.js writes it, unless a YAML 1.1 or 1.2 reader would then read it back
    as something else (a number, a date, a mapping, nothing at all) or fail on it: then
    double-quoted by the YAML library, which both read back as the same string. The trial
    load catches everything: PyYAML raises ValueError, not YAMLError, on `0x_`.
    PyYAML is imported here, not at the top: the wizard's first screen must not wait for it."""
    import yaml

    if "\n" not in value and "\ufeff" not in value and not _YAML_12_NOT_STRING.fullmatch(value):
        try:
            if yaml.safe_load(f"key: {value}") == {"key": value}:
                return value
        except Exception:  # any failure to read it back plain means: quote it
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
        cell += f"{HINT_SEPARATOR}*{escape_inline(response.hint)}*"
    return cell


SKIPPED_ANSWER = "N/A"  # what a skipped question shows, whatever the scale (the importer knows it)


def render_answer_cell(review: Review, response: Response) -> str:
    if review.is_skipped(response):
        return SKIPPED_ANSWER
    if not response.answer:  # a qualifier qualifies an answer: alone it is not shown
        return ""
    answer = response.answer + (f" ({response.qualifier})" if response.qualifier else "")
    return escape_inline(answer)


def default_label(url: str) -> str:
    """An evidence link without a label is shown by its host name."""
    return url.split("//", 1)[-1].split("/", 1)[0] or url


def render_evidence(item: Evidence) -> str:
    """`Evidence: [label](url) “quote”`; a document without a web address is named in plain
    text instead (`Evidence: Acme whitepaper, p. 4 “quote”`), and a PDF's link text says the
    page too."""
    if item.url is None:
        line = EVIDENCE_PREFIX + escape_inline(item.where)
    else:
        label = item.where or default_label(item.url)
        line = f"{EVIDENCE_PREFIX}[{escape_link_label(label)}]({escape_link_target(item.url)})"
    return line + (f" “{escape_inline(item.quote)}”" if item.quote else "")


def render_detail_cell(review: Review, response: Response) -> str:
    if review.is_skipped(response):
        return escape_inline(review.skip_reason(response))
    detail = response.detail
    if "Evidence" in detail:  # the substitution below is slow on long text and rarely needed
        detail = _EVIDENCE_LOOKALIKE.sub(r"\1\2\\:", detail)
    lines = [escape_inline(detail)] if detail else []
    extra = [render_evidence(e) for e in response.evidence if e.url is None or f"({e.url})" not in response.detail]
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


# A heading's trailing `#` run is read as its closing sequence and dropped (`## Tags #`,
# `## #`): its first `#` is written as a reference, which the importer decodes.
_CLOSING_HASHES = re.compile(r"(^|[ \t])#(#*)$")


def render_section(section: SectionNotes) -> str:
    bullets = []
    for quote in section.quotes:
        bullet = f'{QUOTE_BULLET}"{escape_inline(quote.text)}"'
        if quote.url and f"({quote.url})" not in quote.text:
            bullet += f" ([source]({escape_link_target(quote.url)}))"
        bullets.append(bullet)
    heading = _CLOSING_HASHES.sub(r"\1&#35;\2", escape_inline(section.heading))
    return f"## {heading}\n\n" + "\n".join(bullets)
