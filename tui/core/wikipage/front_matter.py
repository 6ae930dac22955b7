"""Reading the YAML front-matter of a wiki page someone else wrote: the one reader that
`import`, `diff` and `new --from` go through.

A page comes from anywhere (a wiki export, a vendor's pull request), so the YAML is hostile
until read: a 2 KB alias bomb expands to gigabytes, a 5,000-digit number makes Python's int
refuse it with ValueError (not YAMLError), and thousands of nested brackets exhaust the
composer's recursion. Wiki.js writes none of these: anchors and aliases are refused where
they start, nesting is capped far below the recursion limit, every exception a constructor
raises is turned into the YAML error it should have been, and the keys the importer reads
must have the types Wiki.js writes. Each refusal is one line naming the file and the line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import InputError

# Wiki.js writes a flat mapping of scalars; a hand-written page may hold a list or two.
MAX_DEPTH = 20


class PageError(InputError):
    """A page we cannot import; the message names the file and the line. (Defined here, the
    page reader's first step; `parse` raises it for the rest of the page.)"""


class _HostileYaml(yaml.YAMLError):
    def __init__(self, mark: yaml.Mark | None, problem: str) -> None:
        super().__init__(problem)
        self.problem_mark, self.problem = mark, problem


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader refusing anchors, aliases and deep nesting before they are built,
    and reporting a constructor's own exceptions (int, timestamps) as YAML errors with a line."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _HostileYaml(event.start_mark, "anchors and aliases (&name, *name) are not accepted")
        if self._depth >= MAX_DEPTH:
            raise _HostileYaml(event.start_mark, f"values nested deeper than {MAX_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, OverflowError, TypeError, RecursionError) as error:
            problem = str(error).split(";")[0].split("\n")[0]
            raise _HostileYaml(node.start_mark, f"cannot read the value: {problem}") from None


def _load(source: str) -> tuple[Any, Node | None]:
    """The document's values and its root node (for the lines of keys)."""
    loader = _FrontMatterLoader(source)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _is_scalar(value: object) -> bool:
    return not isinstance(value, dict | list | set | tuple)


# What each key the importer reads must be, and how that is said.
_SHAPES = {
    "title": (_is_scalar, "expected a single value (text), not a list or mapping"),
    "description": (_is_scalar, "expected a single value (text), not a list or mapping"),
    "tags": (lambda v: v is None or isinstance(v, str) or (isinstance(v, list) and all(isinstance(t, str) for t in v)),
             "expected a string or a list of strings"),
}


def _key_lines(node: Node | None, first_line: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        for key, _ in node.value:
            if isinstance(key, ScalarNode):
                lines.setdefault(key.value, key.start_mark.line + first_line)
    return lines


def read_front_matter(source: str, name: str, first_line: int = 2) -> dict[str, Any]:
    """The values of a front-matter (its text between the `---` lines, which starts on line
    `first_line` of the page), or PageError naming the file and the line."""
    try:
        values, node = _load(source)
    except _HostileYaml as error:
        line = error.problem_mark.line + first_line if error.problem_mark else first_line
        raise PageError(f"{name}: line {line}: the front-matter is refused: {error.problem}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(error, "problem", None) or str(error).split("\n")[0]
        raise PageError(f"{name}: line {line}: the front-matter is not valid YAML: {problem}") from None
    except RecursionError:  # belt and braces: MAX_DEPTH keeps the composer well inside the limit
        raise PageError(f"{name}: line {first_line}: the front-matter nests too deeply to read") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise PageError(f"{name}: line {first_line}: the front-matter is not a set of 'key: value' lines")
    lines = _key_lines(node, first_line)
    for key, (fits, expected) in _SHAPES.items():
        if key in values and not fits(values[key]):
            raise PageError(f"{name}: line {lines.get(key, first_line)}: {key}: {expected}")
    return values

