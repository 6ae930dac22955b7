"""`vendor-review publish`: a finished review into the team's Wiki.js git storage."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.publishing.to_git import publish_to_git, wiki_clone
from ..core.store import LOCK_WAIT_SECONDS, open_review
from .options import add_command, workspace_of


def register(commands: argparse._SubParsersAction) -> None:
    publish = add_command(commands, "publish", "write the review's page into a clone of the wiki's git storage "
                          "and commit it as Wiki.js would (never over an edit made in the wiki)")
    publish.add_argument("session", metavar="SESSION")
    publish.add_argument("--wiki", type=Path, metavar="DIR",
                         help="a clone of the wiki's git-storage repository (default: [wiki] clone "
                              "in vendor-review.toml)")
    publish.add_argument("--path", default="", metavar="PAGE_PATH",
                         help="the page's path in the wiki, without .md (default: where it was last published, "
                              "else the questionnaire's [wiki] path)")
    publish.add_argument("--push", action="store_true", help="rebase onto the remote and push")
    publish.add_argument("--dry-run", action="store_true", help="say what would be done; change nothing")
    publish.add_argument("--force", action="store_true", help="overwrite a page that changed in the wiki")
    publish.set_defaults(handler=publish_review)


def publish_review(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    path = workspace.session_path(args.session)
    with open_review(path, wait=LOCK_WAIT_SECONDS) as session:
        review = session.review
        questionnaire = workspace.catalog.get(review.questionnaire)
        settings = workspace.settings
        wiki = wiki_clone(args.wiki, settings.wiki, workspace.root)
        result = publish_to_git(review, questionnaire, wiki, name=path.stem, settings=settings.wiki,
                                author=settings.author, path=args.path, push=args.push,
                                dry_run=args.dry_run, force=args.force)
        if not args.dry_run:
            session.save()
    for line in result.done:
        print(line)
    print(f"{'would publish' if args.dry_run else 'published'} /{result.path}")
    return 0
