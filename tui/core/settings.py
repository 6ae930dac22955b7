"""The workspace's own settings: `vendor-review.toml` at the workspace root, shared by the team.

The reviewer's config (`config.py`) is personal (theme, keys); this file belongs to the
workspace, so it travels with a team's git repository and applies to everyone on a shared host:

    share = "group"              # sessions 0660, folders 2770 for the workspace's group
    review_every = "12 months"   # a finished review is due again this long after it finished
    author = "Sam Reviewer <sam@example.com>"   # when git has no user.name/user.email
    [wiki]
    path = "bronze-controls/saas-security/{name}"
    collection = "bronze-controls/saas-security"
    heading = "Product evaluations"
    clone = "../wiki"             # the wiki's git-storage clone (relative to the workspace)

The file is optional. A broken one is refused whole with its path and the line of the setting
that is wrong, since a half-applied sharing or publishing setting is worse than none.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from .errors import InputError, parse_toml
from .files import read_regular_file

SETTINGS_FILE = "vendor-review.toml"
_TOP_LEVEL = ("share", "review_every", "author", "wiki")
_WIKI_KEYS = ("path", "collection", "heading", "clone")
_PERIOD = re.compile(r"^\s*(\d{1,4})\s*(day|week|month|year)s?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A re-review interval such as "12 months": calendar months and years, so a review
    finished on 31 January is due on the last day of the month it falls in, not in March."""

    count: int
    unit: str  # day, week, month or year

    @classmethod
    def parse(cls, text: str) -> Period:
        """Raises ValueError with the expected form when `text` is not a period."""
        match = _PERIOD.match(text) if isinstance(text, str) else None
        if not match or int(match.group(1)) == 0:
            raise ValueError(f'expected a period such as "12 months", "6 weeks" or "1 year" (got {text!r})')
        return cls(int(match.group(1)), match.group(2).lower())

    def after(self, moment: datetime) -> datetime:
        if self.unit in ("day", "week"):
            return moment + timedelta(days=self.count * (7 if self.unit == "week" else 1))
        months = self.count * (12 if self.unit == "year" else 1)
        year, month = divmod(moment.month - 1 + months, 12)
        year += moment.year
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day)

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'s' if self.count != 1 else ''}"


@dataclass(frozen=True)
class WikiSettings:
    """Where published pages go; each falls back to the questionnaire's `[wiki]` table."""

    path: str = ""
    collection: str = ""
    heading: str = ""
    clone: str = ""  # the wiki's git-storage clone, for publishing from the Finish screen


@dataclass(frozen=True)
class Settings:
    path: Path
    share: str = ""  # "group", or "" for private files
    review_every: Period | None = None
    author: str = ""
    wiki: WikiSettings = field(default_factory=WikiSettings)

    @property
    def group_shared(self) -> bool:
        return self.share == "group"


def load_settings(root: Path) -> Settings:
    """The settings of the workspace at `root` (defaults when it has no settings file)."""
    path = root / SETTINGS_FILE
    try:
        data = read_regular_file(path)
    except FileNotFoundError:
        return Settings(path)
    except OSError as error:
        raise InputError(f"{path}: {error.strerror or error}") from None
    document = parse_toml(path, data)
    text = data.decode("utf-8")
    where = _Locator(path, text)
    for key in document:
        if key not in _TOP_LEVEL:
            raise where.error(key, f"unknown setting (known: {', '.join(_TOP_LEVEL[:-1])}, [wiki])")
    share = document.get("share", "")
    if share not in ("", "group"):
        raise where.error("share", 'expected "group" (or leave it out for private files)')
    review_every = None
    if "review_every" in document:
        try:
            review_every = Period.parse(document["review_every"])
        except ValueError as error:
            raise where.error("review_every", str(error)) from None
    author = _string(document, "author", where)
    wiki_table = document.get("wiki", {})
    if not isinstance(wiki_table, dict):
        raise where.error("wiki", "expected a [wiki] table")
    for key in wiki_table:
        if key not in _WIKI_KEYS:
            raise where.error(key, f"unknown [wiki] setting (known: {', '.join(_WIKI_KEYS)})")
    wiki = WikiSettings(**{key: _string(wiki_table, key, where) for key in _WIKI_KEYS})
    return Settings(path, share, review_every, author, wiki)


def _string(table: dict[str, Any], key: str, where: _Locator) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise where.error(key, "expected a string")
    return value


@dataclass(frozen=True)
class _Locator:
    """Finds the line a key is set on, so an error points at it (TOML parsers give values,
    not positions)."""

    path: Path
    text: str

    def error(self, key: str, message: str) -> InputError:
        pattern = re.compile(rf'^[ \t]*(\[[ \t]*{re.escape(key)}\s*\]|"?{re.escape(key)}"?\s*=)', re.MULTILINE)
        match = pattern.search(self.text)
        line = f"line {self.text.count(chr(10), 0, match.start()) + 1}: " if match else ""
        return InputError(f"{self.path}: {line}{key}: {message}")
