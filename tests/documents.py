"""Vendor documents made in the tests, in our own words: PDFs written by hand (so a test decides
exactly how ugly the layout is: one word per line, hyphenated breaks, running headers),
spreadsheets through openpyxl and Word files through python-docx.

A page is a list of lines; each line is drawn at its own height. `words_apart=True` draws every
word as its own text object, the way Google Docs exports do, which text extractors then return
one word per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

PAGE_HEIGHT = 792
LINE_HEIGHT = 14


def _pdf_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


def _content(lines: Sequence[str], words_apart: bool) -> bytes:
    commands: list[str] = []
    y = PAGE_HEIGHT - 60
    for line in lines:
        size = 11
        if line.startswith("# "):  # a heading, drawn larger
            line, size = line[2:], 16
        if words_apart:
            x = 72
            for word in line.split():
                commands.append(f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm {_pdf_string(word)} Tj ET")
                x += size * (len(word) * 0.6) + 6
        elif line:
            commands.append(f"BT /F1 {size} Tf 1 0 0 1 72 {y} Tm {_pdf_string(line)} Tj ET")
        y -= LINE_HEIGHT if size == 11 else LINE_HEIGHT + 8
    return "\n".join(commands).encode("latin-1")


def make_pdf(path: Path, pages: Sequence[Sequence[str]], *, title: str = "",
             words_apart: bool = False, password_protected: bool = False) -> Path:
    """A text-based PDF; a page with no lines at all has no text layer (like a scan).
    `password_protected` adds standard security whose user password is not empty, so a
    reader must ask for one (the content itself is left as it is: no reader gets that far)."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for index, lines in enumerate(pages):
        content = _content(lines, words_apart)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 {PAGE_HEIGHT}] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * index} 0 R >>".encode())
        objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    info = len(objects) + 1
    objects.append(f"<< /Title {_pdf_string(title)} >>".encode("latin-1"))
    encrypt = ""
    if password_protected:
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 "
                       b"/O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>")
        encrypt = f" /Encrypt {len(objects)} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def whitepaper_pages(count: int) -> list[list[str]]:
    """A long security whitepaper: a running header and a page number on every page, and
    paragraphs of our own words that wrap over several lines."""
    topics = [
        ("Encryption in transit", "All traffic between browsers and the service uses TLS 1.2 or newer. "
         "Older protocols are switched off at the load balancer and certificates renew automatically."),
        ("Encryption at rest", "Customer records are stored on volumes encrypted with AES-256. "
         "Keys are held in a managed key service and rotated every year by the operations team."),
        ("Access control", "Engineers reach production only through a bastion with hardware keys. "
         "Access is reviewed every quarter and removed on the day someone leaves the company."),
        ("Incident response", "A documented response plan names an on-call lead for every incident. "
         "Customers affected by a breach are told within seventy-two hours of its discovery."),
    ]
    pages = []
    for number in range(1, count + 1):
        heading, paragraph = topics[(number - 1) % len(topics)]
        words = paragraph.split()
        body = [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)]
        pages.append(["Quillstone Security Whitepaper - Confidential", "", f"# {heading}", *body, "",
                      f"© 2026 Quillstone Ltd - Page {number} of {count}", f"{number}"])
    return pages


CAIQ_HEADER = ["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
               "CSP Implementation Description (Optional/Recommended)", "CSC Responsibilities (Optional/Recommended)",
               "CCM Control ID", "CCM Control Specification", "CCM Control Title", "CCM Domain Title"]


def make_caiq(path: Path, rows: Sequence[tuple[str, str, str, str, str]], *, title: str = "") -> Path:
    """A completed CAIQ v4 in its layout: a title block above the header row, a hidden sheet
    with the answer list, and rows of (id, question, answer, description, domain). An answer
    starting with '=' is written as a formula whose cached value the reader must use."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "CAIQv4.0.3"
    sheet.append(["Consensus Assessments Initiative Questionnaire v4.0.3"])
    sheet.merge_cells("A1:J1")
    sheet.append([])
    sheet.append(CAIQ_HEADER)
    for id_, question, answer, description, domain in rows:
        sheet.append([id_, question, answer, "CSP-owned", description, "", id_.rsplit(".", 1)[0], "", "", domain])
    lists = book.create_sheet("Lists")
    lists.append(["Yes"])
    lists.append(["No"])
    lists.sheet_state = "hidden"
    if title:
        book.properties.title = title
    book.save(path)
    return path


def make_hecvat(path: Path, sections: dict[str, Sequence[tuple[str, str, str, str]]]) -> Path:
    """A HECVAT-style sheet: section rows merged across the row, then (id, question, vendor
    answer, additional information) rows; an additional information merged over two rows."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Vendor Responses"
    sheet.append(["Question ID", "Question", "Vendor Answers", "Additional Information", "Guidance"])
    for section, rows in sections.items():
        sheet.append([section])
        sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=5)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def make_table(path: Path, header: Sequence[str] | None, rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Controls"
    if header:
        sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def make_docx(path: Path, blocks: Sequence[tuple[str, str]], *, title: str = "") -> Path:
    """A Word file of (kind, text) blocks: kind is 'h1'..'h3', 'p', 'li' or 'row' (a table
    row, cells separated by '|')."""
    import docx

    document = docx.Document()
    table = None
    for kind, text in blocks:
        if kind == "row":
            cells = text.split("|")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            for cell, value in zip(table.add_row().cells, cells, strict=True):
                cell.text = value
            continue
        table = None
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1]))
        else:
            document.add_paragraph(text, style="List Bullet" if kind == "li" else None)
    document.core_properties.title = title
    document.save(str(path))
    return path


def refusal(path: Path) -> str:
    """The one line `load_source` refuses the file with (the test fails if it is accepted)."""
    from tui.core.sources.attaching import load_source
    from tui.core.sources.errors import SourceError

    try:
        load_source(str(path))
    except SourceError as error:
        return str(error)
    raise AssertionError(f"{path} was accepted")
