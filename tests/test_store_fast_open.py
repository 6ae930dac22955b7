"""Opening and saving a session fast must not change what is read or written.

The store parses a session one top-level table at a time (with rtoml) and hands the file's own
question tables to the writer, so these tests pin down that the result is the review the file
holds, whatever shape a hand edit left it in, and that the bytes written stay right.
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path

import pytest

from tui.core import files
from tui.core.interview import make_evidence, record_answer, set_text
from tui.core.questionnaire import Questionnaire
from tui.core.review import Passage, Quote, Review, Source, now, start_review
from tui.core.store import ReviewWriter, SessionError, open_review, read_review, write_review

PLAIN_DETAIL = "pasted from a file:\nid = 1"
HEADER_LOOKALIKE = "pasted from a file:\n[[questions]]\nid = \"evil\"\n[[sections]]"


@pytest.fixture(params=[PLAIN_DETAIL, HEADER_LOOKALIKE], ids=["plain", "header-lookalike"])
def answered(bronze: Questionnaire, request: pytest.FixtureRequest) -> Review:
    """A bronze review with the kinds of text that make TOML interesting; a file whose
    detail holds a line reading `[[questions]]` cannot be split and is read whole."""
    review = start_review(bronze, product="Acme Notes", vendor="Acme")
    first, second, third = (q.id for q in bronze.questions[:3])
    record_answer(review, bronze, first, "Yes")
    set_text(review, first, detail="TLS 1.2+ everywhere.\nSee the trust page.\n\n\"Quoted\" and '''single'''")
    review.update(first, evidence=[make_evidence("https://acme.example/trust", label="Trust")])
    record_answer(review, bronze, second, "Partial", "plan dependent")
    set_text(review, third, detail=request.param)
    review.update(third, flagged=True, notes="ask again")
    review.sections[0].quotes.append(Quote(text="We encrypt everything.", url="https://acme.example/faq"))
    review.touch()
    return review


def saved(review: Review, tmp_path: Path) -> Path:
    path = tmp_path / "sessions" / "acme.toml"
    write_review(path, review)
    return path


def test_a_saved_review_reads_back_the_same(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    assert read_review(path).model_dump() == answered.model_dump()


def test_text_that_looks_like_a_table_header_survives_save_and_reopen(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    third = answered.responses[2].id
    with open_review(path) as session:
        session.review.set_answer(answered.responses[0].id, "No")
        session.save()
    reopened = read_review(path)
    assert reopened.response(third).detail == answered.response(third).detail
    assert reopened.response(answered.responses[0].id).answer == "No"
    assert [r.id for r in reopened.responses] == [r.id for r in answered.responses]


def test_saving_an_unchanged_review_rewrites_the_same_bytes(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    before = path.read_bytes()
    with open_review(path) as session:
        session.save()
    assert path.read_bytes() == before


def test_one_changed_answer_changes_only_its_table_and_the_update_time(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    changed = answered.responses[5].id
    with open_review(path) as session:
        session.review.set_answer(changed, "Unknown")
        session.save()
    after = tomllib.loads(path.read_text(encoding="utf-8"))
    assert after["updated"] > before["updated"]
    assert [q for q in after["questions"] if q["id"] != changed] == [
        q for q in before["questions"] if q["id"] != changed
    ]
    assert next(q for q in after["questions"] if q["id"] == changed)["answer"] == "Unknown"
    assert after["sections"] == before["sections"]


def test_a_save_after_opening_stays_private_and_atomic(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    with open_review(path) as session:
        session.review.set_answer(answered.responses[1].id, "Yes")
        session.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_file_changed_behind_the_writers_back_is_written_whole(answered: Review, tmp_path: Path) -> None:
    """The writer copies unchanged tables from the file it last read or wrote; a file replaced
    meanwhile (by hand, by a sync tool) must not lend it tables from elsewhere."""
    path = saved(answered, tmp_path)
    with open_review(path) as session:
        path.write_text(path.read_text(encoding="utf-8").replace("[[questions]]", "\n[[questions]]"), encoding="utf-8")
        session.review.set_answer(answered.responses[0].id, "No")
        session.save()
        assert path.read_text(encoding="utf-8") == ReviewWriter().dumps(session.review)


def test_changes_of_a_failed_save_are_written_by_the_next(answered: Review, tmp_path: Path, monkeypatch) -> None:
    path = saved(answered, tmp_path)
    changed = answered.responses[3].id
    with open_review(path) as session:
        session.review.set_answer(changed, "Unknown")

        def full_disk(fd: int) -> None:
            raise OSError(28, "No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(files.os, "fsync", full_disk)
            with pytest.raises(OSError):
                session.save()
        session.save()
    assert read_review(path).response(changed).answer == "Unknown"


def test_hand_edited_shapes_still_read_as_the_same_review(answered: Review, tmp_path: Path) -> None:
    """A reviewer may move tables around, add comments or use inline tables: the file then
    does not split into per-question pieces and is read whole, to the same review."""
    path = saved(answered, tmp_path)
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n[[questions]]\n", 1)
    cursor = header[header.index("[cursor]"):]
    reshaped = header.replace(cursor, "") + "\n# my notes\n[[questions]]\n" + rest + "\n" + cursor
    path.write_text(reshaped, encoding="utf-8")
    assert read_review(path).model_dump() == answered.model_dump()
    with open_review(path) as session:
        session.review.set_answer(answered.responses[0].id, "No")
        session.save()
    assert read_review(path).response(answered.responses[0].id).answer == "No"


def test_sections_moved_above_the_questions_by_hand_read_the_same(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    text = path.read_text(encoding="utf-8")
    header, questions = text.split("\n[[questions]]\n", 1)
    questions, sections = questions.split("\n[[sections]]\n", 1)
    path.write_text(f"{header}\n[[sections]]\n{sections}\n[[questions]]\n{questions}", encoding="utf-8")
    assert read_review(path).model_dump() == answered.model_dump()


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda text: text.replace('answer = "Yes"', 'answer = "Yes', 1), "invalid TOML"),
        (lambda text: text + "\n[[questions]]\nid = 3\n", "questions[11].id"),
        (lambda text: re.sub(r"^heading = .*$", "heading = 1", text, count=1, flags=re.M), "sections[0].heading"),
    ],
)
def test_a_broken_session_is_refused_with_where_and_left_alone(
    answered: Review, tmp_path: Path, damage, expected: str
) -> None:
    path = saved(answered, tmp_path)
    broken = damage(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SessionError, match=re.escape(expected)) as error:
        open_review(path)
    assert str(path) in str(error.value)
    assert path.read_text(encoding="utf-8") == broken


def test_a_syntax_error_names_its_line_and_column(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("detail = "))
    lines[number] = "detail = oops"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SessionError, match=rf"line {number + 1}, column \d+: invalid TOML"):
        read_review(path)


def test_a_session_that_is_not_utf8_is_refused_with_its_line(answered: Review, tmp_path: Path) -> None:
    path = saved(answered, tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Acme Notes", b"Acme \xff Notes", 1))
    with pytest.raises(SessionError, match=r"line \d+: not UTF-8"):
        read_review(path)


def test_a_comment_written_by_hand_survives_saving_other_answers(bronze: Questionnaire, tmp_path: Path) -> None:
    path = saved(start_review(bronze, product="Acme Notes"), tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('answer = ""', 'answer = "" # asked on the call, no reply', 1), encoding="utf-8")
    with open_review(path) as session:
        session.review.set_answer(bronze.questions[4].id, "Yes")
        session.save()
    assert "# asked on the call, no reply" in path.read_text(encoding="utf-8")
    assert read_review(path).response(bronze.questions[4].id).answer == "Yes"


def test_questions_are_found_by_id_after_the_list_is_replaced(bronze: Questionnaire) -> None:
    review = start_review(bronze, product="Acme Notes")
    first = bronze.questions[0].id
    assert review.response(first) is review.responses[0]
    review.responses = list(reversed(review.responses))
    assert review.response(first) is review.responses[-1]
    with pytest.raises(KeyError):
        review.response("no-such-question")


def test_a_review_with_attached_sources_saves_the_same_sources_after_opening(
    answered: Review, tmp_path: Path
) -> None:
    answered.attach_source(Source(
        location="https://acme.example/trust", url="https://acme.example/trust", title="Trust",
        captured=now(), passages=[Passage(text="We use TLS 1.2.", heading="Security")],
    ))
    path = saved(answered, tmp_path)
    before = path.read_bytes()
    with open_review(path) as session:
        session.save()
        assert path.read_bytes() == before
        session.review.set_answer(answered.responses[4].id, "No")
        session.save()
    reopened = read_review(path)
    assert reopened.sources == answered.sources
    assert reopened.response(answered.responses[4].id).answer == "No"
