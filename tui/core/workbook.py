"""The one reader of xlsx workbooks: a vendor's completed CAIQ or HECVAT, or any sheet of rows.

Sources turn its rows into passages, and a questionnaire import can turn the same rows into
questions and the vendor's claims, so the layouts are recognised here once, by their header
rows and never by file name (vendors rename files, never the columns):

- CAIQ v4: a header with Question ID, Question, CSP CAIQ Answer and CSP Implementation
  Description; the section is the row's CCM Domain Title, else its id's prefix (`CEK`);
- HECVAT v3 and v4: a header with Vendor Answer(s) and Additional Information; a row with a
  title and no answer is a section row (`DOCUMENTATION`) naming the rows below it;
- anything else: rows under the sheet's first row of column names.

Values are the cached results of formulas (what Excel shows, `data_only`), a merged range
gives its value to every cell it covers (HECVAT merges section titles and long answers), and
hidden sheets (lookup lists behind the Yes/No drop-downs) are left out.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Row:
    """One row: for a questionnaire its id, question, answer and detail; always its cells."""

    number: int  # the spreadsheet's own row number, as Excel shows it
    id: str
    section: str = ""
    question: str = ""
    answer: str = ""
    detail: str = ""
    cells: tuple[tuple[str, str], ...] = ()  # (column name, value), non-empty values only


@dataclass
class Sheet:
    name: str
    layout: str  # "caiq", "hecvat" or "table"
    rows: list[Row] = field(default_factory=list)


@dataclass
class Workbook:
    title: str
    sheets: list[Sheet]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _column(header: list[str], *needles: str, exclude: str = "") -> int | None:
    """The first column whose name contains every needle (case-insensitively)."""
    for index, name in enumerate(header):
        lowered = name.lower()
        if all(needle in lowered for needle in needles) and not (exclude and exclude in lowered):
            return index
    return None


def _layout(header: list[str]) -> str | None:
    if _column(header, "question id") is not None and _column(header, "caiq answer") is not None:
        return "caiq"
    if _column(header, "vendor answer") is not None and _column(header, "additional information") is not None:
        return "hecvat"
    if sum(1 for name in header if name) >= 2:
        return "table"
    return None


def _grid(sheet: Any) -> list[list[str]]:
    """The sheet's values as text, merged ranges filled in from their top-left cell."""
    grid = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        top = merged.min_row - 1
        if top >= len(grid) or merged.min_col - 1 >= len(grid[top]):
            continue
        value = grid[top][merged.min_col - 1]
        for row in range(top, min(merged.max_row, len(grid))):
            for column in range(merged.min_col - 1, min(merged.max_col, len(grid[row]))):
                grid[row][column] = value
    return grid


def _header_row(grid: list[list[str]]) -> int | None:
    """The first row naming at least two columns in words (not numbers), recognised layouts first."""
    candidates = [i for i, row in enumerate(grid[:HEADER_SEARCH_ROWS])
                  if sum(1 for cell in row if cell and not re.fullmatch(r"[\d.,%-]+", cell)) >= 2]
    for index in candidates:
        if _layout(grid[index]) in ("caiq", "hecvat"):
            return index
    return candidates[0] if candidates else None


def _cell(cells: list[str], index: int | None) -> str:
    """A row's value in a column that may be missing (the layout lacks it, the row is short)."""
    return cells[index] if index is not None and index < len(cells) else ""


def _caiq_rows(header: list[str], body: list[tuple[int, list[str]]]) -> list[Row]:
    id_, question = _column(header, "question id"), _column(header, "question", exclude="id")
    answer, detail = _column(header, "caiq answer"), _column(header, "implementation description")
    domain = _column(header, "domain")
    rows = []
    for number, cells in body:
        if not _cell(cells, id_) or not (_cell(cells, answer) or _cell(cells, detail)):
            continue  # unanswered rows say nothing about the vendor
        section = _cell(cells, domain) or _cell(cells, id_).split("-", 1)[0]
        rows.append(Row(number, _cell(cells, id_), section, _cell(cells, question), _cell(cells, answer), _cell(cells, detail)))
    return rows


def _hecvat_rows(header: list[str], body: list[tuple[int, list[str]]]) -> list[Row]:
    question = _column(header, "question", exclude="id")
    answer, detail = _column(header, "vendor answer"), _column(header, "additional information")
    id_ = _column(header, "question id")
    id_ = next((i for i, name in enumerate(header) if name.lower() == "id"), 0) if id_ is None else id_
    question = (id_ + 1) if question is None else question
    rows, section = [], ""
    for number, cells in body:
        values = {value for value in cells if value}
        if len(values) == 1:
            section = values.pop()  # a section row: one title (often merged across the row)
            continue
        if not _cell(cells, answer) and not _cell(cells, detail):
            continue  # a question the vendor left unanswered
        rows.append(Row(number, _cell(cells, id_) or f"row {number}", section, _cell(cells, question),
                        _cell(cells, answer), _cell(cells, detail)))
    return rows


def _table_rows(header: list[str], body: list[tuple[int, list[str]]]) -> list[Row]:
    rows = []
    for number, cells in body:
        named = tuple((header[i] or f"column {i + 1}", value) for i, value in enumerate(cells)
                      if value and i < len(header))
        if not named:
            continue
        first = cells[0] if cells and len(cells[0]) <= 20 else ""
        rows.append(Row(number, first or f"row {number}", cells=named))
    return rows


_READERS = {"caiq": _caiq_rows, "hecvat": _hecvat_rows, "table": _table_rows}


def read_workbook(data: bytes, name: str, deadline: float) -> Workbook:
    """Every visible sheet with a header row; InputError (one line) for a workbook that cannot
    be opened, has no header on any sheet, or takes past `deadline` to read."""
    import openpyxl  # loaded only when a workbook is read

    try:
        # Not read_only: merged ranges are known only to the full reader. The 50 MB limit on
        # the file keeps that reader's memory in bounds.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises whatever its XML and zip layers raise
        raise InputError(f"{name}: is not a readable xlsx workbook ({error.__class__.__name__})") from None
    sheets = []
    for worksheet in book.worksheets:
        if time.monotonic() > deadline:
            raise InputError(f"{name}: still reading sheet {worksheet.title!r} after the time limit; gave up")
        if worksheet.sheet_state != "visible":
            continue
        grid = _grid(worksheet)
        start = _header_row(grid)
        if start is None:
            continue
        header = grid[start]
        layout = _layout(header) or "table"
        body = [(start + 2 + i, row) for i, row in enumerate(grid[start + 1:])]
        sheets.append(Sheet(worksheet.title, layout, _READERS[layout](header, body)))
    if not sheets:
        raise InputError(f"{name}: has no header row (a row of column names) on any visible sheet")
    return Workbook(_text(book.properties.title), sheets)
