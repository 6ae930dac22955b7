"""Which reader a vendor's file needs, told by its first bytes, never by its name.

A PDF starts with `%PDF`; an xlsx and a docx are both ZIP archives, told apart by the part
that opens them (`xl/workbook.xml`, `word/document.xml`). Anything else is a web page or text
and goes to `decoding`. Office files are opened only after the archive's own table of contents
is checked: a ZIP can promise gigabytes from a few kilobytes (a zip bomb), and a corrupt one
must fail here in one line rather than deep inside a library.
"""

from __future__ import annotations

import io
import zipfile

from .errors import SourceError
from .extraction import Document

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
DOCUMENT_SECONDS = 60.0
# Unpacked, an honest 50 MB workbook stays well under this; a bomb goes far over it.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_RATIO = 200  # an XML part compresses ten to twenty times; a bomb a thousand and more
DOCUMENT_TYPES = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)


def is_document(data: bytes) -> bool:
    """A PDF or an Office file: read by a document reader, with the document limits."""
    return data.startswith((b"%PDF", b"PK\x03\x04"))


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The Office file's ZIP archive, refused when it is damaged or would unpack to far more
    than any real document (checked from its table of contents, before anything is unpacked)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise SourceError(f"{name}: is a damaged ZIP archive (an incomplete download?)") from None
    unpacked = sum(member.file_size for member in members)
    bomb = any(member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1)
               for member in members)
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise SourceError(f"{name}: would unpack to {unpacked // (1024 * 1024)} MB from "
                          f"{len(data) // 1024} KB (a zip bomb?); not opened")
    return archive


def read_document(data: bytes, name: str, deadline: float) -> Document | None:
    """The document's passages, or None when the bytes are not a PDF or an Office file."""
    if data.startswith(b"%PDF"):
        from .pdf import read_pdf  # the PDF engine loads only when a PDF is attached

        return read_pdf(data, name, deadline)
    if not data.startswith(b"PK\x03\x04"):
        return None
    archive = open_archive(data, name)
    parts = set(archive.namelist())
    if "xl/workbook.xml" in parts:
        from .spreadsheet import read_xlsx

        return read_xlsx(data, name, deadline)
    if "word/document.xml" in parts:
        from .word import read_docx

        return read_docx(data, name)
    raise SourceError(f"{name}: is a ZIP archive, not a PDF, xlsx or docx document")
