"""An open 2,000-question review holds what repeats only once: the same answer or evidence
label in every question, and the question texts its questionnaire has too. These pin down the
sharing, which the wizard's peak memory relies on."""

from __future__ import annotations

from pathlib import Path

from tui.core.catalog import builtin_folder, load_questionnaire
from tui.core.interview import make_evidence, record_answer
from tui.core.questionnaire import Questionnaire
from tui.core.review import start_review
from tui.core.store import read_review, write_review


def test_answers_and_evidence_labels_read_from_a_file_are_one_object_each(bronze: Questionnaire, tmp_path: Path) -> None:
    review = start_review(bronze, product="Acme Notes")
    for response in review.responses[:3]:
        record_answer(review, bronze, response.id, "Yes")
        review.update(response.id, evidence=[make_evidence(f"https://acme.example/{response.id}", label="Trust page")])
    path = tmp_path / "acme.toml"
    write_review(path, review)
    first, second, third = read_review(path).responses[:3]
    assert first.answer is second.answer is third.answer
    assert first.evidence[0].label is second.evidence[0].label is third.evidence[0].label


def test_a_questionnaire_loaded_with_a_reviews_snapshot_keeps_one_copy_of_its_texts(bronze: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    write_review(path, start_review(bronze, product="Acme Notes"))
    review = read_review(path)
    questionnaire = load_questionnaire(builtin_folder() / "saas-security-bronze.toml", review.snapshot_strings())
    assert questionnaire == bronze
    for question, response in zip(questionnaire.questions, review.responses, strict=True):
        assert question.id is response.id and question.text is response.text and question.hint is response.hint
