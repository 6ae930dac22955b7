"""Real Unix users for the tests of a team workspace: a group of two reviewers and one user
outside it, created with `groupadd`/`useradd` under unique names and removed afterwards, and
an installation of `vendor-review` that they can run.

File modes are only proven by the kernel: root reads everything, so a test of who can read a
review has to run the real command as another user. The project's own venv usually cannot be
run by them (its interpreter lives under root's 0700 home), so `install_for_everyone` copies
what the command needs under /tmp with 0755 folders, on an interpreter they can execute.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
CANDIDATE_PYTHONS = (Path(sys.executable), Path("/usr/bin/python3"), Path("/usr/local/bin/python3"))


class NotRoot(RuntimeError):
    """The tests of other users need root (CI runs as root): they fail, never skip, without it."""


@dataclass(frozen=True)
class Team:
    group: str
    reviewers: tuple[str, str]  # both in `group`
    outsider: str  # in no group of theirs
    command: Path  # `vendor-review`, runnable by all three

    def run(self, user: str, *args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """`vendor-review ARGS` as `user`."""
        return subprocess.run(self.as_user(user, str(self.command), *args), cwd=cwd, env=self.environment(user),
                              capture_output=True, text=True, timeout=timeout)

    def python(self, user: str, code: str) -> subprocess.Popen[str]:
        """The installation's Python running `code` as `user`, its output on a pipe, in a
        process group of its own: end it with `stop`, which reaches the Python process
        itself, not only runuser (a survivor would keep `userdel` from removing its user)."""
        python = self.command.parent / "python"
        return subprocess.Popen(self.as_user(user, str(python), "-c", code), cwd="/", env=self.environment(user),
                                stdout=subprocess.PIPE, text=True, start_new_session=True)

    @staticmethod
    def stop(process: subprocess.Popen[str]) -> None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    @staticmethod
    def as_user(user: str, *command: str) -> list[str]:
        return [_tool("runuser"), "-u", user, "--", *command]

    @staticmethod
    def environment(user: str) -> dict[str, str]:
        """A login-less environment of the user's own (nothing of root's leaks in)."""
        home = Path(tempfile.gettempdir()) / f"home-{user}"
        return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "TERM": "dumb",
                "USER": user, "LOGNAME": user}


def require_root() -> None:
    if os.geteuid() != 0:
        raise NotRoot("creating Unix users needs root (CI runs the suite as root); "
                      f"running as uid {os.geteuid()}")
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser"):
        _tool(tool)


@contextmanager
def team() -> Iterator[Team]:
    """Two reviewers in a fresh group and an outsider, each with a home under /tmp; all of
    them, and the installation, removed afterwards."""
    require_root()
    tag = uuid.uuid4().hex[:6]
    group, first, second, outsider = f"vrg{tag}", f"vra{tag}", f"vrb{tag}", f"vrc{tag}"
    made: list[str] = []
    try:
        _sbin("groupadd", group)
        for user, groups in ((first, [group]), (second, [group]), (outsider, [])):
            extra = ["-G", ",".join(groups)] if groups else []
            _sbin("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", *extra, user)
            made.append(user)
            home = Path(tempfile.gettempdir()) / f"home-{user}"
            home.mkdir(mode=0o700, exist_ok=True)
            shutil.chown(home, user)
        with install_for_everyone() as command:
            yield Team(group, (first, second), outsider, command)
    finally:
        left = [user for user in made if not _sbin("userdel", user, check=False)]
        for user in made:
            shutil.rmtree(Path(tempfile.gettempdir()) / f"home-{user}", ignore_errors=True)
        if not _sbin("groupdel", group, check=False):
            left.append(f"group {group}")
        if left:  # loudly: a test user left behind is a login on the CI machine
            raise RuntimeError(f"could not remove {', '.join(left)} (a process of theirs still running?)")


@contextmanager
def install_for_everyone() -> Iterator[Path]:
    """`vendor-review` in a venv under /tmp (0755 folders) on an interpreter others can run:
    the running venv's packages and this checkout's `tui` (with the built-in questionnaires,
    as the wheel carries them) copied in, and the console script the wheel would install."""
    python = _world_runnable_python()
    root = Path(tempfile.mkdtemp(prefix="vendor-review-install-"))
    try:
        os.chmod(root, 0o755)
        subprocess.run([str(python), "-m", "venv", "--without-pip", str(root / "venv")], check=True)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        target = root / "venv" / "lib" / version / "site-packages"
        shutil.copytree(sysconfig.get_paths()["purelib"], target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("_editable_impl_*", "__editable__*", "__pycache__"))
        shutil.copytree(PROJECT / "tui", target / "tui", dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(PROJECT / "schemas", target / "tui" / "schemas", dirs_exist_ok=True)
        command = root / "venv" / "bin" / "vendor-review"
        command.write_text(f"#!{root / 'venv' / 'bin' / 'python'}\n"
                           "import sys\nfrom tui.cli import main\nsys.exit(main())\n", encoding="utf-8")
        command.chmod(0o755)
        _readable_by_all(root)
        yield command
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _readable_by_all(root: Path) -> None:
    """Folders 0755 and files readable (executables runnable) by everyone, whatever the umask
    they were made under."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                mode = path.stat().st_mode
                path.chmod(mode | 0o444 | (0o111 if mode & 0o100 else 0))


def _world_runnable_python() -> Path:
    """The first interpreter of this Python version that a user without privileges can
    execute: every folder on its real path searchable by others, the file executable by them
    and its libraries readable (a pyenv build under /root is not)."""
    wanted = f"{sys.version_info.major}.{sys.version_info.minor}"
    tried = []
    for candidate in CANDIDATE_PYTHONS:
        real = candidate.resolve()
        if not real.exists():
            continue
        version_check = "import sys; print('%d.%d' % sys.version_info[:2])"
        probe = subprocess.run(Team.as_user("nobody", str(real), "-c", version_check),
                               capture_output=True, text=True, cwd="/")
        if probe.returncode == 0 and probe.stdout.strip() == wanted:
            return real
        tried.append(f"{real}: {(probe.stderr.strip() or probe.stdout.strip())[:120]}")
    raise NotRoot(f"no Python {wanted} that other users can run (tried: {'; '.join(tried)}); "
                  "install one outside a 0700 home, e.g. Debian's python3")


def _sbin(*command: str, check: bool = True) -> bool:
    """Run an administration command; whether it succeeded."""
    done = subprocess.run(list(command), check=check, capture_output=True, env={"PATH": SYSTEM_PATH})
    return done.returncode == 0


def _tool(name: str) -> str:
    """The absolute path of a system tool (the commands run with a bare PATH of their own)."""
    found = shutil.which(name, path=SYSTEM_PATH)
    if found is None:
        raise NotRoot(f"{name} is not installed (Debian's passwd and util-linux packages)")
    return found
