"""Source commands: source add, list, remove, set-url, set-title and suggest (the evidence finder from a script)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.questionnaire import Questionnaire
from ..core.review import Review
from ..core.store import LOCK_WAIT_SECONDS, open_review, read_review
from ..core.workspace import Workspace
from .options import CommandLineError, add_command, workspace_of

if TYPE_CHECKING:
    from ..core.sources.finder import Suggestion

# The finder's modules (HTML and Markdown parsing, charset detection) are imported by the
# commands that use them: every other command, and the wizard's start-up, must not pay for them.


def register(commands: argparse._SubParsersAction) -> None:
    source = add_command(commands, "source", "attach vendor pages to a review and find evidence in them")
    actions = source.add_subparsers(title="actions", metavar="ACTION", required=True,
                                    parser_class=type(source))
    add = add_command(actions, "add", "attach a file (HTML, Markdown, text) or an http(s) URL, fetched once")
    add.add_argument("session", help="session file or name")
    add.add_argument("source", help="a file path or an http(s) URL")
    add.add_argument("--url", help="for a saved file: the web address it came from, for citations")
    add.set_defaults(handler=add_source)

    listing = add_command(actions, "list", "list the sources attached to a review")
    listing.add_argument("session", help="session file or name")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=list_sources)

    remove = add_command(actions, "remove", "detach a source (evidence already cited stays)")
    remove.add_argument("session", help="session file or name")
    remove.add_argument("source", metavar="N|URL", help="the source's number in `source list`, or its URL or path")
    remove.set_defaults(handler=remove_source)

    for action, what, handler in (("set-url", "the web address its citations link to", set_url),
                                  ("set-title", "the title that labels its citations", set_title)):
        change = add_command(actions, action, f"change an attached source: {what}")
        change.add_argument("session", help="session file or name")
        change.add_argument("source", metavar="N|URL", help="the source's number in `source list`, or its URL or path")
        change.add_argument("value", metavar=action.removeprefix("set-").upper())
        change.set_defaults(handler=handler)

    suggest = add_command(actions, "suggest", "print, per question, the passages the wizard would show")
    suggest.add_argument("session", help="session file or name")
    suggest.add_argument("--limit", type=int, default=3, metavar="N", help="passages per question (default 3)")
    suggest.add_argument("--json", action="store_true",
                         help='one object: question id -> [{"text", "score", "source"}]')
    suggest.set_defaults(handler=suggest_passages)


def add_source(args: argparse.Namespace) -> int:
    from ..core.sources.attaching import attach_source, load_source

    path = workspace_of(args).session_path(args.session)
    read_review(path)  # a mistyped session fails before anything is fetched
    source = load_source(args.source, url=args.url)
    with open_review(path, wait=LOCK_WAIT_SECONDS) as session:
        number = attach_source(session.review, source)
        session.save()
    print(f"source {number}: {source.citation_target} ({len(source.passages)} passages)")
    return 0


def list_sources(args: argparse.Namespace) -> int:
    review = read_review(workspace_of(args).session_path(args.session))
    rows = [
        {"number": n, "location": s.location, "url": s.url, "title": s.title,
         "captured": s.captured.isoformat(), "passages": len(s.passages), "document": s.is_document}
        for n, s in enumerate(review.sources, 1)
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        print("no sources attached (add one with `vendor-review source add SESSION FILE|URL`)")
    for row in [] if args.json else rows:
        title = f"  {row['title']}" if row["title"] else ""
        print(f"{row['number']:>3}  {str(row['captured'])[:16]}  {row['passages']:>5} passages{title}")
        print(f"     {row['location']}")
        if row["url"] and row["url"] != row["location"]:
            print(f"     web address: {row['url']}")
        elif not row["url"] and row["document"]:
            print("     no web address: cited by title and page or row, without a link")
        elif not row["url"]:
            print("     no web address: its passages cannot be cited (`source set-url`)")
    return 0


def set_url(args: argparse.Namespace) -> int:
    from ..core.sources.attaching import set_source_url

    return _change_source(args, set_source_url, "web address")


def set_title(args: argparse.Namespace) -> int:
    from ..core.sources.attaching import set_source_title

    return _change_source(args, set_source_title, "title")


def _change_source(args: argparse.Namespace, change: Callable[[Review, int, str], object], what: str) -> int:
    from ..core.sources.attaching import find_source

    path = workspace_of(args).session_path(args.session)
    with open_review(path, wait=LOCK_WAIT_SECONDS) as session:
        index = find_source(session.review, args.source)
        change(session.review, index, args.value)
        session.save()
    print(f"source {index + 1}: {what} set to {args.value}")
    return 0


def remove_source(args: argparse.Namespace) -> int:
    from ..core.sources.attaching import find_source

    path = workspace_of(args).session_path(args.session)
    with open_review(path, wait=LOCK_WAIT_SECONDS) as session:
        index = find_source(session.review, args.source)
        source = session.review.detach_source(index)
        session.save()
    print(f"removed source {index + 1}: {source.location}")
    return 0


def suggest_passages(args: argparse.Namespace) -> int:
    from ..core.sources.finder import suggest_all

    workspace = workspace_of(args)
    review = read_review(workspace.session_path(args.session))
    if args.limit < 1:
        raise CommandLineError(f"source suggest: --limit must be 1 or more (got {args.limit})")
    ranked = suggest_all(review, _questionnaire(workspace, review), args.limit)
    if args.json:
        print(json.dumps({qid: [_as_json(s) for s in found] for qid, found in ranked.items()},
                         indent=2, ensure_ascii=False))
        return 0
    if not review.sources:
        print("no sources attached (add one with `vendor-review source add SESSION FILE|URL`)")
        return 0
    for response in review.responses:
        print(f"{response.id}  {response.text}")
        for rank, found in enumerate(ranked[response.id], 1):
            heading = f"[{found.heading}] " if found.heading else ""
            print(f"  {rank}. {found.score:6.2f}  {heading}{found.text}  (source {found.source_number})")
        if not ranked[response.id]:
            print("  (nothing relevant in the sources)")
    return 0


def _questionnaire(workspace: Workspace, review: Review) -> Questionnaire | None:
    """The questionnaire brings keywords and guidance; a review whose questionnaire is gone
    is still ranked on its own snapshot of the questions."""
    return workspace.catalog.questionnaires.get(review.questionnaire)


def _as_json(found: Suggestion) -> dict[str, object]:
    return {"text": found.text, "score": found.score, "source": found.source.citation_target}
