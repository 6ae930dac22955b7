"""Wiki page commands: import pages as sessions, diff two reviews, and `new --from PREVIOUS`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..core.review import Review
from ..core.store import read_review
from ..core.text import clean_line
from ..core.workspace import Workspace
from .options import add_command, workspace_of

if TYPE_CHECKING:
    from ..core.wikipage.importing import ImportResult

# The page parser (markdown-it, PyYAML) is imported by the commands that use it: every other
# command, and the wizard's start-up, must not pay for it.


def register(commands: argparse._SubParsersAction) -> None:
    importing = add_command(commands, "import", "turn wiki review pages into sessions (a folder: every "
                            ".md in it) and report what could not be mapped")
    importing.add_argument("pages", nargs="+", type=Path, metavar="PAGE.md|FOLDER")
    importing.add_argument("--questionnaire", metavar="ID",
                           help="questionnaire the pages follow (default: the one their rows match best)")
    importing.set_defaults(handler=import_pages)

    diff = add_command(commands, "diff", "show what changed from review A to review B, question by question")
    diff.add_argument("a", metavar="A", help="the earlier review: a session or a page (.md)")
    diff.add_argument("b", metavar="B", help="the later review: a session or a page (.md)")
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    diff.set_defaults(handler=diff_reviews)


def page_files(arguments: list[Path]) -> list[Path]:
    """Pages named on the command line; a folder stands for every .md below it (a Wiki.js
    git-storage export keeps pages in sub-folders), hidden folders such as .git excepted."""
    files = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(p for p in argument.rglob("*.md")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(argument).parts))
            if not found:
                raise InputError(f"{argument}: no .md pages in this folder")
            files += found
        else:
            files.append(argument)
    return files


def load_page(workspace: Workspace, path: Path, questionnaire_id: str | None) -> ImportResult:
    from ..core.wikipage.importing import choose_questionnaire, import_page
    from ..core.wikipage.parse import parse_page_file

    page = parse_page_file(path)
    catalog = workspace.catalog
    questionnaire = catalog.get(questionnaire_id) if questionnaire_id else choose_questionnaire(page, list(catalog.questionnaires.values()))
    return import_page(page, questionnaire)


def import_pages(args: argparse.Namespace) -> int:
    """Each page is imported on its own: a broken page is reported and skipped, a page some
    review already holds is named and skipped, the others still become sessions, and the exit
    code says whether any failed."""
    from ..core.wikipage.holders import PageHolders

    workspace = workspace_of(args)
    holders = PageHolders(workspace.session_files())
    failed = 0
    for path in page_files(args.pages):
        try:
            imported = load_page(workspace, path, args.questionnaire)
        except InputError as error:
            print(f"vendor-review: error: {clean_line(str(error))}", file=sys.stderr)
            failed += 1
            continue
        except Exception as error:  # noqa: BLE001 - one page we failed to read must not stop the others
            print(f"vendor-review: error: {path}: could not be read ({type(error).__name__}: "
                  f"{clean_line(str(error))[:200]})", file=sys.stderr)
            failed += 1
            continue
        held = holders.holder(imported.review)
        if held is not None:
            holder, why = held
            print(f"{path}: already imported as {holder} ({why}); nothing written")
            continue
        target = workspace.create_session(imported.review)
        holders.add(target, imported.review)
        print(f"{path} -> {target}")
        for note in imported.unmapped:
            print(f"  {note}")
    return 1 if failed else 0


def session_or_page(workspace: Workspace, reference: str) -> Review:
    """A session (path or name), or a page (.md) read in memory."""
    if reference.endswith(".md"):
        return load_page(workspace, Path(reference), None).review
    return read_review(workspace.session_path(reference))


def diff_reviews(args: argparse.Namespace) -> int:
    from ..core.rereview import changes_as_json, compare_reviews, describe_changes

    workspace = workspace_of(args)
    changes = compare_reviews(session_or_page(workspace, args.a), session_or_page(workspace, args.b))
    if args.json:
        print(json.dumps(changes_as_json(changes), indent=2, ensure_ascii=False))
    else:
        print("\n".join(describe_changes(changes)) if changes else "no differences")
    return 0


def new_from_previous(args: argparse.Namespace) -> int:
    """`new --from PREVIOUS`: a re-review of the same vendor, every question to re-check."""
    from ..core.rereview import start_rereview

    workspace = workspace_of(args)
    previous = session_or_page(workspace, args.previous)
    questionnaire = workspace.catalog.get(args.questionnaire or previous.questionnaire)
    review = start_rereview(previous, questionnaire, product=args.product or "", reviewer=args.reviewer,
                            description=args.description)
    if args.vendor:
        review.vendor = args.vendor
    if args.tags:
        review.tags = args.tags
    path = workspace.create_session(review)
    print(path)
    for number, source in enumerate(review.sources, 1):  # to stderr: stdout is the path, for scripts
        print(f"source {number} carried over, captured {source.captured:%Y-%m-%d}: "
              f"{clean_line(source.title or source.location)} (to capture it again: "
              f"`source remove {path.stem} {number}`, then `source add`)", file=sys.stderr)
    return 0
