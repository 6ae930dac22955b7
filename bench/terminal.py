"""A program in a pseudo-terminal at 80x24, read through a terminal emulator (pyte), so a
figure is what a reviewer would see: the time until text is on the screen, not until a
process printed something."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 80, 24


class Terminal:
    def __init__(self, command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self.screen)
        environment = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
        environment.update(env or {})
        self.started = time.perf_counter()
        self.child = pexpect.spawn(command[0], command[1:], cwd=str(cwd), env=environment,
                                   dimensions=(LINES, COLUMNS))
        # pexpect sleeps 50 ms before every send by default: that would be most of a
        # keystroke figure, and would shrink every ratio to its floor towards 1.
        self.child.delaybeforesend = None
        self.received = 0  # bytes the program has written to the terminal so far

    def snapshot(self) -> tuple[tuple[object, ...], ...]:
        """Every cell of the screen, with its attributes."""
        return self.cells(range(LINES))

    @staticmethod
    def blank_snapshot() -> tuple[tuple[object, ...], ...]:
        """The cells of a terminal nothing has been drawn on (what an opening changes from)."""
        screen = pyte.Screen(COLUMNS, LINES)
        return tuple(tuple(screen.buffer[row][column] for column in range(COLUMNS)) for row in range(LINES))

    def text(self) -> str:
        """The screen as one line of words: layout and wrapping do not matter to a search."""
        return re.sub(r"\s+", " ", " ".join(self.screen.display))

    def _pump(self, timeout: float) -> None:
        try:
            data = self.child.read_nonblocking(1 << 16, timeout=timeout)
        except pexpect.TIMEOUT:
            return
        self.received += len(data)
        self._stream.feed(data)

    def wait_for(self, wanted: str, timeout: float = 20.0) -> float:
        """Seconds from now until `wanted` is on the screen."""
        start = time.perf_counter()
        wanted = re.sub(r"\s+", " ", wanted)
        while wanted not in self.text():
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{wanted!r} never appeared; the screen shows: {self.text()[:300]}")
            self._pump(0.002)
        return time.perf_counter() - start

    def press(self, keys: str, wanted: str, timeout: float = 10.0) -> float:
        """Seconds from writing `keys` to the terminal until `wanted` is on the screen."""
        wanted = re.sub(r"\s+", " ", wanted)
        return self.press_until(keys, lambda: lambda: wanted in self.text(), f"{wanted!r} on the screen", timeout)

    def press_until(self, keys: str, watch: Callable[[], Callable[[], bool]], what: str,
                    timeout: float = 10.0, quiet: float = 0.05) -> float:
        """Seconds from writing `keys` to the terminal until the screen shows the change:
        `watch()`, called once the screen has settled, returns the test for it (it may note
        what the screen looks like before the key). The key is sent once the program has
        drawn nothing for `quiet` seconds."""
        self.settle(quiet)
        shown = watch()
        start = time.perf_counter()
        self.child.send(keys)
        while not shown():
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"after {keys!r}, never saw {what}: {self.text()[:300]}")
            self._pump(0.001)
        return time.perf_counter() - start

    def row_with(self, text: str) -> int:
        """The first screen row holding `text`."""
        return next(row for row, line in enumerate(self.screen.display) if text in line)

    def cells(self, rows: range) -> tuple[object, ...]:
        """Characters and their attributes (colours, reverse, bold...) of some rows: a highlight
        that moves changes these even where the characters stay the same."""
        return tuple(tuple(self.screen.buffer[row][column] for column in range(COLUMNS)) for row in rows)

    def settle(self, quiet: float = 0.05) -> None:
        """Read until the program has drawn nothing for `quiet` seconds."""
        last = time.perf_counter()
        while time.perf_counter() - last < quiet:
            before = self.screen.display
            self._pump(0.01)
            if self.screen.display != before:
                last = time.perf_counter()

    def drain(self, quiet: float) -> None:
        """Read until the program has written no byte for `quiet` seconds (settle watches the
        text, which a change of colours alone leaves as it was)."""
        last, seen = time.perf_counter(), self.received
        while time.perf_counter() - last < quiet:
            self._pump(0.01)
            if self.received != seen:
                last, seen = time.perf_counter(), self.received

    def peak_memory(self) -> int:
        """The program's peak resident memory in bytes (VmHWM of its process)."""
        status = Path(f"/proc/{self.child.pid}/status").read_text()
        return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) * 1024

    def close(self) -> None:
        self.child.sendcontrol("q")
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
            self.child.expect(pexpect.EOF, timeout=5)
        self.child.close(force=True)


CTRL = {"ctrl+n": "\x0e", "ctrl+p": "\x10", "ctrl+o": "\x0f", "ctrl+q": "\x11", "f2": "\x1bOQ",
        "f3": "\x1bOR", "f4": "\x1bOS", "f12": "\x1b[24~", "escape": "\x1b", "enter": "\r", "tab": "\t"}


def key_bytes(key: str) -> str:
    """What a terminal sends for a key named as Textual names it."""
    return CTRL.get(key, key)
