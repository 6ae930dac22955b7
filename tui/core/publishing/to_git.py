"""`publish`: the exported page into a clone of the wiki's git storage, committed as Wiki.js
commits (`docs: create PATH` / `docs: update PATH`, authored by the reviewer, one file each),
the collection page's link in a commit of its own, and with `push` sent to the remote.

No lost update, ever: what was published is recorded (git's blob id), and a page that changed
in the wiki since (an edit in Wiki.js, which commits it) is refused with what changed; so is a
page this review never published or came from. Before anything is written the remote is
fetched and its copy of the page is the one compared.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..questionnaire import Questionnaire
from ..review import PublishedPage, Review, now
from ..settings import WikiSettings
from ..wikipage.render import render_page
from .collection import add_link
from .git import Git, PublishError
from .page_paths import check_page_path, pattern_path

PUSH_TRIES = 5
DIFF_LINES = 24


@dataclass
class Published:
    """What publishing did (or, dry, would do), in the lines `publish` prints."""

    path: str
    done: list[str] = field(default_factory=list)


def page_path(review: Review, questionnaire: Questionnaire, settings: WikiSettings, name: str,
              override: str = "", wiki_root: Path | None = None) -> str:
    """`--path`, else where the review was last published, else the page it was imported
    from when that file is in the wiki's clone, else the settings' or the questionnaire's
    `[wiki]` pattern."""
    if override:
        return check_page_path(override)
    if review.published_to is not None:
        return check_page_path(review.published_to.path)
    source = Path(review.page.source).resolve() if review.page and review.page.source else None
    if source is not None and wiki_root is not None and source.suffix == ".md" \
            and source.is_relative_to(wiki_root.resolve()):
        return check_page_path(source.relative_to(wiki_root.resolve()).with_suffix("").as_posix())
    pattern = settings.path or (questionnaire.wiki.path if questionnaire.wiki else "")
    if not pattern:
        raise PublishError("no page path: give --path, or a [wiki] path in the questionnaire or vendor-review.toml")
    return pattern_path(pattern, name)


def wiki_clone(given: Path | None, settings: WikiSettings, workspace_root: Path) -> Path:
    """`--wiki DIR`, else the workspace settings' `[wiki] clone` (relative to the workspace)."""
    if given is not None:
        return given
    if not settings.clone:
        raise PublishError("no wiki clone: give --wiki DIR, or set [wiki] clone in vendor-review.toml")
    return workspace_root / settings.clone


def _author_options(git: Git, fallback: str) -> list[str]:
    """git's own identity; the settings' `author` ("Name <email>") when git has none."""
    if git.ok("config", "user.email"):
        return []
    if not fallback:
        raise PublishError("git has no user.email here and vendor-review.toml has no author: "
                           "set one (git config user.email ...) so the commit names the reviewer")
    name, _, email = fallback.partition("<")
    return ["-c", f"user.name={name.strip()}", "-c", f"user.email={email.rstrip('>').strip()}"]


def _what_changed(old: str, new: str, path: str) -> str:
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), f"wiki:{path}.md", "this review",
                                     lineterm="", n=1))
    shown = diff[:DIFF_LINES] + ([f"... {len(diff) - DIFF_LINES} more lines"] if len(diff) > DIFF_LINES else [])
    return "\n".join(shown)


def _imported_from(review: Review, text: str, file: Path) -> bool:
    page = review.page
    if page is None:
        return False
    if page.source and Path(page.source).resolve() == file.resolve():
        return True
    return bool(page.digest) and page.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


def publish_to_git(review: Review, questionnaire: Questionnaire, wiki: Path, *, name: str,
                   settings: WikiSettings, author: str = "", path: str = "", push: bool = False,
                   dry_run: bool = False, force: bool = False) -> Published:
    """Publish `review` into the clone at `wiki`; on success `review.published_to` records it
    (the caller saves the session). Raises PublishError, having changed nothing it should not."""
    git = Git(wiki)
    target = page_path(review, questionnaire, settings, name, path, git.root)
    result = Published(target)
    file_name = f"{target}.md"
    page = render_page(review).encode("utf-8")
    ours = git.blob_of(page)
    author_options = _author_options(git, author)
    collection = settings.collection or (questionnaire.wiki.collection if questionnaire.wiki else "")
    heading = settings.heading or (questionnaire.wiki.heading if questionnaire.wiki else "") or "Product evaluations"
    for attempt in range(PUSH_TRIES):
        base = _catch_up(git, push=push and not dry_run)
        _refuse_lost_update(git, review, base, file_name, target, page, force)
        if dry_run:
            result.done.append(f"would write {file_name} and commit it" if git.blob_at(base, file_name) != ours
                               else f"{file_name} is already as published")
            if collection:
                result.done.append(f"would add a link to /{target} on {collection} if it has none")
            return result
        made = _commit_page(git, author_options, file_name, target, page, ours)
        result.done.append(made)
        added = _link_from_collection(git, author_options, collection, heading, review, target) if collection else None
        if added:
            result.done.append(added)
        if not push or _pushed(git):
            review.record_published(PublishedPage(path=target, blob=ours, at=now()))
            if push:
                result.done.append(f"pushed to {git.upstream()}")
            return result
        if added:  # the collection is never merged as text: drop our line, re-apply on the fresh page
            git.run("reset", "--hard", "HEAD~1")
        result.done.append(f"the remote moved meanwhile; trying again ({attempt + 2} of {PUSH_TRIES})")
    raise PublishError(f"push to {git.upstream()} was refused {PUSH_TRIES} times (others are pushing); "
                       "nothing was lost: run publish again")


def _catch_up(git: Git, *, push: bool) -> str:
    """Fetch the remote (always), and before pushing rebase the clone onto it; the commit whose
    copy of the page is compared."""
    upstream = git.upstream()
    if upstream is None:
        return "HEAD"
    remote = upstream.split("/", 1)[0]
    git.run("fetch", "--quiet", remote)
    if not push:
        return upstream
    rebase = git.run("rebase", "--quiet", upstream, check=False)
    if rebase.returncode != 0:  # someone changed the same lines: keep ours aside, take theirs
        git.run("rebase", "--abort", check=False)
        kept = f"refs/vendor-review/unpublished/{git.out('rev-parse', '--short', 'HEAD')}"
        git.run("update-ref", kept, "HEAD")
        git.run("reset", "--quiet", "--hard", upstream)
        raise PublishError(f"this clone's commits conflict with {upstream}; the work tree now matches "
                           f"the remote and the local commits are kept as {kept} "
                           "(git log " + kept + "); import the wiki's page, then publish again")
    return "HEAD"


def _refuse_lost_update(git: Git, review: Review, base: str, file_name: str, target: str, page: bytes,
                        force: bool) -> None:
    """The remote's copy (what the wiki shows) and the clone's own (a commit not pushed yet)."""
    for commit in dict.fromkeys((base, "HEAD")):
        _refuse_changed_copy(git, review, commit, file_name, target, page, force)


def _refuse_changed_copy(git: Git, review: Review, base: str, file_name: str, target: str, page: bytes,
                         force: bool) -> None:
    in_wiki = git.blob_at(base, file_name)
    if in_wiki is None or force or in_wiki == git.blob_of(page):
        return
    recorded = review.published_to.blob if review.published_to and review.published_to.path == target else ""
    if recorded == in_wiki:
        return
    text = git.show(base, file_name)
    if not recorded and _imported_from(review, text, git.root / file_name):
        return
    why = ("changed in the wiki since this review last published it" if recorded
           else "exists and was neither published from nor imported into this review")
    raise PublishError(f"{file_name} {why}; nothing was written. What differs:\n"
                       f"{_what_changed(text, page.decode('utf-8'), target)}\n"
                       f"Import the wiki's version first (vendor-review import {git.root / file_name}), "
                       "or use --force to overwrite it.")


def _commit_page(git: Git, author: list[str], file_name: str, target: str, page: bytes, ours: str) -> str:
    file = git.root / file_name
    existed = git.blob_at("HEAD", file_name)
    if existed == ours:
        return f"{file_name} is already as published (nothing to commit)"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(page)
    verb = "update" if existed else "create"
    git.run("add", "--", file_name)
    git.run(*author, "commit", "--quiet", "-m", f"docs: {verb} {target}", "--", file_name)
    return f"committed docs: {verb} {target}"


def _link_from_collection(git: Git, author: list[str], collection: str, heading: str, review: Review,
                          target: str) -> str | None:
    collection = check_page_path(collection)
    file_name = f"{collection}.md"
    file = git.root / file_name
    if not file.exists():
        return None
    raw = file.read_bytes()
    text = raw.decode("utf-8")
    changed = add_link(text, heading, review.title(), review.description, target)
    if changed is None:
        return None
    file.write_bytes(changed.encode("utf-8"))
    git.run("add", "--", file_name)
    git.run(*author, "commit", "--quiet", "-m", f"docs: update {collection}", "--", file_name)
    return f"committed docs: update {collection} (a link to /{target})"


def _pushed(git: Git) -> bool:
    upstream = git.upstream()
    if upstream is None:
        raise PublishError("--push: this clone tracks no remote branch (git branch --set-upstream-to)")
    remote, _, branch = upstream.partition("/")
    process = git.run("push", "--quiet", remote, f"HEAD:{branch}", check=False)
    if process.returncode == 0:
        return True
    if "rejected" in process.stderr or "fetch first" in process.stderr or "non-fast-forward" in process.stderr:
        return False
    first = process.stderr.strip().splitlines()
    raise PublishError(f"git push failed: {first[0] if first else 'no message'}")
