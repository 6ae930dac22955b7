"""A suggested passage becomes evidence: a quote with a link to where the vendor says it.

Citing is one keystroke during a live call, so it must be just as easy to take back: `cite`
returns a Citation that `undo_citation` removes again, exactly that evidence item and nothing
the reviewer added since.

A vendor's paragraph often runs to several hundred characters, of which one sentence answers
the question, so a citation quotes the sentences that carry the matched words (`widen` turns
it into the whole passage, `requote` trims it by hand) and is labelled `TITLE › HEADING`, the
words a reader of the wiki page recognises, not a host name.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..interview import find_response
from ..review import Evidence, Passage, Review, Source
from .errors import SourceError
from .sentences import split_sentences

# A text fragment names the passage by its first and last words when it is long: the link
# stays short, and the browser still highlights the whole passage.
FRAGMENT_EDGE_WORDS = 5


@dataclass(frozen=True)
class Citation:
    question_id: str
    evidence: Evidence
    passage: Passage | None = None  # what was cited from, so a second press can widen it

    @property
    def whole(self) -> bool:
        """The quote is the whole passage (nothing left to widen)."""
        return self.passage is None or self.evidence.quote == self.passage.text


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


def matched_sentences(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The sentence of `text` that holds the most matched words (character spans), with any
    other holding as many, in order and joined by a space; the whole text when nothing matched
    or every sentence was chosen. A second sentence that repeats one matched word ("TLS")
    stays out: the reviewer widens to the whole passage with a second press."""
    sentences = split_sentences(text)
    counts: list[int] = []
    start = 0
    for sentence in sentences:
        begin = text.find(sentence, start)
        if begin < 0:  # the splitter normalised white space: give up on positions
            return text
        end = start = begin + len(sentence)
        counts.append(sum(begin < span_end and span_start < end for span_start, span_end in spans))
    best = max(counts, default=0)
    chosen = [sentence for sentence, count in zip(sentences, counts, strict=True) if best and count == best]
    if not chosen or len(chosen) == len(sentences):
        return text
    return " ".join(chosen)


def citation_label(source: Source, passage: Passage) -> str:
    """`Stiltsoft security › Encryption`: the source's title and the passage's own heading
    (the innermost one), falling back on the host name for an untitled page. A PDF's passage
    is labelled by the title alone (the evidence's page says where: `TITLE, p. 4`), a
    workbook's row by `TITLE › SHEET › ROW-ID`."""
    title = source.title or (urlsplit(source.url).hostname if source.url else None) or source.location
    if passage.page is not None:
        return title
    heading = passage.heading.rsplit(" > ", 1)[-1].strip()
    if passage.sheet is not None:
        return f"{title} › {passage.sheet} › {heading}" if heading else f"{title} › {passage.sheet}"
    return f"{title} › {heading}" if heading else title


def citation_url(source: Source, passage: Passage, quote_text: str) -> str | None:
    """Where the citation links: a PDF's page (`…/whitepaper.pdf#page=4`: PDF viewers know
    page fragments, not text fragments), a workbook itself, a web page's text fragment; no
    link at all for a local file without a web address."""
    if source.url is None:
        return None
    if passage.page is not None:
        return f"{source.url.partition('#')[0]}#page={passage.page}"
    if passage.sheet is not None:
        return source.url
    return text_fragment_url(source.url, quote_text)


def cite(review: Review, question_id: str, source: Source, passage: Passage,
         spans: tuple[tuple[int, int], ...] = ()) -> Citation:
    """Add the passage's matching sentences (all of it without `spans`) to the question's
    evidence as a quote, linked to that text on the source's page, or, for a document without
    a web address, named by its title and page or row (a reader of the wiki finds it there)."""
    response = find_response(review, question_id)
    if source.url is None and passage.page is None and passage.sheet is None:
        raise SourceError(
            f"{source.location}: a saved web page needs the address it came from to be cited; "
            "give it with `source set-url SESSION N URL` (documents such as PDFs are cited by title and page)"
        )
    quote_text = matched_sentences(passage.text, spans)
    evidence = Evidence(
        url=citation_url(source, passage, quote_text),
        label=citation_label(source, passage),
        quote=quote_text,
        captured=source.captured,
        page=passage.page,
    )
    review.update(question_id, evidence=[*response.evidence, evidence])
    return Citation(question_id, evidence, passage)


def requote(review: Review, citation: Citation, text: str) -> Citation:
    """Replace the cited quote (widened, or trimmed by the reviewer) in place; the link's text
    fragment follows the new quote, so it still highlights exactly what is quoted."""
    text = " ".join(text.split())
    if not text:
        raise SourceError("a quote cannot be empty (undo the citation to remove it)")
    response = find_response(review, citation.question_id)
    try:
        index = response.evidence.index(citation.evidence)
    except ValueError:
        raise SourceError("that citation was removed meanwhile") from None
    old = citation.evidence
    url = text_fragment_url(old.url.split(":~:", 1)[0], text) if old.url and ":~:" in old.url else old.url
    evidence = Evidence(url=url, label=old.label, quote=text, captured=old.captured, page=old.page)
    review.update(citation.question_id,
                  evidence=[*response.evidence[:index], evidence, *response.evidence[index + 1:]])
    return Citation(citation.question_id, evidence, citation.passage)


def widen(review: Review, citation: Citation) -> Citation:
    """The same evidence item, now quoting the whole passage (a second press of the cite key)."""
    assert citation.passage is not None
    return requote(review, citation, citation.passage.text)


def undo_citation(review: Review, citation: Citation) -> bool:
    """Remove the cited evidence again; False when the reviewer already removed it."""
    response = find_response(review, citation.question_id)
    for index in range(len(response.evidence) - 1, -1, -1):
        if response.evidence[index] == citation.evidence:
            review.update(citation.question_id, evidence=response.evidence[:index] + response.evidence[index + 1:])
            return True
    return False
