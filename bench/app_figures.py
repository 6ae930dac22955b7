"""Figures of the wizard in a pseudo-terminal, each against the floor app (bench/floor_app.py)
started the same way in the same run, alternating, so a busy machine slows both alike.

Keys are taken from `vendor-review keys`, so a remapped default cannot silently measure
nothing; a figure whose key or screen is missing says so instead of printing a number.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.figures import Figure, Target, Unavailable
from bench.generate import make_questionnaire
from bench.session_figures import SIZES, Sessions
from bench.terminal import Terminal, key_bytes

FLOOR = Path(__file__).with_name("floor_app.py")
VENDOR_REVIEW = Path(sys.executable).with_name("vendor-review")


def wizard_available() -> str | None:
    """Why the app figures cannot run, or None when they can."""
    if importlib.util.find_spec("tui.app") is None:
        return "the wizard (tui/app) has not landed on main"
    if not VENDOR_REVIEW.exists():
        return f"{VENDOR_REVIEW} is not installed"
    return None


def key_map() -> dict[str, str]:
    """action id -> its first key, as the app itself prints them."""
    output = subprocess.run([str(VENDOR_REVIEW), "keys"], capture_output=True, text=True, check=True).stdout
    rows = [line.split("\t") for line in output.splitlines() if "\t" in line]
    return {row[0]: row[1].split(",")[0] for row in rows}


def questions_file(sessions: Sessions, size: int) -> Path:
    path = sessions.root / f"questions-{size}.txt"
    if not path.exists():
        path.write_text("\n".join(q.text for q in make_questionnaire(size).questions), encoding="utf-8")
    return path


def open_app(session: Path) -> Terminal:
    workspace = session.parent.parent
    return Terminal([str(VENDOR_REVIEW), "open", str(session), "--workspace", str(workspace)],
                    cwd=workspace, env={"HOME": str(workspace)})


def open_floor(sessions: Sessions, size: int) -> Terminal:
    return Terminal([sys.executable, str(FLOOR), str(questions_file(sessions, size))], cwd=sessions.root)


def first_question(size: int) -> str:
    return make_questionnaire(size).questions[0].text[:60]


def startup_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    floor_times, app_times = [], []
    why = wizard_available()
    size = 11
    for _ in range(max(5, repeats // 3)):
        floor = open_floor(sessions, size)
        floor_times.append(floor.wait_for(first_question(size)))
        floor.close()
        if why is None:
            app = open_app(sessions.path(size))
            app_times.append(app.wait_for(first_question(size)))
            app.close()
    if why is None:
        yield Figure("cold start to first question", f"{size} q", app_times, floor_times,
                     Target("ratio <= 1.25", ratio_at_most=1.25), note="floor: bare Textual app, Header + Static + Footer")
    else:
        yield Figure("cold start: floor app only", f"{size} q", floor_times, None)
        yield Unavailable("cold start to first question", why)


def memory_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    floor_memory, app_memory = [], []
    why = wizard_available()
    big = 2000
    for _ in range(3):
        floor = open_floor(sessions, big)
        floor.wait_for(first_question(big))
        floor.settle(0.3)
        floor_memory.append(floor.peak_memory())
        floor.close()
        if why is None:
            app = open_app(sessions.path(big))
            app.wait_for(first_question(big))
            app.settle(0.5)
            app_memory.append(app.peak_memory())
            app.close()
    if why is None:
        yield Figure("peak memory, session open", f"{big} q", app_memory, floor_memory,
                     Target("ratio <= 1.5", ratio_at_most=1.5), unit="MiB")
    else:
        yield Figure("peak memory: floor app only", f"{big} q", floor_memory, None, unit="MiB")
        yield Unavailable("peak memory, session open", why)


KEY_FIGURES = (
    # (figure, action id, what the screen shows afterwards, given the size)
    ("key: next question", "next_question", lambda size: make_questionnaire(size).questions[1].text[:40]),
    ("key: previous question", "previous_question", lambda size: make_questionnaire(size).questions[0].text[:40]),
)


def keystroke_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    why = wizard_available()
    if why is not None:
        yield Unavailable("keystroke latency (handler and end to end)", why)
        return
    keys = key_map()
    for size in SIZES:
        app = open_app(sessions.path(size))
        floor = open_floor(sessions, size)
        try:
            app.wait_for(first_question(size))
            floor.wait_for(first_question(size))
            for name, action, shows in KEY_FIGURES:
                if action not in keys:
                    yield Unavailable(name, f"`vendor-review keys` lists no {action}")
                    continue
                app_times, floor_times = [], []
                for _ in range(max(5, repeats // 2)):
                    for terminal, times in ((app, app_times), (floor, floor_times)):
                        times.append(terminal.press(key_bytes(keys[action]), shows(size)))
                        terminal.press(key_bytes(keys["previous_question" if action == "next_question" else "next_question"]),
                                       make_questionnaire(size).questions[0 if action == "next_question" else 1].text[:40])
                yield Figure(f"{name}, end to end", f"{size} q", app_times, floor_times,
                             Target("ratio <= 1.2", ratio_at_most=1.2))
        finally:
            app.close()
            floor.close()
    yield Unavailable("keys: answer, typing, overview, end to end",
                      "only next and previous are timed through the terminal; the handlers group times all five in-process")
