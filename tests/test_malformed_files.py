"""Broken session and questionnaire files are refused with the file and the line or field,
and are never changed: the reviewer has to fix them by hand, so they must stay as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "fixtures" / "malformed"

SESSION_ERRORS = {
    "binary-garbage.toml": "line 8: not UTF-8 text",
    "condition-cycle.toml": "questions[0].depends_on: conditions form a cycle: tls-external -> event-logs -> tls-external",
    "self-dependency.toml": "questions[1].depends_on: a question cannot depend on itself",
    "deeply-nested.toml": "nested too deeply",
    "empty.toml": "not a vendor-review session",
    "huge-number.toml": "format: made by a newer vendor-review (format 99999999999999999999999999999999); upgrade",
    "questionnaire-in-sessions.toml": "not a vendor-review session",
    "questions-not-a-list.toml": "line 17, column 11: invalid TOML",
    "script-link.toml": "questions[0].evidence[0].url: a link must start with http",
    "truncated.toml": "line 12 (end of file): invalid TOML",
    "unknown-key.toml": "questions[0].confidence: unknown key",
    "wrong-date.toml": "created: Input should be a valid datetime",
    "wrong-type.toml": "product: Input should be a valid string",
}

QUESTIONNAIRE_ERRORS = {
    "binary-garbage.toml": "line 14: not UTF-8 text",
    "condition-cycle.toml": "questions[0].depends_on: conditions form a cycle",
    "duplicate-id.toml": 'questions: duplicate question id "sso"',
    "huge-value.toml": "version: String should have at most 40 characters",
    "truncated.toml": "line 9, column 12: invalid TOML",
    "unknown-answer.toml": 'questions[1].depends_on.answers: "Perhaps" is not on the answer scale',
    "unknown-key.toml": "questions[0].colour: unknown key",
    "wrong-type.toml": "version: Input should be a valid string",
}

COMMANDS = {
    "show": ("show", "{path}"),
    "diff": ("diff", "{path}", "{path}"),
    "export": ("export", "{path}", "-o", "-"),
    "answer": ("answer", "{path}", "tls-external", "Yes", "--detail", "overwritten?"),
}


def test_the_corpus_has_an_expected_error_for_every_file() -> None:
    assert sorted(p.name for p in (CORPUS / "sessions").glob("*.toml")) == sorted(
        [*SESSION_ERRORS, "retired-questionnaire.toml"]
    )
    assert sorted(p.name for p in (CORPUS / "questionnaires").glob("*.toml")) == sorted(QUESTIONNAIRE_ERRORS)


def _planted(workspace: Path, name: str) -> Path:
    sessions = workspace / "sessions"
    sessions.mkdir(mode=0o700, exist_ok=True)
    return Path(shutil.copyfile(CORPUS / "sessions" / name, sessions / name))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", SESSION_ERRORS)
def test_a_malformed_session_is_refused_naming_where_and_left_unchanged(
    cli, workspace: Path, name: str, command: str
) -> None:
    session = _planted(workspace, name)
    before = session.read_bytes()

    result = cli(*(arg.format(path=session) for arg in COMMANDS[command]))

    assert result.code == 1
    assert f"{session}: " in result.err
    assert SESSION_ERRORS[name] in result.err
    assert "Traceback" not in result.err and len(result.err.splitlines()) == 1
    assert session.read_bytes() == before


def test_a_session_whose_questionnaire_was_removed_still_shows_and_exports(cli, workspace: Path) -> None:
    session = _planted(workspace, "retired-questionnaire.toml")

    shown = cli("show", str(session))
    exported = cli("export", str(session), "-o", "-")

    assert shown.code == 0 and "Northwind Notes" in shown.out
    assert exported.code == 0 and "| Is traffic to the service encrypted? | Yes |" in exported.out


def test_a_session_whose_questionnaire_was_removed_cannot_be_answered_and_says_why(
    cli, workspace: Path
) -> None:
    session = _planted(workspace, "retired-questionnaire.toml")
    before = session.read_bytes()

    result = cli(*(arg.format(path=session) for arg in COMMANDS["answer"]))

    assert result.code == 1
    assert f'{session}: questionnaire: no questionnaire with id "retired-checklist"' in result.err
    assert session.read_bytes() == before


def test_a_session_symlinked_to_a_file_elsewhere_is_refused_and_the_target_untouched(
    cli, workspace: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    shutil.copyfile(CORPUS / "sessions" / "retired-questionnaire.toml", elsewhere)
    before = elsewhere.read_bytes()
    (workspace / "sessions").mkdir()
    link = workspace / "sessions" / "linked.toml"
    link.symlink_to(elsewhere)

    results = [cli(*(arg.format(path=link) for arg in args)) for args in COMMANDS.values()]

    assert [r.code for r in results] == [1] * len(COMMANDS)
    assert all(f"{link}" in r.err and "symbolic link" in r.err for r in results)
    assert elsewhere.read_bytes() == before and link.is_symlink()


@pytest.mark.parametrize("name", QUESTIONNAIRE_ERRORS)
def test_schema_check_reports_a_malformed_questionnaire_with_its_location(
    cli, workspace: Path, name: str
) -> None:
    questionnaire = Path(shutil.copyfile(CORPUS / "questionnaires" / name, workspace / name))
    before = questionnaire.read_bytes()

    result = cli("schema", "check", str(questionnaire))

    assert result.code == 1
    assert f"{questionnaire}: {QUESTIONNAIRE_ERRORS[name]}" in result.err
    assert questionnaire.read_bytes() == before


def test_a_broken_questionnaire_in_the_workspace_is_listed_with_its_problem_and_hides_nothing(
    cli, workspace: Path
) -> None:
    (workspace / "schemas").mkdir()
    broken = Path(shutil.copyfile(CORPUS / "questionnaires" / "condition-cycle.toml",
                                  workspace / "schemas" / "vendor-basics.toml"))

    result = cli("schema", "list")

    assert result.code == 0
    assert "saas-security-bronze" in result.out
    assert f"{broken}: questions[0].depends_on: conditions form a cycle" in result.out + result.err


@pytest.mark.parametrize("name", ["condition-cycle.toml", "self-dependency.toml"])
def test_a_session_with_a_cycle_is_listed_as_broken_and_the_others_still_listed(
    cli, workspace: Path, name: str
) -> None:
    broken = _planted(workspace, name)
    assert cli("new", "--product", "Acme").code == 0

    result = cli("list")

    assert result.code == 0 and "acme" in result.out
    assert f"{broken}: {SESSION_ERRORS[name]}" in result.err
