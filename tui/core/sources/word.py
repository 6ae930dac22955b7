"""A Word document (`.docx`) as passages: its headings and paragraphs, read as HTML is read.

python-docx gives the body's paragraphs and tables in order; a paragraph styled `Heading N`
(or `Title`) is a heading of level N, list paragraphs and table rows are passages of their own,
so a Word file ends up structured exactly like the vendor's web page would be.
"""

from __future__ import annotations

import io
import re

from .errors import SourceError
from .extraction import Document, PassageCollector

_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.I)


def read_docx(data: bytes, name: str) -> Document:
    import docx  # python-docx, loaded only when a Word file is attached
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as error:  # python-docx raises whatever its XML and zip layers raise
        raise SourceError(f"{name}: is not a readable Word document ({error.__class__.__name__})") from None
    collector = PassageCollector()
    first_heading = ""
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = dict.fromkeys(cell.text.strip() for cell in row.cells if cell.text.strip())
                collector.add_paragraph(" ".join(cells))
        elif isinstance(block, Paragraph):
            style = _HEADING_STYLE.match(block.style.name if block.style is not None else "")
            if style:
                collector.set_heading(int(style.group(1) or 0), block.text)
                first_heading = first_heading or block.text.strip()
            else:
                collector.add_paragraph(block.text)
    title = (document.core_properties.title or "").strip() or first_heading
    return Document(title=title, passages=collector.passages)
