"""Where a review goes in the wiki: `--path`, else where it came from or was last published,
else the questionnaire's (or the workspace's) `[wiki]` pattern."""

from __future__ import annotations

import re

from .git import PublishError

# Wiki.js refuses these in a page path (server/models/pages.js, 2.5): a dot, spaces,
# backslashes, a double slash; it also strips a leading or trailing slash.
_REFUSED = re.compile(r"[.\s\\]|//")


def check_page_path(path: str) -> str:
    """The path as Wiki.js stores it, or a PublishError naming what it refuses."""
    path = path.strip().strip("/")
    if not path:
        raise PublishError("the page path is empty")
    found = _REFUSED.search(path)
    if found:
        what = {".": "a dot", "\\": "a backslash", "//": "a double slash"}.get(found.group(), "a space")
        raise PublishError(f"page path {path!r}: Wiki.js does not allow {what} in a path")
    return path


def pattern_path(pattern: str, name: str) -> str:
    return check_page_path(pattern.replace("{name}", name))
