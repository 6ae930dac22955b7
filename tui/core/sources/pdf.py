"""A text-based PDF (a vendor's whitepaper, trust overview, SOC 3) split into passages, each
with its page number.

A PDF has no paragraphs, only glyphs at positions, so they are rebuilt here. pypdfium2 (the
PDF engine of Chromium) already groups glyphs into lines, and its text page says where each
line sits, which is what the rest uses:

- lines on the same baseline are one line (Google Docs exports draw each word on its own, and
  some extractors then return one word per line);
- a gap larger than the page's usual line pitch, or a jump up the page (a second column),
  ends a paragraph; a short, unpunctuated line on its own or in a larger font is a heading;
- a word broken with a hyphen at the end of a line is joined again (`encryp-` / `tion`; pdfium
  does it within a page, marking the removed hyphen, and this module across paragraphs' lines);
- lines at the top or bottom of most pages (running headers and footers, once digits are set
  aside) and page numbers are dropped, since they would match every question;
- a paragraph that runs on over a page break stays one passage, on the page where it starts.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass

import pypdfium2
import pypdfium2.raw as pdfium_c

from .errors import SourceError
from .extraction import Document, PassageCollector, is_heading_line

EDGE_LINES = 2  # how many lines at the top and the bottom of a page can be a running header
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_BROKEN_WORD = re.compile(r"\w-$")


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    end: float  # the bottom of its last glyph: lower than `bottom` when pdfium joined a hyphenated pair

    @property
    def height(self) -> float:
        return self.top - self.bottom


def read_pdf(data: bytes, name: str, deadline: float) -> Document:
    """The PDF's passages; one SourceError line for an encrypted, damaged or scanned file,
    or one that takes past `deadline` (a `time.monotonic()` value) to read."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise SourceError(f"{name}: is encrypted (password-protected); save an unprotected copy") from None
        raise SourceError(f"{name}: is not a readable PDF (damaged or incomplete)") from None
    try:
        pages = []
        for index in range(len(pdf)):
            if time.monotonic() > deadline:
                raise SourceError(f"{name}: still reading page {index + 1} after the time limit; gave up")
            pages.append(_page_lines(pdf[index]))
        title = str(pdf.get_metadata_dict().get("Title", "")).strip()
    except pypdfium2.PdfiumError:
        raise SourceError(f"{name}: is not a readable PDF (damaged or incomplete)") from None
    finally:
        pdf.close()
    if not any(pages):
        raise SourceError(f"{name}: no text layer (scanned?); OCR is not supported")
    return _passages(_without_running_lines(pages), title)


def _page_lines(page: pypdfium2.PdfPage) -> list[_Line]:
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    lines: list[_Line] = []
    position = 0
    for raw in re.split(r"\r\n|\n|\r", text):
        stripped = raw.strip()
        if stripped:
            first = position + len(raw) - len(raw.lstrip())
            _, bottom, _, top = textpage.get_charbox(first, loose=True)
            end = textpage.get_charbox(first + len(stripped) - 1, loose=True)[1]
            # pdfium marks a hyphen it removed at a line break with U+FFFE and joins the lines
            line = _Line(" ".join(stripped.replace("\ufffe", "").split()), top, bottom, end)
            if lines and abs(lines[-1].end - bottom) < 0.3 * max(line.height, 1.0):
                lines[-1].text += " " + line.text  # the same baseline: one line drawn in pieces
                lines[-1].end = end
            else:
                lines.append(line)
        position += len(raw) + (2 if text.startswith("\r\n", position + len(raw)) else 1)
    return lines


def _edge_key(line: _Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())


def _without_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Page numbers go everywhere; a line at the edge of most pages (the same once digits are
    set aside: `Page 3 of 40`, `© 2026 Example — Confidential`) goes on every page it is on."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_edge_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    needed = max(2, round(0.6 * len(pages)))
    running = {key for key, count in counts.items() if count >= needed} if len(pages) > 1 else set()
    kept = []
    for lines in pages:
        edges = {id(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        kept.append([line for line in lines if not _PAGE_NUMBER.match(line.text)
                     and not (id(line) in edges and _edge_key(line) in running)])
    return kept


def _usual_pitch(pages: list[list[_Line]]) -> float:
    """The document's line pitch (baseline to baseline) within a paragraph: measured over the
    whole document, since a page may hold only a line or two, and never more than one and a
    half line heights, since a short document may have as many gaps as lines."""
    pitches = [a.end - b.bottom for lines in pages for a, b in zip(lines, lines[1:], strict=False)
               if a.end > b.bottom]
    heights = [line.height for lines in pages for line in lines]
    if not pitches:
        return 0.0
    return min(statistics.median(pitches), 1.5 * statistics.median(heights))


def _blocks(lines: list[_Line], usual: float) -> list[list[_Line]]:
    """A page's lines in paragraphs: a wider gap than usual, or a move up the page, ends one."""
    blocks: list[list[_Line]] = []
    for line in lines:
        if blocks:
            previous = blocks[-1][-1]
            pitch = previous.end - line.bottom
            if 0 < pitch <= usual * 1.3 + 0.5:
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return blocks


def _joined(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        if _BROKEN_WORD.search(text) and line.text[:1].islower():
            text = text[:-1] + line.text
        else:
            text = f"{text} {line.text}" if text else line.text
    return text


def _passages(pages: list[list[_Line]], title: str) -> Document:
    heights = [line.height for lines in pages for line in lines]
    body_height = statistics.median(heights) if heights else 0.0
    usual = _usual_pitch(pages)
    collector = PassageCollector()
    pending: tuple[str, int] | None = None  # a paragraph still open at the end of its page
    for number, lines in enumerate(pages, 1):
        blocks = _blocks(lines, usual)
        for index, block in enumerate(blocks):
            text = _joined(block)
            if pending and text[:1].islower():  # the paragraph goes on from the last page
                text, start = _joined([_Line(pending[0], 0, 0, 0), _Line(text, 0, 0, 0)]), pending[1]
            else:
                if pending:
                    collector.add_paragraph(*pending)
                larger = block[0].height > body_height * 1.15
                if (larger or len(block) == 1) and is_heading_line(block[0].text, ""):
                    collector.set_heading(1 if larger else 2, block[0].text)
                    title = title or block[0].text
                    block = block[1:]
                    if not block:
                        pending = None
                        continue
                    text = _joined(block)
                start = number
            pending = None
            if index == len(blocks) - 1 and not text.endswith((".", "!", "?", ":")):
                pending = (text, start)
            else:
                collector.add_paragraph(text, start)
    if pending:
        collector.add_paragraph(*pending)
    return Document(title=title, passages=collector.passages)
