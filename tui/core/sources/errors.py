"""The one error every step of attaching a source raises."""

from __future__ import annotations

from ..errors import InputError


class SourceError(InputError):
    """A document we cannot attach; the message names it and says what is wrong with it."""
