"""What every wizard screen shares: typed access to the app that owns the review."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from ..app import ReviewApp

Result = TypeVar("Result")


class WizardScreen(Screen[Result]):
    @property
    def wizard(self) -> ReviewApp:
        return cast("ReviewApp", self.app)


class WizardDialog(ModalScreen[Result]):
    @property
    def wizard(self) -> ReviewApp:
        return cast("ReviewApp", self.app)
