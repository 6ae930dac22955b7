"""The reviewer's working folder: schemas/, sessions/ and exports/ side by side."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .questionnaire import Questionnaire
    from .settings import Settings

WORKSPACE_ENV = "VENDOR_REVIEW_WORKSPACE"


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def locate(cls, option: str | None = None) -> Workspace:
        """--workspace, else $VENDOR_REVIEW_WORKSPACE, else the current directory."""
        chosen = option or os.environ.get(WORKSPACE_ENV) or "."
        return cls(Path(chosen).expanduser().absolute())

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def sessions(self) -> Path:
        return self.root / "sessions"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @cached_property
    def settings(self) -> Settings:
        """The workspace's `vendor-review.toml` (defaults when there is none)."""
        from .settings import load_settings

        return load_settings(self.root)

    @cached_property
    def catalog(self) -> Catalog:
        # Loaded on first use: validating questionnaires needs pydantic, which the command
        # line and the wizard's first paint do without.
        from .catalog import load_catalog

        return load_catalog(self.schemas)

    def questionnaire(self, questionnaire_id: str, reuse: Mapping[str, str] | None = None) -> Questionnaire:
        """One questionnaire by id, without loading the catalog when its file can be found
        directly (the wizard opening a review keeps only the questionnaire it needs). See
        load_questionnaire for `reuse`."""
        if "catalog" not in self.__dict__:
            from .catalog import find_questionnaire

            found = find_questionnaire(self.schemas, questionnaire_id, reuse)
            if found is not None:
                return found
        return self.catalog.get(questionnaire_id)

    def session_path(self, reference: str) -> Path:
        """A session named by path ('sessions/acme.toml') or by name ('acme'). A relative
        path is taken from the current directory when it exists there, else from the
        workspace, so `--workspace W show sessions/acme.toml` works from anywhere."""
        given = Path(reference).expanduser()
        if given.suffix == ".toml" or os.sep in reference:
            if given.is_absolute() or (Path.cwd() / given).exists():
                return given if given.is_absolute() else Path.cwd() / given
            return self.root / given
        return self.sessions / f"{reference}.toml"

    def export_path(self, session: Path, *, make_folder: bool = True) -> Path:
        """Where a session's page goes by default: exports/NAME.md, in a folder made 0700
        because pages hold the same confidential findings as the sessions (`make_folder`
        False only names the file, for a command that must not write there)."""
        from .files import ensure_private_dir

        if make_folder:
            ensure_private_dir(self.exports)
        return self.exports / f"{session.stem}.md"

    def session_files(self) -> list[Path]:
        if not self.sessions.is_dir():
            return []
        return sorted(p for p in self.sessions.glob("*.toml") if not p.name.startswith("."))
