"""Finding questionnaires: the built-ins shipped with the package, then the workspace's own.

A reviewer adds a questionnaire by dropping a TOML file into the workspace's schemas/ folder;
one with the id of a built-in replaces it. A broken file does not hide the others: it is
listed with its problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import InputError, describe_validation_error, parse_toml
from .files import open_regular_file, read_regular_file
from .toml_split import NotSplittable, split_document

if TYPE_CHECKING:  # the models need pydantic, which the wizard's first paint does without
    from .questionnaire import Questionnaire


class QuestionnaireError(InputError):
    """A questionnaire file we cannot use; each line names the file and a location."""


def builtin_folder() -> Path:
    """Inside an installed wheel the questionnaires sit in the package (tui/schemas); in a
    source checkout (an editable install) they are the project's top-level schemas/."""
    packaged = Path(__file__).resolve().parent.parent / "schemas"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "schemas"


def load_questionnaire(path: Path, reuse: Mapping[str, str] | None = None) -> Questionnaire:
    """The questionnaire in a file. `reuse` maps strings already in memory to themselves (a
    review's snapshot of this questionnaire's ids and texts): equal question ids, texts and
    hints are kept as those objects instead of as second copies."""
    from pydantic import ValidationError

    from .questionnaire import Questionnaire

    try:
        with open_regular_file(path) as handle:
            questionnaire = _load_in_pieces(handle, reuse or {})
            if questionnaire is not None:
                return questionnaire
            handle.seek(0)
            data = handle.read()
    except OSError as error:
        raise QuestionnaireError(f"{path}: {error.strerror or error}") from None
    try:
        document = parse_toml(path, data)
    except InputError as error:
        raise QuestionnaireError(str(error)) from None
    try:
        return Questionnaire.model_validate(document)
    except ValidationError as error:
        raise QuestionnaireError(
            "\n".join(f"{path}: {line}" for line in describe_validation_error(error, limit=50))
        ) from None


_SNAPSHOT_KEYS = {"id", "text", "hint"}  # what a review copies of each question


def _load_in_pieces(source: BinaryIO, reuse: Mapping[str, str]) -> Questionnaire | None:
    """Validate the file one `[[questions]]` table at a time, so a 2,000-question file is never
    a dict of every question at once (see toml_split). None when the file does not split or is
    invalid: the caller then reads it whole and reports every problem with its full path."""
    from pydantic import ValidationError

    from .questionnaire import TABLE_VALIDATORS, Questionnaire

    arrays: dict[str, list[Any]] = {}
    try:
        header, tables = split_document(source)
        for table in tables:
            if table.kind == "questions":
                for key in _SNAPSHOT_KEYS.intersection(table.values):
                    table.values[key] = reuse.get(table.values[key], table.values[key])
            validate = TABLE_VALIDATORS.get(table.kind)
            arrays.setdefault(table.kind, []).append(validate(table.values) if validate else table.values)
        return Questionnaire.model_validate(header | arrays)
    except (NotSplittable, ValidationError):
        return None


@dataclass
class Catalog:
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def get(self, questionnaire_id: str) -> Questionnaire:
        try:
            return self.questionnaires[questionnaire_id]
        except KeyError:
            known = ", ".join(sorted(self.questionnaires)) or "none"
            raise QuestionnaireError(
                f'no questionnaire with id "{questionnaire_id}" (known: {known})'
            ) from None


def questionnaire_files(workspace_schemas: Path) -> list[Path]:
    """The built-in questionnaire files, then the workspace's: a later one with the same id
    replaces an earlier one."""
    folders = [builtin_folder()]
    if workspace_schemas.is_dir() and workspace_schemas.resolve() != folders[0].resolve():
        folders.append(workspace_schemas)
    return [path for folder in folders for path in sorted(folder.glob("*.toml"))]


def load_catalog(workspace_schemas: Path) -> Catalog:
    catalog = Catalog()
    for path in questionnaire_files(workspace_schemas):
        try:
            questionnaire = load_questionnaire(path)
        except QuestionnaireError as error:
            catalog.problems.append(str(error))
            continue
        catalog.questionnaires[questionnaire.id] = questionnaire
        catalog.paths[questionnaire.id] = path
    return catalog


# A top-level `id = "..."` line (basic or literal string, no escapes).
_DECLARED_ID = re.compile(r"""^id\s*=\s*(?:"([^"\\\n]*)"|'([^'\n]*)')\s*(?:#.*)?$""", re.M)
_FIRST_TABLE = re.compile(r"^\s*\[", re.M)


def declared_id(text: str) -> str | None:
    """A questionnaire's id read from its text without parsing the whole file (a 2,000-question
    file is megabytes of models once validated). None when a line match could mislead, as with
    a multi-line string before the first table: the caller then does not guess."""
    first_table = _FIRST_TABLE.search(text)
    head = text[: first_table.start()] if first_table else text
    if '"""' in head or "'''" in head:
        return None
    match = _DECLARED_ID.search(head)
    return (match.group(1) if match.group(1) is not None else match.group(2)) if match else None


def find_questionnaire(
    workspace_schemas: Path, questionnaire_id: str, reuse: Mapping[str, str] | None = None
) -> Questionnaire | None:
    """The questionnaire with this id, validating its file only: opening a review needs one
    questionnaire, and the catalog would keep every other one in memory too. None whenever
    the answer is not certain (a file whose id cannot be read cheaply, an invalid file); the
    caller then asks the catalog, which decides as always and explains what is wrong."""
    for path in reversed(questionnaire_files(workspace_schemas)):  # the last one with the id wins
        try:
            declared = declared_id(read_regular_file(path).decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        if declared is None:
            return None
        if declared == questionnaire_id:
            try:
                questionnaire = load_questionnaire(path, reuse)
            except QuestionnaireError:
                return None
            return questionnaire if questionnaire.id == questionnaire_id else None
    return None
