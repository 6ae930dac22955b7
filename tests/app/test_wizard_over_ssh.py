"""The wizard served the way the README says to serve it: a real OpenSSH sshd on 127.0.0.1
with `ForceCommand vendor-review --workspace DIR`, reached with `ssh -tt` from a terminal.
When the reviewer's connection drops (the client is killed, as a laptop lid or a dead link
does), the server-side wizard must be gone within 2 s with the typed text saved.

Not skipped when sshd is missing: a deployment guard that silently skips guards nothing, so it
fails and says how to install it (`.ci/run` does)."""

from __future__ import annotations

import os
import shlex
import signal
import time
from pathlib import Path

from ssh_server import processes_running, ssh_server

from stress.command import vendor_review
from stress.terminal import WizardTerminal

from .conftest import saved

ENDS_WITHIN = 2.0  # seconds from the dropped connection to no wizard on the server
WINDOW = 0.5  # seconds of typing before the drop that may be lost
TYPED = "vendor confirmed TLS 1.2+ on every endpoint"


def environment_of(pid: int) -> dict[str, str]:
    """What the server-side wizard got (the README's AcceptEnv and SetEnv notes)."""
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(pair.decode().split("=", 1) for pair in pairs if b"=" in pair)


def test_a_dropped_ssh_connection_ends_the_server_side_wizard_and_keeps_the_text(
        workspace: Path, session: Path, tmp_path: Path) -> None:
    command = shlex.join([*vendor_review(), "--workspace", str(workspace)])
    # No reviewer config from the test host; ESCDELAY as the README says to set it for laggy links.
    environment = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "ESCDELAY": "300"}
    with ssh_server(tmp_path / "sshd", command, environment) as server:
        term = WizardTerminal(workspace, None, command=server.client_command())
        assert term.wait_for("Acme Notes"), f"{term.text()[:300]!r}; sshd log: {server.log.read_text()[-1500:]}"
        term.send("\r")  # resume the highlighted review
        assert term.wait_for("Detail"), term.text()
        term.send("n")
        term.send(TYPED)
        assert term.wait_for(TYPED), term.text()
        [wizard] = processes_running(str(workspace))  # the server side: sshd's, not ours
        seen = environment_of(wizard)
        assert (seen.get("TERM"), seen.get("ESCDELAY"), seen.get("COLORTERM")) == ("xterm-256color", "300", None)
        term.wait_until(lambda: False, timeout=WINDOW + 0.2)  # reading the screen meanwhile
        term.child.kill(signal.SIGKILL)  # the client vanishes: sshd sees its connection close
        dropped = time.monotonic()
        while processes_running(str(workspace)) and time.monotonic() < dropped + ENDS_WITHIN + 3:
            time.sleep(0.02)
        ended_after = time.monotonic() - dropped
        term.child.close(force=True)
        left = processes_running(str(workspace))
        for pid in left:  # a survivor would hold the review's lock and 55 MiB for ever
            os.kill(pid, signal.SIGKILL)
        assert not left and ended_after <= ENDS_WITHIN, (
            f"the wizard (pid {wizard}) was still running {ended_after:.2f} s after the drop")
    response = saved(session).response("tls-external")
    assert (response.answer, response.detail) == ("No", TYPED)
