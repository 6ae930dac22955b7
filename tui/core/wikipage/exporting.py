"""Writing a review's page to a file without clobbering someone else's."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..files import UnsafePathError, atomic_write, read_regular_file
from ..review import Review
from .cells import wiki_timestamp
from .render import render_body, render_page


def is_earlier_export(existing: str, review: Review) -> bool:
    """A page is an earlier export of the same review when it carries its creation time,
    which no other review shares; re-exporting over it needs no --force."""
    front = existing.split("\n---", 1)[0]
    created = re.search(r"^dateCreated: (.*)$", front, re.M)
    return created is not None and created.group(1).strip() == wiki_timestamp(review.created)


def export_to_file(review: Review, target: Path, *, force: bool = False, body: bool = False) -> str:
    """Write the page (or with `body`, the page without its front-matter) to `target`
    (atomically) and return it. Refuses to replace a file that is not an earlier export of this
    review unless forced, and never writes through a symlink. A body carries no creation time
    to recognise it by, so only an identical one is replaced unforced."""
    page = render_body(review) if body else render_page(review)
    if target.is_symlink():
        raise InputError(f"{target}: is a symbolic link; refusing to write through it")
    if target.exists() and not force:
        try:
            existing = read_regular_file(target).decode("utf-8", "replace")
        except OSError as error:
            raise InputError(f"{target}: {error}") from None
        if existing != page and (body or not is_earlier_export(existing, review)):
            what = "holds something else" if body else "is not an export of this review"
            raise InputError(f"{target}: exists and {what}; use --force to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        atomic_write(target, page.encode("utf-8"))
    except (UnsafePathError, OSError) as error:
        raise InputError(f"{target}: cannot write: {error}") from None
    return page
