"""Questionnaires as data: the built-in bronze questionnaire, user files, and `schema check`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tui.core.catalog import builtin_folder
from tui.core.questionnaire import json_schema

ROOT = Path(__file__).resolve().parents[1]

SMALL = """\
id = "mini"
version = "1"
title = "Mini"

[[questions]]
id = "apis"
text = "Does the service offer APIs?"

[[questions]]
id = "api-auth"
text = "Are the APIs authenticated?"
depends_on = { question = "apis", answers = ["Yes"] }
"""


def test_bronze_asks_exactly_the_questions_of_the_wiki_page(bronze, example_page) -> None:
    rows = [line for line in example_page.splitlines() if line.startswith("| ") and "**" not in line[:6]]
    cells = [row[2:].split(" | ")[0] for row in rows if not row.startswith("| ---")]
    exported = [q.text + (f"<br><br>*{q.hint}*" if q.hint else "") for q in bronze.questions]
    assert exported == cells


def test_bronze_has_wiki_tags_scale_and_exporting_data_section(bronze) -> None:
    assert bronze.tags == ["bronze", "saas-security", "saas"]
    assert [(o.label, o.key) for o in bronze.scale] == [
        ("Yes", "y"), ("No", "n"), ("Partial", "p"), ("Unknown", "u"), ("N/A", "a")
    ]
    assert [s.heading for s in bronze.sections] == ["Exporting data"]
    assert "NCSC" in (builtin_folder() / "saas-security-bronze.toml").read_text(encoding="utf-8")
    assert all(q.guidance and q.keywords for q in bronze.questions)


def test_schema_list_shows_builtin_and_workspace_questionnaires(cli, workspace) -> None:
    (workspace / "schemas").mkdir()
    (workspace / "schemas" / "mini.toml").write_text(SMALL, encoding="utf-8")
    result = cli("schema", "list")
    assert result.code == 0
    assert "saas-security-bronze" in result.out and "mini" in result.out


def test_schema_show_prints_id_tab_text(cli) -> None:
    lines = cli("schema", "show", "saas-security-bronze").out.splitlines()
    assert len(lines) == 11
    assert lines[0] == "tls-external\tDoes the SaaS provider protect external data in transit using TLS?"


def test_schema_show_json_is_the_whole_questionnaire(cli) -> None:
    data = json.loads(cli("schema", "show", "saas-security-bronze", "--json").out)
    assert data["id"] == "saas-security-bronze" and len(data["questions"]) == 11


def test_schema_check_accepts_a_good_file(cli, workspace) -> None:
    path = workspace / "mini.toml"
    path.write_text(SMALL, encoding="utf-8")
    result = cli("schema", "check", str(path))
    assert result.code == 0 and "ok" in result.out and "2 questions" in result.out


def check_errors(cli, workspace, text: str) -> str:
    path = workspace / "broken.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("schema", "check", str(path))
    assert result.code == 1
    assert path.read_text(encoding="utf-8") == text
    return result.err


def test_schema_check_reports_toml_syntax_with_line_and_column(cli, workspace) -> None:
    err = check_errors(cli, workspace, SMALL.replace('title = "Mini"', 'title = "Mini'))
    assert re.search(r"broken\.toml: line 3, column \d+: invalid TOML", err)


def test_schema_check_reports_unknown_condition_question_with_its_path(cli, workspace) -> None:
    err = check_errors(cli, workspace, SMALL.replace('question = "apis"', 'question = "api"'))
    assert 'questions[1].depends_on: unknown question id "api"' in err


def test_schema_check_reports_duplicates_unknown_labels_and_cycles_together(cli, workspace) -> None:
    text = SMALL.replace('answers = ["Yes"]', 'answers = ["Maybe"]') + """
[[questions]]
id = "apis"
text = "Again?"
depends_on = { question = "api-auth", answers = ["No"] }
"""
    err = check_errors(cli, workspace, text)
    assert 'duplicate question id "apis"' in err
    assert 'questions[1].depends_on.answers: "Maybe" is not on the answer scale' in err


def test_schema_check_reports_a_cycle_of_conditions(cli, workspace) -> None:
    text = SMALL.replace('text = "Does the service offer APIs?"',
                         'text = "Does the service offer APIs?"\ndepends_on = { question = "api-auth", answers = ["Yes"] }')
    assert "conditions form a cycle: apis -> api-auth -> apis" in check_errors(cli, workspace, text)


def test_schema_check_reports_unknown_keys_and_wrong_types(cli, workspace) -> None:
    err = check_errors(cli, workspace, SMALL.replace('version = "1"', 'version = "1"\ncolour = "red"')
                       .replace('id = "apis"', 'id = 7', 1))
    assert "colour: unknown key" in err
    assert "questions[0].id" in err


def test_json_schema_file_is_up_to_date() -> None:
    """schemas/questionnaire.schema.json is generated: `vendor-review schema json-schema`."""
    committed = (ROOT / "schemas" / "questionnaire.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(), "regenerate with: vendor-review schema json-schema > schemas/questionnaire.schema.json"


def test_json_schema_describes_questions_and_their_condition() -> None:
    schema = json.loads(json_schema())
    assert set(schema["required"]) >= {"id", "version", "title", "questions"}
    assert "depends_on" in schema["$defs"]["Question"]["properties"]
