"""One editor per review: an advisory lock beside each session file.

The lock is a kernel `flock` (through the filelock library), so a lock left by a process that
died is released by the kernel itself and never needs breaking by hand, while a lock held by a
live process can never be stolen. The holder writes who it is into the lock file, so a second
process can tell the reviewer who has the review open.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .files import AccessDenied, UnsafePathError, file_mode_in, read_regular_file, remove_leftover_temporaries


@dataclass(frozen=True)
class Holder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (pid {self.pid}) since {self.since}"


class ReviewLocked(Exception):
    def __init__(self, path: Path, holder: Holder | None) -> None:
        self.path = path
        self.holder = holder
        who = holder.describe() if holder else "another process"
        super().__init__(f"{path} is open for editing by {who}")


def lock_path_for(session: Path) -> Path:
    return session.with_name(f".{session.name}.lock")


class ReviewLock:
    """Exclusive editing rights on one session file."""

    def __init__(self, session: Path) -> None:
        self.session = session
        self.path = lock_path_for(session)
        if self.path.is_symlink():
            raise UnsafePathError(f"{self.path} is a symbolic link; refusing to use it as a lock")
        if self.path.exists():
            _refuse_shared_file(self.path, self.path.lstat())
        from filelock import FileLock  # imported on first use: the wizard paints before locking

        # In a shared folder the other reviewers must be able to take the lock and read its holder.
        self._lock = FileLock(str(self.path), mode=file_mode_in(self.path.parent), thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to `wait` seconds for a current holder to finish."""
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=wait, poll_interval=0.02)
        except Timeout:
            raise ReviewLocked(self.session, self.current_holder()) from None
        except PermissionError:  # a lock file another reviewer made private
            raise AccessDenied(self.path) from None
        self._write_holder()
        # Whoever held the lock before us may have been killed mid-save.
        remove_leftover_temporaries(self.session)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def holder(self) -> Holder | None:
        """Who holds the lock, as they wrote it; None while they have not written it yet."""
        try:
            data = json.loads(read_regular_file(self.path) or b"null")
            return Holder(**data) if isinstance(data, dict) else None
        except (OSError, ValueError, TypeError):
            return None

    def current_holder(self, patience: float = 1.0) -> Holder | None:
        """The live holder. A process that has just won the lock writes its name a moment
        later; until then the file is empty or still names a holder that died, so look again
        for up to `patience` seconds before settling for what is there."""
        deadline = time.monotonic() + patience
        while True:
            holder = self.holder()
            if (holder is not None and _is_alive(holder)) or time.monotonic() >= deadline:
                return holder
            time.sleep(0.01)

    def _write_holder(self) -> None:
        holder = Holder(
            user=_user_name(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        fd = os.open(self.path, os.O_WRONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            _refuse_shared_file(self.path, os.fstat(fd))
            handle.truncate()
            json.dump(holder.__dict__, handle)


def _refuse_shared_file(path: Path, info: os.stat_result) -> None:
    """A lock file hard-linked to another name (or not a file at all) was planted: writing
    our name into it would overwrite whatever file it really is."""
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        raise UnsafePathError(f"{path} is not our lock file (a hard link or not a regular file)")


def _is_alive(holder: Holder) -> bool:
    """False only when the holder is a process of this host that no longer exists."""
    if holder.host != socket.gethostname():
        return True
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by someone else
        return True
    return True


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return f"uid {os.getuid()}"
