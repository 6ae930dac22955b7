"""Bytes of a vendor page to text, in whatever encoding the vendor used.

The order is the one browsers follow: a byte-order mark, then the charset the server declared,
then a `<meta charset>` near the top of an HTML page, then UTF-8 when the bytes are valid UTF-8,
and only then a guess by charset-normalizer (a Latin-1 or Shift-JIS page saved without any
declaration). Bytes that decode as nothing readable are refused as binary, so a PDF or an
image never becomes a page of mojibake passages.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import SourceError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}


def declared_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", content_type, re.I)
    return match.group(1) if match else None


def _known(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def decode_document(data: bytes, name: str, charset: str | None = None) -> str:
    """The document's text; SourceError for binary content or text no encoding explains."""
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise SourceError(f"{name}: is {kind}, not a web page or text; save the page as HTML or text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    meta = _META_CHARSET.search(data[:4096])
    for candidate in (_known(charset), _known(meta.group(1).decode("ascii") if meta else None)):
        if candidate:
            try:
                return _checked(data.decode(candidate), name)
            except UnicodeDecodeError:
                break  # a wrong declaration: fall through to detection
    try:
        return _checked(data.decode("utf-8"), name)
    except (UnicodeDecodeError, SourceError):
        pass  # e.g. UTF-16 without a mark decodes as "UTF-8" full of NULs: let detection try
    best = from_bytes(data[:262144]).best()
    if best is None or best.encoding is None:
        raise SourceError(f"{name}: is binary data or text in an unrecognised encoding")
    return _checked(data.decode(best.encoding, errors="replace"), name)


def _checked(text: str, name: str) -> str:
    """Text full of NULs or other control characters is a binary file that happened to decode."""
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in sample or controls > len(sample) // 100 + 2:
        raise SourceError(f"{name}: is binary data, not a web page or text")
    return text
