"""Importing wiki review pages: byte-exact round trips, values read right, nothing dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import normal_format, table_rows

from tui.core.questionnaire import Questionnaire
from tui.core.review import Quote, Review
from tui.core.store import read_review, write_review
from tui.core.wikipage.importing import MATCH_THRESHOLD, choose_questionnaire, import_page, similarity
from tui.core.wikipage.parse import parse_page, parse_page_file
from tui.core.wikipage.render import render_page

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
HANDWRITTEN = FIXTURES / "harbourline-handwritten.md"
MINIMAL = FIXTURES / "quayside-minimal.md"


def imported(bronze: Questionnaire, path: Path) -> Review:
    return import_page(parse_page_file(path), bronze).review


@pytest.mark.parametrize("path", [HANDWRITTEN, MINIMAL], ids=lambda p: p.stem)
def test_untouched_import_exports_the_page_byte_for_byte(bronze, path: Path) -> None:
    assert render_page(imported(bronze, path)) == path.read_text(encoding="utf-8")


def test_the_real_wiki_page_round_trips_byte_for_byte(bronze, example_page: str) -> None:
    review = import_page(parse_page(example_page, "example.md"), bronze).review
    assert render_page(review) == example_page
    assert render_page(normal_format(review)) == example_page, "the values alone give the page back"
    assert [r.answer for r in review.responses].count("Unknown") == 2


def test_import_then_export_through_the_command_line(cli, workspace: Path) -> None:
    result = cli("import", str(HANDWRITTEN))
    session = workspace / "sessions" / "harbourline-tasks.toml"
    assert result.code == 0 and result.out.splitlines()[0] == f"{HANDWRITTEN} -> {session}"
    assert cli("export", "harbourline-tasks", "-o", "-").out == HANDWRITTEN.read_text(encoding="utf-8")


def test_values_are_read_from_a_hand_written_page(bronze) -> None:
    review = imported(bronze, HANDWRITTEN)
    assert (review.product, review.tags, review.published) == ("Harbourline Tasks", ["bronze", "saas"], True)
    certs = review.response("certs-external")
    assert (certs.answer, certs.qualifier) == ("Yes", "version dependent")
    assert review.response("encryption-internal").answer == "Partial"
    assert review.response("low-privilege-users").answer == "Yes", "case of the label does not matter"
    assert "TLS\u00a01.2" in review.response("tls-external").detail, "no-break space kept"
    assert review.response("tls-external").detail.startswith("Harbourline’s"), "curly quote kept"
    assert review.response("mfa-privileged").detail == (
        "Two-step login exists but cannot be enforced by an owner — each user opts in.\nRaised with the vendor.")
    logs = review.response("event-logs")
    assert (logs.text, logs.hint) == ("Does the SaaS provider collect logs of events?",
                                      "Types of log may include security logs and resource logs")


def test_an_answer_off_the_scale_is_kept_as_written_and_flagged(bronze) -> None:
    result = import_page(parse_page_file(HANDWRITTEN), bronze)
    typo = result.review.response("certs-internal")
    assert (typo.answer, typo.flagged) == ("\\>Unknown", True)
    assert any('answer "\\>Unknown" is not on the answer scale' in note for note in result.unmapped)
    assert not result.review.response("tls-external").flagged


def test_an_unmatched_row_is_kept_as_an_extra_question_and_reported(bronze) -> None:
    result = import_page(parse_page_file(HANDWRITTEN), bronze)
    extra = result.review.responses[-1]
    assert extra.extra and extra.text == "Is customer data kept inside the European Union?"
    assert extra.answer == "Yes" and extra.detail == "Hosted in Frankfurt and Dublin only."
    assert any("Is customer data kept inside" in note and extra.id in note for note in result.unmapped)


def test_a_question_missing_from_the_page_slots_in_at_its_place_and_stays_off_the_page(bronze) -> None:
    result = import_page(parse_page_file(HANDWRITTEN), bronze)
    ids = [r.id for r in result.review.responses]
    assert ids.index("api-authentication") == ids.index("certs-internal") + 1
    assert "not on the page (left unanswered): api-authentication" in result.unmapped
    page = render_page(result.review)
    assert "APIs are available" not in page


def test_sections_keep_prose_bullets_and_unknown_headings(bronze) -> None:
    result = import_page(parse_page_file(HANDWRITTEN), bronze)
    exporting, notes = result.review.sections[0], result.review.sections[1]
    assert exporting.id == "exporting-data" and [q.text for q in exporting.quotes] == [
        "Owners can download every list as CSV from the settings page; attachments are not included.",
        "Use **Settings → Export** to download all lists as a CSV file.",
        "Ask [support@harbourline.example](mailto:support@harbourline.example) for a full archive "
        "including attachments.",
    ]
    assert notes.heading == "Notes from the call" and len(notes.quotes) == 1
    assert any('section "Notes from the call"' in note for note in result.unmapped)


def test_evidence_lines_in_the_detail_become_evidence(bronze) -> None:
    tls = imported(bronze, MINIMAL).response("tls-external")
    assert tls.detail == "Checked with a browser: TLS 1.3 only."
    assert [(e.url, e.label, e.quote) for e in tls.evidence] == [
        ("https://quayside.example/security", "", "All connections use TLS 1.3."),
        ("https://status.quayside.example/", "status page", ""),
    ]
    assert imported(bronze, MINIMAL).response("event-logs").detail == "Audit log kept for a year | export as JSON."


def test_an_edited_row_follows_the_normal_format_and_the_rest_stays_verbatim(bronze) -> None:
    review = imported(bronze, HANDWRITTEN)
    original = HANDWRITTEN.read_text(encoding="utf-8")
    review.update("event-logs", detail="Sign-ins are logged | for 90 days.")
    page = render_page(review)
    assert ("| Does the SaaS provider collect logs of events?<br><br>*Types of log may include security "
            "logs and resource logs* | Yes | Sign-ins are logged \\| for 90 days. |") in page
    assert "| \\>Unknown |" in page and "TLS\u00a01.2" in page, "untouched rows are as written"
    assert "date: 2023-03-14T09:26:53.589Z" not in page, "the page's date follows the edit"
    assert page.split("| **Question**")[1].split("\n", 2)[2:] != original.split("| **Question**")[1]
    assert page.endswith(original[original.index("\n\n\n\n---"):])


def test_an_edited_section_follows_the_normal_format(bronze) -> None:
    review = imported(bronze, HANDWRITTEN)
    review.sections[1].quotes = []
    review.sections[0].quotes = review.sections[0].quotes[:1]
    page = render_page(review)
    assert page.endswith('## Exporting data\n\n-   "Owners can download every list as CSV from the settings '
                         'page; attachments are not included."\n')
    assert "Notes from the call" not in page


def test_a_section_added_to_a_page_without_sections_gets_the_rule(bronze) -> None:
    review = imported(bronze, MINIMAL)
    review.sections[0].quotes = [Quote(text="Export is a zip of JSON files.")]
    page = render_page(review)
    assert page.endswith('which we do not buy. |\n\n---\n\n## Exporting data\n\n'
                         '-   "Export is a zip of JSON files."')


def test_an_answered_question_that_was_missing_joins_the_table_in_its_place(bronze) -> None:
    review = imported(bronze, MINIMAL)
    review.set_answer("certs-external", "No")
    rows = table_rows(render_page(review))
    assert [row[1] for row in rows[1:]] == ["Yes", "No", "Yes", "No"]


def test_a_page_without_a_trailing_newline_or_rule_keeps_its_shape(bronze) -> None:
    review = imported(bronze, MINIMAL)
    assert review.page is not None and review.page.ending == "" and review.page.after_table == ""
    assert (review.published, review.tags[-1]) == (False, "messaging")
    assert review.description == "Quayside Chat: team messaging with guest channels."


# -- question matching ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page_text",
    [
        "does the saas provider protect external data in transit using TLS",
        "Does the SaaS provider protect external data in transit  using TLS ?",
        "Does the provider protect external data in transit using TLS?",
        "Does the SaaS provider protect external data in transit by using TLS?",
    ],
)
def test_wording_drift_still_matches(bronze, page_text: str) -> None:
    assert similarity(page_text, bronze.question("tls-external").text) >= MATCH_THRESHOLD


def test_a_different_question_does_not_match(bronze) -> None:
    assert similarity("Is customer data kept inside the European Union?",
                      bronze.question("tls-external").text) < MATCH_THRESHOLD


def test_similar_questions_go_to_their_closest_counterpart(bronze) -> None:
    page = (
        "---\ntitle: T\n---\n| Question | Answer | Detail |\n| --- | --- | --- |\n"
        "| Does the provider protect internal data in transit between services with correct certificates? | No | a |\n"
        "| Does the provider protect external data in transit with correct certificates? | Yes | b |\n"
    )
    review = import_page(parse_page(page, "p.md"), bronze).review
    assert (review.response("certs-internal").detail, review.response("certs-external").detail) == ("a", "b")


def test_the_questionnaire_is_chosen_by_the_rows(bronze) -> None:
    other = Questionnaire(id="other", version="1", title="Other",
                          questions=[{"id": "eu", "text": "Is customer data kept inside the European Union?"}])
    parsed = parse_page_file(HANDWRITTEN)
    assert choose_questionnaire(parsed, [other, bronze]).id == "saas-security-bronze"


# -- malformed pages ----------------------------------------------------------------------------

TABLE = "| **Question** | **Answer** | **Detail** |\n| --- | --- | --- |\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Just a heading\n\n" + TABLE, "line 1: expected YAML front-matter"),
        ("---\ntitle: x\n\n" + TABLE, "line 1: the front-matter is never closed"),
        ("---\ntitle: x\ntags: [a, b\n---\n" + TABLE, "line 3: the front-matter is not valid YAML"),
        ("---\n- a list\n---\n" + TABLE, "line 2: the front-matter is not a set of 'key: value' lines"),
        ("---\ntitle: x\n---\n\nNo table here, only prose.\n", "line 4: no question table"),
        ("---\ntitle: x\n---\n\n" + TABLE + "| Q? | Yes | a | b |\n", "line 7: expected 3 cells"),
        ("---\ntitle: x\n---\n\n" + TABLE + "| Q? | Yes |\n", "line 7: expected 3 cells (Question | Answer"),
    ],
    ids=["no-front-matter", "unclosed", "broken-yaml", "not-a-mapping", "no-table", "four-cells", "two-cells"],
)
def test_a_malformed_page_is_refused_with_file_and_line(cli, workspace: Path, text: str, expected: str) -> None:
    page = workspace / "broken.md"
    page.write_text(text, encoding="utf-8")
    result = cli("import", str(page))
    assert result.code == 1
    assert result.err.startswith(f"vendor-review: error: {page}: {expected}"), result.err
    assert not list(workspace.glob("sessions/*.toml")), "nothing is written for a broken page"


def test_a_folder_imports_every_page_and_a_broken_one_does_not_stop_the_others(cli, workspace: Path) -> None:
    folder = workspace / "wiki"
    (folder / "vendors").mkdir(parents=True)
    (folder / "vendors" / "harbourline.md").write_text(HANDWRITTEN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "quayside.md").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.md").write_text("no front-matter\n", encoding="utf-8")
    (folder / "readme.txt").write_text("not a page", encoding="utf-8")
    result = cli("import", str(folder))
    assert result.code == 1 and f"{folder / 'broken.md'}: line 1" in result.err
    assert sorted(p.name for p in (workspace / "sessions").glob("*.toml")) == ["harbourline-tasks.toml",
                                                                                 "quayside-chat.toml"]
    assert "  line 27: no question like" in result.out


def test_an_unknown_questionnaire_is_refused(cli) -> None:
    result = cli("import", str(MINIMAL), "--questionnaire", "nope")
    assert result.code == 1 and 'no questionnaire with id "nope"' in result.err


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_an_imported_session_survives_saving_and_reading(bronze, tmp_path: Path, line_end: str) -> None:
    text = HANDWRITTEN.read_text(encoding="utf-8").replace("\n", line_end)
    review = import_page(parse_page(text, "page.md"), bronze).review
    write_review(tmp_path / "page.toml", review)
    assert render_page(read_review(tmp_path / "page.toml")) == text


FRONT = "---\ntitle: Pier Forms security review\nauthor: someone\ndate: 2022-05-05T10:00:00.000Z\n---\n"
ROW = "| Does the SaaS provider collect logs of events?{hint} | Yes | Kept for a year. |"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (FRONT + TABLE + ROW.format(hint="<br>*Types of log*"), "Types of log"),
        (FRONT + TABLE + ROW.format(hint="<br/><br/>_Types of log_"), "Types of log"),
        ("\ufeff" + FRONT + TABLE + ROW.format(hint=""), ""),
        (FRONT + "\n\n" + TABLE + ROW.format(hint=" *Types of log*") + "\n\n---\n", "Types of log"),
    ],
    ids=["single-br-hint", "br-slash-underscore-hint", "byte-order-mark", "dangling-rule"],
)
def test_small_page_variations_round_trip(bronze, text: str, hint: str) -> None:
    result = import_page(parse_page(text, "v.md"), bronze)
    logs = result.review.response("event-logs")
    assert (logs.text, logs.hint, logs.answer) == ("Does the SaaS provider collect logs of events?", hint, "Yes")
    assert render_page(result.review) == text
    assert "the front-matter has no dateCreated" in result.unmapped
    assert result.review.created == result.review.updated, "a missing dateCreated falls back to date"


def session_names(workspace: Path) -> list[str]:
    return sorted(p.name for p in (workspace / "sessions").glob("*.toml"))


def test_importing_the_same_page_twice_names_the_review_that_holds_it(cli, workspace: Path) -> None:
    assert cli("import", str(HANDWRITTEN)).code == 0
    held = workspace / "sessions" / "harbourline-tasks.toml"
    before = held.read_bytes()
    again = cli("import", str(HANDWRITTEN))
    assert again.code == 0
    assert again.out.strip() == f"{HANDWRITTEN}: already imported as {held} (the same file); nothing written"
    assert session_names(workspace) == ["harbourline-tasks.toml"] and held.read_bytes() == before


def test_a_page_with_the_title_of_an_imported_one_is_the_same_page(cli, workspace: Path) -> None:
    cli("import", str(HANDWRITTEN))
    cli("answer", "harbourline-tasks", "tls-external", "No")
    edited_on_the_wiki = workspace / "harbourline-v2.md"
    edited_on_the_wiki.write_text(HANDWRITTEN.read_text(encoding="utf-8").replace("2023 procurement", "2024 procurement"),
                                  encoding="utf-8")
    result = cli("import", str(edited_on_the_wiki))
    assert result.code == 0
    assert "already imported as" in result.out and "harbourline-tasks.toml" in result.out
    assert "the same title, 'Harbourline Tasks security review'" in result.out
    assert session_names(workspace) == ["harbourline-tasks.toml"]


def test_a_folder_import_skips_pages_already_held_and_imports_the_others(cli, workspace: Path) -> None:
    cli("import", str(HANDWRITTEN))
    folder = workspace / "wiki"
    folder.mkdir()
    (folder / "harbourline.md").write_text(HANDWRITTEN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "harbourline-copy.md").write_text(HANDWRITTEN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "quayside.md").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "quayside-copy.md").write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("import", str(folder))
    assert result.code == 0
    assert session_names(workspace) == ["harbourline-tasks.toml", "quayside-chat.toml"]
    assert result.out.count("already imported as") == 3, "a copy within the same folder is the same page too"
    assert f"{folder / 'quayside.md'}: already imported as {workspace / 'sessions' / 'quayside-chat.toml'}" in result.out
