"""Questionnaire commands: schema list, check, show."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..core.catalog import QuestionnaireError, builtin_folder, load_questionnaire
from ..core.errors import InputError
from ..core.questionnaire import json_schema
from .options import add_command, workspace_of


def register(commands: argparse._SubParsersAction) -> None:
    schema = add_command(commands, "schema", "list, check and show questionnaires")
    actions = schema.add_subparsers(title="actions", metavar="ACTION", required=True,
                                    parser_class=type(schema))
    listing = add_command(actions, "list", "list the questionnaires this workspace can use")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=list_schemas)
    check = add_command(actions, "check", "validate a questionnaire file and report every problem")
    check.add_argument("file", type=Path)
    check.set_defaults(handler=check_schema)
    show = add_command(actions, "show", "print a questionnaire's questions as ID<TAB>text lines")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="the whole questionnaire as JSON")
    show.set_defaults(handler=show_schema)
    json_schema = add_command(actions, "json-schema", "print the JSON Schema of questionnaire files "
                              "(schemas/questionnaire.schema.json is this output)")
    json_schema.set_defaults(handler=print_json_schema)


def list_schemas(args: argparse.Namespace) -> int:
    catalog = workspace_of(args).catalog
    builtin = builtin_folder().resolve()
    rows = [
        {
            "id": q.id,
            "version": q.version,
            "title": q.title,
            "questions": len(q.questions),
            "path": str(catalog.paths[q.id]),
            "builtin": catalog.paths[q.id].resolve().parent == builtin,
        }
        for q in catalog.questionnaires.values()
    ]
    if args.json:
        print(json.dumps({"questionnaires": rows, "problems": catalog.problems}, indent=2, ensure_ascii=False))
        return 0
    for row in rows:
        origin = "built-in" if row["builtin"] else row["path"]
        print(f"{row['id']}\t{row['version']}\t{row['questions']} questions\t{row['title']}\t{origin}")
    for problem in catalog.problems:
        print(f"vendor-review: warning: {problem}")
    return 0


def check_schema(args: argparse.Namespace) -> int:
    try:
        questionnaire = load_questionnaire(args.file)
    except QuestionnaireError as error:
        raise InputError(f"{args.file} has problems:\n{error}") from None
    print(f"{args.file}: ok ({questionnaire.id} {questionnaire.version}, "
          f"{len(questionnaire.questions)} questions, {len(questionnaire.sections)} sections)")
    return 0


def show_schema(args: argparse.Namespace) -> int:
    questionnaire = workspace_of(args).catalog.get(args.id)
    if args.json:
        print(json.dumps(questionnaire.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    for question in questionnaire.questions:
        print(f"{question.id}\t{question.text}")
    return 0


def print_json_schema(args: argparse.Namespace) -> int:
    print(json_schema(), end="")
    return 0
