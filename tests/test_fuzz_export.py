"""Hostile text in every field never breaks the session file or the exported wiki page
(CI-sized run of stress.fuzz; the long run tries 10,000 reviews)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from stress.hostile import RENDERERS, export_problems, import_problems, reviewed, reviews, session_problems
from tui.core.questionnaire import Questionnaire
from tui.core.review import Review
from tui.core.wikipage.escaping import escape_inline, unescape_inline
from tui.core.wikipage.render import render_page


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(reviews)
def test_every_export_of_hostile_text_keeps_the_page_whole_and_safe(review: Review) -> None:
    assert export_problems(review, render_page(review)) == []


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(reviews)
def test_every_session_of_hostile_text_loads_back_to_the_same_review(review: Review) -> None:
    assert session_problems(review) == []


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(reviewed())
def test_every_export_of_hostile_text_imports_back_to_the_same_review(pair: tuple[Questionnaire, Review]) -> None:
    questionnaire, review = pair
    assert import_problems(questionnaire, review, render_page(review)) == []


@pytest.mark.parametrize("text", ["_ftp://files.example", "Ωftp://files.example", "see ftp://files.example"])
def test_ftp_addresses_in_a_detail_do_not_become_links_even_with_linkify(text: str) -> None:
    linkify = RENDERERS[1]
    children = linkify.parseInline(escape_inline(text))[0].children or []

    assert [t for t in children if t.type == "link_open"] == []
    assert unescape_inline(escape_inline(text)) == text


@pytest.mark.parametrize("product", [" ", "\x07", "\x1b[31m", "\r\n"])
def test_a_product_name_that_cleans_to_nothing_is_refused_before_a_session_is_made(
    cli, workspace: Path, product: str
) -> None:
    result = cli("new", "--product", product)

    assert result.code == 1
    assert "a review needs a product name" in result.err
    sessions = workspace / "sessions"
    assert not sessions.exists() or not any(sessions.glob("*.toml"))
