"""The wizard in a pseudo-terminal of a small SSH session (80x24), read through a terminal
emulator until its first question shows, then typed into like a reviewer on a call.

The terminal's output must be read all the time: an app whose output nobody reads blocks on
its next screen update, and a blocked app saves nothing.

The terminal can also go away under the app, as it does when tmux is killed or an SSH
connection drops (`hang_up`): the app must then save and end on its own (`ended_within`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

from .command import isolated_env, vendor_review


class WizardTerminal:
    def __init__(self, workspace: Path, session: Path | None, *, no_color: bool = False,
                 command: list[str] | None = None) -> None:
        """`vendor-review open SESSION` in the terminal, or `command` (an `ssh -tt` that
        reaches the wizard through a server) when given."""
        self.screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self.screen)
        if command is None:
            command = [*vendor_review(), "open", str(session), "--workspace", str(workspace)]
        env = dict(isolated_env(workspace), TERM="xterm-256color")
        if no_color:
            env["NO_COLOR"] = "1"
        self.child = pexpect.spawn(command[0], command[1:], cwd=str(workspace), env=env, dimensions=(24, 80))

    def text(self) -> str:
        return " ".join("\n".join(self.screen.display).split())

    def wait_for(self, words: str, timeout: float = 30.0) -> bool:
        """Read the screen until it shows `words` (False when the app ended or time ran out)."""
        return self.wait_until(lambda: words in self.text(), timeout)

    def wait_until(self, shown: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Read the screen until `shown()` holds for it: a frame may arrive in more than one
        read, so a test of what is drawn waits for it like a reader would."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self._stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return shown()
            if shown():
                return True
        return False

    def drain(self) -> None:
        """Read and drop whatever the app drew since the last call."""
        try:
            while self.child.read_nonblocking(65536, timeout=0):
                pass
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def kill(self) -> bool:
        """SIGKILL the app; True when it was still running (the kill landed)."""
        alive = self.child.isalive()
        if alive:
            self.child.kill(signal.SIGKILL)
        self.child.close(force=True)
        return alive and self.child.signalstatus == signal.SIGKILL

    def hang_up(self, *, close: bool = True, signal_group: bool = True) -> float:
        """Take the terminal away; returns when. `close` closes its master side, which hangs
        the tty up (reads fail, the kernel sends SIGHUP), as tmux kill-server or sshd losing
        its client does; `signal_group` sends SIGHUP to the app's process group, as a
        terminal's hangup does. The app is left to end on its own."""
        if close and not self.child.closed:
            self.child.ptyproc.fileobj.close()
            self.child.ptyproc.closed = self.child.closed = True  # so pexpect never closes it again
        if signal_group:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.child.pid, signal.SIGHUP)
        return time.monotonic()

    def ended_within(self, since: float, seconds: float) -> float | None:
        """Seconds from `since` until the app ended, if it did within `seconds`; else None,
        and the app is killed so that no test leaves it behind."""
        while self.child.isalive():
            if time.monotonic() > since + seconds:
                self.kill()
                return None
            time.sleep(0.01)
        return time.monotonic() - since
