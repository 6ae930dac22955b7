"""Opening a review loads only its own questionnaire, and finds the same one the catalog would."""

from __future__ import annotations

from pathlib import Path

from tui.core.catalog import builtin_folder
from tui.core.workspace import Workspace

BRONZE = "saas-security-bronze"


def own_copy_of_bronze(title: str) -> str:
    text = (builtin_folder() / f"{BRONZE}.toml").read_text(encoding="utf-8")
    return text.replace('title = "SaaS security (bronze)"', f'title = "{title}"')


def test_a_builtin_is_found_without_loading_the_catalog(workspace: Path) -> None:
    (workspace / "schemas").mkdir()
    (workspace / "schemas" / "broken.toml").write_text('id = "broken"\nversion = [unclosed', encoding="utf-8")
    opened = Workspace(workspace)
    found = opened.questionnaire(BRONZE)
    assert found.title == "SaaS security (bronze)"
    assert "catalog" not in vars(opened)  # the broken file was never validated
    assert found == Workspace(workspace).catalog.get(BRONZE)


def test_a_workspace_copy_with_the_same_id_wins_as_in_the_catalog(workspace: Path) -> None:
    (workspace / "schemas").mkdir()
    (workspace / "schemas" / "ours.toml").write_text(own_copy_of_bronze("Our bronze"), encoding="utf-8")
    opened = Workspace(workspace)
    assert opened.questionnaire(BRONZE).title == "Our bronze"
    assert "catalog" not in vars(opened)
    assert Workspace(workspace).catalog.get(BRONZE).title == "Our bronze"


def test_an_invalid_workspace_copy_falls_back_to_the_builtin_as_in_the_catalog(workspace: Path) -> None:
    (workspace / "schemas").mkdir()
    broken = own_copy_of_bronze("Our bronze").replace('version = "1.0"', "version = 1")
    (workspace / "schemas" / "ours.toml").write_text(broken, encoding="utf-8")
    assert Workspace(workspace).questionnaire(BRONZE).title == "SaaS security (bronze)"


def test_an_id_set_in_a_multiline_string_does_not_mislead(workspace: Path) -> None:
    (workspace / "schemas").mkdir()
    tricky = own_copy_of_bronze("Tricky").replace(f'id = "{BRONZE}"', 'id = "other"')
    source = next(line for line in tricky.splitlines() if line.startswith("source = "))
    tricky = tricky.replace(source, f'source = """\nid = "{BRONZE}"\n"""')
    (workspace / "schemas" / "tricky.toml").write_text(tricky, encoding="utf-8")
    assert Workspace(workspace).questionnaire(BRONZE).title == "SaaS security (bronze)"
    assert Workspace(workspace).questionnaire("other").title == "Tricky"
