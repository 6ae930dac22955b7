"""The wizard mode of stress.crash: SIGKILL `vendor-review open` while the reviewer types.

The promise under test is the autosave's: everything typed more than DELAY + MARGIN seconds
before the process dies is in the session file. The margin covers the save itself (a write and
an fsync in a thread) and the app reading the keys from the terminal on a loaded machine.

The hangup mode ends each round by taking the terminal away instead (`WizardTerminal.hang_up`:
its master side closed, SIGHUP to the process group, or both), after the terminal has stopped
reading for up to STALL seconds, as a dying link does; some rounds hang up right at the first
paint, when the app is drawing the most. The process must then end on its own
within ENDS_WITHIN seconds, and everything typed more than HANGUP_WINDOW seconds before the
link died must be saved: Textual's exit used to block for ever on such a terminal.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from tui.app.autosave import DELAY
from tui.core.review import start_review
from tui.core.store import write_review
from tui.core.text import clean_text
from tui.core.workspace import Workspace

from .crash import CrashFigures, read_after_kill
from .terminal import WizardTerminal

ENDS_WITHIN = 2.0  # seconds from a hangup to no process
HANGUP_WINDOW = 0.5  # seconds of typing before a hangup that may be lost
FIRST_PAINT_HANGUPS = 0.4  # share of hangup rounds that hang up at the first paint, before typing
STALL = 0.3  # longest moment a dying terminal reads nothing before it goes away
HANGUP_WAYS = ({"close": True, "signal_group": False}, {"close": False, "signal_group": True},
               {"close": True, "signal_group": True})
MARGIN = 0.6  # seconds beyond the autosave delay within which typed text may still be unsaved
ANSWER_KEYS = {"Yes": "y", "No": "n", "Partial": "p", "N/A": "a"}
NEXT_QUESTION = "\x0e"  # ctrl+n
WORDS = ("TLS", "1.3", "only,", "the", "vendor", "said", "SOC 2", "a|pipe", "“quoted”", "keys",
         "rotated", "yearly", "[red]markup[/]", "émigré", "\r")  # "\r" is Enter: a new line


@dataclass
class Typed:
    """What was sent to one question's fields, with when each part was sent."""
    answer: str = ""
    answer_sent: float = float("inf")
    detail: str = ""
    detail_sent: list[float] = field(default_factory=list)  # one send time per character

    def must_hold(self, cutoff: float) -> tuple[str, set[str]]:
        """The answer the file must hold, and every detail it may hold, given the cutoff."""
        answer = self.answer if self.answer_sent <= cutoff else ""
        typed_before = sum(1 for sent in self.detail_sent if sent <= cutoff)
        details = {clean_text(self.detail[:k]) for k in range(typed_before, len(self.detail) + 1)}
        return answer, details


Step = tuple[str, str, str]  # (question id, "answer" | "detail" | "move", keys)


def typing_plan(questions: list[str], rng: random.Random, most: int = 3) -> list[Step]:
    """A reviewer's burst of work: answer, type a detail in chunks, move on; 1-`most` questions."""
    steps: list[Step] = []
    for question in questions[: rng.randint(1, most)]:
        steps.append((question, "answer", rng.choice(list(ANSWER_KEYS))))
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12))).replace(" \r ", "\r")
        while text:
            size = rng.randint(1, 6)
            steps.append((question, "detail", text[:size]))
            text = text[size:]
        steps.append((question, "move", NEXT_QUESTION))
    return steps


def _saving(folder: Path, session: Path) -> bool:
    """True while a save of this session has its temporary file on disk."""
    prefix = f".{session.name}."
    return any(entry.name.startswith(prefix) and entry.name.endswith(".tmp") for entry in os.scandir(folder))


class WizardRound:
    """One opened review, typed into and killed; records what was sent and when."""

    def __init__(self, workspace: Path, session: Path, rng: random.Random, aim_at_save: bool,
                 hang_up: bool = False) -> None:
        self.session, self.rng, self.aim_at_save, self.hang_up = session, rng, aim_at_save, hang_up
        self.ended_after: float | None = None  # seconds from a hangup to the end of the process
        self.terminal = WizardTerminal(workspace, session)
        self.typed: dict[str, Typed] = {}
        self.killed_at = 0.0
        self.killed_saving = False
        self.keystrokes = 0

    def play(self, plan: list[Step]) -> bool:
        """Type the plan and kill the app at the chosen moment; True when the kill landed."""
        # "Detail" is drawn by the question screen once the review is open and locked, not by
        # the preview painted while it opens: keys typed during that moment are held and saved
        # only once it is open, so the clock of the promise starts here.
        if self.hang_up and self.rng.random() < FIRST_PAINT_HANGUPS:  # the case that used to hang
            if not self.terminal.wait_for("Question 1 of"):
                self.terminal.kill()
                raise RuntimeError(f"the wizard did not show its first question: {self.terminal.text()[:300]!r}")
            return self._kill()
        if not self.terminal.wait_for("Question 1 of") or not self.terminal.wait_for("Detail"):
            self.terminal.kill()
            raise RuntimeError(f"the wizard did not show its first question: {self.terminal.text()[:300]!r}")
        gaps = [self.rng.uniform(0.01, 0.15) for _ in plan]
        typing_time = sum(gaps)
        started = time.monotonic()
        if self.aim_at_save:  # from this moment on, the first save seen is killed
            armed_at, kill_at = started + self.rng.uniform(0, typing_time), started + typing_time + 3
        else:
            armed_at, kill_at = float("inf"), started + self.rng.uniform(0.05, typing_time + 1.5)
        for (question, kind, keys), gap in zip(plan, gaps, strict=False):
            self.terminal.send(ANSWER_KEYS[keys] if kind == "answer" else keys)
            self.keystrokes += 1 if kind != "detail" else len(keys)
            self._record(question, kind, keys, time.monotonic())
            if self._wait(time.monotonic() + gap, armed_at, kill_at):
                return self._kill()
        self._wait(kill_at, armed_at, kill_at)
        return self._kill()

    def _record(self, question: str, kind: str, keys: str, sent: float) -> None:
        typed = self.typed.setdefault(question, Typed())
        if kind == "answer":
            typed.answer, typed.answer_sent = keys, sent
        elif kind == "detail":
            typed.detail += keys.replace("\r", "\n")
            typed.detail_sent += [sent] * len(keys)

    def _wait(self, until: float, armed_at: float, kill_at: float) -> bool:
        """Keep reading the screen until `until`; True when it is time to kill."""
        folder = self.session.parent
        while (now := time.monotonic()) < until:
            self.terminal.drain()
            if now >= kill_at:
                return True
            if now >= armed_at and _saving(folder, self.session):
                time.sleep(self.rng.uniform(0, 0.001))
                self.killed_saving = True
                return True
            time.sleep(0.001)
        return time.monotonic() >= kill_at

    def _kill(self) -> bool:
        self.killed_at = time.monotonic()
        if not self.hang_up:
            return self.terminal.kill()
        if not self.terminal.child.isalive():
            return False
        time.sleep(self.rng.uniform(0, STALL))  # the link dies: nothing is read any more
        since = self.terminal.hang_up(**self.rng.choice(HANGUP_WAYS))
        self.ended_after = self.terminal.ended_within(since, ENDS_WITHIN + 3)
        return True


def check_typed(session: Path, typed: dict[str, Typed], cutoff: float, figures: CrashFigures) -> None:
    review = read_after_kill(session, figures)
    if review is None:
        return
    for question, sent in typed.items():
        answer, details = sent.must_hold(cutoff)
        response = review.response(question)
        answer_kept = response.answer == answer or (not answer and response.answer in ("", sent.answer))
        if not answer_kept or response.detail not in details:
            figures.answers_lost += 1
            figures.problems.append(
                f"{session.name}: {question} holds {(response.answer, response.detail)!r}, "
                f"expected {answer!r} and one of {sorted(details)[:3]!r}"
            )


def run_wizard_crash_harness(workspace: Path, kills: int, seed: int = 7, most_questions: int = 3,
                             hang_up: bool = False) -> CrashFigures:
    """Kill the wizard (or hang its terminal up) `kills` times, each time in a fresh review (or
    give up after 2x rounds), after answering up to `most_questions` questions."""
    rng = random.Random(seed)
    bronze = Workspace(workspace).catalog.get("saas-security-bronze")
    questions = [question.id for question in bronze.questions]
    figures = CrashFigures(mode="hangup" if hang_up else "wizard")
    for round_number in range(kills * 2):
        if figures.kills >= kills:
            break
        session = workspace / "sessions" / f"wizard-{round_number}.toml"
        write_review(session, start_review(bronze, product="Wizard Kill Test", vendor="Acme"))
        one = WizardRound(workspace, session, rng, aim_at_save=bool(round_number % 2), hang_up=hang_up)
        try:
            landed = one.play(typing_plan(questions, rng, most_questions))
        except RuntimeError as error:
            figures.problems.append(f"round {round_number}: {error}")
            continue
        figures.keystrokes += one.keystrokes
        if not landed:
            figures.problems.append(f"round {round_number}: the wizard had ended before the kill")
            continue
        figures.kills += 1
        figures.kills_mid_write += one.killed_saving
        if not hang_up:
            check_typed(session, one.typed, one.killed_at - DELAY - MARGIN, figures)
            continue
        figures.exit_times.append(one.ended_after)
        if one.ended_after is None or one.ended_after > ENDS_WITHIN:
            figures.problems.append(f"round {round_number}: the process outlived its terminal "
                                    f"({'killed after 5 s' if one.ended_after is None else f'{one.ended_after:.2f} s'})")
        check_typed(session, one.typed, one.killed_at - HANGUP_WINDOW, figures)
    return figures
