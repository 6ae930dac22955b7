"""`vendor-review source add|list|remove|suggest`, as a reviewer and a script use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.store import read_review

PAGES = Path(__file__).parent / "fixtures" / "vendor_pages"
EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "smart-tables-security-page.txt"


@pytest.fixture
def session(cli, workspace: Path) -> Path:  # type: ignore[no-untyped-def]
    return Path(cli("new", "--product", "Fern Cloud").out.strip())


def test_add_stores_the_passages_in_the_session_so_it_works_offline(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"),
                 "--url", "https://fern.example/trust")
    assert result.code == 0 and result.out.startswith("source 1: https://fern.example/trust (")
    review = read_review(session)
    [source] = review.sources
    assert source.location == str((PAGES / "ferncloud-trust.txt").resolve())
    assert any(p.heading == "Encryption" and "HSTS" in p.text for p in source.passages)
    listing = cli("source", "list", "fern-cloud")
    assert "1  " in listing.out and "ferncloud-trust.txt" in listing.out and "passages" in listing.out


def test_suggest_json_maps_every_question_to_ranked_passages(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    result = cli("source", "suggest", "fern-cloud", "--json")
    ranked = json.loads(result.out)
    assert list(ranked)[0] == "tls-external" and len(ranked) == 11
    top = ranked["tls-external"][0]
    assert set(top) == {"text", "score", "source"} and "HTTPS is enforced" in top["text"]
    assert top["source"].endswith("ferncloud-trust.txt") and isinstance(top["score"], float)
    assert ranked["logs-to-client"] == []
    scores = [item["score"] for item in ranked["incident-response"]]
    assert scores == sorted(scores, reverse=True)


def test_suggest_as_text_shows_headings_scores_and_silence(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    out = cli("source", "suggest", "fern-cloud", "--limit", "1").out
    assert "tls-external  Does the SaaS provider protect external data in transit using TLS?" in out
    assert "[Encryption] HTTPS is enforced on all public endpoints" in out
    assert "(nothing relevant in the sources)" in out


def test_remove_by_number_or_location(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    cli("source", "add", "fern-cloud", str(PAGES / "pebblepay-compliance.md"))
    assert cli("source", "remove", "fern-cloud", str(PAGES / "ferncloud-trust.txt")).code == 0
    assert [s.title for s in read_review(session).sources] == ["PebblePay compliance"]
    assert cli("source", "remove", "fern-cloud", "1").code == 0
    assert read_review(session).sources == []
    missing = cli("source", "remove", "fern-cloud", "4")
    assert missing.code == 1 and "no source '4' in this review" in missing.err


@pytest.mark.parametrize("make_bad, message", [
    (lambda d: d / "absent.html", "no such file"),
    (lambda d: (d / "x.bin").write_bytes(b"%PDF-1.5 ...") and d / "x.bin", "is not a readable PDF (damaged"),
    (lambda d: (d / "e.html").write_text("  \n") and d / "e.html", "is empty"),
])
def test_a_failed_add_leaves_the_session_untouched(cli, session: Path, tmp_path: Path, make_bad, message: str) -> None:  # type: ignore[no-untyped-def]
    before = session.read_bytes()
    result = cli("source", "add", "fern-cloud", str(make_bad(tmp_path)))
    assert result.code == 1 and message in result.err
    assert session.read_bytes() == before


def test_attaching_the_same_page_twice_is_refused(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    again = cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    assert again.code == 1 and "already attached as source 1" in again.err


def test_answers_saved_after_adding_a_source_keep_it(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    assert cli("answer", "fern-cloud", "tls-external", "Yes").code == 0
    review = read_review(session)
    assert review.response("tls-external").answer == "Yes" and len(review.sources) == 1
    assert session.read_text().index("[[questions]]") < session.read_text().index("[[sources]]")


@pytest.mark.skipif(not EXAMPLE.exists(), reason="../shared/examples is not beside this checkout")
def test_the_example_page_needs_no_configuration(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(EXAMPLE))
    ranked = json.loads(cli("source", "suggest", "fern-cloud", "--json").out)
    assert "TLS 1.2+" in ranked["tls-external"][0]["text"]
    assert "Incident Response Policy" in ranked["incident-response"][0]["text"]


def test_a_web_address_and_a_title_are_given_to_an_attached_file(cli, session: Path) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    listing = cli("source", "list", "fern-cloud").out
    assert "no web address: its passages cannot be cited (`source set-url`)" in listing
    result = cli("source", "set-url", "fern-cloud", "1", "https://fern.example/trust")
    assert result.code == 0 and result.out.strip() == "source 1: web address set to https://fern.example/trust"
    assert cli("source", "set-title", "fern-cloud", "1", "Fern trust centre").code == 0
    [source] = read_review(session).sources
    assert (source.url, source.title) == ("https://fern.example/trust", "Fern trust centre")
    listing = cli("source", "list", "fern-cloud").out
    assert "Fern trust centre" in listing and "web address: https://fern.example/trust" in listing
    assert json.loads(cli("source", "list", "fern-cloud", "--json").out)[0]["url"] == "https://fern.example/trust"


@pytest.mark.parametrize(("command", "value", "message"), [
    ("set-url", "javascript:alert(1)", "a link must start with http://, https:// or mailto:"),
    ("set-title", "  ", "a source's title cannot be empty"),
])
def test_a_bad_web_address_or_title_is_refused_in_one_line(cli, session: Path, command: str, value: str, message: str) -> None:  # type: ignore[no-untyped-def]
    cli("source", "add", "fern-cloud", str(PAGES / "ferncloud-trust.txt"))
    before = session.read_bytes()
    result = cli("source", command, "fern-cloud", "1", value)
    assert result.code == 1 and message in result.err and len(result.err.strip().splitlines()) == 1
    assert session.read_bytes() == before
