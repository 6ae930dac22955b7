"""Okapi BM25 over passages, with English stemming: the standard lexical ranking function.

Why a small implementation of our own: a review holds a few hundred passages, so the whole
index is a dictionary of term counts built in milliseconds; the maintained BM25 libraries
either pull in numpy and scipy (bm25s) or have not had a release in years (rank-bm25), and
neither reports which words matched, which the wizard needs for highlighting. Stemming comes
from snowballstemmer (the Porter2 algorithm, also used by Sphinx's search), so "encrypted",
"encryption" and "encrypts" meet as one term.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Version numbers ("1.2") stay whole; otherwise runs of letters and digits.
_WORD = re.compile(r"\d+(?:\.\d+)+|[^\W_]+", re.UNICODE)
STOP_WORDS = frozenset(["a", "about", "above", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "each", "either", "etc", "for", "from", "had", "has", "have", "having", "here", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with", "within", "would", "you", "your", "yours"])  # noqa: E501  # a word list: one line, one fact
K1 = 1.2
B = 0.5  # below the usual 0.75: prose paragraphs compete with one-line bullets here
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower())


@dataclass(frozen=True)
class Token:
    term: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The indexable words of a text, stemmed, with where each stands in the text."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        found.append(Token(stem(word), match.start(), match.end()))
    return found


def terms(text: str) -> list[str]:
    return [token.term for token in tokens(text)]


class Bm25Index:
    """Term statistics of a fixed list of documents (each a list of terms)."""

    def __init__(self, documents: list[list[str]]) -> None:
        self.counts = [Counter(document) for document in documents]
        self.lengths = [len(document) for document in documents]
        self.average_length = (sum(self.lengths) / len(documents)) if documents else 0.0
        frequency: Counter[str] = Counter()
        for counts in self.counts:
            frequency.update(counts.keys())
        total = len(documents)
        # The "plus one" form of the IDF (as in Lucene): never negative, so a term that
        # appears in most passages still counts a little instead of counting against them.
        self.idf = {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in frequency.items()}
        self.postings: dict[str, list[int]] = {}
        for index, counts in enumerate(self.counts):
            for term in counts:
                self.postings.setdefault(term, []).append(index)

    def term_score(self, index: int, term: str) -> float:
        count = self.counts[index].get(term, 0)
        if not count:
            return 0.0
        norm = K1 * (1 - B + B * self.lengths[index] / (self.average_length or 1.0))
        return self.idf[term] * count * (K1 + 1) / (count + norm)

    def scores(self, query: dict[str, float]) -> dict[int, float]:
        """BM25 of every document sharing a term with the query; each query term's
        contribution is multiplied by its weight."""
        totals: dict[int, float] = {}
        for term, weight in query.items():
            for index in self.postings.get(term, ()):
                totals[index] = totals.get(index, 0.0) + weight * self.term_score(index, term)
        return totals
