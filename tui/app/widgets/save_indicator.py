"""The saved / saving / failed mark every screen carries, with the failure's reason."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

# Every change flips saved -> saving -> saved: those two are styled in the text itself, since a
# class change restyles the widget through the whole stylesheet on each key. The rare states
# that colour the whole mark (its padding too) keep their classes in app.tcss.
MARKS = {"saved": Content("✓ saved"), "saving": Content.styled("… saving", "$warning"),
         "read-only": Content("read-only")}
CLASSES = ("failed", "read-only")


class SaveIndicator(Static):
    """Markup is off: a failure's reason carries a file path, which may hold brackets."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show, init=True)

    def _show(self, status: str) -> None:
        kind = status.split(":", 1)[0].replace(" ", "-")
        # The short marks fit the fixed width app.tcss gives them, so flipping between them
        # repaints one cell run instead of laying out the title beside it; a failure's reason
        # takes the width it needs.
        resized = self.has_class("failed") or kind == "failed"
        for name in CLASSES:
            self.set_class(kind == name, name)
        self.update(MARKS.get(status) or Content(f"✗ save {status}"), layout=resized)
