"""A real OpenSSH server for the tests: Debian's sshd on 127.0.0.1, configured the way the
README tells an administrator to serve the wizard (`Match User` + `ForceCommand`, a terminal,
keys only), with a host key, a client key and a config made for one test.

A dropped connection is only proven with the real thing: what ends the wizard is sshd closing
the terminal's master side when its client vanishes, and that is sshd's behaviour, not ours.
"""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")  # absolute: sshd re-executes itself and refuses a relative path
PRIVILEGE_SEPARATION_DIR = Path("/run/sshd")  # Debian's sshd refuses to start without it


class SSHServerMissing(RuntimeError):
    """sshd is not installed: the test must fail, not skip (`.ci/run` installs it)."""


@dataclass(frozen=True)
class SSHServer:
    port: int
    user: str
    client_key: Path
    log: Path

    def client_command(self) -> list[str]:
        """`ssh -tt` to the forced command, trusting this one-off host key without storing it."""
        return ["ssh", "-tt", "-F", "/dev/null", "-i", str(self.client_key), "-p", str(self.port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
                f"{self.user}@127.0.0.1"]


def sshd_config(folder: Path, port: int, user: str, command: str, environment: dict[str, str]) -> str:
    """The server's whole config: the README's deployment snippet plus what a test needs
    (its own port, keys and pid file; no PAM, since a test has no PAM stack for its user)."""
    set_env = " ".join(f"{name}={value}" for name, value in environment.items())
    set_env_line = f"    SetEnv {set_env}\n" if set_env else ""
    return f"""\
Port {port}
ListenAddress 127.0.0.1
HostKey {folder / "host_key"}
PidFile {folder / "sshd.pid"}
AuthorizedKeysFile {folder / "authorized_keys"}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
AllowUsers {user}
AcceptEnv LANG LC_*

Match User {user}
    ForceCommand {command}
    PermitTTY yes
    AllowTcpForwarding no
    X11Forwarding no
{set_env_line}"""


@contextmanager
def ssh_server(folder: Path, command: str, environment: dict[str, str]) -> Iterator[SSHServer]:
    """sshd serving `command` to the current user until the block ends."""
    if not SSHD.exists():
        raise SSHServerMissing(f"{SSHD} is missing: apt-get install -y openssh-server (.ci/run does)")
    folder.mkdir(parents=True, exist_ok=True)
    for key in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / key)], check=True)
    (folder / "authorized_keys").write_text((folder / "client_key.pub").read_text())
    PRIVILEGE_SEPARATION_DIR.mkdir(mode=0o755, exist_ok=True)
    user, port = getpass.getuser(), _free_port()
    config = folder / "sshd_config"
    config.write_text(sshd_config(folder, port, user, command, environment))
    log = folder / "sshd.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)], stderr=log_file)
    try:
        _wait_for_port(port, server, log)
        yield SSHServer(port, user, folder / "client_key", log)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"sshd exited {server.returncode}: {log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"sshd did not listen on port {port} within {timeout} s: {log.read_text()[-2000:]}")


def processes_running(argument: str) -> list[int]:
    """Live processes (zombies excluded) whose command line includes `argument`: the
    server-side wizard is sshd's grandchild, so the test cannot wait for it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # ended meanwhile
            continue
        if argument.encode() in arguments and state != "Z":
            found.append(int(entry.name))
    return found
