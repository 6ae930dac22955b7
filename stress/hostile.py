"""Hostile text and the reviews made of it, and the promises every exported page must keep.

The text mixes random Unicode with the fragments that break Markdown tables, YAML
front-matter, HTML, links, Rich/Textual markup and terminals. Questionnaires are generated too,
because question texts, hints and the answer scale come from files anyone can write.
"""

from __future__ import annotations

import io
import re
import tomllib
from datetime import UTC, datetime
from typing import Any

import yaml
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from ruamel.yaml import YAML

from tui.core.questionnaire import Questionnaire
from tui.core.review import Evidence, Quote, Review, start_review
from tui.core.store import ReviewWriter
from tui.core.text import clean_line
from tui.core.wikipage.cells import default_label
from tui.core.wikipage.importing import import_page
from tui.core.wikipage.parse import PageError, parse_page

FRAGMENTS = (
    "|", "\\", "\\|", "||", "\r\n", "\n", "\r", "\n\n", "---", "\n---\n", "***", "===",
    ": ", "#", "# ", "&", "&amp;", "&#58;", "&lt;", "*", "!", "|", ">", "> ", "'", '"', "%",
    "@", "- ", "-", "+ ", "1. ", "`", "```", "~~~", "_", "~~", "[", "]", "(", ")", "{", "}",
    "<br>", "<b>bold</b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<!-- comment -->", "<?php ?>", "<![CDATA[x]]>", "</td></tr></table>", "<a href='javascript:x'>",
    "[link](javascript:alert(1))", "[link](JaVaScRiPt:alert(1))", "[link]( javascript:alert(1))",
    "[link](<javascript:alert(1)>)", "[link](javascript&#58;alert(1))", "[link](jav&#x61;script:x)",
    "[link](data:text/html;base64,PHNjcmlwdD4=)", "![img](javascript:alert(1))", "<javascript:alert(1)>",
    "[ref]: javascript:alert(1)", "\n[ref]: javascript:alert(1)\n", "[ref]", "[x][ref]",
    "[link](vbscript:msgbox)", "[link](file:///etc/passwd)", "[ok](https://example.com/a_(b))",
    "javascript:alert(1)", "www.example.com", "http://example.com", "mailto:a@example.com",
    "ftp://example.com", "[/red]", "[bold red]", "[@click=app.quit]", "[link=https://x]",
    "\x1b[31m", "\x1b]8;;https://x\x07", "\x1b]0;title\x07", "\x1bP+q\x1b\\", "\x9b31m",
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x85", "\u00a0", "\u200b", "\u200d", "\ufeff",
    "\u200e", "\u200f", "\u202e", "\u2066", "\u2028", "\u2029", "\t", "😀", "👩‍💻", "e\u0301",
    "\u0301", "ﷺ", "Ω", "0x_", "0b_", "0o7", "1e3", ".5e3", "1.5E3", "1_000", "yes", "off", "~", "null",
    "2024-01-01", "12:30", "<<", "{product}", "{vendor}", "Evidence: ", "Evidence\\: ", "Evidence: [x](https://a.b)",
    " ", "  ", "\\\n", "  \n", "A long line without a break. " * 100,
)

hostile_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
    max_size=8,
).map("".join)

URL_CHARS = "abcxyz019-._~:/?#[]@!$&'()*+,;=%|"
urls = st.builds(
    lambda scheme, host, rest: f"{scheme}{host}{rest}",
    st.sampled_from(["https://", "http://", "HTTPS://", "mailto:"]),
    st.sampled_from(["example.com", "vendor.example", "a.b"]),
    st.text(alphabet=URL_CHARS, max_size=30).map(lambda s: "/" + s)
    | st.sampled_from(["/)](javascript:alert(1))", "/?q=<x>", "/a(b)c", "/%0a---", "/|x|"]).filter(
        lambda s: "<" not in s),
)


def one_line(text: str, limit: int = 2000) -> str:
    """What a questionnaire file may hold in a question cell: no line breaks or pipes."""
    return re.sub(r"[\r\n|]", " ", text)[:limit]


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    count = draw(st.integers(1, 4))
    labels = draw(st.one_of(
        st.just(["Yes", "No", "Partial", "Unknown", "N/A"]),
        st.lists(hostile_text.map(lambda t: re.sub(r"[\r\n|()]", "", t)[:40]).filter(str.strip),
                 min_size=1, max_size=3, unique=True),
    ))
    questions: list[dict[str, Any]] = []
    for number in range(count):
        question = {
            "id": f"q{number}",
            "text": one_line(draw(hostile_text)) or "Question?",
            "hint": one_line(draw(hostile_text)),
            "unknown_detail": one_line(draw(hostile_text)),
        }
        if number and draw(st.booleans()):
            question["depends_on"] = {"question": f"q{number - 1}", "answers": [labels[0]]}
        questions.append(question)
    return Questionnaire.model_validate({
        "id": "hostile",
        "version": "1",
        "title": one_line(draw(hostile_text)) or "Hostile",
        "page_title": (draw(hostile_text)[:150] + draw(st.sampled_from(["{product}", "{vendor}", ""]))) or "x",
        "tags": [t for t in draw(st.lists(hostile_text, max_size=3)) if re.fullmatch(r"[^,\n\r]+", t)],
        "scale": [{"label": label, "key": "abcdefghij"[i]} for i, label in enumerate(labels)],
        "questions": questions,
        "sections": [{"id": "exporting-data", "heading": one_line(draw(hostile_text)) or "Exporting data"}],
    })


def _evidence(draw: st.DrawFn) -> Evidence:
    return Evidence(url=draw(urls), label=draw(hostile_text), quote=draw(hostile_text))


@st.composite
def reviewed(draw: st.DrawFn) -> tuple[Questionnaire, Review]:
    """A questionnaire and a review of it, with hostile text in every field a reviewer, a
    vendor or a questionnaire author fills."""
    questionnaire = draw(questionnaires())
    review = start_review(
        questionnaire,
        product=draw(hostile_text.filter(clean_line)),  # a blank name is refused (tested apart)
        vendor=draw(hostile_text),
        description=draw(hostile_text),
        reviewer=draw(hostile_text),
        tags=draw(st.lists(hostile_text, max_size=4)),
    )
    labels = [option.label for option in questionnaire.scale]
    for response in review.responses:
        answer = draw(st.sampled_from(["", *labels]))
        review.update(
            response.id,
            answer=answer,
            qualifier=draw(hostile_text) if answer else "",  # a qualifier qualifies an answer
            detail=draw(hostile_text),
            evidence=[_evidence(draw) for _ in range(draw(st.integers(0, 2)))],
            notes=draw(hostile_text),
        )
    for section in review.sections:
        section.quotes = [
            Quote(text=draw(hostile_text), url=draw(st.none() | urls))
            for _ in range(draw(st.integers(0, 3)))
        ]
    return questionnaire, review


reviews = reviewed().map(lambda pair: pair[1])


# -- the promises --------------------------------------------------------------------------

SAFE_SCHEMES = {"http", "https", "mailto"}
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def renderers() -> list[MarkdownIt]:
    """How wikis render the page: CommonMark with tables and raw HTML allowed, with and without
    linkify. Link validation is switched off so that any link syntax the text manages to form
    shows up as a link token and is judged here, not silently dropped by the parser."""
    plain = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    linkified = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"])
    linkified.use(front_matter_plugin)
    for md in (plain, linkified):
        md.validateLink = lambda url: True  # type: ignore[method-assign]
    return [plain, linkified]


RENDERERS = renderers()


def _walk(tokens: list[Token]) -> list[Token]:
    flat = []
    for token in tokens:
        flat.append(token)
        flat.extend(_walk(token.children or []))
    return flat


def _scheme(url: str) -> str | None:
    match = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None


def yaml_11(text: str) -> object:
    """The front-matter as PyYAML reads it (YAML 1.1, the importer's reader)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_12(text: str) -> object:
    """The front-matter as a YAML 1.2 reader takes it (Wiki.js loads pages with js-yaml)."""
    return YAML(typ="safe", pure=True).load(io.StringIO(text))


def front_matter_problems(review: Review, page: str) -> list[str]:
    match = _FRONT_MATTER.match(page)
    if not match:
        return ["no front-matter block"]
    expected = {
        "title": review.title(),
        "description": review.description,
        "published": review.published,
        "date": review.updated.replace(microsecond=review.updated.microsecond // 1000 * 1000),
        "tags": ", ".join(review.tags),
        "editor": "markdown",
        "dateCreated": review.created.replace(microsecond=review.created.microsecond // 1000 * 1000),
    }
    problems = []
    for version, reader in (("1.1", yaml_11), ("1.2", yaml_12)):
        try:
            loaded = reader(match.group(1))
        except Exception as error:  # every reader failure is a broken promise, whatever its class
            problems.append(f"front-matter does not load as YAML {version}: {type(error).__name__}: {error}")
            continue
        if not isinstance(loaded, dict):
            problems.append(f"front-matter loads as {type(loaded).__name__} in YAML {version}")
            continue
        problems += [f"front-matter {key} in YAML {version}: {loaded.get(key)!r} != {value!r}"
                     for key, value in expected.items()
                     if _as_utc(loaded.get(key)) != value or type(loaded.get(key)) is not type(value)
                     and not isinstance(value, datetime)]
    return problems


def _as_utc(value: object) -> object:
    """ruamel.yaml reads `...Z` timestamps as naive UTC datetimes, PyYAML as aware ones."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def body_problems(review: Review, page: str, md: MarkdownIt) -> list[str]:
    tokens = md.parse(page)
    flat = _walk(tokens)
    problems = []
    rows = [t for t in tokens if t.type == "tr_open"]
    if len(rows) != len(review.responses) + 1:
        problems.append(f"table has {len(rows) - 1} rows for {len(review.responses)} questions")
    cells, row_cells = [], 0
    for token in tokens:
        if token.type == "tr_open":
            row_cells = 0
        elif token.type in ("td_open", "th_open"):
            row_cells += 1
        elif token.type == "tr_close":
            cells.append(row_cells)
    if any(count != 3 for count in cells):
        problems.append(f"table rows have {sorted(set(cells))} cells")
    quoted_sections = [s for s in review.sections if s.quotes]
    headings = [t for t in tokens if t.type == "heading_open" and t.tag == "h2"]
    items = [t for t in tokens if t.type == "list_item_open"]
    if len(headings) != len(quoted_sections) or len(items) != sum(len(s.quotes) for s in quoted_sections):
        problems.append(f"{len(headings)} section headings and {len(items)} quotes after the table")
    for token in flat:
        if token.type == "html_block" or (token.type == "html_inline" and token.content != "<br>"):
            problems.append(f"raw HTML from the user: {token.content[:80]!r}")
        for attribute in ("href", "src"):
            url = str(token.attrs.get(attribute, ""))
            if url and _scheme(url) not in (None, *SAFE_SCHEMES):
                problems.append(f"{token.type} with {attribute}={url[:80]!r}")
    if "\x1b" in page or "\x00" in page:
        problems.append("a terminal escape or NUL reached the page")
    return problems


def session_problems(review: Review) -> list[str]:
    """The session file must give back exactly the review that was saved."""
    text = ReviewWriter().dumps(review)
    try:
        back = Review.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError) as error:
        return [f"session file does not load: {str(error)[:200]}"]
    if back.model_dump() != review.model_dump():
        return ["session file loads back to a different review"]
    return []


def page_values(review: Review) -> dict[str, object]:
    """What a page carries: not notes, flags, capture times or the cursor. Evidence whose link
    the detail already holds is not repeated on the page, so it cannot come back."""
    return {
        "head": (review.title(), review.description, review.published, review.tags,
                 review.created, review.updated),
        "questions": [
            (r.id, r.text, r.hint, r.answer, r.qualifier if r.answer else "", r.detail,
             [(e.url, "" if e.label == default_label(e.url) else e.label, e.quote)
              for e in r.evidence if f"({e.url})" not in r.detail])
            for r in review.responses if not review.is_skipped(r)
        ],
        "sections": [(s.heading, [(q.text, q.url if q.url and f"({q.url})" not in q.text else None)
                                  for q in s.quotes]) for s in review.sections],
    }


def import_problems(questionnaire: Questionnaire, review: Review, page: str) -> list[str]:
    """Importing the exported page must give back the same review."""
    try:
        back = import_page(parse_page(page, "fuzzed.md"), questionnaire)
    except PageError as error:
        return [f"the export does not import: {str(error)[:200]}"]
    problems = [f"import note: {note[:200]}" for note in back.unmapped]
    expected, got = page_values(review), page_values(back.review)
    for part in expected:
        if got[part] != expected[part]:
            problems.append(f"import changed the {part}: {str(got[part])[:150]} != {str(expected[part])[:150]}")
    return problems


def export_problems(review: Review, page: str) -> list[str]:
    """Every way the page breaks a promise of the exporter; empty when it keeps them all."""
    problems = front_matter_problems(review, page)
    for md in RENDERERS:
        problems += body_problems(review, page, md)
    return problems
