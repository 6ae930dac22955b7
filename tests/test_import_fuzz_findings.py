"""What the import round-trip fuzz (stress.fuzz) found, each pinned by one example: a page we
export imports back to the same review."""

from __future__ import annotations

from typing import Any

import pytest

from tui.core.questionnaire import Questionnaire
from tui.core.review import Quote, Review, start_review
from tui.core.wikipage.importing import import_page
from tui.core.wikipage.parse import PageError, parse_page
from tui.core.wikipage.render import render_page


def questionnaire(**fields: Any) -> Questionnaire:
    data: dict[str, Any] = {
        "id": "small", "version": "1", "title": "Small", "page_title": "{product} review",
        "scale": [{"label": "Yes", "key": "y"}, {"label": "No", "key": "n"}],
        "questions": [{"id": "q0", "text": "Is data encrypted?"}, {"id": "q1", "text": "At rest too?"}],
        "sections": [{"id": "exporting-data", "heading": "Exporting data"}],
    }
    return Questionnaire.model_validate(data | fields)


def round_trip(q: Questionnaire, review: Review) -> tuple[Review, list[str]]:
    back = import_page(parse_page(render_page(review), "page.md"), q)
    return back.review, back.unmapped


def test_a_skipped_question_on_a_scale_without_na_comes_back_unanswered_not_flagged() -> None:
    q = questionnaire(questions=[{"id": "q0", "text": "Is data encrypted?"},
                                 {"id": "q1", "text": "At rest too?", "depends_on": {"question": "q0", "answers": ["Yes"]}}])
    review = start_review(q, product="Acme")
    review.update("q0", answer="No")

    back, notes = round_trip(q, review)

    assert notes == []
    assert (back.response("q1").answer, back.response("q1").flagged) == ("", False)
    assert back.is_skipped(back.response("q1"))


def test_a_qualifier_without_an_answer_is_not_exported_as_an_answer() -> None:
    q = questionnaire()
    review = start_review(q, product="Acme")
    review.update("q0", qualifier="version dependent")

    assert "| Is data encrypted? |  |" in render_page(review)
    assert round_trip(q, review)[1] == []


@pytest.mark.parametrize("texts", [["Same?", "Same?"], ["?", "!"], ["Is it?", "\x1b[31m"]])
def test_questions_written_twice_or_of_punctuation_alone_match_their_rows(texts: list[str]) -> None:
    q = questionnaire(questions=[{"id": f"q{n}", "text": text} for n, text in enumerate(texts)])
    review = start_review(q, product="Acme")
    review.update("q1", answer="Yes", detail="second")

    back, notes = round_trip(q, review)

    assert notes == []
    assert [(r.id, r.answer, r.detail) for r in back.responses] == [("q0", "", ""), ("q1", "Yes", "second")]


@pytest.mark.parametrize("heading", ["#", "Tags #", "C# ##", "\x07Exporting data"])
def test_a_section_heading_ending_in_hashes_or_control_characters_comes_back(heading: str) -> None:
    q = questionnaire(sections=[{"id": "notes", "heading": heading}])
    review = start_review(q, product="Acme")
    review.sections[0].quotes = [Quote(text="said on the call")]

    back, notes = round_trip(q, review)

    assert notes == []
    assert [(s.id, s.heading, [x.text for x in s.quotes]) for s in back.sections] == [
        ("notes", review.sections[0].heading, ["said on the call"])]


@pytest.mark.parametrize("pattern", ["Vendor review", "{vendor} review", " "])
def test_a_page_title_pattern_without_the_product_still_imports_to_the_same_title(pattern: str) -> None:
    q = questionnaire(page_title=pattern)
    review = start_review(q, product="Acme Notes", vendor="Acme")

    back, _ = round_trip(q, review)

    assert back.title() == review.title()
    assert render_page(back) == render_page(review)


@pytest.mark.parametrize("where", ["Is data\rencrypted?", "intro\rtext"])
def test_a_lone_carriage_return_is_refused_naming_the_file_and_line(where: str) -> None:
    page = render_page(start_review(questionnaire(), product="Acme"))
    page = page.replace("Is data encrypted?", where) if "?" in where else page.replace("\n\n|", f"\n\n{where}\n\n|", 1)

    with pytest.raises(PageError, match=r"page\.md: line \d+: a carriage return \(CR\) that does not end the line"):
        parse_page(page, "page.md")
