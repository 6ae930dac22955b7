"""The workspace's settings file: optional, validated whole, errors with the line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.errors import InputError
from tui.core.settings import Period
from tui.core.workspace import Workspace


def test_a_workspace_without_settings_keeps_files_private(workspace: Path) -> None:
    settings = Workspace(workspace).settings
    assert not settings.group_shared and settings.review_every is None and settings.wiki.path == ""


def test_every_setting_is_read(workspace: Path) -> None:
    (workspace / "vendor-review.toml").write_text(
        'share = "group"\nreview_every = "12 months"\nauthor = "Sam <sam@example.com>"\n'
        '[wiki]\npath = "reviews/{name}"\ncollection = "reviews"\nheading = "Vendors"\n',
        encoding="utf-8",
    )
    settings = Workspace(workspace).settings
    assert settings.group_shared and str(settings.review_every) == "12 months"
    assert settings.author == "Sam <sam@example.com>"
    assert (settings.wiki.path, settings.wiki.collection, settings.wiki.heading) == ("reviews/{name}", "reviews", "Vendors")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('author = "x"\nshare = "everyone"\n', 'line 2: share: expected "group"'),
        ('\n\nreview_every = "soon"\n', 'line 3: review_every: expected a period such as "12 months"'),
        ('sharing = "group"\n', "line 1: sharing: unknown setting"),
        ('[wiki]\npath = "a"\nbranch = "main"\n', "line 3: branch: unknown [wiki] setting"),
        ("author = 3\n", "line 1: author: expected a string"),
        ("share = \n", "line 1, column 9: invalid TOML"),
    ],
)
def test_a_bad_setting_is_refused_with_its_line(workspace: Path, text: str, expected: str) -> None:
    (workspace / "vendor-review.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="vendor-review.toml: ") as raised:
        _ = Workspace(workspace).settings
    assert expected in str(raised.value)


@pytest.mark.parametrize(
    ("period", "finished", "due"),
    [
        ("12 months", datetime(2026, 1, 31, tzinfo=UTC), datetime(2027, 1, 31, tzinfo=UTC)),
        ("1 month", datetime(2026, 1, 31, tzinfo=UTC), datetime(2026, 2, 28, tzinfo=UTC)),
        ("2 years", datetime(2024, 2, 29, tzinfo=UTC), datetime(2026, 2, 28, tzinfo=UTC)),
        ("6 weeks", datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 13, tzinfo=UTC)),
        ("90 days", datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)),
    ],
)
def test_a_period_counts_calendar_months(period: str, finished: datetime, due: datetime) -> None:
    assert Period.parse(period).after(finished) == due
