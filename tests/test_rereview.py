"""Re-reviewing a vendor from last year's session or page, and comparing two reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pages import table_rows

from tui.core.errors import InputError
from tui.core.interview import make_evidence
from tui.core.questionnaire import Questionnaire
from tui.core.rereview import (
    accept_previous,
    compare_reviews,
    describe_changes,
    previous_review,
    start_rereview,
    to_recheck,
)
from tui.core.review import Quote, Response, Review, start_review
from tui.core.store import read_review
from tui.core.wikipage.render import render_page

HANDWRITTEN = Path(__file__).parent / "fixtures" / "pages" / "harbourline-handwritten.md"


@pytest.fixture
def last_year(bronze: Questionnaire) -> Review:
    review = start_review(bronze, product="Acme Notes", vendor="Acme", description="Notes for teams.")
    review.update("tls-external", answer="Yes", detail="TLS 1.2 everywhere.",
                  evidence=[make_evidence("https://acme.example/trust", quote="We use TLS 1.2.")])
    review.update("mfa-privileged", answer="No", detail="No MFA for admins.")
    review.sections[0].quotes = [Quote(text="Export as CSV.", url="https://acme.example/export")]
    return review


def test_a_rereview_starts_empty_with_last_years_findings_as_previous_values(bronze, last_year) -> None:
    review = start_rereview(last_year, bronze)
    tls = review.response("tls-external")
    assert (tls.answer, tls.detail, tls.evidence) == ("", "", [])
    assert tls.previous is not None and (tls.previous.answer, tls.previous.detail) == ("Yes", "TLS 1.2 everywhere.")
    assert tls.previous.evidence[0].url == "https://acme.example/trust"
    assert len(to_recheck(review)) == len(bronze.questions), "every question starts to re-check"
    assert (review.product, review.vendor, review.description) == ("Acme Notes", "Acme", "Notes for teams.")
    assert review.sections[0].previous == last_year.sections[0].quotes and review.sections[0].quotes == []
    assert "TLS 1.2 everywhere" not in render_page(review), "old findings are not exported as new ones"


def test_accepting_the_previous_answer_is_one_call_and_clears_recheck(bronze, last_year) -> None:
    review = start_rereview(last_year, bronze)
    review.take_changes()
    accept_previous(review, "tls-external")
    tls = review.response("tls-external")
    assert (tls.answer, tls.detail, tls.recheck) == ("Yes", "TLS 1.2 everywhere.", False)
    assert tls.evidence[0].quote == "We use TLS 1.2."
    assert review.take_changes() == {"tls-external"}, "the change is saved like any other"
    assert len(to_recheck(review)) == len(bronze.questions) - 1


def test_answering_anew_also_clears_recheck(bronze, last_year) -> None:
    review = start_rereview(last_year, bronze)
    review.set_answer("mfa-privileged", "Yes")
    assert review.response("mfa-privileged").recheck is False
    assert review.response("mfa-privileged").previous.answer == "No"


def test_accepting_without_a_previous_answer_is_refused(bronze, last_year) -> None:
    review = start_review(bronze, product="Fresh")
    with pytest.raises(InputError, match='"tls-external" has no previous answer'):
        accept_previous(review, "tls-external")


def test_questions_dropped_from_the_questionnaire_are_kept_as_extra_questions(bronze, last_year) -> None:
    last_year.responses.append(Response(id="extra-12", text="Is data kept in the EU?", answer="Yes", extra=True))
    review = start_rereview(last_year, bronze)
    kept = review.response("extra-12")
    assert kept.extra and kept.recheck and kept.previous.answer == "Yes" and kept.answer == ""


def test_new_from_a_session_on_the_command_line(cli, workspace: Path, last_year) -> None:
    from tui.core.store import write_review

    (workspace / "sessions").mkdir()
    write_review(workspace / "sessions" / "acme-notes.toml", last_year)
    result = cli("new", "--from", "acme-notes", "--reviewer", "Sam")
    assert result.code == 0
    review = read_review(Path(result.out.strip()))
    assert Path(result.out.strip()).name == "acme-notes-2.toml"
    assert review.reviewer == "Sam" and review.response("tls-external").previous.answer == "Yes"


def test_new_from_a_wiki_page_on_the_command_line(cli) -> None:
    result = cli("new", "--from", str(HANDWRITTEN), "--product", "Harbourline Tasks 2024")
    assert result.code == 0, result.err
    review = read_review(Path(result.out.strip()))
    assert review.product == "Harbourline Tasks 2024" and review.page is None
    certs = review.response("certs-external")
    assert (certs.previous.answer, certs.previous.qualifier) == ("Yes", "version dependent")
    assert review.responses[-1].extra and review.responses[-1].previous.answer == "Yes"
    assert all(r.recheck for r in review.responses)


def test_new_without_product_or_from_is_refused(cli) -> None:
    result = cli("new")
    assert result.code == 1 and "--product" in result.err


# -- diff ----------------------------------------------------------------------------------------


def test_compare_lists_answer_detail_evidence_and_section_changes(bronze, last_year) -> None:
    this_year = last_year.model_copy(deep=True)
    this_year.update("tls-external", answer="Partial", evidence=[make_evidence("https://acme.example/tls13")])
    this_year.update("mfa-privileged", detail="MFA for admins since March.")
    this_year.sections[0].quotes.append(Quote(text="Export as JSON too."))
    changes = [(c.subject, c.field, c.before, c.after) for c in compare_reviews(last_year, this_year)]
    assert changes == [
        ("tls-external", "answer", "Yes", "Partial"),
        ("tls-external", "evidence", "https://acme.example/trust “We use TLS 1.2.”", ""),
        ("tls-external", "evidence", "", "https://acme.example/tls13"),
        ("mfa-privileged", "detail", "No MFA for admins.", "MFA for admins since March."),
        ("exporting-data", "quote", "", "Export as JSON too."),
    ]


def test_identical_reviews_have_no_changes(last_year) -> None:
    assert compare_reviews(last_year, last_year.model_copy(deep=True)) == []


def test_a_rereview_compares_against_its_own_previous_values(bronze, last_year) -> None:
    review = start_rereview(last_year, bronze)
    accept_previous(review, "tls-external")
    review.set_answer("mfa-privileged", "Yes")
    changed = {(c.subject, c.field) for c in compare_reviews(previous_review(review), review)}
    assert ("mfa-privileged", "answer") in changed and ("tls-external", "answer") not in changed


def test_describe_changes_reads_as_before_and_after(last_year) -> None:
    this_year = last_year.model_copy(deep=True)
    this_year.update("mfa-privileged", answer="Yes", detail="Enforced.")
    assert describe_changes(compare_reviews(last_year, this_year)) == [
        "mfa-privileged: " + last_year.response("mfa-privileged").text,
        "  answer: No -> Yes",
        "  detail - No MFA for admins.",
        "  detail + Enforced.",
    ]


def test_diff_of_a_page_and_a_session_on_the_command_line(cli, workspace: Path) -> None:
    session = Path(cli("import", str(HANDWRITTEN)).out.splitlines()[0].split(" -> ")[1])
    cli("answer", str(session), "mfa-privileged", "Yes", "--detail", "Enforced for owners now.")
    result = cli("diff", str(HANDWRITTEN), str(session))
    assert result.code == 0
    assert "mfa-privileged: If there is a concept of privilege levels" in result.out
    assert "  answer: No -> Yes" in result.out and "  detail + Enforced for owners now." in result.out
    data = json.loads(cli("diff", str(HANDWRITTEN), str(session), "--json").out)
    assert {d["field"] for d in data} == {"answer", "detail"}
    assert cli("diff", str(session), str(session)).out == "no differences\n"


def test_an_exported_rereview_lists_only_what_was_rechecked(bronze, last_year) -> None:
    review = start_rereview(last_year, bronze)
    accept_previous(review, "tls-external")
    rows = table_rows(render_page(review))
    assert rows[1][1] == "Yes" and all(row[1] == "" for row in rows[2:])


def test_a_rereview_read_back_from_disk_compares_with_its_previous_review(
        bronze, last_year, workspace: Path) -> None:
    from tui.core.store import write_review

    path = workspace / "sessions" / "acme-notes-2.toml"
    write_review(path, start_rereview(last_year, bronze))
    reopened = read_review(path)  # times come back through the TOML parser's own tzinfo
    changes = compare_reviews(previous_review(reopened), reopened)
    assert any(change.subject == "tls-external" and change.field == "answer" for change in changes)
    assert reopened.response("tls-external").previous.evidence[0].captured.tzinfo is not None


def test_a_rereview_keeps_the_reviewer_and_the_sources_unless_told_otherwise(bronze, last_year) -> None:
    from datetime import UTC, datetime

    from tui.core.review import Passage, Source

    last_year.reviewer = "Robin Vale"
    last_year.sources = [Source(location="https://acme.example/trust", url="https://acme.example/trust",
                                title="Acme trust", captured=datetime(2025, 3, 1, tzinfo=UTC),
                                passages=[Passage(text="We use TLS 1.2.")])]
    review = start_rereview(last_year, bronze)
    assert review.reviewer == "Robin Vale"
    assert [s.title for s in review.sources] == ["Acme trust"]
    review.sources[0].title = "changed"
    assert last_year.sources[0].title == "Acme trust", "a copy, not the same object"
    assert start_rereview(last_year, bronze, reviewer="Sam").reviewer == "Sam"
