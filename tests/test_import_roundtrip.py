"""Properties: a page we export imports back to the same review, and re-exports unchanged,
whatever hostile text the reviewer or the vendor put in it."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pages import normal_format

from tui.core.catalog import builtin_folder, load_questionnaire
from tui.core.review import Evidence, Quote, Review, check_url, start_review
from tui.core.text import clean_line
from tui.core.wikipage.cells import default_label
from tui.core.wikipage.importing import import_page
from tui.core.wikipage.parse import parse_page
from tui.core.wikipage.render import render_page

BRONZE = load_questionnaire(builtin_folder() / "saas-security-bronze.toml")
FRAGMENTS = [
    "|", "\\", "\\|", "\n", "\n\n", "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:y)", "]([x](javascript:y))",
    "](", "[a](https://ok.example)", "&amp;", "&lt;", "&#58;", "&nbsp;", "&mdash;", "<br>", "<br/>", ": ", "- ",
    "# ", "## ", "{product}", "{vendor}", "[", "]", "*", "_", "`", "'", '"', "“", "”", "\u00a0", "\u200f",
    "\u202e", "😀", "Evidence: ", "Evidence\\:", "Evidence: [x](https://a.example)", "---", "yes", "null",
    "2021-01-01", " ", "a", "Z", "é", "(", ")", " (", "<br><br>*",
]
def is_link(url: str) -> bool:
    """What a review can hold: `http://x.example]` or `http://x.example:;` names no valid host."""
    try:
        check_url(url)
    except ValueError:
        return False
    return True


hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=7).map("".join)
urls = st.builds(lambda base, path: base + path,
                 st.sampled_from(["https://vendor.example/", "http://x.example", "mailto:sec@vendor.example"]),
                 st.text(alphabet="abz09()|&;:#%[]*_-.?=", max_size=12)).filter(is_link)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000, tzinfo=UTC))
answers = st.sampled_from(["", *(o.label for o in BRONZE.scale)])


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    review = start_review(BRONZE, product=draw(hostile.filter(lambda t: clean_line(t) != "")),
                          description=draw(hostile), tags=draw(st.lists(hostile, max_size=4)))
    review.published = draw(st.booleans())
    review.created, review.updated = draw(moments), draw(moments)
    for response in review.responses:
        answer = draw(answers)
        evidence = [Evidence(url=draw(urls), label=draw(hostile), quote=draw(hostile))
                    for _ in range(draw(st.integers(0, 2)))]
        detail = draw(hostile)
        evidence = [e for e in evidence if f"({e.url})" not in detail]
        review.update(response.id, answer=answer, qualifier=draw(hostile) if answer else "",
                      detail=detail, evidence=evidence)
    quotes = [Quote(text=draw(hostile), url=draw(st.none() | urls)) for _ in range(draw(st.integers(0, 3)))]
    review.sections[0].quotes = [q for q in quotes if not q.url or f"({q.url})" not in q.text]
    return review


def page_values(review: Review) -> dict[str, object]:
    """Everything a page carries (not notes, flags, capture times or the cursor)."""
    return {
        "head": (review.title(), review.product, review.description, review.published, review.tags,
                 review.created, review.updated),
        "questions": [(r.id, r.text, r.hint, r.answer, r.qualifier, r.detail,
                       [(e.url, "" if e.label == default_label(e.url) else e.label, e.quote) for e in r.evidence])
                      for r in review.responses],
        "sections": [(s.id, s.heading, [(q.text, q.url) for q in s.quotes]) for s in review.sections],
    }


PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(reviews())
def test_import_of_an_export_gives_back_the_review_and_exports_the_same_page(review: Review) -> None:
    """One test for both properties, so each generated review (the costly part) serves twice."""
    page = render_page(review)
    back = import_page(parse_page(page, "generated.md"), BRONZE)
    assert page_values(back.review) == page_values(review)
    assert back.unmapped == []
    assert render_page(back.review) == page, "verbatim parts"
    assert render_page(normal_format(back.review)) == page, "values alone, in the normal format"
