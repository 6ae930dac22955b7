"""Reading a Wiki.js review page: the inverse of `page`, tolerant of pages written by hand.

The grammar is the one `page` writes (its constants are shared), read back exactly so that
`render_page` of what was read gives the same values. Pages written by hand over years bend
it (an intro paragraph, a rule or none after the table, hints after a plain space, HTML
entities); those are read as well as can be and every part's source is kept, so nothing a
page says is lost. markdown-it finds the table and the section headings (and so ignores
look-alikes inside code blocks); cell text is always taken from the source, because only the
source inverts our escapes exactly. So markdown-it runs its block rules only, over a copy of
the page whose table rows are cut down to their cell borders (see `_block_tokens`): parsing
every cell's Markdown was nearly all the cost of importing a long page.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import ValidationError

from ..files import read_regular_file
from ..review import Evidence, Quote
from .cells import EVIDENCE_PREFIX, HINT_SEPARATOR, QUOTE_BULLET, default_label
from .escaping import unescape_inline, unescape_link_label, unescape_link_target
from .front_matter import PageError, read_front_matter

CELLS = ("Question", "Answer", "Detail")


@dataclass
class PageRow:
    line: int
    source: str
    text: str
    hint: str
    answer: str
    detail: str
    evidence: list[Evidence]


@dataclass
class PageSection:
    line: int
    heading: str
    quotes: list[Quote]
    source: str
    gap: str


@dataclass
class ParsedPage:
    """A page split into its parts: each part's source and the values read from it."""

    name: str
    front_matter_source: str
    front_matter: dict[str, Any]
    intro: str
    table_header: str
    rows: list[PageRow]
    after_table: str
    sections: list[PageSection] = field(default_factory=list)
    ending: str = ""
    crlf: bool = False
    digest: str = ""  # of the text as given: the same file imported again is recognised by it


# -- cells ---------------------------------------------------------------------------------

# What a hand-written page has that our escaping never produces: entities other than the four
# we write, and <br/> spellings. Decoding them cannot disturb the inverse of our own escapes.
_FOREIGN = re.compile(r"&(?!(?:amp|lt|#58|#40);)#?[0-9A-Za-z]+;|<br\s*/>|<br\s+>|<BR\s*/?>")
_CELL_BORDER = re.compile(r"(?<!\\)\|")
# Hand-written hints: `Question?<br>*hint*`, or `Question? *hint*` (a plain space after the
# question's closing punctuation, so `uses *MFA*` stays one question).
_BROKEN_HINT = re.compile(r"^(?P<text>.+?)(?:\s*<br\s*/?>\s*)+(?P<m>[*_])(?P<hint>[^*_\s](?:.*?\S)?)(?P=m)$", re.I)
_SPACED_HINT = re.compile(r"^(?P<text>.+?[?.!:)])\s+(?P<m>[*_])(?P<hint>[^*_\s](?:.*?\S)?)(?P=m)$")
_EVIDENCE_LINE = re.compile(
    re.escape(EVIDENCE_PREFIX)
    + r"\[(?P<label>(?:\\.|[^\\\]])*)\]\((?P<url>(?:\\.|[^\\)])*)\)(?: “(?P<quote>.*)”)?$"
)
# A document without a web address is named in plain text: `Evidence: TITLE, p. N “quote”`.
_PLAIN_EVIDENCE_LINE = re.compile(re.escape(EVIDENCE_PREFIX) + r"(?P<label>[^\[].*?)(?: “(?P<quote>.*)”)?$")
_PAGE_SUFFIX = re.compile(r"^(?P<label>.*), p\. (?P<page>[1-9]\d{0,5})$")
_PAGE_FRAGMENT = re.compile(r"#page=(?P<page>\d+)$")
_EVIDENCE_START = HINT_SEPARATOR + EVIDENCE_PREFIX
_EVIDENCE_LOOKALIKE = re.compile(r"^(Evidence)(\\*)\\:", re.M)
_QUOTE = re.compile(re.escape(QUOTE_BULLET) + r'"(?P<text>.*)"(?: \(\[source\]\((?P<url>(?:\\.|[^\\)])*)\)\))?$')
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def read_inline(source: str) -> str:
    """Cell or bullet source as text: our escapes undone exactly, entities decoded."""
    out, last = [], 0
    for match in _FOREIGN.finditer(source):
        token = match.group(0)
        out += [unescape_inline(source[last : match.start()]), "\n" if token[1:3].lower() == "br" else html.unescape(token)]
        last = match.end()
    return "".join(out) + unescape_inline(source[last:])


def split_row(line: str) -> list[str]:
    """Cells as GFM splits them: an unescaped pipe ends a cell; outer pipes are optional."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    cells = inner.split("|") if "\\|" not in inner else _CELL_BORDER.split(inner)
    return [cell.strip() for cell in cells]


def read_question_cell(source: str) -> tuple[str, str]:
    head, separator, tail = source.partition(HINT_SEPARATOR)
    if separator and len(tail) >= 2 and tail[0] == tail[-1] == "*":
        return read_inline(head), read_inline(tail[1:-1])
    match = _BROKEN_HINT.match(source) or _SPACED_HINT.match(source)
    if match:
        return read_inline(match["text"]), read_inline(match["hint"])
    return read_inline(source), ""


def _split_page(label: str, url: str | None) -> tuple[str, int | None]:
    """`Acme whitepaper, p. 4` is the title and page 4 (split on the last `, p. `); in a link's
    text only when the link goes to that page, so a web page's label keeps its own words."""
    match = _PAGE_SUFFIX.match(label)
    if not match:
        return label, None
    if url is not None:
        fragment = _PAGE_FRAGMENT.search(url)
        if not fragment or fragment["page"] != match["page"]:
            return label, None
    return match["label"], int(match["page"])


def _read_evidence_line(line: str) -> Evidence | None:
    match = _EVIDENCE_LINE.match(line)
    if match:
        url: str | None = unescape_link_target(match["url"])
        label = unescape_link_label(match["label"])
        label = "" if label == default_label(url or "") else label
    else:
        match = _PLAIN_EVIDENCE_LINE.match(line)
        if not match:
            return None
        url, label = None, read_inline(match["label"])
    label, page = _split_page(label, url)
    try:
        return Evidence(url=url, label=label, quote=read_inline(match["quote"] or ""), page=page)
    except ValidationError:
        return None


def _read_evidence(block: str) -> list[Evidence] | None:
    items = []
    for line in block.split("<br>"):
        item = _read_evidence_line(line)
        if item is None:
            return None
        items.append(item)
    return items


def read_detail_cell(source: str) -> tuple[str, list[Evidence]]:
    """The reviewer's detail and the evidence lines `page` appends after it."""
    start = 0 if source.startswith(EVIDENCE_PREFIX) else source.find(_EVIDENCE_START)
    evidence = None
    if start >= 0:
        evidence = _read_evidence(source[start:].removeprefix(HINT_SEPARATOR))
    if evidence is None:
        start, evidence = len(source), []
    detail = read_inline(source[:start])
    return _EVIDENCE_LOOKALIKE.sub(r"\1\2:", detail), evidence


# -- sections -------------------------------------------------------------------------------


def _items(lines: list[str]) -> list[str]:
    """Bullets and paragraphs: each becomes one quote."""
    items: list[list[str]] = []
    open_item = False
    for line in lines:
        if not line.strip():
            open_item = False
        elif _LIST_ITEM.match(line) or not open_item:
            items.append([line.strip() if not _LIST_ITEM.match(line) else line])
            open_item = True
        else:
            items[-1].append(line.strip())
    return ["\n".join(item) for item in items]


def read_quote(item: str) -> Quote:
    match = _QUOTE.match(item)
    if match:
        try:
            url = unescape_link_target(match["url"]) if match["url"] is not None else None
            return Quote(text=read_inline(match["text"]), url=url)
        except ValidationError:
            pass
    return Quote(text=read_inline(_LIST_ITEM.sub("", item, count=1)))


def read_section(heading: str, lines: list[str]) -> tuple[str, list[Quote]]:
    return read_inline(heading), [read_quote(item) for item in _items(lines)]


# -- the page -------------------------------------------------------------------------------


def _front_matter(text: str, name: str) -> tuple[int, dict[str, Any]]:
    """The index of the closing `---` line and the front-matter's values."""
    lines = text.split("\n")
    if lines[0].lstrip("\ufeff").rstrip() != "---":
        raise PageError(f"{name}: line 1: expected YAML front-matter starting with a '---' line")
    close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    if close is None:
        raise PageError(f"{name}: line 1: the front-matter is never closed by a '---' line")
    return close, read_front_matter("\n".join(lines[1:close]), name)


@cache
def _block_parser() -> MarkdownIt:
    """CommonMark with tables, block rules only: the inline rules would parse the Markdown of
    every cell, and nothing here reads it (headings and the table header keep their text)."""
    return MarkdownIt("commonmark").enable("table").disable("inline")


# A line the table rule could take as a row: it starts (after spaces or tabs) with a cell border.
_ROW_START = re.compile(r"[ \t]*\|")
# A delimiter row such as `| --- | :-: |`, whose characters the table rule does read.
_DELIMITER_LIKE = re.compile(r"[ \t]*[-:|][-:| \t]*")


def _stand_in(line: str) -> str | None:
    """The line cut down to what the table rule reads of a body row (its indent, its cell
    borders, whatever follows the last border), or None when there is nothing to cut or
    the line's characters matter (a delimiter row)."""
    if not _ROW_START.match(line) or _DELIMITER_LIKE.fullmatch(line):
        return None
    borders = line.count("|") - line.count("\\|")
    if borders < 2:
        return None
    last = line.rindex("|")
    while line[last - 1] == "\\":
        last = line.rindex("|", 0, last)
    return line[: line.index("|")] + "|" + "x|" * (borders - 1) + line[last + 1 :]


# markdown-it ends a table once it has filled in this many cells missing from short rows. A
# page whose lines times columns stay below it never gets there, and then a run of equal
# cut-down rows can be read as one: each row of the run is taken exactly as the first is.
_FILLED_CELLS_LIMIT = 0x10000


def _block_tokens(lines: list[str]) -> list[Token]:
    """markdown-it's block tokens for these lines, parsed with row-like lines cut down by
    `_stand_in` (and runs of equal cut-down rows read once). A cut-down row starts and ends
    a block where the row as written does; only rules that read a line's text (an HTML
    block looking for its end, a paragraph or heading, a link definition) can take it
    differently, and in the body of a top-level table only its number of cells counts. So
    when every cut line ends up in such a body, the tokens (lines, and the text of headings
    and table headers) are those of the page itself; otherwise the page is parsed as
    written. A line above a delimiter row may be a table's header, whose text is read: it
    is never cut. (A page with a lone CR, which markdown-it reads as a line end, is refused
    before.)"""
    parser = _block_parser()
    text = "\n".join(lines)
    delimiters = [number for number, line in enumerate(lines) if _DELIMITER_LIKE.fullmatch(line)]
    headers = {number - 1 for number in delimiters}
    stand_ins = {number: cut for number, line in enumerate(lines)
                 if number not in headers and (cut := _stand_in(line)) is not None}
    if stand_ins:
        widest = max((lines[number].count("|") + 1 for number in delimiters), default=0)
        runs = len(lines) * widest <= _FILLED_CELLS_LIMIT
        read = [number for number in range(len(lines))
                if not (runs and number - 1 in stand_ins and stand_ins.get(number) == stand_ins[number - 1])]
        tokens = parser.parse("\n".join(stand_ins.get(number, lines[number]) for number in read))
        bodies = {index for t in tokens if t.type == "table_open" and t.level == 0 and t.map
                  for index in range(t.map[0] + 2, t.map[1])}
        if bodies.issuperset(index for index, number in enumerate(read) if number in stand_ins):
            firsts = [*read, len(lines)]
            for token in tokens:
                token.map = [firsts[token.map[0]], firsts[token.map[1]]] if token.map else token.map
            return tokens
    return parser.parse(text)


def _question_table_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Body lines [start, end) of the first table whose header names a question column."""
    tables = [(i, t.map) for i, t in enumerate(tokens) if t.type == "table_open" and t.map]
    for index, span in tables:
        header = next(t.content for t in tokens[index:] if t.type == "inline")
        if "question" in header.casefold():
            return span[0], span[1]
    return None


_LONE_CR = re.compile(r"\r(?!\n)")


def content_digest(text: str) -> str:
    """The SHA-256 of a page's text, which is its file's bytes (pages are read as strict UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_page(text: str, name: str) -> ParsedPage:
    """Split a page into its parts, or raise PageError naming the file and line. A page with
    Windows line ends throughout is read with plain newlines and remembers its line end."""
    original = text
    crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")
    text = text.replace("\r\n", "\n") if crlf else text
    lone_cr = _LONE_CR.search(text)
    if lone_cr:  # Markdown ends a line there, this page's own lines do not: refused
        raise PageError(f"{name}: line {text.count(chr(10), 0, lone_cr.start()) + 1}: a carriage return (CR) "
                        "that does not end the line; save the page with LF or CRLF line ends")
    close, front = _front_matter(text, name)
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    body_line = close + 1
    tokens = _block_tokens(lines[body_line:])
    span = _question_table_span(tokens)
    if span is None:
        raise PageError(f"{name}: line {body_line + 1}: no question table after the front-matter "
                        f"(expected a '| Question | Answer | Detail |' header and a '| --- | --- | --- |' line)")
    first, end = span[0] + body_line, span[1] + body_line
    rows = []
    for number in range(first, end):
        cells = split_row(lines[number])
        if len(cells) != len(CELLS):
            raise PageError(f"{name}: line {number + 1}: expected {len(CELLS)} cells (Question | Answer | "
                            f"Detail), found {len(cells)}; is a '|' inside a cell not escaped as '\\|'?")
        if number >= first + 2:
            text_, hint = read_question_cell(cells[0])
            detail, evidence = read_detail_cell(cells[2])
            rows.append(PageRow(number + 1, lines[number], text_, hint, read_inline(cells[1]), detail, evidence))
    table_end = starts[end] - 1
    tail = text[table_end:]
    core = tail.rstrip()
    page = ParsedPage(
        name=name,
        front_matter_source=text[: starts[close + 1] - 1],
        front_matter=front,
        intro=text[starts[close + 1] - 1 : starts[first]],
        table_header=text[starts[first] : starts[first + 2] - 1],
        rows=rows,
        after_table=core,
        ending=tail[len(core):],
        crlf=crlf,
        digest=content_digest(original),
    )
    headings = [(i, t.map[0] + body_line) for i, t in enumerate(tokens)
                if t.type == "heading_open" and t.tag in ("h1", "h2") and t.map and t.map[0] + body_line >= end]
    if headings:
        page.after_table = core[: starts[headings[0][1]] - table_end]
    for number, (index, heading_line) in enumerate(headings):
        stop = starts[headings[number + 1][1]] - table_end if number + 1 < len(headings) else len(core)
        block = core[starts[heading_line] - table_end : stop]
        source = block.rstrip()
        heading_map = tokens[index].map
        assert heading_map is not None, "headings are the tokens with a line map"
        heading_lines = heading_map[1] - heading_map[0]
        heading, quotes = read_section(tokens[index + 1].content, source.split("\n")[heading_lines:])
        page.sections.append(PageSection(heading_line + 1, heading, quotes, source, block[len(source):]))
    return page


def parse_page_file(path: Path) -> ParsedPage:
    """A page file parsed, or PageError naming the file (and line) when it cannot be."""
    try:
        data = read_regular_file(path)
    except OSError as error:
        raise PageError(f"{path}: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PageError(f"{path}: line {line}: not UTF-8 text") from None
    return parse_page(text, str(path))
