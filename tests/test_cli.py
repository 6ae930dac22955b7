"""The scriptable command line, as a script or a reviewer in a shell would use it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pages import front_matter, table_rows


def flat(text: str) -> str:
    return " ".join(text.split())


def new_session(cli, *extra: str) -> Path:
    result = cli("new", "--product", "Acme Notes", "--vendor", "Acme", *extra)
    assert result.code == 0, result.err
    return Path(result.out.strip())


def test_new_creates_a_session_in_the_workspace_and_prints_its_path(cli, workspace: Path) -> None:
    path = new_session(cli, "--description", "Notes for teams", "--reviewer", "Sam")
    assert path == workspace / "sessions" / "acme-notes.toml"
    assert 'reviewer = "Sam"' in path.read_text(encoding="utf-8")


def test_new_requires_a_product_in_one_line_with_exit_code_1(cli) -> None:
    result = cli("new", "--vendor", "Acme")
    assert result.code == 1
    assert result.err.strip().count("\n") == 0 and "--product" in result.err


def test_new_rejects_an_empty_product_and_an_unknown_questionnaire(cli) -> None:
    assert "product" in cli("new", "--product", "  ").err
    result = cli("new", "--product", "X", "--questionnaire", "gold")
    assert result.code == 1 and 'no questionnaire with id "gold"' in result.err


def test_answer_validates_against_the_scale_and_saves(cli) -> None:
    path = new_session(cli)
    assert cli("answer", str(path), "tls-external", "yes", "--detail", "TLS 1.3",
               "--evidence", "https://acme.test/trust").code == 0
    assert cli("answer", "acme-notes", "certs-external", "Yes (version dependent)").code == 0
    refused = cli("answer", str(path), "mfa-privileged", "Maybe")
    assert refused.code == 1 and "Yes, No, Partial, Unknown, N/A" in refused.err
    page = cli("export", str(path), "-o", "-").out
    rows = table_rows(page)
    assert rows[1][1:] == ["Yes", "TLS 1.3<br><br>Evidence: [acme.test](https://acme.test/trust)"]
    assert rows[2][1] == "Yes (version dependent)"
    assert rows[7][1] == ""


def test_answer_rejects_unknown_question_ids_and_bad_evidence_urls(cli) -> None:
    path = new_session(cli)
    result = cli("answer", str(path), "api", "Yes")
    assert result.code == 1 and 'no question with id "api"' in result.err
    result = cli("answer", str(path), "tls-external", "Yes", "--evidence", "javascript:alert(1)")
    assert result.code == 1 and "http://, https:// or mailto:" in result.err


def test_unknown_answer_fills_the_stock_detail_with_the_vendor(cli) -> None:
    path = new_session(cli)
    cli("answer", str(path), "logs-to-client", "Unknown")
    rows = table_rows(cli("export", str(path), "-o", "-").out)
    assert rows[9][1:] == ["Unknown", "At this time, it is unknown whether Acme provide logs to the client."]


def test_list_shows_progress_and_flags_newest_first(cli) -> None:
    first = new_session(cli)
    second = Path(cli("new", "--product", "Beta").out.strip())
    cli("answer", str(first), "tls-external", "Yes", "--flag")
    listing = cli("list").out.splitlines()
    assert listing[1].startswith("acme-notes") and "1/11" in listing[1]
    assert listing[2].startswith("beta") and "0/11" in listing[2]
    rows = json.loads(cli("list", "--json").out)
    assert [(r["product"], r["answered"], r["flagged"]) for r in rows] == [("Acme Notes", 1, 1), ("Beta", 0, 0)]
    assert rows[1]["path"] == str(second)


def test_show_lists_unanswered_and_flagged_questions(cli) -> None:
    path = new_session(cli)
    cli("answer", str(path), "tls-external", "No", "--flag")
    text = cli("show", str(path)).out
    assert "progress: 1/11 answered, 1 flagged" in text
    assert "flagged: tls-external" in text
    assert "unanswered: certs-external, encryption-internal" in text
    data = json.loads(cli("show", str(path), "--json").out)
    assert data["answers"] == {"No": 1} and data["questions"][0]["flagged"] is True


def test_export_writes_to_exports_and_refuses_to_overwrite_another_file(cli, workspace: Path) -> None:
    path = new_session(cli)
    result = cli("export", str(path))
    target = workspace / "exports" / "acme-notes.md"
    assert result.code == 0 and result.out.strip() == str(target)
    assert front_matter(target.read_text(encoding="utf-8"))["title"] == "Acme Notes security review"
    cli("answer", str(path), "tls-external", "Yes")
    assert cli("export", str(path)).code == 0, "re-exporting the same review needs no --force"
    target.write_text("someone else's page\n", encoding="utf-8")
    refused = cli("export", str(path))
    assert refused.code == 1 and "--force" in refused.err
    assert target.read_text(encoding="utf-8") == "someone else's page\n"
    assert cli("export", str(path), "--force").code == 0
    assert "| Yes |" in target.read_text(encoding="utf-8")


def test_export_never_writes_through_a_planted_symlink(cli, workspace: Path, tmp_path: Path) -> None:
    path = new_session(cli)
    victim = tmp_path / "victim.md"
    victim.write_text("keep\n")
    (workspace / "exports").mkdir()
    (workspace / "exports" / "acme-notes.md").symlink_to(victim)
    result = cli("export", str(path), "--force")
    assert result.code == 1 and "symbolic link" in result.err
    assert victim.read_text() == "keep\n"


def test_workspace_option_and_environment_variable(cli, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    assert cli("new", "--product", "Gamma", "--workspace", str(elsewhere)).code == 0
    assert (elsewhere / "sessions" / "gamma.toml").exists()
    monkeypatch.setenv("VENDOR_REVIEW_WORKSPACE", str(elsewhere))
    assert "Gamma" in cli("list").out


@pytest.mark.parametrize("command", [[], ["new"], ["list"], ["answer"], ["show"], ["export"], ["schema"],
                                     ["schema", "list"], ["schema", "check"], ["schema", "show"]])
def test_every_command_has_help(cli, command: list[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli(*command, "--help")
    assert done.value.code == 0


def test_python_dash_m_tui_is_the_same_command(workspace: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "schema", "show", "saas-security-bronze"],
                            capture_output=True, text=True, cwd=workspace, env=os.environ, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("tls-external\t")


def test_relative_session_paths_are_found_in_the_workspace_from_anywhere(cli, tmp_path: Path, monkeypatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    cli("new", "--product", "Gamma", "--workspace", str(elsewhere))
    monkeypatch.chdir(tmp_path)
    result = cli("show", "sessions/gamma.toml", "--workspace", str(elsewhere))
    assert result.code == 0 and "Gamma security review" in result.out


def test_exports_folder_is_private_like_the_sessions_folder(cli, workspace: Path) -> None:
    import stat

    path = new_session(cli)
    assert cli("export", str(path)).code == 0
    assert stat.S_IMODE((workspace / "exports").stat().st_mode) == 0o700


LONG_PRODUCT = "Smart Tables for Confluence"
MINUTE = re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d\b")


def listed_names(cli) -> list[str]:
    return [line.split()[0] for line in cli("list").out.splitlines()[1:]]


def test_every_name_list_prints_works_in_every_command(cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    cli("new", "--product", LONG_PRODUCT, "--vendor", "Stiltsoft")
    new_session(cli)
    names = listed_names(cli)
    assert sorted(names) == ["acme-notes", "smart-tables-for-confluence"]
    for name in names:
        assert cli("answer", name, "tls-external", "Yes").code == 0
        assert cli("show", name).code == 0
        assert cli("show", name, "--flagged").code == 0
        assert cli("export", name, "-o", "-").code == 0


def test_list_fits_80_columns_dropping_the_product_first_and_shows_times_to_the_minute(cli, monkeypatch) -> None:
    cli("new", "--product", LONG_PRODUCT)
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli("list").out.splitlines()
    assert all(len(line) <= 80 for line in narrow)
    assert narrow[0].split() == ["SESSION", "QUESTIONNAIRE", "DONE", "FLAGS", "UPDATED"]
    assert MINUTE.search(narrow[1]) and "T" not in narrow[1].split()[-1]
    monkeypatch.setenv("COLUMNS", "120")
    wide = cli("list").out.splitlines()
    assert wide[0].split() == ["SESSION", "PRODUCT", "QUESTIONNAIRE", "DONE", "FLAGS", "UPDATED"]
    assert LONG_PRODUCT in wide[1]
    monkeypatch.setenv("COLUMNS", "30")
    assert cli("list").out.splitlines()[0].split() == ["SESSION", "DONE"], "name and progress never drop"


def test_list_json_keeps_its_keys_and_adds_the_session_name(cli) -> None:
    path = new_session(cli)
    row = json.loads(cli("list", "--json").out)[0]
    assert {"path", "product", "vendor", "questionnaire", "questionnaire_version", "answered", "total",
            "flagged", "created", "updated"} <= row.keys()
    assert row["session"] == "acme-notes" and row["path"] == str(path)


def test_show_fits_80_columns_with_each_detail_and_evidence_count(cli) -> None:
    path = new_session(cli)
    detail = "TLS 1.2 or later on every public endpoint, checked with SSL Labs on the day of the call.\nHSTS too."
    cli("answer", str(path), "tls-external", "Yes", "--detail", detail,
        "--evidence", "https://acme.test/trust", "https://acme.test/tls")
    text = cli("show", "acme-notes").out
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "tls-external  Yes  evidence: 2" in text
    assert "certs-external  (unanswered)  evidence: 0" in text
    assert "detail: TLS 1.2 or later" in text and "HSTS too." in text
    assert "correctly configured certificates?" in flat(text), "question texts are wrapped, not cut"
    assert MINUTE.search(text.splitlines()[1])
    assert json.loads(cli("show", "acme-notes", "--json").out)["questions"][0]["detail"] == detail


def test_show_flagged_prints_a_numbered_follow_up_list_to_paste_into_an_email(cli) -> None:
    path = new_session(cli)
    cli("answer", str(path), "tls-external", "Partial", "--detail", "TLS 1.2 on the app; the API unclear.", "--flag")
    cli("answer", str(path), "logs-to-client", "Unknown", "--flag")
    cli("answer", str(path), "certs-external", "Yes")
    text = cli("show", "acme-notes", "--flagged").out
    assert text.startswith("Follow-up questions: Acme Notes security review (Acme)\n")
    lines = text.splitlines()
    assert "1. Does the SaaS provider protect external data in transit using TLS?" in lines
    assert "   Detail: TLS 1.2 on the app; the API unclear." in lines
    assert any(line.startswith("2. Does the provider make logs available") for line in lines)
    assert "certificates" not in text, "only flagged questions"
    assert all(len(line) <= 72 for line in lines)


def test_show_flagged_includes_notes_and_drops_terminal_escapes_from_the_session_file(cli) -> None:
    path = new_session(cli)
    cli("answer", str(path), "tls-external", "Partial", "--flag")
    text = path.read_text(encoding="utf-8")
    text = text.replace('notes = ""', 'notes = "\\u001b[2J\\u001b]0;pwned\\u0007Ask for the pentest."', 1)
    path.write_text(text, encoding="utf-8")
    shown = cli("show", "acme-notes", "--flagged").out
    assert "   Notes: Ask for the pentest." in shown.splitlines()
    assert "\x1b" not in shown and "\x07" not in shown


def test_show_flagged_says_when_nothing_is_flagged(cli) -> None:
    new_session(cli)
    result = cli("show", "acme-notes", "--flagged")
    assert result.code == 0 and result.out.strip() == "No flagged questions in Acme Notes security review."


def test_export_body_prints_the_page_without_front_matter_and_leaves_exports_alone(cli, workspace: Path) -> None:
    path = new_session(cli)
    cli("answer", str(path), "tls-external", "Yes", "--detail", "TLS 1.3")
    body = cli("export", "acme-notes", "--body").out
    whole = cli("export", "acme-notes", "-o", "-").out
    assert body.startswith("| **Question** | **Answer** | **Detail** |\n")
    assert "dateCreated" not in body and whole.endswith(body)
    assert cli("export", "acme-notes", "--body", "-o", "-").out == body
    assert not (workspace / "exports").exists(), "nothing is written without -o FILE"


def test_export_body_to_a_file_never_replaces_the_exported_page(cli, workspace: Path) -> None:
    path = new_session(cli)
    cli("export", str(path))
    page = workspace / "exports" / "acme-notes.md"
    before = page.read_text(encoding="utf-8")
    for extra in ([], ["--force"]):
        refused = cli("export", "acme-notes", "--body", "-o", str(page), *extra)
        assert refused.code == 1 and "holds the whole page" in refused.err
    assert page.read_text(encoding="utf-8") == before
    target = workspace / "paste-me.md"
    assert cli("export", "acme-notes", "--body", "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8") == cli("export", "acme-notes", "--body").out
    assert cli("export", "acme-notes", "--body", "-o", str(target)).code == 0, "the same body again"
    cli("answer", str(path), "tls-external", "No")
    assert cli("export", "acme-notes", "--body", "-o", str(target)).code == 1, "another body needs --force"
    assert cli("export", "acme-notes", "--body", "-o", str(target), "--force").code == 0


def test_export_body_of_an_imported_page_keeps_its_intro_and_line_ends(cli, workspace: Path) -> None:
    text = (Path(__file__).parent / "fixtures" / "pages" / "harbourline-handwritten.md").read_text(encoding="utf-8")
    page = workspace / "harbourline.md"
    page.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    cli("import", str(page))
    body = cli("export", "harbourline-tasks", "--body").out
    after_front_matter = text.split("\n---\n", 1)[1].lstrip("\n").replace("\n", "\r\n")
    assert body == after_front_matter


def test_list_and_show_print_no_terminal_escapes_from_session_files(cli, workspace: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    path = new_session(cli)
    text = path.read_text(encoding="utf-8").replace('questionnaire = "saas-security-bronze"',
                                                    'questionnaire = "saas-security-bronze\\u001b]0;owned\\u0007"', 1)
    path.write_text(text, encoding="utf-8")
    planted = workspace / "sessions" / "evil\x1b[2J.toml"
    planted.write_text(text, encoding="utf-8")
    for output in (cli("list").out, cli("show", "acme-notes").out):
        assert "saas-security-bronze" in output
        assert "\x1b" not in output and "\x07" not in output
