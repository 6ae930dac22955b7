"""Fixtures for driving the wizard with Textual's Pilot at the size of a small SSH terminal."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget

from tui.app.app import ReviewApp
from tui.core.catalog import load_questionnaire
from tui.core.review import Review, start_review
from tui.core.store import write_review
from tui.core.workspace import Workspace

SIZE = (80, 24)
FIXED_TIME = datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures"


def make_review(workspace: Path, product: str = "Acme Notes", vendor: str = "Acme",
                questionnaire: str = "saas-security-bronze", name: str = "acme-notes") -> Path:
    """A saved, unanswered review with fixed timestamps (screens show them)."""
    catalog = Workspace(workspace).catalog
    review = start_review(catalog.get(questionnaire), product=product, vendor=vendor)
    review.created = review.updated = FIXED_TIME
    path = workspace / "sessions" / f"{name}.toml"
    write_review(path, review)
    return path


def wizard(workspace: Path, session: Path | None = None, **options: object) -> ReviewApp:
    return ReviewApp(Workspace(workspace), session_path=session, **options)  # type: ignore[arg-type]


def screen_text(app: ReviewApp) -> str:
    """What a reviewer would read on the terminal, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, force_terminal=True,
                      color_system=None, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The autosave timer, shortened so tests read the file soon after typing."""
    from tui.app import autosave

    monkeypatch.setattr(autosave, "DELAY", 0.02)


@pytest.fixture
def session(workspace: Path) -> Path:
    return make_review(workspace)


@pytest.fixture
def conditional_workspace(workspace: Path) -> Path:
    """A workspace with a small questionnaire whose second question depends on the first."""
    (workspace / "schemas").mkdir(exist_ok=True)
    (workspace / "schemas" / "cloud-basics.toml").write_text((FIXTURES / "cloud-basics.toml").read_text())
    load_questionnaire(workspace / "schemas" / "cloud-basics.toml")
    return workspace


def saved(path: Path) -> Review:
    from tui.core.store import read_review

    return read_review(path)


def drawn_in_reverse(widget: Widget, y: int) -> bool:
    """Whether every visible character of the widget's line `y` is in reverse video: how a
    highlight shows without colour (NO_COLOR)."""
    shown = [segment for segment in widget.render_line(y) if segment.text.strip()]
    return bool(shown) and all(segment.style is not None and segment.style.reverse for segment in shown)
