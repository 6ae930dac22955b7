"""Shared fixtures: a private workspace per test, the built-in questionnaire, the CLI."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.catalog import builtin_folder, load_questionnaire
from tui.core.questionnaire import Questionnaire

# ../shared/examples beside the checkout, or beside the folder of worktrees (wt/NAME) it sits in.
SHARED_EXAMPLES = next((folder / "shared" / "examples" for folder in Path(__file__).resolve().parents[2:4]
                        if (folder / "shared" / "examples").is_dir()),
                       Path(__file__).resolve().parents[2] / "shared" / "examples")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace, made the current directory, with HOME pointed inside it so no
    user configuration leaks into a test."""
    root = tmp_path / "ws"
    root.mkdir()
    monkeypatch.chdir(root)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "home" / ".local" / "state"))
    monkeypatch.delenv("VENDOR_REVIEW_WORKSPACE", raising=False)
    return root


@pytest.fixture
def cli(workspace: Path):
    """Run `vendor-review ARGS...` in-process and capture what it prints."""

    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(scope="session")
def bronze() -> Questionnaire:
    return load_questionnaire(builtin_folder() / "saas-security-bronze.toml")


@pytest.fixture
def example_page() -> str:
    """The real wiki page from ../shared/examples (third-party text: read, never copied)."""
    path = SHARED_EXAMPLES / "confluence-security-review.md"
    if not path.exists():
        pytest.skip("../shared/examples is not beside this checkout")
    return path.read_text(encoding="utf-8")
