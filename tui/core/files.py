"""Private, crash-safe files: the one place that opens files for writing.

Reviews hold confidential vendor information and a reviewer's notes from a call cannot be
recreated, so every write is atomic (a temporary file beside the target, flushed, fsynced and
renamed over it), files are created 0600 in 0700 folders, and nothing follows a symlink that
someone planted where our files live.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

TEMPORARY_SUFFIX = ".tmp"


class SaveError(OSError, InputError):
    """A write that failed (disk full, folder read-only); the old file is intact. An OSError
    for callers that retry, an InputError so the command line reports it in one line."""

    def __str__(self) -> str:
        return str(self.strerror)


class UnsafePathError(OSError):
    """A path we refuse to read or write through (a symlink, a device, a folder)."""


def ensure_private_dir(folder: Path) -> None:
    """Create the folder 0700; tighten one we own that others can read (git checks out 0755)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        folder.chmod(0o700)


def open_regular_file(path: Path) -> BinaryIO:
    """A regular file opened for reading, refusing symlinks (O_NOFOLLOW) and anything not a file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:  # the last component is a symlink
            raise UnsafePathError(f"{path} is a symbolic link; refusing to follow it") from None
        raise
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise UnsafePathError(f"{path} is not a regular file")
    return handle


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file (see open_regular_file)."""
    with open_regular_file(path) as handle:
        return handle.read()


def atomic_write(path: Path, data: bytes | Iterable[bytes]) -> os.stat_result:
    """Replace `path` with `data` (bytes, or chunks of them) so that a crash at any moment
    leaves either the old file or the new one, never a mix. A symlink at `path` is replaced,
    never written through. Returns the new file's status, by which a writer can tell later
    whether the file on disk is still the one it wrote."""
    folder = path.parent
    if path.is_symlink():
        raise UnsafePathError(f"{path} is a symbolic link; refusing to write through it")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX)
    except OSError as error:
        raise SaveError(error.errno, f"{path}: cannot save: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in (data,) if isinstance(data, bytes) else data:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        if isinstance(error, OSError):  # a full disk, a folder made read-only
            raise SaveError(error.errno, f"{path}: cannot save: {error.strerror}") from None
        raise
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return written


def create_exclusive(path: Path) -> None:
    """Claim a new file name (0600), failing if anything, a symlink included, is there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    os.close(fd)


def remove_leftover_temporaries(path: Path) -> None:
    """Delete the temporary files of writes to `path` that were killed before their rename.

    Only safe for the one process allowed to write `path` (the lock holder): any other
    temporary file of it belongs to a writer that died."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)

