"""A document's text split into passages: paragraphs and list items, each with its headings.

HTML goes through the standard library's HTML tokenizer, which never fails on broken markup: a
page that never closes its tags still yields its text, because every block-level start tag
ends the passage before it. Markdown is rendered to HTML by markdown-it (the parser the project
already uses) and read the same way, so both formats share one set of rules. Plain text has no
markup, so its structure is inferred from the lines themselves (see `_text_blocks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from ..review import Passage
from ..text import clean_line

# Elements whose text is never part of the page's statements: code, styling and the site's
# chrome (menus, banners, footers repeat on every page and would match every question).
DROPPED = frozenset({"script", "style", "noscript", "template", "svg", "canvas", "iframe",
                     "object", "nav", "header", "footer", "button", "select", "form"})
BLOCKS = frozenset({"p", "div", "li", "dd", "blockquote", "pre", "section", "article", "main",
                    "aside", "ul", "ol", "dl", "table", "tr", "thead", "tbody", "figure",
                    "figcaption", "address", "hr", "details", "body", "center", "fieldset"})
# A <dt> names the <dd> after it and a <summary> its <details>: FAQ pages use both as questions.
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "dt": 7, "summary": 7}
CELLS = frozenset({"td", "th"})
HEADING_MAX = 200
PASSAGE_TARGET = 400
MAX_PASSAGES = 5000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9])")
_BULLET = re.compile(r"^\s*(?:[-*•·‣◦▪]|\d{1,3}[.)])\s+")
_HAS_WORD = re.compile(r"\w\w")


@dataclass
class Document:
    title: str
    passages: list[Passage] = field(default_factory=list)


class PassageCollector:
    """Text arrives in pieces; headings and block boundaries decide where passages end."""

    def __init__(self) -> None:
        self.headings: dict[int, str] = {}
        self.passages: list[Passage] = []
        self.buffer: list[str] = []

    def add_text(self, text: str) -> None:
        self.buffer.append(text)

    def flush(self) -> None:
        text = clean_line(" ".join("".join(self.buffer).split()))
        self.buffer = []
        if _HAS_WORD.search(text):
            self.add_passage(text)

    def add_passage(self, text: str, page: int | None = None, sheet: str | None = None) -> None:
        heading = " > ".join(self.headings[level] for level in sorted(self.headings))
        for piece in split_long(text):
            self.passages.append(Passage(text=piece, heading=heading, page=page, sheet=sheet))

    def add_paragraph(self, text: str, page: int | None = None, sheet: str | None = None) -> None:
        """A whole paragraph at once (a document reader rebuilt it), cleaned like page text."""
        text = clean_line(" ".join(text.split()))
        if _HAS_WORD.search(text):
            self.add_passage(text, page, sheet)

    def set_heading(self, level: int, text: str) -> None:
        text = clean_line(" ".join(text.split()))
        if len(text) > HEADING_MAX:
            self.add_passage(text)  # a "heading" this long is a statement in heading markup
            return
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        if _HAS_WORD.search(text):
            self.headings[level] = text


def split_long(text: str) -> list[str]:
    """A long paragraph in sentence-aligned pieces of about PASSAGE_TARGET characters: prose
    pages cover several topics per paragraph, and a quote should be the part that answers."""
    if len(text) <= PASSAGE_TARGET * 3 // 2:
        return [text]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        if current and len(current) + len(sentence) > PASSAGE_TARGET:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    return pieces + [current] if current else pieces


class _HtmlReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.collector = PassageCollector()
        self.dropping: dict[str, int] = {}
        self.heading: tuple[int, list[str]] | None = None
        self.title: list[str] | None = None
        self.title_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropping[tag] = self.dropping.get(tag, 0) + 1
        elif tag == "title":
            self.title = []
        elif tag in HEADINGS:
            self._end_block()
            self.heading = (HEADINGS[tag], [])
        elif tag in BLOCKS:
            self._end_block()
        elif tag in CELLS or tag == "br":
            self._text(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            if self.dropping.get(tag):
                self.dropping[tag] -= 1
        elif tag == "title" and self.title is not None:
            self.title_text = " ".join("".join(self.title).split())
            self.title = None
        elif tag in HEADINGS or tag in BLOCKS:
            self._end_block()
            if tag in ("dl", "details"):
                self.collector.headings.pop(HEADINGS["dt"], None)  # the question ends with its list

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        else:
            self._text(data)

    def _text(self, text: str) -> None:
        if any(self.dropping.values()):
            return
        if self.heading is not None:
            self.heading[1].append(text)
        else:
            self.collector.add_text(text)

    def _end_block(self) -> None:
        if self.heading is not None:
            level, parts = self.heading
            self.heading = None
            self.collector.set_heading(level, "".join(parts))
        else:
            self.collector.flush()


def extract_html(html: str) -> Document:
    reader = _HtmlReader()
    reader.feed(html)
    reader.close()
    reader._end_block()  # a heading or paragraph the page never closed
    first_heading = next((p for p in reader.collector.headings.values()), "")
    return Document(title=clean_line(reader.title_text) or first_heading, passages=reader.collector.passages)


def extract_markdown(markdown: str) -> Document:
    renderer = MarkdownIt("commonmark").enable("table")
    document = extract_html(renderer.render(markdown))
    heading = re.search(r"^#\s+(.+)$", markdown, re.M)
    return Document(title=clean_line(heading.group(1)) if heading else document.title, passages=document.passages)


def is_heading_line(line: str, next_line: str | None) -> bool:
    """A short line without closing punctuation, followed by text: how plain-text pages
    (and text copied from a web page) show a heading."""
    words = line.split()
    return (
        next_line is not None
        and 0 < len(words) <= 10
        and len(line) <= 80
        and not line.rstrip().endswith((".", "!", "?", ",", ";", ":"))
        and not _BULLET.match(line)
        and not line[0].islower()
    )


def _text_blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks when the text has them (its lines are then wrapped
    paragraphs); otherwise every line is a paragraph, as in text copied from a browser."""
    lines = [line.strip() for line in text.splitlines()]
    if any(not line for line in lines) and sum(1 for line in lines if line) > 2 * sum(1 for line in lines if not line):
        blocks, current = [], []
        for line in lines + [""]:
            if line:
                current.append(line)
            elif current:
                blocks.append(current)
                current = []
        return blocks
    return [[line] for line in lines if line]


def extract_text(text: str) -> Document:
    collector = PassageCollector()
    blocks = _text_blocks(text)
    for index, block in enumerate(blocks):
        following = blocks[index + 1][0] if index + 1 < len(blocks) else None
        lines = list(block)
        if is_heading_line(lines[0], lines[1] if len(lines) > 1 else following):
            collector.set_heading(1, lines.pop(0))
        for line in lines:
            if _BULLET.match(line) or not collector.buffer:
                collector.flush()
                line = _BULLET.sub("", line)
            collector.add_text(line + " ")
        collector.flush()
    return Document(title="", passages=collector.passages)


def extract(text: str, kind: str) -> Document:
    """kind is 'html', 'markdown' or 'text' (see `guess_kind`)."""
    readers = {"html": extract_html, "markdown": extract_markdown, "text": extract_text}
    return readers[kind](text)


def guess_kind(name: str, content_type: str, text: str) -> str:
    """From the server's Content-Type, else the file's extension, else the text itself."""
    media = content_type.split(";", 1)[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media in ("text/markdown", "text/x-markdown"):
        return "markdown"
    lowered = name.lower().rsplit("?", 1)[0]
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lowered.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:2048].lstrip().lower()
    if media != "text/plain" and (head.startswith(("<!doctype html", "<html")) or re.search(r"<(p|div|body|h[1-6])[\s>]", head)):
        return "html"
    return "text"
