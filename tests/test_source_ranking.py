"""Ranking: the labelled pages in tests/fixtures/vendor_pages/ (labels.toml) and the BM25 core."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.core.questionnaire import Questionnaire
from tui.core.review import Review, start_review
from tui.core.sources.attaching import load_source
from tui.core.sources.finder import suggest_all, suggestions_for
from tui.core.sources.ranking import Bm25Index, terms

PAGES = Path(__file__).parent / "fixtures" / "vendor_pages"
LABELS = tomllib.loads((PAGES / "labels.toml").read_text(encoding="utf-8"))["pages"]
EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "smart-tables-security-page.txt"


def review_with(bronze: Questionnaire, *files: Path) -> Review:
    review = start_review(bronze, product="Acme")
    for path in files:
        review.attach_source(load_source(str(path)))
    return review


@pytest.mark.parametrize("page", LABELS, ids=[page["file"] for page in LABELS])
def test_a_question_the_page_is_silent_about_gets_no_passage(bronze: Questionnaire, page: dict) -> None:
    ranked = suggest_all(review_with(bronze, PAGES / page["file"]), bronze)
    silent = [question_id for question_id, phrases in page["answers"].items() if not phrases]
    assert {question_id: [s.text for s in ranked[question_id]] for question_id in silent} == dict.fromkeys(silent, [])


def test_nine_in_ten_labelled_answers_are_in_the_top_three(bronze: Questionnaire) -> None:
    """The issue's target (recall at 3 >= 0.9); bench/finder.py reports it per question."""
    found, missed = 0, []
    for page in LABELS:
        ranked = suggest_all(review_with(bronze, PAGES / page["file"]), bronze)
        for question_id, phrases in page["answers"].items():
            if not phrases:
                continue
            if any(phrase in s.text for s in ranked[question_id] for phrase in phrases):
                found += 1
            else:
                missed.append((page["file"], question_id))
    assert found / (found + len(missed)) >= 0.9, missed


def test_the_best_passage_comes_first(bronze: Questionnaire) -> None:
    review = review_with(bronze, PAGES / "quillstack-security.md")
    top = suggestions_for(review, bronze.question("tls-external"))[0]
    assert top.text.startswith("All client connections") and top.heading == "Security at Quillstack > Data protection > In transit"
    scores = [s.score for s in suggestions_for(review, bronze.question("incident-response"))]
    assert scores == sorted(scores, reverse=True) and len(scores) <= 3


def test_matched_words_are_given_as_spans_for_highlighting(bronze: Questionnaire) -> None:
    review = review_with(bronze, PAGES / "ferncloud-trust.txt")
    top = suggestions_for(review, bronze.question("tls-external"))[0]
    highlighted = [top.text[a:b] for a, b in top.spans]
    assert "HTTPS" in highlighted and "TLS" in highlighted
    assert "the" not in highlighted


def test_no_sources_no_suggestions_and_a_missing_questionnaire_still_ranks(bronze: Questionnaire) -> None:
    assert suggestions_for(start_review(bronze, product="Acme"), bronze.question("tls-external")) == []
    review = review_with(bronze, PAGES / "ferncloud-trust.txt")
    ranked = suggest_all(review, None)  # the review's own snapshot of the questions
    assert any("HTTPS" in s.text for s in ranked["tls-external"])


def test_passages_from_several_sources_are_ranked_together(bronze: Questionnaire) -> None:
    review = review_with(bronze, PAGES / "pebblepay-compliance.md", PAGES / "orbitforms-security.html")
    found = suggestions_for(review, bronze.question("api-authentication"))
    assert found[0].source_number == 2 and "API key" in found[0].text


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples is not beside this checkout")
def test_the_example_page_answers_the_questions_it_covers(bronze: Questionnaire) -> None:
    ranked = suggest_all(review_with(bronze, EXAMPLE), bronze)
    assert "TLS 1.2+" in ranked["tls-external"][0].text
    assert "strong ciphers" in ranked["certs-external"][0].text
    assert "JWT" in ranked["api-authentication"][0].text
    assert ranked["incident-response"][0].heading == "Incident Response"
    assert ranked["certs-internal"] == [] and ranked["logs-to-client"] == []


def test_bm25_prefers_rarer_terms_and_shorter_documents() -> None:
    index = Bm25Index([terms("audit log kept"), terms("log log log of everything in a long line of words"), terms("nothing")])
    scores = index.scores({"audit": 1.0, "log": 1.0})
    assert scores[0] > scores[1] and 2 not in scores
    assert index.scores({"log": 0.0})[0] == 0.0


def test_terms_are_stemmed_and_version_numbers_kept_whole() -> None:
    assert terms("Encrypted encryption, TLS 1.2 and the logs") == ["encrypt", "encrypt", "tls", "1.2", "log"]
