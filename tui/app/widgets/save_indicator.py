"""The saved / saving / failed mark every screen carries, with the failure's reason."""

from __future__ import annotations

from textual.widgets import Static


class SaveIndicator(Static):
    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show, init=True)

    def _show(self, status: str) -> None:
        self.set_classes(status.split(":", 1)[0].replace(" ", "-"))
        mark = {"saved": "✓ saved", "saving": "… saving", "read-only": "read-only"}.get(status)
        self.update(mark or f"✗ save {status}")
