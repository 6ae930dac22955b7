"""Which saved review already holds a wiki page, so that importing a page twice names that
review instead of quietly making `NAME-2` beside it.

The same page is the same file (its content digest, recorded at import) or a page with the
same title: the title is how the wiki itself names a page, and it still matches after the
review was edited, or when the page was imported before digests were recorded. A review
with an empty title (the product came from a file name) is matched by its digest only.
"""

from __future__ import annotations

from pathlib import Path

from ..review import Review
from ..store import SessionError, read_review


def _title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


class PageHolders:
    """The saved reviews of a workspace, indexed by the pages they hold."""

    def __init__(self, sessions: list[Path]) -> None:
        self._by_digest: dict[str, Path] = {}
        self._by_title: dict[str, Path] = {}
        for path in sessions:
            try:
                self.add(path, read_review(path))
            except SessionError:  # a broken session is `list`'s to report; it holds no page here
                continue

    def add(self, path: Path, review: Review) -> None:
        """Record that `path` now holds `review`'s page (the first holder stays the one named)."""
        if review.page is not None and review.page.digest:
            self._by_digest.setdefault(review.page.digest, path)
        if _title_key(review.title()):
            self._by_title.setdefault(_title_key(review.title()), path)

    def holder(self, review: Review) -> tuple[Path, str] | None:
        """The session already holding the page `review` was imported from, and why it is
        the same page; None when no review holds it."""
        digest = review.page.digest if review.page is not None else ""
        if digest in self._by_digest:
            return self._by_digest[digest], "the same file"
        title = _title_key(review.title())
        if title in self._by_title:
            return self._by_title[title], f"the same title, {review.title()!r}"
        return None
