"""Figures of the wizard in a pseudo-terminal, each against the floor app (bench/floor_app.py)
started the same way in the same run, alternating, so a busy machine slows both alike.

Keys are taken from `vendor-review keys`, so a remapped default cannot silently measure
nothing; a figure whose key or screen is missing says so instead of printing a number.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.figures import Figure, Target, Unavailable
from bench.generate import make_questionnaire, make_review
from bench.session_figures import SIZES, Sessions
from bench.terminal import LINES, Terminal, key_bytes

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
    """action id -> the first of its keys a terminal sends unambiguously, as the app itself
    prints them. A lone escape is not one: Textual waits to see whether more bytes follow,
    and a key sent soon after merges with it into an alt+ combination."""
    output = subprocess.run([str(VENDOR_REVIEW), "keys"], capture_output=True, text=True, check=True).stdout
    rows = [line.split("\t") for line in output.splitlines() if "\t" in line]
    return {row[0]: next((key for key in row[1].split(",") if key != "escape"), row[1].split(",")[0])
            for row in rows}


def pages_file(sessions: Sessions, size: int) -> Path:
    """What the floor app shows for each question: the generated review's own answers, details
    and evidence, so the floor draws the same characters the wizard does."""
    path = sessions.root / f"pages-{size}.json"
    if not path.exists():
        questionnaire = make_questionnaire(size)
        review = make_review(questionnaire)
        pages = {
            "scale": [[option.key, option.label] for option in questionnaire.scale],
            "questions": [{"text": r.text, "hint": r.hint, "answer": r.answer, "detail": r.detail,
                           "evidence": [f"{e.label}  {e.url}" for e in r.evidence]} for r in review.responses],
        }
        path.write_text(json.dumps(pages), encoding="utf-8")
    return path


def open_app(session: Path) -> Terminal:
    workspace = session.parent.parent
    return Terminal([str(VENDOR_REVIEW), "open", str(session), "--workspace", str(workspace)],
                    cwd=workspace, env={"HOME": str(workspace)})


def open_floor(sessions: Sessions, size: int) -> Terminal:
    return Terminal([sys.executable, str(FLOOR), str(pages_file(sessions, size))], cwd=sessions.root)


FIELDS_MOUNTED = "Private notes"  # the last field's label: the question screen is complete


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
            app.wait_for(FIELDS_MOUNTED)  # the whole question screen, not only the first paint
            app.settle(0.5)
            app_memory.append(app.peak_memory())
            app.close()
    if why is None:
        yield Figure("peak memory, session open", f"{big} q", app_memory, floor_memory,
                     Target("ratio <= 1.5", ratio_at_most=1.5), unit="MiB")
    else:
        yield Figure("peak memory: floor app only", f"{big} q", floor_memory, None, unit="MiB")
        yield Unavailable("peak memory, session open", why)


@functools.cache
def question_text(size: int, index: int) -> str:
    return make_questionnaire(size).questions[index].text[:40]


# Each key is sent once the screen has been still this long, so a figure is one key's cost, not
# the tail of the step before (Textual finishes some work a few frames after a screen change).
QUIET = 0.15


@dataclass
class KeyStep:
    """One key of the keystroke round, and what on the screen shows that it took effect."""

    name: str
    key: Callable[[dict[str, str], int], str]  # from the key map and the round's number
    shown: Callable[[Terminal, int], Callable[[], bool]]  # given the screen before the key

    def press(self, terminal: Terminal, keys: dict[str, str], size: int, round_number: int) -> float:
        return terminal.press_until(key_bytes(self.key(keys, round_number)), lambda: self.shown(terminal, size),
                                    self.name, quiet=QUIET)


def _text_shown(text: Callable[[int], str]) -> Callable[[Terminal, int], Callable[[], bool]]:
    def shown(terminal: Terminal, size: int) -> Callable[[], bool]:
        wanted = text(size)  # worked out before the key is sent, not while timing it
        return lambda: wanted in terminal.text()

    return shown


def _answer_line_changed(terminal: Terminal, size: int) -> Callable[[], bool]:
    """The answer line looks different (the new answer highlighted): the same characters with
    other attributes, so the comparison is of cells, not text."""
    line = terminal.row_with("Partial")  # on the default scale
    row = range(line, line + 1)
    before = terminal.cells(row)
    return lambda: terminal.cells(row) != before


def _page_text_changed(terminal: Terminal, size: int) -> Callable[[], bool]:
    """A typed character is on the screen: the text between the top line (where the save mark
    changes) and the footer differs."""
    before = terminal.screen.display[1:LINES - 1]  # display is rebuilt on each read: read it once
    return lambda: terminal.screen.display[1:LINES - 1] != before


# One round, as a reviewer works: move on and back, answer (the generated review says Yes to
# everything, so the round alternates No and Yes), type into the detail, open the overview.
KEY_STEPS = (
    KeyStep("next question", lambda keys, n: keys["next_question"], _text_shown(lambda size: question_text(size, 1))),
    KeyStep("previous question", lambda keys, n: keys["previous_question"],
            _text_shown(lambda size: question_text(size, 0))),
    KeyStep("answer key", lambda keys, n: "ny"[n % 2], _answer_line_changed),
    KeyStep("typing in the detail", lambda keys, n: "x", _page_text_changed),
    KeyStep("overview", lambda keys, n: keys["overview"], _text_shown(lambda size: "Overview of")),
)
# Back on the question page: its "Detail" label is shown again (the overview lists question texts).
BACK = KeyStep("back from the overview", lambda keys, n: keys["close"], _text_shown(lambda size: "Detail"))
FLOOR_KEYS = {"next_question": "ctrl+n", "previous_question": "ctrl+p", "overview": "ctrl+o", "close": "f12"}


def _round(terminal: Terminal, keys: dict[str, str], size: int, number: int) -> list[float]:
    times = [step.press(terminal, keys, size, number) for step in KEY_STEPS]
    BACK.press(terminal, keys, size, number)
    return times


def keystroke_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    why = wizard_available()
    if why is not None:
        yield Unavailable("keystroke latency, end to end", why)
        return
    keys = key_map()
    missing = [action for action in FLOOR_KEYS if action not in keys]
    if missing:
        yield Unavailable("keystroke latency, end to end", f"`vendor-review keys` lists no {', '.join(missing)}")
        return
    for size in SIZES:
        app = open_app(sessions.path(size))
        floor = open_floor(sessions, size)
        try:
            app.wait_for(FIELDS_MOUNTED)
            floor.wait_for(first_question(size))
            samples: dict[str, tuple[list[float], list[float]]] = {step.name: ([], []) for step in KEY_STEPS}
            for number in range(max(9, repeats) + 1):  # round 0 warms both up (first layouts, caches)
                app_times = _round(app, keys, size, number)
                floor_times = _round(floor, FLOOR_KEYS, size, number)
                if number > 0:
                    for step, app_time, floor_time in zip(KEY_STEPS, app_times, floor_times, strict=False):
                        samples[step.name][0].append(app_time)
                        samples[step.name][1].append(floor_time)
            for step in KEY_STEPS:
                app_times, floor_times = samples[step.name]
                yield Figure(f"key: {step.name}, end to end", f"{size} q", app_times, floor_times,
                             Target("ratio <= 1.2", ratio_at_most=1.2),
                             note=END_TO_END_NOTE if size == SIZES[-1] and step is KEY_STEPS[0] else "")
        finally:
            app.close()
            floor.close()


END_TO_END_NOTE = ("from the key written to the pty until the change is on the emulated screen; floor: the bare "
                   "app refilling one Static with the same characters (bench/floor_app.py)")
