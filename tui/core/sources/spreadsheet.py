"""A workbook's rows as passages: a completed questionnaire's answered rows, or any table.

Each answered CAIQ or HECVAT row becomes one passage holding the question, the vendor's answer
and description, under `CAIQ > section > id`, so the finder can match the question's words
and the citation can name the row (`TITLE › SHEET › CEK-03.1`). A sheet of another kind gives
one passage per row, its values named by their column.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..workbook import Row, Sheet, read_workbook
from .errors import SourceError
from .extraction import Document, PassageCollector

_KINDS = {"caiq": "CAIQ", "hecvat": "HECVAT"}


def _row_text(row: Row) -> str:
    if not row.question:
        return "; ".join(f"{name}: {value}" for name, value in row.cells)
    answer = f" Answer: {row.answer}." if row.answer else ""
    return f"{row.question}{answer} {row.detail}".strip()


def _add_sheet(collector: PassageCollector, sheet: Sheet) -> None:
    kind = _KINDS.get(sheet.layout, sheet.name)
    for row in sheet.rows:
        collector.headings = {1: kind, 2: row.section, 3: row.id} if row.section else {1: kind, 3: row.id}
        collector.add_paragraph(_row_text(row), sheet=sheet.name)


def read_xlsx(data: bytes, name: str, deadline: float) -> Document:
    try:
        workbook = read_workbook(data, name, deadline)
    except InputError as error:
        raise SourceError(str(error)) from None
    collector = PassageCollector()
    for sheet in workbook.sheets:
        _add_sheet(collector, sheet)
    kinds = [_KINDS[s.layout] for s in workbook.sheets if s.layout in _KINDS]
    title = workbook.title or (f"{Path(name).stem} ({kinds[0]})" if kinds else Path(name).stem)
    return Document(title=title, passages=collector.passages)
