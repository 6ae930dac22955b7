"""Citing what has no web address: a PDF or workbook the vendor sent is cited by its title and
page (or sheet and row), exported as plain text and read back on import; with a web address
the link goes to the PDF's page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.documents import make_caiq, make_pdf, whitepaper_pages
from tui.core.questionnaire import Questionnaire
from tui.core.review import Passage, Review, Source, start_review
from tui.core.sources.attaching import load_source, retitled
from tui.core.sources.citing import cite
from tui.core.store import read_review, write_review
from tui.core.wikipage.importing import import_page
from tui.core.wikipage.parse import parse_page
from tui.core.wikipage.render import render_page

CAPTURED = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def review(bronze: Questionnaire) -> Review:
    return start_review(bronze, product="Quillstone")


def _row(review: Review, question_id: str) -> str:
    text = review.response(question_id).text
    return next(line for line in render_page(review).splitlines() if text[:30] in line)


def test_a_pdf_without_a_web_address_is_cited_by_title_and_page(review: Review, tmp_path: Path) -> None:
    source = load_source(str(make_pdf(tmp_path / "w.pdf", whitepaper_pages(4), title="Quillstone whitepaper")))
    passage = next(p for p in source.passages if "AES-256" in p.text)
    cite(review, "tls-external", source, passage)
    [evidence] = review.response("tls-external").evidence
    assert evidence.url is None and evidence.page == 2 and evidence.where == "Quillstone whitepaper, p. 2"
    assert ("Evidence: Quillstone whitepaper, p. 2 “Customer records are stored on volumes encrypted with "
            "AES-256. Keys are held") in _row(review, "tls-external")


def test_a_pdf_with_a_web_address_links_to_the_page(review: Review, tmp_path: Path) -> None:
    source = load_source(str(make_pdf(tmp_path / "w.pdf", whitepaper_pages(4), title="Quillstone whitepaper")))
    source = retitled(source, url="https://quillstone.example/whitepaper.pdf")
    cite(review, "tls-external", source, source.passages[3])
    [evidence] = review.response("tls-external").evidence
    assert evidence.url == "https://quillstone.example/whitepaper.pdf#page=4"
    assert "Evidence: [Quillstone whitepaper, p. 4](https://quillstone.example/whitepaper.pdf#page=4) “" in _row(review, "tls-external")


def test_a_workbook_row_is_cited_as_title_sheet_and_row_id(review: Review, tmp_path: Path) -> None:
    path = make_caiq(tmp_path / "caiq.xlsx", [("CEK-03.1", "Is data encrypted in transit?", "Yes",
                                               "TLS 1.2 on every endpoint.", "Cryptography")], title="Quillstone CAIQ")
    source = load_source(str(path))
    cite(review, "tls-external", source, source.passages[0])
    [evidence] = review.response("tls-external").evidence
    assert evidence.url is None and evidence.label == "Quillstone CAIQ › CAIQv4.0.3 › CEK-03.1"
    assert "Evidence: Quillstone CAIQ › CAIQv4.0.3 › CEK-03.1 “" in _row(review, "tls-external")


def test_document_evidence_survives_saving_and_an_export_import_round_trip(review: Review, bronze: Questionnaire,
                                                                         tmp_path: Path) -> None:
    pdf = Source(location="/docs/w.pdf", title="Quillstone whitepaper, p. 1 draft", captured=CAPTURED,
                 passages=[Passage(text="Backups are encrypted.", heading="Backups", page=7)])
    linked = Source(location="/docs/x.pdf", url="https://q.example/x.pdf", title="Overview", captured=CAPTURED,
                    passages=[Passage(text="Logs are kept a year.", page=3)])
    cite(review, "tls-external", pdf, pdf.passages[0])
    cite(review, "event-logs", linked, linked.passages[0])
    write_review(tmp_path / "q.toml", review)
    assert read_review(tmp_path / "q.toml").response("tls-external").evidence == review.response("tls-external").evidence
    back = import_page(parse_page(render_page(review), "q.md"), bronze).review
    for question in ("tls-external", "event-logs"):
        [before], [after] = review.response(question).evidence, back.response(question).evidence
        assert (after.url, after.label, after.page, after.quote) == (before.url, before.label, before.page, before.quote)
    assert back.response("tls-external").evidence[0].label == "Quillstone whitepaper, p. 1 draft"  # split on the last ", p. "
