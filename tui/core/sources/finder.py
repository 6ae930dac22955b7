"""The passages worth showing beside a question, best first, or none at all.

A question's query is its text, hint and guidance plus its `keywords` (the words a vendor page
would use). Ranking is BM25 (see `ranking`), but a passage is only eligible when it contains
every word of at least one keyword (in its text or its headings). That gate is what lets a
question the page is silent about show nothing: BM25 alone always finds *something* sharing
a word like "data" or "security", and its raw scores are not comparable across pages, so a
score threshold by itself cannot tell "weak match" from "no match". A small minimum score
then drops passages that pass the gate only through a word the page uses everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..questionnaire import Question, Questionnaire
from ..review import Passage, Response, Review, Source
from .ranking import Bm25Index, Token, terms, tokens

MIN_SCORE = 2.0
DEFAULT_LIMIT = 3
# Field weights: keywords are chosen to match vendor wording; question text is written for
# reviewers, and guidance talks about where to look as much as about the topic.
KEYWORD_WEIGHT, TEXT_WEIGHT, HINT_WEIGHT, GUIDANCE_WEIGHT = 1.0, 0.6, 0.4, 0.3
# Words of questionnaire phrasing that say nothing about the topic.
QUESTION_WORDS = frozenset(terms(
    "saas provider providers vendor service services product does ability concept least able "
    "make makes made available clear using used protect protected ensure good metric see "
    "cope new occurring issue issues previous track record answer answered questions level "
    "levels look count counts note worth flag say detail weaker alone"
))


@dataclass(frozen=True)
class Query:
    weights: dict[str, float]
    keywords: tuple[frozenset[str], ...]  # each keyword's terms: the eligibility gate


def question_query(text: str, hint: str = "", guidance: str = "", keywords: list[str] | tuple[str, ...] = ()) -> Query:
    weights: dict[str, float] = {}
    for field, weight in ((text, TEXT_WEIGHT), (hint, HINT_WEIGHT), (guidance, GUIDANCE_WEIGHT)):
        for term in terms(field):
            if term not in QUESTION_WORDS:
                weights[term] = max(weights.get(term, 0.0), weight)
    gates = [frozenset(terms(keyword)) for keyword in keywords]
    for gate in gates:
        for term in gate:
            weights[term] = KEYWORD_WEIGHT
    if not any(gates):  # a questionnaire without keywords: the question's own topical words
        gates = [frozenset([term]) for term in terms(text) if term not in QUESTION_WORDS]
        weights.update({term: KEYWORD_WEIGHT for gate in gates for term in gate})
    return Query(weights, tuple(gate for gate in gates if gate))


def query_for(question: Question | Response) -> Query:
    """A questionnaire Question has guidance and keywords; a review's Response (used when the
    questionnaire is no longer installed) only its snapshot text and hint."""
    return question_query(
        question.text,
        question.hint,
        getattr(question, "guidance", ""),
        getattr(question, "keywords", ()),
    )


@dataclass(frozen=True)
class Suggestion:
    """A ranked passage, with the spans of the words that matched (for highlighting)."""

    passage: Passage
    source: Source
    source_number: int
    score: float
    spans: tuple[tuple[int, int], ...]
    heading_spans: tuple[tuple[int, int], ...]

    @property
    def text(self) -> str:
        return self.passage.text

    @property
    def heading(self) -> str:
        return self.passage.heading


class Finder:
    """All passages of a review's sources, indexed once and queried per question."""

    def __init__(self, sources: list[Source]) -> None:
        self.entries: list[tuple[int, Source, Passage, list[Token], list[Token]]] = []
        for number, source in enumerate(sources, 1):
            for passage in source.passages:
                self.entries.append((number, source, passage, tokens(passage.text), tokens(passage.heading)))
        self.index = Bm25Index([[t.term for t in text + heading] for _, _, _, text, heading in self.entries])

    def suggest(self, query: Query, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
        ranked = []
        for index, score in self.index.scores(query.weights).items():
            number, source, passage, text, heading = self.entries[index]
            present = {t.term for t in text} | {t.term for t in heading}
            if score >= MIN_SCORE and any(gate <= present for gate in query.keywords):
                ranked.append((score, index))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        suggestions = []
        for score, index in ranked[:limit]:
            number, source, passage, text, heading = self.entries[index]
            suggestions.append(Suggestion(
                passage, source, number, round(score, 3),
                tuple((t.start, t.end) for t in text if t.term in query.weights),
                tuple((t.start, t.end) for t in heading if t.term in query.weights),
            ))
        return suggestions


_finders: dict[tuple[tuple[str, str], ...], Finder] = {}


def finder_for(review: Review) -> Finder:
    """The review's index, built once per set of attached sources (the wizard asks on every
    question change; sources change only when one is added or removed)."""
    key = tuple((s.location, s.captured.isoformat()) for s in review.sources)
    if key not in _finders:
        if len(_finders) >= 4:
            _finders.clear()
        _finders[key] = Finder(review.sources)
    return _finders[key]


def suggestions_for(review: Review, question: Question | Response, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """What the wizard shows beside `question`: at most `limit` passages, best first; an
    empty list when the attached sources say nothing about it."""
    if not review.sources:
        return []
    return finder_for(review).suggest(query_for(question), limit)


def question_of(review_question: Response, questionnaire: Questionnaire | None) -> Question | Response:
    """The questionnaire's question (with keywords) when it is still installed."""
    if questionnaire is not None:
        try:
            return questionnaire.question(review_question.id)
        except KeyError:
            pass
    return review_question


def suggest_all(review: Review, questionnaire: Questionnaire | None, limit: int = DEFAULT_LIMIT) -> dict[str, list[Suggestion]]:
    return {r.id: suggestions_for(review, question_of(r, questionnaire), limit) for r in review.responses}
