"""Questionnaires as data: the pydantic model every questionnaire TOML file is validated against.

A questionnaire is owned by whoever writes the TOML file, so every rule a reviewer could break
by hand (duplicate ids, a condition on an unknown question or answer, a cycle of conditions)
is checked here and reported with the field path where it happened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Annotated, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from .scale import DEFAULT_SCALE_POINTS

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64)
]
# Question texts and hints become table cells: one line, bounded.
CellLine = Annotated[str, StringConstraints(pattern=r"^[^\n\r]*$", min_length=1, max_length=2000)]
OptionalLine = Annotated[str, StringConstraints(pattern=r"^[^\n\r]*$", max_length=2000)]


class _Strict(BaseModel):
    """Unknown keys are errors: a misspelt key in a hand-written file must not be ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerOption(_Strict):
    """One point of the answer scale and the single key that picks it in the wizard."""

    label: Annotated[str, StringConstraints(pattern=r"^[^\n\r|()]+$", max_length=40)]
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]$")]


DEFAULT_SCALE: tuple[AnswerOption, ...] = tuple(
    AnswerOption(label=point.label, key=point.key) for point in DEFAULT_SCALE_POINTS
)


class Condition(_Strict):
    """Ask a question only when another one was answered with one of these labels."""

    question: Identifier
    answers: list[str] = Field(min_length=1)


# Strict and frozen as a _Strict model, but a slotted dataclass: a questionnaire has thousands of
# questions, and a model's per-instance __dict__ and set of the fields given doubled what each
# one takes in memory.
@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid"))
class Question:
    id: Identifier
    text: CellLine = Field(description="The question exactly as it appears in the export.")
    hint: OptionalLine = Field("", description="Exported after the question as <br><br>*hint*.")
    guidance: str = Field("", max_length=4000, description="Shown to the reviewer only.")
    unknown_detail: OptionalLine = Field(
        "", description="Stock detail for Unknown; {vendor} and {product} are filled in."
    )
    depends_on: Condition | None = None
    keywords: list[str] = Field(
        default_factory=list, description="Words a vendor page would use for this topic."
    )


class Section(_Strict):
    """Free text after the table, collected as quotes with their source links."""

    id: Identifier
    heading: CellLine
    prompt: str = Field("", max_length=4000)


class WikiTarget(_Strict):
    """Where reviews made with this questionnaire are published on the team's Wiki.js."""

    path: Annotated[str, StringConstraints(min_length=1, max_length=255)] = Field(
        description="Page path pattern; {name} is the session name, e.g. bronze-controls/saas-security/{name}.")
    collection: str = Field("", max_length=255, description="The page listing the reviews, e.g. bronze-controls/saas-security.")
    heading: str = Field("", max_length=200, description="The heading of the collection's list, e.g. Product evaluations.")


class Questionnaire(_Strict):
    id: Identifier
    version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    title: CellLine
    source: str = Field("", max_length=4000, description="Where the questions come from.")
    page_title: Annotated[str, StringConstraints(min_length=1, max_length=200)] = (
        "{product} security review"
    )
    tags: list[Annotated[str, StringConstraints(pattern=r"^[^,\n\r]+$")]] = Field(
        default_factory=list
    )
    scale: list[AnswerOption] = Field(default_factory=lambda: list(DEFAULT_SCALE), min_length=1)
    qualifiers: list[OptionalLine] = Field(
        default_factory=list, description="Suggested qualifiers, e.g. 'version dependent'."
    )
    questions: list[Question] = Field(min_length=1)
    sections: list[Section] = Field(default_factory=list)
    wiki: WikiTarget | None = None

    @model_validator(mode="after")
    def _check_references(self) -> Questionnaire:
        problems = _reference_problems(self)
        if problems:
            raise PydanticCustomError("questionnaire", "\n".join(problems))
        return self

    def question(self, question_id: str) -> Question:
        """By id, through an index made on first use: the wizard asks on every move."""
        return self._by_id[question_id]

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        """Not part of the model: equality and dumps ignore it (the questions never change)."""
        return {question.id: question for question in self.questions}

    def option(self, label: str) -> AnswerOption | None:
        """The scale point for a label typed in any case ('yes', 'n/a')."""
        folded = label.strip().casefold()
        return next((o for o in self.scale if o.label.casefold() == folded), None)


# Each array table of a questionnaire file validated on its own, as the catalog reads a file.
TABLE_VALIDATORS: dict[str, Callable[[Any], Any]] = {
    "questions": TypeAdapter(Question).validate_python,
    "sections": Section.model_validate,
    "scale": AnswerOption.model_validate,
}


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if v in seen or seen.add(v)]  # type: ignore[func-returns-value]


def _reference_problems(q: Questionnaire) -> list[str]:
    """Every cross-field problem, each as 'path: message', so one run of `schema check` lists
    them all instead of the first."""
    problems: list[str] = []
    ids = [question.id for question in q.questions]
    problems += [f'questions: duplicate question id "{d}"' for d in _duplicates(ids)]
    problems += [f'sections: duplicate section id "{d}"' for d in _duplicates([s.id for s in q.sections])]
    problems += [f'scale: duplicate label "{d}"' for d in _duplicates([o.label for o in q.scale])]
    problems += [f'scale: duplicate key "{d}"' for d in _duplicates([o.key for o in q.scale])]
    labels = {o.label for o in q.scale}
    known = set(ids)
    for index, question in enumerate(q.questions):
        condition = question.depends_on
        if condition is None:
            continue
        where = f"questions[{index}].depends_on"
        if condition.question not in known:
            problems.append(f'{where}: unknown question id "{condition.question}"')
        for answer in condition.answers:
            if answer not in labels:
                problems.append(f'{where}.answers: "{answer}" is not on the answer scale')
    problems += cycle_problems(q.questions)
    return problems


class _Conditional(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def depends_on(self) -> Condition | None: ...


def cycle_problems(questions: Sequence[_Conditional]) -> list[str]:
    """Each question that depends on itself and each cycle of conditions, once, as 'path:
    message'; for a questionnaire's questions and for a session's snapshot of them alike:
    skip logic follows conditions upward, so either would make it recurse forever. The
    first question of a repeated id is the one skip logic finds, so it is the one followed.
    Linear in the questions: each is walked from at most once."""
    index: dict[str, int] = {}
    for i, question in enumerate(questions):
        index.setdefault(question.id, i)
    parent = {question_id: questions[i].depends_on.question  # type: ignore[union-attr]
              for question_id, i in index.items() if questions[i].depends_on is not None}
    problems: list[str] = []
    done: set[str] = set()
    for start in parent:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = parent.get(node)
        if node is not None and node in on_path:
            cycle = path[path.index(node):] + [node]
            where = f"questions[{index[cycle[0]]}].depends_on"
            problems.append(f"{where}: a question cannot depend on itself" if len(cycle) == 2
                            else f"{where}: conditions form a cycle: " + " -> ".join(cycle))
        done.update(path)
    return problems


def json_schema() -> str:
    """The JSON Schema of questionnaire files, for editors that validate TOML against one
    (the `#:schema` comment at the top of a questionnaire file points to it)."""
    import json

    schema = Questionnaire.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "vendor-review questionnaire"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
