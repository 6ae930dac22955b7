"""Extraction: vendor pages in HTML, Markdown and plain text become passages with headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.sources.decoding import decode_document
from tui.core.sources.errors import SourceError
from tui.core.sources.extraction import extract, extract_html, extract_markdown, extract_text, guess_kind

PAGES = Path(__file__).parent / "fixtures" / "vendor_pages"
EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "smart-tables-security-page.txt"


def texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.passages]


def test_html_drops_scripts_styles_and_site_chrome() -> None:
    document = extract_html((PAGES / "brightdesk-faq.html").read_text(encoding="utf-8"))
    joined = " ".join(texts(document))
    assert "window.analytics" not in joined and "font-weight" not in joined
    assert "Pricing" not in joined and "Privacy and GDPR" not in joined  # header and nav
    assert "Trust center" not in joined  # footer
    assert document.title == "BrightDesk Security FAQ"


def test_faq_answers_carry_their_question_as_heading() -> None:
    document = extract_html((PAGES / "brightdesk-faq.html").read_text(encoding="utf-8"))
    answer = next(p for p in document.passages if "mutual TLS" in p.text)
    assert answer.heading == "Security FAQ > What about traffic inside your infrastructure?"


def test_html_that_never_closes_its_tags_still_splits_into_passages() -> None:
    document = extract_html("<h2>Access<p>Roles for everyone<li>Admins<li>Viewers<h2>Logs<p>Audit log kept")
    assert [(p.heading, p.text) for p in document.passages] == [
        ("Access", "Roles for everyone"), ("Access", "Admins"), ("Access", "Viewers"), ("Logs", "Audit log kept"),
    ]


def test_a_never_closed_script_hides_only_what_follows_it() -> None:
    document = extract_html("<p>Visible statement.</p><script>var a = '<p>hidden</p>';")
    assert texts(document) == ["Visible statement."]


def test_table_rows_become_one_passage_each() -> None:
    document = extract_html((PAGES / "orbitforms-security.html").read_text(encoding="utf-8"))
    assert "Analyst Read responses only, cannot edit forms" in texts(document)


def test_markdown_headings_lists_and_raw_html() -> None:
    document = extract_markdown("# Acme\n\n## API\n\n- Every call needs a *token*.\n- Keys expire.\n\n"
                                "<script>alert('x')</script>\n\nWe log `all` events.\n")
    assert document.title == "Acme"
    assert [(p.heading, p.text) for p in document.passages] == [
        ("Acme > API", "Every call needs a token."), ("Acme > API", "Keys expire."), ("Acme > API", "We log all events."),
    ]


def test_plain_text_copied_from_a_browser_has_one_paragraph_per_line() -> None:
    document = extract_text((PAGES / "ferncloud-trust.txt").read_text(encoding="utf-8"))
    item = next(p for p in document.passages if p.text.startswith("HSTS is enabled"))
    assert item.heading == "Encryption"
    assert not any(p.text.startswith("- ") for p in document.passages)


def test_wrapped_plain_text_paragraphs_are_joined_and_long_ones_split_at_sentences() -> None:
    document = extract_text((PAGES / "tallyhub-overview.txt").read_text(encoding="utf-8"))
    roles = next(p.text for p in document.passages if "three roles" in p.text)
    assert roles.startswith("Inside a firm there are three roles.")
    assert all(len(p.text) < 700 for p in document.passages)
    assert all(p.text.rstrip().endswith((".", ";", ":")) for p in document.passages)


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples is not beside this checkout")
def test_the_example_vendor_page_keeps_its_sections() -> None:
    document = extract_text(EXAMPLE.read_text(encoding="utf-8"))
    encryption = next(p for p in document.passages if "TLS 1.2+" in p.text)
    assert encryption.heading == "Encryption"
    assert any(p.heading == "Permissions" and p.text.startswith("READ") for p in document.passages)


def test_kind_comes_from_content_type_then_extension_then_content() -> None:
    assert guess_kind("x", "text/html; charset=utf-8", "") == "html"
    assert guess_kind("notes.md", "", "# hi") == "markdown"
    assert guess_kind("page", "", "<!DOCTYPE html><p>x") == "html"
    assert guess_kind("page.txt", "text/plain", "<p>looks like html</p>") == "text"
    assert extract("plain", "text").passages[0].text == "plain"


def test_control_characters_and_escape_sequences_never_reach_a_passage() -> None:
    document = extract_text("Security\nWe use TLS \x1b[31mred\x1b[0m and\x07 bells.\n")
    assert texts(document) == ["We use TLS red and bells."]


@pytest.mark.parametrize("data, encoding, expected", [
    ("Données chiffrées en transit".encode("cp1252"), None, "Données chiffrées en transit"),
    ("Sécurité".encode("latin-1"), "iso-8859-1", "Sécurité"),
    ('<meta charset="shift_jis"><p>暗号化</p>'.encode("shift_jis"), None, "暗号化"),
    ("\ufeffBOM text".encode("utf-8"), None, "BOM text"),
    ("UTF-16 page with a mark".encode("utf-16"), None, "UTF-16 page with a mark"),
])
def test_pages_in_other_encodings_are_decoded(data: bytes, encoding: str | None, expected: str) -> None:
    assert expected in decode_document(data, "page", encoding)


@pytest.mark.parametrize("data, message", [
    (b"%PDF-1.7 binary", "is a PDF document"),
    (b"\x89PNG\r\n\x1a\n....", "is a PNG image"),
    (bytes(range(256)) * 64, "binary"),
])
def test_binary_files_are_refused_with_what_they_are(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        decode_document(data, "upload.bin")
