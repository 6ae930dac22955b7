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
    from .review import Review
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

    @cached_property
    def shared_group(self) -> int | None:
        """The group the workspace is shared with, when `vendor-review.toml` says
        `share = "group"` (the root folder's group) or the root folder is setgid and open to
        its group; None for a private workspace."""
        from .files import is_shared_folder

        try:
            info = self.root.stat()
        except OSError:
            return None
        return info.st_gid if self.settings.group_shared or is_shared_folder(info) else None

    def ensure_folder(self, folder: Path) -> None:
        """Make `folder` (sessions/, exports/) exist: 2770 for the team's group in a shared
        workspace, else 0700. Only a workspace marked as shared ever widens a folder."""
        from .files import ensure_private_dir, ensure_shared_dir

        group = self.shared_group
        if group is None:
            ensure_private_dir(folder)
        else:
            ensure_shared_dir(folder, group)

    def export_path(self, session: Path, *, make_folder: bool = True) -> Path:
        """Where a session's page goes by default: exports/NAME.md, in a folder made 0700
        (2770 when shared) because pages hold the same confidential findings as the sessions
        (`make_folder` False only names the file, for a command that must not write there)."""
        if make_folder:
            self.ensure_folder(self.exports)
        return self.exports / f"{session.stem}.md"

    def create_session(self, review: Review) -> Path:
        """A new session file for `review` in sessions/, named after its product (acme.toml,
        acme-2.toml, ...), and its path. The one way a review is first saved: the wizard's new
        review, `new`, `new --from` and `import` all come here. The name is claimed by creating
        an empty file (so two reviewers starting the same product get two files); when the write
        then fails (a full or read-only disk), that empty file is removed, so no broken session
        is left for `list` to show."""
        from .naming import claim_new_path
        from .store import write_review

        self.ensure_folder(self.sessions)
        path = claim_new_path(self.sessions, review.product, ".toml")
        try:
            write_review(path, review)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path

    def session_files(self) -> list[Path]:
        """The sessions, by name. A folder we may not read is an error, not an empty list: a
        reviewer told "no reviews" would start the review their colleague already has."""
        from .files import AccessDenied

        try:
            names = os.listdir(self.sessions)
        except (FileNotFoundError, NotADirectoryError):
            return []
        except PermissionError:
            raise AccessDenied(self.sessions) from None
        return sorted(self.sessions / name for name in names
                      if name.endswith(".toml") and not name.startswith("."))
