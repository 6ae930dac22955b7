"""Large questionnaires and reviews for the benchmarks, made up on the spot.

Real question banks (CAIQ, HECVAT, ASVS) are third-party text and stay out of the repository;
the benchmarks only need their shape: hundreds to thousands of one-line questions with hints,
some conditional questions, and a review where every question carries a 500-character detail
and two evidence links, which is what a finished large review looks like on disk.

Run on its own to write a workspace for trying the app by hand:
    .venv/bin/python bench/generate.py 2000 /tmp/big-ws
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import tomli_w

from tui.core.files import ensure_private_dir
from tui.core.interview import make_evidence
from tui.core.questionnaire import Condition, Question, Questionnaire, Section
from tui.core.review import Review, start_review
from tui.core.store import write_review

TOPICS = ("encryption", "access control", "logging", "backups", "incident response",
          "vendor management", "secure development", "network security", "identity", "privacy")
DETAIL_LENGTH = 500


def make_questionnaire(size: int) -> Questionnaire:
    """`size` questions; every tenth depends on the one before it answered Yes, so the
    skip logic is exercised at scale as it is in real tiered questionnaires."""
    questions = []
    for number in range(1, size + 1):
        topic = TOPICS[number % len(TOPICS)]
        depends_on = Condition(question=f"q{number - 1}", answers=["Yes"]) if number % 10 == 0 else None
        questions.append(Question(
            id=f"q{number}",
            text=f"Question {number}: does the provider document its {topic} controls, "
                 f"review them yearly and share the results with customers?",
            hint=f"Control {number} of the generated {topic} family",
            unknown_detail=f"At this time, it is unknown whether {{vendor}} meets control {number}.",
            depends_on=depends_on,
        ))
    return Questionnaire(
        id=f"generated-{size}",
        version="1.0",
        title=f"Generated questionnaire with {size} questions",
        questions=questions,
        sections=[Section(id="strengths", heading="Strengths"), Section(id="concerns", heading="Concerns")],
    )


def detail_text(number: int) -> str:
    sentence = (f"The vendor's trust page describes control {number} in some depth; the account "
                f"manager confirmed it on the call and promised the audit letter. ")
    text = sentence * (DETAIL_LENGTH // len(sentence) + 1)
    return text[:DETAIL_LENGTH].rstrip()


def answer_everything(review: Review) -> Review:
    """Yes to every question, each with a full detail and two evidence links."""
    for number, response in enumerate(review.responses, start=1):
        review.set_answer(response.id, "Yes")
        review.update(
            response.id,
            detail=detail_text(number),
            evidence=[
                make_evidence(f"https://trust.example.com/controls/{number}", label="Trust page"),
                make_evidence(f"https://docs.example.com/security/{number}.pdf", label="Whitepaper"),
            ],
        )
    review.take_changes()
    return review


def make_review(questionnaire: Questionnaire, *, answered: bool = True) -> Review:
    review = start_review(questionnaire, product="Benchmark Suite", vendor="Example Corp")
    return answer_everything(review) if answered else review


def questionnaire_toml(questionnaire: Questionnaire) -> str:
    return tomli_w.dumps(questionnaire.model_dump(mode="python", exclude_none=True), multiline_strings=True)


def write_workspace(root: Path, size: int, *, answered: bool = True) -> Path:
    """A workspace holding the generated questionnaire and one review of it; returns the
    session file."""
    questionnaire = make_questionnaire(size)
    ensure_private_dir(root / "schemas")
    (root / "schemas" / f"{questionnaire.id}.toml").write_text(questionnaire_toml(questionnaire), encoding="utf-8")
    session = root / "sessions" / f"generated-{size}.toml"
    write_review(session, make_review(questionnaire, answered=answered))
    return session


def main() -> int:
    parser = argparse.ArgumentParser(description="write a workspace with a generated questionnaire and review")
    parser.add_argument("size", type=int, help="number of questions")
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--unanswered", action="store_true", help="leave the review unanswered")
    args = parser.parse_args()
    print(write_workspace(args.workspace, args.size, answered=not args.unanswered))
    return 0


if __name__ == "__main__":
    sys.exit(main())
