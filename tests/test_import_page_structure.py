"""Property: the parser's shortcut for long tables (rows cut down to their cell borders before
markdown-it reads the page) finds the same table, rows, sections and errors as reading the
page as written, whatever Markdown surrounds or interrupts the table."""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.core.wikipage import parse
from tui.core.wikipage.parse import PageError, ParsedPage, parse_page

LINES = [
    "| Question | Answer | Detail |", "| **Question** | **Answer** | **Detail** |", "| --- | --- | --- |",
    "|---|---|", "| :-- | --: | :-: |", "| Does it? | Yes | Fine |", "| a | b |", "| a | b | c | d |",
    "| a \\| b | c | d |", "| a | b | c \\|", "| a | b | c |  ", "|", "| |", "||", "  | a | b | c |",
    "    | a | b | c |", "\t| a | b | c |", "| x --> | y | z |", "| <div> | y | z |", "| a | b\r| c |",
    "| Q? *hint* | Yes | Evidence: [x](https://a.example) |", "", " ", "# Heading", "## Strengths",
    "Concerns", "===", "---", "***", "- item", "- | a | b | c |", "1. | a | b | c |", "> quote",
    "> | a | b | c |", "```", "~~~", "<!--", "-->", "<div>", "</div>", "<pre>", "</pre>", "[ref]: /url",
    "[ref]:", "text", "text | with | pipes", "  ## Indented heading |",
]


TABLE = ["| Question | Answer | Detail |", "| --- | --- | --- |", "| Does it? | Yes | Fine |"]


def parsed(text: str) -> ParsedPage | str:
    """What parsing gives, or how it fails (a PageError, never a crash: a lone CR, which
    markdown-it reads as a line end, is refused): the shortcut must not change either."""
    try:
        return parse_page(text, "p.md")
    except PageError as error:
        return f"{type(error).__name__}: {error}"


def page_lines(intro: list[str], rows: list[str], rest: list[str]) -> list[str]:
    return [*intro, "", *TABLE, *rows, *rest]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.builds(page_lines, *[st.lists(st.sampled_from(LINES), max_size=size) for size in (4, 4, 10)]))
@example(page_lines([], ["| a | b | c |"], ["", "<!--", "| x --> | y | z |", "## Strengths", "- quote"]))
@example(page_lines([], [], ["", "Concerns", "| a | b | c |", "===", "- quote"]))
@example(page_lines(["```"], ["| a | b | c |"], ["```", "## Strengths"]))
def test_cut_down_rows_read_as_the_page_itself(lines: list[str]) -> None:
    text = "---\ntitle: Acme\n---\n" + "\n".join(lines)
    with mock.patch.object(parse, "_stand_in", return_value=None):
        as_written = parsed(text)
    assert parsed(text) == as_written
