"""The preview the wizard paints its first frame from: the resumed question, cleaned as the
model would clean it, and nothing at all from a file of another shape."""

from __future__ import annotations

from pathlib import Path

from tui.core.catalog import questionnaire_files
from tui.core.interview import record_answer
from tui.core.preview import preview_questionnaire, preview_session
from tui.core.review import Cursor, start_review
from tui.core.scale import DEFAULT_SCALE_POINTS, ScalePoint
from tui.core.store import write_review
from tui.core.workspace import Workspace


def saved_review(workspace: Path, product: str = "Acme Notes") -> Path:
    catalog = Workspace(workspace).catalog
    questionnaire = catalog.get("saas-security-bronze")
    review = start_review(questionnaire, product=product)
    record_answer(review, questionnaire, review.responses[4].id, "No")
    review.cursor = Cursor(question=review.responses[4].id, field="detail")
    path = workspace / "sessions" / "acme.toml"
    write_review(path, review)
    return path


def test_the_preview_is_the_resumed_question_with_its_place_and_answer(workspace: Path) -> None:
    path = saved_review(workspace)
    review_text = path.read_text()
    preview = preview_session(path)
    assert preview is not None
    assert (preview.product, preview.position, preview.total, preview.answer) == ("Acme Notes", 5, 11, "No")
    assert preview.text in review_text and preview.text.endswith("?")
    title, scale = preview_questionnaire(questionnaire_files(workspace / "schemas"), preview.questionnaire)
    assert title == "SaaS security (bronze)"
    assert scale == list(DEFAULT_SCALE_POINTS)


def test_text_is_cleaned_as_the_model_cleans_it(workspace: Path) -> None:
    path = saved_review(workspace)
    path.write_text(path.read_text().replace('product = "Acme Notes"', 'product = "Acme\\u001b[2J Notes"'))
    preview = preview_session(path)
    assert preview is not None and preview.product == "Acme Notes"


def test_a_file_of_another_shape_gives_no_preview(workspace: Path) -> None:
    path = saved_review(workspace)
    path.write_text(path.read_text().replace("[[questions]]\n", "[[questions]]\n\n"))
    assert preview_session(path) is None
    path.write_text("not toml at all [[questions]]\n[[questions]]\n")
    assert preview_session(path) is None
    assert preview_session(workspace / "missing.toml") is None


def test_a_scale_written_after_the_questions_is_still_the_questionnaires(tmp_path: Path) -> None:
    """The preview parses only what comes before the first question, unless a scale follows."""
    path = tmp_path / "late-scale.toml"
    path.write_text('id = "late"\nversion = "1"\ntitle = "Late scale"\n\n[[questions]]\nid = "q1"\n'
                    'text = "Encrypted?"\n\n[[scale]]\nlabel = "Ja"\nkey = "j"\n', encoding="utf-8")
    assert preview_questionnaire([path], "late") == ("Late scale", [ScalePoint("Ja", "j")])
