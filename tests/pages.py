"""Reading exported pages back the way the wiki would: markdown-it for the table, YAML for the
front-matter. Shared by the export tests and the harnesses."""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it import MarkdownIt

from tui.core.review import Review


def split_page(page: str) -> tuple[str, str]:
    match = re.match(r"---\n(.*?)\n---\n", page, re.S)
    assert match, "the page does not start with front-matter"
    return match.group(1), page[match.end():]


def front_matter(page: str) -> dict[str, Any]:
    return yaml.safe_load(split_page(page)[0])


def table_rows(page: str) -> list[list[str]]:
    """Each table row as its cells' inline source, header row first."""
    tokens = MarkdownIt("commonmark").enable("table").parse(split_page(page)[1])
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            if in_row:
                rows.append([])
        elif token.type == "inline" and in_row:
            rows[-1].append(token.content)
    return rows


def link_targets(page: str) -> list[str]:
    """Every href the page renders, as markdown-it with linkify would make links."""
    md = MarkdownIt("commonmark", {"linkify": False}).enable("table")
    targets = []
    for token in md.parse(split_page(page)[1]):
        for child in token.children or []:
            if child.type == "link_open":
                targets.append(str(child.attrs.get("href", "")))
    return targets


def html_tags(page: str) -> list[str]:
    """Raw HTML that the page would pass to the browser."""
    tokens = MarkdownIt("commonmark").enable("table").parse(split_page(page)[1])
    found = []
    for token in tokens:
        if token.type == "html_block":
            found.append(token.content)
        for child in token.children or []:
            if child.type == "html_inline":
                found.append(child.content)
    return found


def normal_format(review: Review) -> Review:
    """The same review as if it had been typed in: the imported page's own layout forgotten,
    so it exports in the normal format."""
    plain = review.model_copy(deep=True)
    plain.page = None
    for response in plain.responses:
        response.page_row = None
    for section in plain.sections:
        section.page_block = None
    return plain
