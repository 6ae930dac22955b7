"""The collection page lists the reviews: `- [TITLE *DESCRIPTION*](/PATH)` lines under a
heading, the list ending with `{.links-list}`. Adding a review is one inserted line; every
other byte of the page (hand-written lines, their trailing spaces) stays as it was."""

from __future__ import annotations

import re

_LINK = re.compile(r"^- \[(?P<text>.*)\]\((?P<target>[^)\s]*)\)")
_SPECIAL = re.compile(r"([\[\]*_\\])")


def escaped(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def link_text(title: str, description: str) -> str:
    return escaped(title) + (f" *{escaped(description)}*" if description.strip() else "")


def add_link(page: str, heading: str, title: str, description: str, path: str) -> str | None:
    """The page with a link to `path` added to the list under `heading`, before the first link
    whose text sorts after ours (case-insensitive, even in an unsorted list); None when the page
    links to it already. A page without that heading gets the heading and list at its end."""
    lines = page.splitlines(keepends=True)
    if any((m := _LINK.match(line)) and m.group("target").rstrip("/") == f"/{path}" for line in lines):
        return None
    newline = "\r\n" if page.endswith("\r\n") else "\n"
    text = link_text(title, description)
    ours = f"- [{text}](/{path})"
    start = next((i for i, line in enumerate(lines)
                  if line.lstrip("#").strip() == heading.strip() and line.startswith("#")), None)
    if start is None:
        ending = "" if not page or page.endswith("\n") else newline
        return f"{page}{ending}{newline}# {heading}{newline}{newline}{ours}{newline}{{.links-list}}{newline}"
    index = start + 1
    insert_at = None
    last_link = None
    while index < len(lines) and not lines[index].startswith("#"):
        match = _LINK.match(lines[index])
        if match:
            last_link = index
            if insert_at is None and match.group("text").casefold() > text.casefold():
                insert_at = index
        index += 1
    if insert_at is None:
        insert_at = (last_link + 1) if last_link is not None else start + 1
        if last_link is None:  # an empty list: a blank line under the heading first
            lines.insert(insert_at, newline)
            insert_at += 1
    if insert_at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    lines.insert(insert_at, ours + newline)
    return "".join(lines)
