"""Progress (answered or skipped, of all) stays right as answers change, including the
questions whose condition hangs on a changed answer, directly or through another question."""

from __future__ import annotations

import random

from tui.core.questionnaire import Condition, Question, Questionnaire
from tui.core.review import Response, Review, start_review


def chained_review() -> Review:
    """q2 asks only if q1 is Yes, q3 only if q2 is Yes (so also only if q1 is Yes); q4 is free."""
    questions = [
        Question(id="q1", text="Do they encrypt data at rest?"),
        Question(id="q2", text="With customer-managed keys?", depends_on=Condition(question="q1", answers=["Yes"])),
        Question(id="q3", text="Are key rotations logged?", depends_on=Condition(question="q2", answers=["Yes"])),
        Question(id="q4", text="Is there a bug bounty?"),
    ]
    return start_review(Questionnaire(id="chain", version="1", title="Chain", questions=questions), product="Acme")


def counted_by_hand(review: Review) -> int:
    return sum(1 for r in review.responses if r.answer or review.is_skipped(r))


def test_answering_no_to_a_parent_counts_its_whole_chain_as_done() -> None:
    review = chained_review()
    assert review.progress() == (0, 4)
    review.set_answer("q1", "No")
    assert review.progress() == (3, 4)  # q1 answered, q2 and q3 skipped


def test_changing_the_parent_back_reopens_the_chain() -> None:
    review = chained_review()
    review.progress()
    review.set_answer("q1", "No")
    review.set_answer("q1", "Yes")
    assert review.progress() == (1, 4)
    review.set_answer("q2", "Yes")
    review.update("q1", answer="")
    assert review.progress() == (1, 4)  # q2 is still answered; q1, q3, q4 are open


def test_progress_matches_a_full_count_after_any_sequence_of_changes() -> None:
    rng = random.Random(6)
    review = chained_review()
    for _ in range(300):
        question = rng.choice(["q1", "q2", "q3", "q4"])
        if rng.random() < 0.5:
            review.set_answer(question, rng.choice(["Yes", "No", "N/A"]))
        else:
            review.update(question, answer="", detail="cleared")
        assert review.progress() == (counted_by_hand(review), 4)


def test_questions_added_after_counting_are_counted() -> None:
    review = chained_review()
    review.progress()
    review.responses.append(Response(id="x1", text="Kept from an imported page", extra=True, answer="Yes"))
    assert review.progress() == (1, 5)
    review.responses = review.responses[:2]
    assert review.progress() == (0, 2)
