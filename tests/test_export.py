"""The Wiki.js page: byte-exact against the real wiki page, and safe with untrusted text."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from pages import front_matter, html_tags, link_targets, split_page, table_rows

from tui.core.interview import make_evidence, record_answer, set_text
from tui.core.questionnaire import Questionnaire
from tui.core.review import Quote, Review, start_review
from tui.core.wikipage.cells import yaml_value
from tui.core.wikipage.render import render_page

HOSTILE = [
    "a | b \\| c",
    "line one\nline two\r\nline three",
    "<script>alert(1)</script> <img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) and [data](data:text/html;base64,xx) and [ftp](ftp://x/y)",
    "JavaScript : alert(1) <javascript:alert(1)>",
    "]([link](javascript:alert(1)) [a]([b](data:x)",  # a link inside another's destination (found by fuzzing)
    "[red]not markup[/red] [b]bold?[/b]",
    "---",
    ": # & * ! | > ' \" % @ `",
    "- leading dash",
    "&lt;script&gt; &amp; &#58;",
    "\u00a0no-break\u200bzero-width\u202eRTL\u202c 😀 é e\u0301",
    "x" * 5000,
]


def filled_from_page(bronze: Questionnaire, page: str) -> Review:
    """A review holding the answers, details, dates and sections of a wiki page, entered the
    way a reviewer would (one answer and detail per question)."""
    front = dict(re.findall(r"^(\w+): (.*)$", page.split("\n---\n")[0], re.M))
    review = start_review(bronze, product="Confluence", vendor="Atlassian", description=front["description"])
    rows = [line[2:-2].split(" | ") for line in page.splitlines() if line.startswith("| ")][2:]
    for response, (_, answer, detail) in zip(review.responses, rows, strict=True):
        record_answer(review, bronze, response.id, answer)
        set_text(review, response.id, detail=detail)
    review.sections[0].quotes = [Quote(text=line[5:-1]) for line in page.splitlines() if line.startswith("-   ")]
    review.created = datetime.fromisoformat(front["dateCreated"])
    review.updated = datetime.fromisoformat(front["date"])
    return review


def test_export_reproduces_the_wiki_page_byte_for_byte(bronze, example_page) -> None:
    assert render_page(filled_from_page(bronze, example_page)) == example_page


def test_front_matter_has_wiki_js_keys_in_order_and_types(bronze) -> None:
    review = start_review(bronze, product="Acme Notes", description="Notes for teams.")
    page = render_page(review)
    keys = re.findall(r"^(\w+):", page.split("\n---\n")[0], re.M)
    assert keys == ["title", "description", "published", "date", "tags", "editor", "dateCreated"]
    front = front_matter(page)
    assert front["title"] == "Acme Notes security review"
    assert front["published"] is True
    assert isinstance(front["date"], datetime) and isinstance(front["dateCreated"], datetime)
    assert front["tags"] == "bronze, saas-security, saas"
    assert front["editor"] == "markdown"
    assert "\ntitle: Acme Notes security review\n" in page  # unquoted, as Wiki.js writes it


@pytest.mark.parametrize("value", ["", "yes", "123", "2021-06-30", "a: b", "# hash", "&anchor", "*alias",
                                   "!tag", "| pipe", "> fold", "'quoted'", '"dq"', "%x", "@x", "- dash",
                                   "---", "null", "~", "a #b", " padded ", "[list]", "{map}"])
def test_front_matter_values_quote_only_when_yaml_would_misread_them(value: str) -> None:
    import yaml

    assert yaml.safe_load(f"key: {yaml_value(value)}") == {"key": value}


def test_timestamps_are_utc_with_milliseconds(bronze) -> None:
    review = start_review(bronze, product="Acme")
    review.created = datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=UTC)
    assert "\ndateCreated: 2024-01-02T03:04:05.678Z" in render_page(review)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_every_field_keeps_the_page_whole_and_safe(bronze, text: str) -> None:
    review = start_review(bronze, product=text, vendor=text, description=text, reviewer=text, tags=[text, "ok"])
    for response in review.responses:
        record_answer(review, bronze, response.id, "Yes", qualifier=text)
        set_text(review, response.id, detail=text, notes=text)
        review.update(response.id, evidence=[make_evidence("https://example.com/a", label=text, quote=text)])
    review.sections[0].quotes = [Quote(text=text, url="https://example.com/q")]
    page = render_page(review)

    rows = table_rows(page)
    assert len(rows) == 1 + len(bronze.questions)
    assert all(len(row) == 3 for row in rows)
    front = front_matter(page)
    assert front["title"] == review.title()
    assert front["description"] == review.description
    assert front["tags"] == ", ".join(review.tags)
    assert all(tag == "<br>" for tag in html_tags(page))
    assert all(target.split(":")[0] in ("http", "https", "mailto") for target in link_targets(page))
    body = split_page(page)[1].lower()  # front-matter is data: Wiki.js shows it as text
    assert "javascript:" not in body and "<script" not in body
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", page)


def test_evidence_not_linked_in_the_detail_is_added_as_links(bronze) -> None:
    review = start_review(bronze, product="Acme")
    record_answer(review, bronze, "tls-external", "Yes")
    set_text(review, "tls-external", detail="TLS 1.2 everywhere, see [trust page](https://acme.test/trust).")
    review.update("tls-external", evidence=[
        make_evidence("https://acme.test/trust", label="trust page"),
        make_evidence("https://acme.test/caiq(v4)", label="CAIQ [v4]", quote="We use TLS 1.2+"),
    ])
    row = table_rows(render_page(review))[1]
    assert row[2] == ("TLS 1.2 everywhere, see [trust page](https://acme.test/trust)."
                      "<br><br>Evidence: [CAIQ \\[v4\\]](https://acme.test/caiq\\(v4\\)) “We use TLS 1.2+”")
    assert "https://acme.test/caiq(v4)" in link_targets(render_page(review))


def test_unanswered_questions_export_empty_answers_and_qualifiers_follow_the_answer(bronze) -> None:
    review = start_review(bronze, product="Acme")
    record_answer(review, bronze, "tls-external", "Yes", "version dependent")
    rows = table_rows(render_page(review))
    assert rows[1][1] == "Yes (version dependent)"
    assert rows[2][1] == ""


def test_skipped_questions_export_as_not_applicable_with_a_reason() -> None:
    mini = Questionnaire.model_validate({
        "id": "mini", "version": "1", "title": "Mini",
        "questions": [
            {"id": "apis", "text": "Does the service offer APIs?"},
            {"id": "auth", "text": "Are the APIs authenticated?",
             "depends_on": {"question": "apis", "answers": ["Yes", "Partial"]}},
        ],
    })
    review = start_review(mini, product="Acme")
    record_answer(review, mini, "apis", "No")
    rows = table_rows(render_page(review))
    assert rows[2][1] == "N/A"
    assert rows[2][2] == "Not applicable: “Does the service offer APIs?” was answered No."


def test_sections_follow_a_rule_as_quoted_bullets_and_empty_sections_are_left_out(bronze) -> None:
    review = start_review(bronze, product="Acme")
    assert "\n---\n\n##" not in render_page(review)
    review.sections[0].quotes = [Quote(text="Export as CSV.", url="https://acme.test/export")]
    assert render_page(review).endswith(
        '\n\n---\n\n## Exporting data\n\n-   "Export as CSV." ([source](https://acme.test/export))')
