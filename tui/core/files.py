"""Private, crash-safe files: the one place that opens files for writing.

Reviews hold confidential vendor information and a reviewer's notes from a call cannot be
recreated, so every write is atomic (a temporary file beside the target, flushed, fsynced and
renamed over it), files are created 0600 in 0700 folders, and nothing follows a symlink that
someone planted where our files live.

A team's workspace on one host is the exception, and the folder itself says so: a folder that
is setgid and open to its group (2770, made by `ensure_shared_dir` for a workspace marked as
shared) holds files 0660 for that group. Every file of ours takes its mode from its folder, so
a write, a new file and a lock agree without being told, and a folder nobody marked is never
widened.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import grp
import os
import pwd
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

TEMPORARY_SUFFIX = ".tmp"
PRIVATE_FILE_MODE = 0o600
SHARED_FILE_MODE = 0o660
SHARED_FOLDER_MODE = 0o2770  # setgid: what is created inside belongs to the folder's group


class SaveError(OSError, InputError):
    """A write that failed (disk full, folder read-only); the old file is intact. An OSError
    for callers that retry, an InputError so the command line reports it in one line."""

    def __str__(self) -> str:
        return str(self.strerror)


class UnsafePathError(OSError):
    """A path we refuse to read or write through (a symlink, a device, a folder)."""


class AccessDenied(PermissionError, InputError):
    """The kernel refused us a file or folder: one line saying which folder stands in the way
    and why (its owner, group and mode, and whether we are in that group). Still a
    PermissionError for callers that retry a save, an InputError for the command line."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EACCES, f"{path}: permission denied: {_why_denied(path)}")

    def __str__(self) -> str:
        return str(self.strerror)


def is_shared_folder(info: os.stat_result) -> bool:
    """A folder marked for a team: setgid (new files take its group) and open to that group."""
    return bool(info.st_mode & stat.S_ISGID) and stat.S_IMODE(info.st_mode) & 0o070 == 0o070


def file_mode_in(folder: Path) -> int:
    """The mode for a new file of ours in `folder`: 0660 in a shared folder, else 0600."""
    try:
        return SHARED_FILE_MODE if is_shared_folder(folder.stat()) else PRIVATE_FILE_MODE
    except OSError:
        return PRIVATE_FILE_MODE


def ensure_private_dir(folder: Path) -> None:
    """Create the folder 0700; tighten one we own that others can read (git checks out 0755).
    A shared folder (see is_shared_folder) stays shared with its group: it only loses what it
    grants to users outside the group."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid():
        return
    mode = stat.S_IMODE(info.st_mode)
    if is_shared_folder(info):
        if mode & 0o007:
            folder.chmod(mode & ~0o007)
    elif mode & 0o077:
        folder.chmod(0o700)


def ensure_shared_dir(folder: Path, group: int) -> None:
    """Create the folder 2770 for `group`, or make one of ours so, because its workspace is
    marked as shared. Made 0700 first and opened to the group only once it belongs to it, so
    it is never readable by the wrong group for a moment."""
    folder.mkdir(mode=0o700, exist_ok=True)
    info = folder.stat()
    if info.st_uid != os.getuid():
        return  # another reviewer's folder: theirs to set, and ours only to use
    try:
        if info.st_gid != group:
            os.chown(folder, -1, group)
        if stat.S_IMODE(info.st_mode) != SHARED_FOLDER_MODE:
            folder.chmod(SHARED_FOLDER_MODE)
    except PermissionError:
        raise InputError(f"{folder}: cannot share it with group {_group_name(group)}: "
                         "you are not a member of that group") from None


def _why_denied(path: Path) -> str:
    """The first folder on the way to `path` that we may not enter, or `path` itself."""
    blocker = next((folder for folder in reversed(path.parents) if not os.access(folder, os.X_OK)), path)
    try:
        info = blocker.stat()
    except OSError as error:
        return str(error.strerror or error)
    me = _user_name(os.getuid())
    owner, group = _user_name(info.st_uid), _group_name(info.st_gid)
    where = f"{blocker} is" if blocker != path else "it is"
    state = f"{where} mode {stat.S_IMODE(info.st_mode):04o}, owned by {owner}, group {group}"
    if info.st_uid == os.getuid():
        return f"{state}; you ({me}) own it but may not use it"
    if info.st_gid in os.getgroups() or info.st_gid == os.getgid():
        return f"{state}; not shared with the group (mode 2770 shares a folder, 0660 a file)"
    return f"{state}; you ({me}) are not in group {group}"


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _group_name(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return f"gid {gid}"


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
    except PermissionError:
        raise AccessDenied(folder) from None
    except OSError as error:
        raise SaveError(error.errno, f"{path}: cannot save: {error.strerror}") from None
    try:
        mode = file_mode_in(folder)
        if mode != PRIVATE_FILE_MODE:  # mkstemp made it 0600; the group comes from the folder
            os.fchmod(fd, mode)
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
    """Claim a new file name (0600, or 0660 in a shared folder), failing if anything, a
    symlink included, is there."""
    mode = file_mode_in(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    try:
        os.fchmod(fd, mode)  # the umask may have taken the group's bits
    finally:
        os.close(fd)


def remove_leftover_temporaries(path: Path) -> None:
    """Delete the temporary files of writes to `path` that were killed before their rename.

    Only safe for the one process allowed to write `path` (the lock holder): any other
    temporary file of it belongs to a writer that died."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*{TEMPORARY_SUFFIX}"):
        if leftover.is_file() and not leftover.is_symlink():
            leftover.unlink(missing_ok=True)

