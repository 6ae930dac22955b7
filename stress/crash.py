"""SIGKILL `vendor-review answer` and the wizard while they save, and prove no answer is lost.

Answer mode: each round runs the real command to set one answer and kills it at a random moment aimed at
the save: half the rounds sleep until late in a typical run (timed from warm-up runs), the
other half watch the sessions folder and kill the moment the save's temporary file appears,
i.e. in the middle of writing, fsyncing or renaming it. After every round the session file
must parse and validate, and every question must hold either the last answer whose command
exited 0 or one of the killed attempts made after it (a kill after the rename is a save that
completed). Anything else is an answer lost.

Hangup mode: the wizard rounds, each ended by taking the terminal away (see wizard_crash): the
process must end within 2 s and keep everything typed more than 0.5 s before.

Wizard mode: each round opens a fresh bronze review with the real `vendor-review open` in a
pseudo-terminal at 80x24, answers a few questions with their one-key shortcuts and types
details in bursts (moving on with ctrl+n), and kills it: half the rounds at a random moment
(during the typing or after it), half the moment one of its autosaves creates its temporary
file. After every kill the session must parse, and everything typed more than the autosave
delay plus MARGIN seconds before the kill must be in it (text typed later may or may not be).

    python -m stress.crash [--kills 200] [--mode both|answer|wizard|hangup] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tui.core.review import Review
from tui.core.store import SessionError, read_review

from .command import new_session, question_ids, run, start

ANSWERS = ("Yes", "No", "Partial", "N/A")
Attempt = tuple[str, str]  # (answer, detail) as the command was asked to save them


@dataclass
class CrashFigures:
    mode: str = "answer"
    kills: int = 0
    kills_mid_write: int = 0
    completed: int = 0
    sessions_checked: int = 0
    answers_lost: int = 0
    files_corrupted: int = 0
    temporaries_left: int = 0
    keystrokes: int = 0
    exit_times: list[float | None] = field(default_factory=list)  # hangup mode: None = outlived it
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.mode == "hangup":
            ended = sorted(t for t in self.exit_times if t is not None)
            slowest = f"{ended[-1]:.2f}" if ended else "-"
            median = f"{statistics.median(ended):.2f}" if ended else "-"
            return (
                f"crash (hangup): {self.kills} terminals hung up, {self.exit_times.count(None)} processes "
                f"outlived them, exit after median {median} s, slowest {slowest} s; {self.keystrokes} keys "
                f"typed, {self.answers_lost} answers lost, {self.files_corrupted} files corrupted"
            )
        if self.mode == "wizard":
            return (
                f"crash (wizard): {self.kills} kills ({self.kills_mid_write} while an autosave's temporary "
                f"file was being written), {self.keystrokes} keys typed, {self.sessions_checked} sessions "
                f"checked, {self.answers_lost} answers lost, {self.files_corrupted} files corrupted"
            )
        return (
            f"crash (answer): {self.kills} kills ({self.kills_mid_write} while the temporary file was being "
            f"written), {self.completed} saves completed, {self.sessions_checked} sessions checked, "
            f"{self.answers_lost} answers lost, {self.files_corrupted} files corrupted, "
            f"{self.temporaries_left} temporary files left behind"
        )


def time_one_run(workspace: Path, session: Path, question: str) -> float:
    started = time.perf_counter()
    done = run(workspace, "answer", str(session), question, "Yes", "--detail", "warm-up")
    if done.returncode != 0:
        raise RuntimeError(f"`vendor-review answer` failed: {done.stderr.strip()}")
    return time.perf_counter() - started


def _temporary_files(folder: Path) -> list[str]:
    return [entry.name for entry in os.scandir(folder) if entry.name.endswith(".tmp")]


def kill_when_saving(process: subprocess.Popen[bytes], folder: Path, rng: random.Random) -> bool:
    """Kill as soon as a save's temporary file shows up; True when it was seen first."""
    while process.poll() is None:
        if _temporary_files(folder):
            time.sleep(rng.uniform(0, 0.001))
            process.send_signal(signal.SIGKILL)
            return True
    return False


def kill_late(process: subprocess.Popen[bytes], typical_run: float, rng: random.Random) -> None:
    time.sleep(rng.uniform(0.5 * typical_run, 1.1 * typical_run))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)


def read_after_kill(session: Path, figures: CrashFigures) -> Review | None:
    """The session as the kill left it; None (counted as corrupted) when it does not parse."""
    figures.sessions_checked += 1
    try:
        return read_review(session)
    except SessionError as error:
        figures.files_corrupted += 1
        figures.problems.append(f"{session.name}, check {figures.sessions_checked}: {error}")
        return None


def check_session(session: Path, committed: dict[str, Attempt], pending: dict[str, list[Attempt]],
                  figures: CrashFigures) -> None:
    """Every question holds its last completed answer or a killed attempt made after it."""
    review = read_after_kill(session, figures)
    if review is None:
        return
    for response in review.responses:
        if response.id not in committed:
            continue
        held = (response.answer, response.detail)
        if held != committed[response.id] and held not in pending[response.id]:
            figures.answers_lost += 1
            figures.problems.append(
                f"round {figures.sessions_checked}: {response.id} holds {held!r}, "
                f"expected {committed[response.id]!r}"
            )


def run_crash_harness(workspace: Path, kills: int, seed: int = 7) -> CrashFigures:
    """Kill `answer` at least `kills` times (or give up after 4x as many rounds)."""
    rng = random.Random(seed)
    session = new_session(workspace)
    questions = question_ids(workspace)
    typical_run = statistics.median(time_one_run(workspace, session, q) for q in questions[:3])
    committed: dict[str, Attempt] = {q: ("Yes", "warm-up") for q in questions[:3]}
    pending: dict[str, list[Attempt]] = {q: [] for q in questions}
    figures = CrashFigures()
    for round_number in range(kills * 4):
        if figures.kills >= kills:
            break
        question = rng.choice(questions)
        attempt = (rng.choice(ANSWERS), f"round {round_number}: “said on the call”\nsecond | line")
        process = start(workspace, "answer", str(session), question, attempt[0], "--detail", attempt[1])
        if round_number % 2:
            figures.kills_mid_write += kill_when_saving(process, session.parent, rng)
        else:
            kill_late(process, typical_run, rng)
        code = process.wait()
        if code == -signal.SIGKILL:
            figures.kills += 1
            pending[question].append(attempt)
        elif code == 0:
            figures.completed += 1
            committed[question], pending[question] = attempt, []
        else:
            figures.problems.append(f"round {round_number}: `answer` exited {code}")
        check_session(session, committed, pending, figures)
    # The reviewer carries on after the last kill: the session takes a normal save again.
    time_one_run(workspace, session, questions[0])
    committed[questions[0]], pending[questions[0]] = ("Yes", "warm-up"), []
    check_session(session, committed, pending, figures)
    figures.temporaries_left = len(_temporary_files(session.parent))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="kills per mode")
    parser.add_argument("--mode", choices=("both", "answer", "wizard", "hangup"), default="both",
                        help="both: answer and wizard; hangup: the wizard's terminal goes away")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    from .wizard_crash import run_wizard_crash_harness  # it imports this module's figures

    harnesses = {"answer": run_crash_harness, "wizard": run_wizard_crash_harness,
                 "hangup": partial(run_wizard_crash_harness, hang_up=True)}
    failed = False
    for mode, harness in harnesses.items():
        if args.mode != mode and not (args.mode == "both" and mode != "hangup"):
            continue
        started = time.monotonic()
        with tempfile.TemporaryDirectory() as folder:
            figures = harness(Path(folder), args.kills, args.seed)
        print(f"{figures.summary()} ({time.monotonic() - started:.0f}s)")
        for problem in figures.problems[:20]:
            print(f"  {problem}")
        failed |= bool(figures.answers_lost or figures.files_corrupted or figures.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
