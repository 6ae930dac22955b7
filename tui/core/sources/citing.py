"""A suggested passage becomes evidence: a quote with a link to where the vendor says it.

Citing is one keystroke during a live call, so it must be just as easy to take back: `cite`
returns a Citation that `undo_citation` removes again, exactly that evidence item and nothing
the reviewer added since.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..interview import find_response
from ..review import Evidence, Passage, Review, Source
from .errors import SourceError

# A text fragment names the passage by its first and last words when it is long: the link
# stays short, and the browser still highlights the whole passage.
FRAGMENT_EDGE_WORDS = 5


@dataclass(frozen=True)
class Citation:
    question_id: str
    evidence: Evidence


def _fragment_text(text: str) -> str:
    # Text fragment syntax: '-', ',' and '&' are delimiters, so everything but unreserved
    # characters is percent-encoded, '-' included.
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, passage: str) -> str:
    """`url#:~:text=...`: a link that scrolls to and highlights the passage in browsers that
    support text fragments, and opens the page normally in those that do not."""
    words = passage.split()
    if len(words) <= 2 * FRAGMENT_EDGE_WORDS:
        directive = _fragment_text(" ".join(words))
    else:
        start = " ".join(words[:FRAGMENT_EDGE_WORDS])
        end = " ".join(words[-FRAGMENT_EDGE_WORDS:])
        directive = f"{_fragment_text(start)},{_fragment_text(end)}"
    base, _, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0]
    return f"{base}#{fragment}:~:text={directive}"


def cite(review: Review, question_id: str, source: Source, passage: Passage) -> Citation:
    """Add the passage to the question's evidence as a quote, linked to its source."""
    response = find_response(review, question_id)
    if source.url is None:
        raise SourceError(
            f"{source.location}: a local file has no web address to cite; attach it again with "
            "`source add SESSION FILE --url URL` (the address the page was saved from)"
        )
    evidence = Evidence(
        url=text_fragment_url(source.url, passage.text),
        label=source.title or urlsplit(source.url).hostname or source.url,
        quote=passage.text,
        captured=source.captured,
    )
    review.update(question_id, evidence=[*response.evidence, evidence])
    return Citation(question_id, evidence)


def undo_citation(review: Review, citation: Citation) -> bool:
    """Remove the cited evidence again; False when the reviewer already removed it."""
    response = find_response(review, citation.question_id)
    for index in range(len(response.evidence) - 1, -1, -1):
        if response.evidence[index] == citation.evidence:
            review.update(citation.question_id, evidence=response.evidence[:index] + response.evidence[index + 1:])
            return True
    return False
