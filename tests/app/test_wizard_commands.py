"""`vendor-review keys`, `themes`, and the user config file that remaps keys and sets a theme."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.keymap import DEFAULT_KEYS

REQUIRED = ("next_question", "previous_question", "next_unanswered", "overview", "flag",
            "add_evidence", "edit_external", "export", "help", "quit")


def config_file(workspace: Path, text: str) -> Path:
    path = workspace.parent / "home" / ".config" / "vendor-review" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_prints_one_action_per_line(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("keys")
    rows = {line.split("\t")[0]: line.split("\t") for line in result.out.splitlines()}
    assert result.code == 0
    for action in REQUIRED:
        assert len(rows[action]) == 3 and rows[action][1] and rows[action][2]
    assert rows["next_question"][1] == "ctrl+n,f4"
    assert rows["answer_and_next"][1] == "shift" and "Quick mode" in rows["answer_and_next"][2]


def test_keys_shows_the_remaps_from_the_config_file(cli, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    config_file(workspace, '[keys]\nnext_question = "f6, ctrl+n"\n')
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in cli("keys").out.splitlines()}
    assert rows["next_question"] == "f6,ctrl+n"
    assert rows["quit"] == DEFAULT_KEYS["quit"]


@pytest.mark.parametrize(("text", "message"), [
    ('[keys]\nnext_questoin = "f6"\n', "next_questoin: unknown action"),
    ('[keys]\nnext_question = "f6 ctrl+n!"\n', "expected key names separated by commas"),
    ('[keys]\nanswer_and_next = "ctrl"\n', 'answer_and_next: expected one of "shift", "none"'),
    ('colour = "red"\n', "unknown setting 'colour'"),
    ('theme = "ansi-dark"\nkeys = = 1\n', "line 2"),
])
def test_a_broken_config_file_is_named_with_the_problem(cli, workspace: Path, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = config_file(workspace, text)
    result = cli("keys")
    assert result.code == 1
    assert str(path) in result.err and message in result.err


def test_themes_include_the_terminal_palette(cli) -> None:  # type: ignore[no-untyped-def]
    names = cli("themes").out.split()
    assert "textual-ansi" in names and "ansi-dark" in names


def test_an_unknown_theme_is_refused_before_the_screen_changes(cli, workspace: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("--theme", "no-such-theme")
    assert result.code == 1 and "unknown theme 'no-such-theme'" in result.err


def test_opening_a_missing_session_says_so(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("open", "nothing-here")
    assert result.code == 1 and "no such session file" in result.err
