"""The real `git`, run as a subprocess: it is how the wiki syncs, so it is the engine here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ..errors import InputError


class PublishError(InputError):
    """Publishing refused or failed; the message says why and what to do."""


class Git:
    """One repository's work tree. Every call is `git -C ROOT ...`, with output as text."""

    def __init__(self, root: Path) -> None:
        if shutil.which("git") is None:
            raise PublishError("git is not installed: publishing writes to the wiki's git repository "
                               "with the real git command (apt-get install git)")
        self.root = root
        top = self.run("rev-parse", "--show-toplevel", check=False)
        if top.returncode != 0:
            raise PublishError(f"{root}: not a git work tree (clone the wiki's git-storage repository)")
        self.root = Path(top.stdout.strip())

    def run(self, *args: str, check: bool = True, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
        process = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True,
                                 input=input.decode("utf-8") if input is not None else None,
                                 text=True, env=None)
        if check and process.returncode != 0:
            first = (process.stderr.strip() or process.stdout.strip()).splitlines()
            raise PublishError(f"git {args[0]} failed in {self.root}: {first[0] if first else 'no message'}")
        return process

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def blob_of(self, data: bytes) -> str:
        """The id git gives these bytes (`git hash-object`), without writing anything."""
        return self.run("hash-object", "--stdin", input=data).stdout.strip()

    def blob_at(self, commit: str, path: str) -> str | None:
        """The blob id of `path` in `commit`, or None when the file is not there."""
        process = self.run("rev-parse", "--verify", "--quiet", f"{commit}:{path}", check=False)
        return process.stdout.strip() if process.returncode == 0 else None

    def show(self, commit: str, path: str) -> str:
        return self.run("show", f"{commit}:{path}").stdout

    def upstream(self) -> str | None:
        """The branch the clone tracks (`origin/main`), or None for a clone with no remote."""
        process = self.run("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}", check=False)
        return process.stdout.strip() if process.returncode == 0 else None
