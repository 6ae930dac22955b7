"""The saved / saving / failed mark every screen carries, with the failure's reason."""

from __future__ import annotations

from textual.widgets import Static


class SaveIndicator(Static):
    """Markup is off: a failure's reason carries a file path, which may hold brackets."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(markup=False, id=id)

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show, init=True)

    def _show(self, status: str) -> None:
        self.set_classes(status.split(":", 1)[0].replace(" ", "-"))
        mark = {"saved": "✓ saved", "saving": "… saving", "read-only": "read-only"}.get(status)
        self.update(mark or f"✗ save {status}")
