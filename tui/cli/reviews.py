"""Review commands: new, list, answer, show, export."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import InputError, describe_validation_error
from ..core.interview import make_evidence, parse_answer, record_answer, set_text
from ..core.report import follow_up_text, review_text
from ..core.review import start_review
from ..core.store import LOCK_WAIT_SECONDS, SessionError, open_review, read_review
from ..core.summary import cell_width, column_widths, fitting_columns, list_cells, review_summary
from ..core.wikipage.exporting import export_to_file
from ..core.wikipage.render import render_body, render_page
from .options import CommandLineError, add_command, workspace_of
from .pages import new_from_previous

DEFAULT_QUESTIONNAIRE = "saas-security-bronze"
LIST_GAP = 2  # cells between two columns of `list`


def register(commands: argparse._SubParsersAction) -> None:
    new = add_command(commands, "new", "start a review and print the path of its session file")
    new.add_argument("--product", help="the product under review (required, unless --from names it)")
    new.add_argument("--vendor", default="", help="the company behind it (default: the product)")
    new.add_argument("--questionnaire", metavar="ID",
                     help="default: saas-security-bronze, or the questionnaire of --from")
    new.add_argument("--from", dest="previous", metavar="PREVIOUS",
                     help="re-review: a session or page (.md) whose answers become previous values")
    new.add_argument("--description", default="", help="one line for the page's description")
    new.add_argument("--reviewer", default="", help="your name")
    new.add_argument("--tag", action="append", dest="tags", metavar="TAG",
                     help="a page tag (repeat; default: the questionnaire's tags)")
    new.set_defaults(handler=new_review)

    listing = add_command(commands, "list", "list saved reviews, newest first")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=list_reviews)

    answer = add_command(commands, "answer", "set one question's answer from a script")
    answer.add_argument("session", help="session file or name")
    answer.add_argument("question_id", help="question id (see `schema show ID`)")
    answer.add_argument("answer", help='an answer on the scale, e.g. Yes or "Yes (version dependent)"')
    answer.add_argument("--qualifier", help="qualifier shown after the answer, e.g. 'version dependent'")
    answer.add_argument("--detail", help="the detail text (Markdown)")
    answer.add_argument("--evidence", nargs="+", default=[], metavar="URL", help="evidence links")
    answer.add_argument("--flag", action=argparse.BooleanOptionalAction, default=None,
                        help="flag (or --no-flag) the question for follow-up")
    answer.set_defaults(handler=answer_question)

    show = add_command(commands, "show", "summarise a review: progress, unanswered, flagged")
    show.add_argument("session", help="session file or name")
    shown_as = show.add_mutually_exclusive_group()
    shown_as.add_argument("--json", action="store_true", help="machine-readable output")
    shown_as.add_argument("--flagged", action="store_true",
                          help="only the flagged questions with their answer, detail and notes, "
                          "numbered, as plain text to paste into an email to the vendor")
    show.set_defaults(handler=show_review)

    export = add_command(commands, "export", "write the review as a Wiki.js Markdown page")
    export.add_argument("session", help="session file or name")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write, or - for stdout "
                        "(default: exports/NAME.md)")
    export.add_argument("--body", action="store_true",
                        help="the page without its front-matter, for the Wiki.js editor: to standard "
                        "output unless -o FILE is given (never to exports/NAME.md)")
    export.add_argument("--force", action="store_true",
                        help="overwrite a file that is not an earlier export of this review")
    export.set_defaults(handler=export_review)


def new_review(args: argparse.Namespace) -> int:
    if args.previous:
        return new_from_previous(args)
    if not args.product:
        raise CommandLineError("new: the following arguments are required: --product (see --help)")
    workspace = workspace_of(args)
    questionnaire = workspace.catalog.get(args.questionnaire or DEFAULT_QUESTIONNAIRE)
    try:
        review = start_review(
            questionnaire,
            product=args.product,
            vendor=args.vendor,
            description=args.description,
            reviewer=args.reviewer,
            tags=args.tags,
        )
    except ValidationError as error:
        raise InputError("; ".join(describe_validation_error(error))) from None
    path = workspace.create_session(review)
    print(path)
    return 0


def list_reviews(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    rows: list[dict[str, Any]] = []
    for path in workspace.session_files():
        try:
            review = read_review(path)
        except SessionError as error:
            print(f"vendor-review: warning: {error}", file=sys.stderr)
            continue
        rows.append({"path": str(path), "session": path.stem, **review_summary(review, brief=True)})
    rows.sort(key=lambda row: row["updated"], reverse=True)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"no reviews in {workspace.sessions}")
        return 0
    print("\n".join(_list_lines([list_cells(row["session"], row) for row in rows])))
    return 0


def _list_lines(cells: list[dict[str, str]]) -> list[str]:
    """The list as a table as wide as the terminal (80 columns when it is not one)."""
    columns = fitting_columns(cells, shutil.get_terminal_size().columns, LIST_GAP)
    widths = column_widths(cells, columns)

    def line(values: dict[str, str]) -> str:
        padded = []
        for column in columns:
            fill = " " * (widths[column.key] - cell_width(values[column.key]))
            padded.append(fill + values[column.key] if column.right else values[column.key] + fill)
        return (" " * LIST_GAP).join(padded).rstrip()

    return [line({c.key: c.heading.upper() for c in columns}), *(line(row) for row in cells)]


def answer_question(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    path = workspace.session_path(args.session)
    with open_review(path, wait=LOCK_WAIT_SECONDS) as session:
        review = session.review
        try:
            questionnaire = workspace.catalog.get(review.questionnaire)
        except InputError as error:  # the session outlived its questionnaire file
            raise SessionError(f"{path}: questionnaire: {error}") from None
        label, qualifier = parse_answer(questionnaire, args.answer)
        if args.qualifier is not None:
            qualifier = args.qualifier
        if args.detail is not None:
            set_text(review, args.question_id, detail=args.detail)
        record_answer(review, questionnaire, args.question_id, label, qualifier)
        evidence = [make_evidence(url) for url in args.evidence]
        if evidence or args.flag is not None:
            response = review.response(args.question_id)
            changes: dict[str, object] = {"evidence": [*response.evidence, *evidence]}
            if args.flag is not None:
                changes["flagged"] = args.flag
            review.update(args.question_id, **changes)
        session.save()
    return 0


def show_review(args: argparse.Namespace) -> int:
    review = read_review(workspace_of(args).session_path(args.session))
    if args.flagged:
        print(follow_up_text(review))
        return 0
    summary = review_summary(review)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    print(review_text(review, summary))
    return 0


def export_review(args: argparse.Namespace) -> int:
    workspace = workspace_of(args)
    path = workspace.session_path(args.session)
    review = read_review(path)
    if args.output == "-" or (args.body and not args.output):
        sys.stdout.write(render_body(review) if args.body else render_page(review))
        sys.stdout.flush()
        return 0
    target = Path(args.output) if args.output else workspace.export_path(path)
    if args.body and target.resolve() == workspace.export_path(path, make_folder=False).resolve():
        raise InputError(f"{target}: holds the whole page, never the body alone; "
                         "give another file with -o, or none for standard output")
    export_to_file(review, target, force=args.force, body=args.body)
    print(target)
    return 0
