"""Every screen as a reviewer sees it at 80x24, compared line by line with a stored copy.

The snapshot plugin pins pytest < 9, so the screens are compared as text. After an intended
change of layout, refresh the copies with `UPDATE_SCREENS=1 make test` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import SIZE, screen_text, wizard

STORED = Path(__file__).parent / "screens"


# Each case: the screen's name, whether a review is open, and the keys that reach it.
CASES = [
    ("start", False, []),
    ("new-review", False, ["ctrl+n"]),
    ("question", True, []),
    ("question-answered", True, ["u"]),
    ("evidence", True, ["ctrl+l"]),
    ("overview", True, ["y", "ctrl+n", "ctrl+f", "ctrl+o"]),
    ("sections", True, ["f10"]),
    ("finish", True, ["y", "f8"]),
    ("help", True, ["f1"]),
    ("editor", True, ["ctrl+r"]),
    ("sources", True, ["ctrl+right_square_bracket"]),
]


@pytest.mark.parametrize(("name", "with_review", "keys"), CASES, ids=[c[0] for c in CASES])
async def test_screen_looks_as_stored(workspace: Path, session: Path, name: str, with_review: bool,
                                      keys: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = wizard(workspace, session if with_review else None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app).replace(str(workspace), "WORKSPACE")
    stored = STORED / f"{name}.txt"
    if os.environ.get("UPDATE_SCREENS"):
        stored.parent.mkdir(exist_ok=True)
        stored.write_text(text, encoding="utf-8")
    assert text.splitlines() == stored.read_text(encoding="utf-8").splitlines()
