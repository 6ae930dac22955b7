"""The cleaning every stored text goes through and the escaping of every exported cell were
made fast for large sessions: they must still drop (or escape) exactly what they did before."""

from __future__ import annotations

import unicodedata

import pytest

from tui.core.errors import InputError
from tui.core.interview import make_evidence, set_text
from tui.core.questionnaire import Questionnaire
from tui.core.review import start_review
from tui.core.text import clean_line, clean_text
from tui.core.wikipage.cells import render_row
from tui.core.wikipage.escaping import escape_inline


def invisible(char: str) -> bool:
    """The definition: control characters but newline and tab, lone surrogates, non-characters."""
    if char in "\n\t":
        return False
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cs")
        or (code & 0xFFFE) == 0xFFFE
        or 0xFDD0 <= code <= 0xFDEF
    )


def test_every_code_point_is_kept_or_dropped_as_the_definition_says() -> None:
    # ESC and CSI start escape sequences (which take the next characters with them) and CR
    # becomes a newline: those three are covered by the tests below.
    every = "".join(chr(code) for code in range(0x110000) if code not in (0x1B, 0x9B, 0x0D))
    assert clean_text(every) == "".join(c for c in every if not invisible(c)).strip()


def test_pasted_terminal_colours_and_carriage_returns_are_cleaned() -> None:
    pasted = "\x1b[31mTLS 1.2\x1b[0m only\r\nsince \x9b1m2021\x07\u200b"
    assert clean_text(pasted) == "TLS 1.2 only\nsince 2021\u200b"


@pytest.mark.parametrize("text", ["plain words", "two\nlines\tand a tab", "résumé — “quoted” 🙂", "a\u00a0b"])
def test_visible_text_is_kept_as_typed(text: str) -> None:
    assert clean_text(text) == text


def test_a_line_folds_breaks_and_tabs_to_spaces() -> None:
    assert clean_line(" one\ntwo\tthree\x00 ") == "one two three"


@pytest.mark.parametrize("url", ["https://a.example/x\u00a0y", "https://a.example/x\ty", "https://a.example/`x`"])
def test_a_link_with_any_kind_of_space_or_quote_is_refused(url: str) -> None:
    with pytest.raises(InputError, match="cannot contain spaces"):
        make_evidence(url)


@pytest.mark.parametrize(
    "written", ["JaVaScRiPt:alert(1)", "javaſcript :x", "DATA\t:text/html", "fİle:///etc/passwd", "vbscrıpt:x"]
)
def test_every_spelling_of_a_dangerous_scheme_loses_its_colon_in_the_page(written: str) -> None:
    escaped = escape_inline(f"see {written}")
    assert "&#58;" in escaped
    assert ":" not in escaped.replace("&#58;", "")


def test_a_detail_line_that_looks_like_our_evidence_list_is_kept_apart(bronze: Questionnaire) -> None:
    review = start_review(bronze, product="Acme")
    first = bronze.questions[0].id
    set_text(review, first, detail="Evidence: trust me\nEvidence\\: already escaped")
    row = render_row(review, review.response(first))
    assert "Evidence\\: trust me<br>Evidence\\\\: already escaped" in row
