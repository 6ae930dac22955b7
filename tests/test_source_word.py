"""Word documents as sources: headings and paragraphs as in a web page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.documents import make_docx
from tui.core.sources.attaching import load_source
from tui.core.sources.errors import SourceError


def test_a_word_document_gives_passages_under_its_headings(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "overview.docx", [
        ("h1", "Larkspur security overview"),
        ("h2", "Encryption"),
        ("p", "Every connection to Larkspur uses TLS 1.2 or newer."),
        ("li", "Backups are encrypted with AES-256."),
        ("h2", "Access"),
        ("p", "Staff sign in with single sign-on and a hardware key."),
        ("row", "MFA|Enforced for all staff"),
    ])
    source = load_source(str(path))
    assert source.title == "Larkspur security overview"
    assert [(p.heading, p.text) for p in source.passages] == [
        ("Larkspur security overview > Encryption", "Every connection to Larkspur uses TLS 1.2 or newer."),
        ("Larkspur security overview > Encryption", "Backups are encrypted with AES-256."),
        ("Larkspur security overview > Access", "Staff sign in with single sign-on and a hardware key."),
        ("Larkspur security overview > Access", "MFA Enforced for all staff"),
    ]


def test_the_document_properties_title_wins_over_the_first_heading(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "o.docx", [("h1", "Overview"), ("p", "We log every admin action.")],
                     title="Larkspur trust overview")
    assert load_source(str(path)).title == "Larkspur trust overview"


def test_a_damaged_word_file_is_refused_in_one_line(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "o.docx", [("p", "Text.")]).read_bytes()
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(io.BytesIO(good)) as archive, zipfile.ZipFile(broken, "w") as out:
        for item in archive.infolist():
            out.writestr(item, b"<not xml" if item.filename == "word/document.xml" else archive.read(item))
    with pytest.raises(SourceError) as raised:
        load_source(str(broken))
    assert str(raised.value) == f"{broken.resolve()}: is not a readable Word document (XMLSyntaxError)"
