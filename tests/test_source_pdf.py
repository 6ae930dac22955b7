"""PDF whitepapers as sources: paragraphs rebuilt from how PDFs really come out, page numbers
kept for citing, and one clear line for a PDF that cannot be read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.documents import make_pdf, refusal, whitepaper_pages
from tui.core.sources.attaching import load_source
from tui.core.sources.errors import SourceError


def test_a_whitepaper_becomes_one_passage_per_paragraph_under_its_heading_with_its_page(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "whitepaper.pdf", whitepaper_pages(4), title="Quillstone security whitepaper")
    source = load_source(str(pdf))
    assert source.title == "Quillstone security whitepaper"
    [rest] = [p for p in source.passages if "AES-256" in p.text]
    assert rest.page == 2 and rest.heading == "Encryption at rest"
    assert rest.text == ("Customer records are stored on volumes encrypted with AES-256. Keys are held in a "
                         "managed key service and rotated every year by the operations team.")
    assert [p.page for p in source.passages] == [1, 2, 3, 4]


def test_running_headers_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    source = load_source(str(make_pdf(tmp_path / "w.pdf", whitepaper_pages(5))))
    text = " ".join(p.text + " " + p.heading for p in source.passages)
    assert "Confidential" not in text and "Page 3 of 5" not in text and "Quillstone Ltd" not in text
    assert all(not p.text.isdigit() for p in source.passages)


def test_words_drawn_one_by_one_come_back_as_sentences(tmp_path: Path) -> None:
    """Google Docs exports draw every word on its own."""
    source = load_source(str(make_pdf(tmp_path / "g.pdf", whitepaper_pages(2), words_apart=True)))
    assert source.passages[0].text.startswith("All traffic between browsers and the service uses TLS 1.2 or newer.")


def test_hyphenated_line_breaks_are_joined_and_a_paragraph_runs_on_over_the_page_break(tmp_path: Path) -> None:
    pages = [["# Data retention", "Backups are kept for thirty days and are encryp-",
              "ted with a key that only the storage team can use, and every",
              "restore is logged"],
             ["and reviewed by a second engineer.", "", "Deleted accounts are purged within ninety days."]]
    source = load_source(str(make_pdf(tmp_path / "r.pdf", pages)))
    first, second = source.passages
    assert first.text == ("Backups are kept for thirty days and are encrypted with a key that only the storage "
                          "team can use, and every restore is logged and reviewed by a second engineer.")
    assert first.page == 1 and second.page == 2 and second.heading == "Data retention"


def test_the_first_heading_titles_a_pdf_without_metadata(tmp_path: Path) -> None:
    pages = [["# Trust overview", "We run the service in two regions with automatic failover."]]
    assert load_source(str(make_pdf(tmp_path / "t.pdf", pages))).title == "Trust overview"


@pytest.mark.parametrize("make, message", [
    (lambda d: make_pdf(d / "scan.pdf", [[], []]), "no text layer (scanned?); OCR is not supported"),
    (lambda d: make_pdf(d / "locked.pdf", [["Secret"]], password_protected=True),
     "is encrypted (password-protected); save an unprotected copy"),
    (lambda d: (d / "cut.pdf").write_bytes(make_pdf(d / "c.pdf", [["Cut short"]]).read_bytes()[:200]) and d / "cut.pdf",
     "is not a readable PDF (damaged or incomplete)"),
])
def test_a_pdf_that_cannot_be_read_is_refused_in_one_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    assert refusal(path) == f"{path.resolve()}: {message}"


def test_a_pdf_over_50_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024))
    with pytest.raises(SourceError, match="larger than 50 MB"):
        load_source(str(big))


def test_a_100_page_whitepaper_attaches_in_under_two_seconds(tmp_path: Path) -> None:
    pages = [page[:3] + page[3:-2] * 6 + page[-2:] for page in whitepaper_pages(100)]  # dense pages
    pdf = make_pdf(tmp_path / "long.pdf", pages, words_apart=True)
    started = time.perf_counter()
    source = load_source(str(pdf))
    assert time.perf_counter() - started < 2.0
    assert {p.page for p in source.passages} == set(range(1, 101))


def test_source_add_accepts_a_pdf_and_a_bad_one_changes_nothing(cli, workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = Path(cli("new", "--product", "Quillstone").out.strip())
    pdf = make_pdf(tmp_path / "whitepaper.pdf", whitepaper_pages(3), title="Quillstone whitepaper")
    assert cli("source", "add", "quillstone", str(pdf)).code == 0
    before = session.read_bytes()
    scan = make_pdf(tmp_path / "scan.pdf", [[]])
    result = cli("source", "add", "quillstone", str(scan))
    assert result.code == 1 and result.err.strip().endswith("no text layer (scanned?); OCR is not supported")
    assert len(result.err.strip().splitlines()) == 1 and session.read_bytes() == before
