"""Citing a passage: evidence with a quote and a text-fragment link, undoable, safe on export."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tui.core.questionnaire import Questionnaire
from tui.core.review import Passage, Review, Source, start_review
from tui.core.sources.citing import Citation, cite, requote, text_fragment_url, undo_citation, widen
from tui.core.sources.errors import SourceError
from tui.core.wikipage.render import render_page

CAPTURED = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def web_source(*texts: str, url: str = "https://acme.example/trust") -> Source:
    return Source(location=url, url=url, title="Acme Trust Center", captured=CAPTURED,
                  passages=[Passage(text=t, heading="Encryption") for t in texts])


@pytest.fixture
def review(bronze: Questionnaire) -> Review:
    return start_review(bronze, product="Acme")


def test_citing_adds_the_passage_as_a_quote_linked_to_its_place_on_the_page(review: Review) -> None:
    source = web_source("All traffic is encrypted with TLS 1.2 or later.")
    cite(review, "tls-external", source, source.passages[0])
    [evidence] = review.response("tls-external").evidence
    assert evidence.quote == "All traffic is encrypted with TLS 1.2 or later."
    assert evidence.url == "https://acme.example/trust#:~:text=All%20traffic%20is%20encrypted%20with%20TLS%201.2%20or%20later."
    assert evidence.label == "Acme Trust Center › Encryption" and evidence.captured == CAPTURED
    row = next(line for line in render_page(review).splitlines() if "external data in transit using TLS" in line)
    assert "[Acme Trust Center › Encryption](https://acme.example/trust#:~:text=" in row and "“All traffic is encrypted" in row


def test_long_passages_are_linked_by_their_first_and_last_words() -> None:
    url = text_fragment_url("https://acme.example/s#top", "One two three four five six seven eight nine ten eleven-twelve, end")
    assert url == "https://acme.example/s#top:~:text=One%20two%20three%20four%20five,eight%20nine%20ten%20eleven%2Dtwelve%2C%20end"


def test_undo_removes_exactly_the_cited_evidence(review: Review) -> None:
    source = web_source("First statement.", "Second statement.")
    first = cite(review, "event-logs", source, source.passages[0])
    cite(review, "event-logs", source, source.passages[1])
    assert undo_citation(review, first) is True
    assert [e.quote for e in review.response("event-logs").evidence] == ["Second statement."]
    assert undo_citation(review, first) is False  # already gone: nothing else is touched
    assert len(review.response("event-logs").evidence) == 1


def test_a_saved_web_page_without_a_web_address_cannot_be_cited(review: Review) -> None:
    source = Source(location="/tmp/trust.html", title="", captured=CAPTURED, passages=[Passage(text="We use TLS.")])
    with pytest.raises(SourceError, match="a saved web page needs the address it came from"):
        cite(review, "tls-external", source, source.passages[0])
    assert review.response("tls-external").evidence == []


def test_hostile_passage_text_cannot_break_the_exported_page(review: Review) -> None:
    hostile = ("<script>alert(1)</script> | injected cell | [click](javascript:alert(1)) "
               "&lt;b&gt; \x1b[2J ![x](data:text/html,evil)")
    source = web_source(hostile)
    source.title = "Evil ] title [x](javascript:y) |"
    cite(review, "tls-external", source, source.passages[0])
    page = render_page(review)
    row = next(line for line in page.splitlines() if "external data in transit using TLS" in line)
    assert "<script" not in page and "javascript:" not in page and "data:text" not in page and "\x1b" not in page
    assert row.count("|") - row.count("\\|") == 4  # still three cells: | q | a | detail |


POLICY = ("Our offices are in Lisbon. All customer data is encrypted in transit with TLS 1.2 or later. "
          "We hold weekly planning meetings.")


def spans_of(text: str, *words: str) -> tuple[tuple[int, int], ...]:
    return tuple((text.index(w), text.index(w) + len(w)) for w in words)


def test_a_citation_quotes_the_sentences_with_the_matched_words_labelled_title_and_heading(review: Review) -> None:
    source = web_source(POLICY)
    source.passages[0] = Passage(text=POLICY, heading="Security > Encryption")
    citation = cite(review, "tls-external", source, source.passages[0], spans_of(POLICY, "encrypted", "TLS"))
    [evidence] = review.response("tls-external").evidence
    assert evidence.quote == "All customer data is encrypted in transit with TLS 1.2 or later."
    assert evidence.label == "Acme Trust Center › Encryption"
    assert evidence.url.endswith("#:~:text=All%20customer%20data%20is%20encrypted,with%20TLS%201.2%20or%20later.")
    assert not citation.whole


def test_widening_turns_the_same_evidence_item_into_the_whole_passage(review: Review) -> None:
    source = web_source(POLICY)
    citation = cite(review, "tls-external", source, source.passages[0], spans_of(POLICY, "TLS"))
    widened = widen(review, citation)
    [evidence] = review.response("tls-external").evidence
    assert evidence.quote == POLICY and widened.whole
    assert evidence.url.endswith("text=Our%20offices%20are%20in%20Lisbon.,We%20hold%20weekly%20planning%20meetings.")
    assert undo_citation(review, widened) and review.response("tls-external").evidence == []


def test_a_trimmed_quote_keeps_a_link_to_exactly_that_text(review: Review) -> None:
    source = web_source(POLICY, url="https://acme.example/trust#top")
    citation = cite(review, "tls-external", source, source.passages[0], spans_of(POLICY, "TLS"))
    requote(review, citation, "  encrypted in transit with TLS 1.2 ")
    [evidence] = review.response("tls-external").evidence
    assert evidence.quote == "encrypted in transit with TLS 1.2"
    assert evidence.url == "https://acme.example/trust#top:~:text=encrypted%20in%20transit%20with%20TLS%201.2"
    with pytest.raises(SourceError, match="cannot be empty"):
        requote(review, Citation("tls-external", evidence), "   ")


def test_the_sentence_with_the_most_matched_words_is_cited(review: Review) -> None:
    text = ("Data is encrypted in transit with TLS 1.2 or later. Our load balancers also terminate TLS. "
            "Weekly meetings happen on Mondays.")
    source = web_source(text)
    cite(review, "tls-external", source, source.passages[0],
         spans_of(text, "encrypted", "transit", "TLS") + ((text.rindex("TLS"), text.rindex("TLS") + 3),))
    [evidence] = review.response("tls-external").evidence
    assert evidence.quote == "Data is encrypted in transit with TLS 1.2 or later."
