"""Errors about files and values a reviewer gave us, and the TOML reading they share.

Every message names the file and where in it things went wrong (line and column for syntax,
a field path such as `questions[3].depends_on` for content), because the person reading it
has to go and fix that file by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rtoml

if TYPE_CHECKING:  # pydantic costs a tenth of a second to import: not before the first paint
    from pydantic import ValidationError


class InputError(Exception):
    """Something the reviewer gave us that we refuse; the message says where and why."""


def describe_validation_error(error: ValidationError, limit: int = 8) -> list[str]:
    """Pydantic's errors as 'path: message' lines, with paths written as people write them."""
    lines = []
    for item in error.errors()[:limit]:
        path = ""
        for part in item["loc"]:
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] in ("extra_forbidden", "unexpected_keyword_argument"):  # a model, a dataclass
            message = "unknown key"
        elif item["type"] in ("missing", "missing_argument"):
            message = "required key is missing"
        for line in message.split("\n"):
            lines.append(f"{path}: {line}" if path and not re.match(r"^[\w\[\].]+: ", line) else line)
    if len(error.errors()) > limit:
        lines.append(f"... and {len(error.errors()) - limit} more")
    return lines


def parse_toml(path: Path, data: bytes) -> dict[str, Any]:
    """TOML from bytes, with errors that name the file, line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line}: not UTF-8 text") from None
    try:
        return rtoml.loads(text)
    except (rtoml.TomlParsingError, ValueError):
        pass
    # rtoml (Rust) is several times faster, which matters for 2,000-question files; tomllib
    # reads what it refused again only to report it in the same words on every path.
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        # tomllib says only "at end of document" for a file cut short.
        where = f"line {match.group(1)}, column {match.group(2)}: " if match else f"line {text.count(chr(10)) + 1} (end of file): "
        raise InputError(f"{path}: {where}invalid TOML: {message}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays or tables
        raise InputError(f"{path}: invalid TOML: values nested too deeply to read") from None
