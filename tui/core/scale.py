"""The answer scale a questionnaire uses when it names none: Yes, No, Partial, Unknown, N/A.

Plain frozen dataclasses, not the questionnaire's pydantic model: the first paint of a resumed
review (`preview`) draws the scale before pydantic is imported, and the model builds its
default from these same points, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScalePoint:
    label: str
    key: str


DEFAULT_SCALE_POINTS = (
    ScalePoint("Yes", "y"), ScalePoint("No", "n"), ScalePoint("Partial", "p"),
    ScalePoint("Unknown", "u"), ScalePoint("N/A", "a"),
)
