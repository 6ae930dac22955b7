"""Bytes per key: what each key of the keystroke round makes the program write to its terminal,
beside how many of the 80x24 screen's cells actually changed (character or attributes, as the
terminal emulator holds them).

Over a slow SSH link what a key costs is the bytes it sends back, not the milliseconds: a
program that rewrites whole lines or the whole screen for a one-cell change feels sluggish at
a few hundred kbit/s. Each figure is measured from a still screen (nothing written for QUIET
seconds) until the program is still again, so the writes a key sets off later (the autosave's
indicator) count too. The floor is the bench's floor app doing the same step.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.app_figures import (
    BACK,
    FIELDS_MOUNTED,
    FLOOR_KEYS,
    KEY_STEPS,
    KeyStep,
    first_question,
    key_map,
    open_app,
    open_floor,
    wizard_available,
)
from bench.figures import Figure, Unavailable
from bench.session_figures import Sessions
from bench.terminal import Terminal, key_bytes

SIZE = 300
# Longer than the autosave's delay (0.4 s) plus its write: the "saved" mark is the key's doing.
QUIET = 0.7
OPENINGS = 3  # fresh processes for each way of making the first move
ROUNDS = 4


def _measure(terminal: Terminal, step: KeyStep, keys: dict[str, str], number: int,
             settle: bool = True) -> tuple[int, int]:
    """Bytes written and cells changed by one step, from a still screen (unless `settle` is
    False: from now) to a still screen."""
    if settle:
        terminal.drain(QUIET)
    before, start = terminal.snapshot(), terminal.received
    terminal.child.send(key_bytes(step.key(keys, number)))
    terminal.drain(QUIET)
    return terminal.received - start, _changed(before, terminal.snapshot())


def _changed(before: tuple[tuple[object, ...], ...], after: tuple[tuple[object, ...], ...]) -> int:
    return sum(old != new for old_row, new_row in zip(before, after, strict=False) for old, new in zip(old_row, new_row, strict=False))


@dataclass
class Openings:
    """Per fresh process: the whole opening (start until still), the first move pressed the
    moment the first question is on the screen (a reviewer who knows where they are going;
    the rest of the opening is drawn meanwhile, so it counts), and the first move once the
    opened screen is still (what the key alone costs)."""

    whole: list[tuple[int, int]] = field(default_factory=list)
    at_first_paint: list[tuple[int, int]] = field(default_factory=list)
    once_still: list[tuple[int, int]] = field(default_factory=list)


def _openings(sessions: Sessions, keys: dict[str, str], floor: bool) -> Openings:
    def start() -> Terminal:
        terminal = open_floor(sessions, SIZE) if floor else open_app(sessions.path(SIZE))
        terminal.wait_for(first_question(SIZE))
        return terminal

    blank = Terminal.blank_snapshot()
    found = Openings()
    for _ in range(OPENINGS):
        for early in (True, False):
            terminal = start()
            try:
                if early:
                    found.at_first_paint.append(_measure(terminal, KEY_STEPS[0], keys, 0, settle=False))
                else:
                    terminal.drain(QUIET)
                    found.whole.append((terminal.received, _changed(blank, terminal.snapshot())))
                    found.once_still.append(_measure(terminal, KEY_STEPS[0], keys, 0))
                KEY_STEPS[1].press(terminal, keys, SIZE, 0)  # back: the next opening starts where this one did
            finally:
                terminal.close()
    return found


def _rounds(terminal: Terminal, keys: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    results: dict[str, list[tuple[int, int]]] = {step.name: [] for step in KEY_STEPS}
    for number in range(ROUNDS + 1):  # round 0 warms up (first layouts, caches)
        for step in KEY_STEPS:
            measured = _measure(terminal, step, keys, number)
            if number > 0:
                results[step.name].append(measured)
        BACK.press(terminal, keys, SIZE, number)
    return results


def _figures(name: str, app: list[tuple[int, int]], floor: list[tuple[int, int]]) -> Iterator[Figure]:
    app_cells = statistics.median(cells for _, cells in app)
    floor_cells = statistics.median(cells for _, cells in floor)
    yield Figure(f"bytes: {name}", f"{SIZE} q", [float(b) for b, _ in app], [float(b) for b, _ in floor], unit="B",
                 note=f"{app_cells:.0f} cells changed (floor {floor_cells:.0f}); "
                      f"{statistics.median(b for b, _ in app) / max(app_cells, 1):.0f} bytes per changed cell")
    yield Figure(f"cells changed: {name}", f"{SIZE} q", [float(c) for _, c in app], [float(c) for _, c in floor],
                 unit="cells")


def bytes_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    why = wizard_available()
    if why is not None:
        yield Unavailable("bytes per key", why)
        return
    keys = key_map()
    app_openings, floor_openings = _openings(sessions, keys, floor=False), _openings(sessions, FLOOR_KEYS, floor=True)
    yield from _figures("opening, until still", app_openings.whole, floor_openings.whole)
    yield from _figures("first move at the first paint", app_openings.at_first_paint, floor_openings.at_first_paint)
    yield from _figures("first move once still", app_openings.once_still, floor_openings.once_still)
    app, floor = open_app(sessions.path(SIZE)), open_floor(sessions, SIZE)
    try:
        app.wait_for(FIELDS_MOUNTED)
        floor.wait_for(first_question(SIZE))
        app_results, floor_results = _rounds(app, keys), _rounds(floor, FLOOR_KEYS)
    finally:
        app.close()
        floor.close()
    for step in KEY_STEPS:
        yield from _figures(step.name, app_results[step.name], floor_results[step.name])
