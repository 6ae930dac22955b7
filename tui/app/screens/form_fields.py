"""Enter moves through a form's fields and submits on the last one, as the key arrives."""

from __future__ import annotations

from typing import cast

from textual.actions import SkipAction
from textual.screen import Screen
from textual.widgets import Input

from ..bindings import bind

NEXT_FIELD = bind("next_field", show=False)  # Enter, a priority key: put it in the form's BINDINGS


class FormFields:
    """The app passes keys on to the focused field asynchronously, so moving the focus later
    (on Input.Submitted) let the text after an Enter sent in one burst (tmux send-keys, a paste,
    a fast typist over SSH) land in the same field. As a priority key, Enter moves the focus
    before the next key is dispatched.

    A screen mixes this in, lists its text fields' ids in order and submits with `submit_form`."""

    form_fields: tuple[str, ...] = ()

    def submit_form(self) -> None:
        raise NotImplementedError

    def action_next_field(self) -> None:
        screen = cast(Screen[object], self)  # a mixin: a Screen base here would bring its CSS
        field = screen.focused
        if not isinstance(field, Input) or field.id not in self.form_fields:
            raise SkipAction()  # a list or a select takes Enter as usual
        if field.id == self.form_fields[-1]:
            field.call_later(self.submit_form)  # after the keys already on their way to it
        else:
            screen.focus_next()
