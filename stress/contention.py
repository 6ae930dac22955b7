"""Two processes open the same session at the same instant, over and over.

Exactly one may get it for editing; the other must get it read-only, told who holds it (user,
host, pid, since), and its save must be refused so nothing it does reaches the file. Then the
lock's two promises: a lock left by a SIGKILLed process is recovered at once, and a lock held
by a live process is never stolen (`answer` waits for it, then fails naming the holder).

    python -m stress.contention [--rounds 100]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tui.core.interview import set_text
from tui.core.lock import ReviewLocked
from tui.core.store import LOCK_WAIT_SECONDS, SessionError, open_review, read_review

from .command import isolated_env, new_session, question_ids, run

PROJECT = Path(__file__).resolve().parents[1]


@dataclass
class ContentionFigures:
    rounds: int = 0
    simultaneous: int = 0
    two_editors: int = 0
    no_editor: int = 0
    holder_not_named: int = 0
    read_only_writes: int = 0
    stale_locks_recovered: int = 0
    live_locks_stolen: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"contention: {self.rounds} rounds ({self.simultaneous} opened within 50 ms of each "
            f"other), {self.two_editors} with two editors, {self.no_editor} with none, "
            f"{self.holder_not_named} read-only opens not told the holder, {self.read_only_writes} "
            f"read-only writes reached the file; {self.stale_locks_recovered} stale locks of killed "
            f"processes recovered, {self.live_locks_stolen} live locks stolen"
        )


def contend(session: Path, marker: str, question: str) -> None:
    """One contender (run in its own process): say ready, wait for "go" on stdin, open, try to
    save a marker, report, and keep the session open until stdin closes, so the two
    contenders' opens always overlap."""
    print("ready", flush=True)
    sys.stdin.readline()
    started = time.time()
    opened = open_review(session, allow_read_only=True)
    set_text(opened.review, question, detail=marker)
    try:
        opened.save()
        saved = True
    except SessionError:
        saved = False
    holder = opened.locked_by.holder if opened.locked_by else None
    print(json.dumps({
        "pid": os.getpid(), "started": started, "read_only": opened.read_only, "saved": saved,
        "holder": asdict(holder) if holder else None,
    }), flush=True)
    sys.stdin.read()
    opened.close()


def hold(session: Path) -> None:
    """Hold the session for editing until killed (run in its own process)."""
    with open_review(session):
        print("holding", flush=True)
        time.sleep(3600)


def _python(*args: str) -> list[str]:
    return [sys.executable, "-m", "stress.contention", *args]


def _env(workspace: Path) -> dict[str, str]:
    return dict(isolated_env(workspace), PYTHONPATH=str(PROJECT))


def start_holder(workspace: Path, session: Path) -> subprocess.Popen[str]:
    """A live process holding the lock; returns once it holds it."""
    process = subprocess.Popen(_python("hold", str(session)), stdout=subprocess.PIPE, text=True,
                               env=_env(workspace), cwd=PROJECT)
    assert process.stdout is not None
    if process.stdout.readline().strip() != "holding":
        raise RuntimeError("the holder process did not take the lock")
    return process


def race_once(workspace: Path, session: Path, question: str, number: int, figures: ContentionFigures) -> None:
    markers = [f"contender {number}{side}" for side in "ab"]
    processes = [
        subprocess.Popen(_python("contend", str(session), marker, question), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(workspace), cwd=PROJECT)
        for marker in markers
    ]
    figures.rounds += 1
    try:
        for process in processes:
            assert process.stdin is not None and process.stdout is not None
            process.stdout.readline()
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        reports = [json.loads(process.stdout.readline()) for process in processes]
    except (ValueError, BrokenPipeError):  # a contender died: reported below with its stderr
        reports = []
    outputs = [process.communicate(timeout=30) for process in processes]
    if len(reports) != 2:
        figures.problems.append(f"round {number}: a contender failed: {[err[-300:] for _, err in outputs]}")
        return
    figures.simultaneous += abs(reports[0]["started"] - reports[1]["started"]) < 0.05
    editors = [r for r in reports if not r["read_only"]]
    readers = [(r, m) for r, m in zip(reports, markers, strict=False) if r["read_only"]]
    figures.two_editors += len(editors) == 2
    figures.no_editor += not editors
    detail = read_review(session).response(question).detail
    for reader, marker in readers:
        holder = reader["holder"]
        if not holder or not editors or holder["pid"] != editors[0]["pid"] or not (holder["user"] and holder["host"] and holder["since"]):
            figures.holder_not_named += 1
            figures.problems.append(f"round {number}: read-only side was told holder {holder!r}")
        if reader["saved"] or detail == marker:
            figures.read_only_writes += 1
    if len(editors) == 1 and detail != markers[reports.index(editors[0])]:
        figures.problems.append(f"round {number}: the editor's save is not in the file ({detail!r})")


def recover_stale_lock(workspace: Path, session: Path, figures: ContentionFigures) -> None:
    holder = start_holder(workspace, session)
    holder.kill()
    holder.wait()
    try:
        with open_review(session) as opened:
            figures.stale_locks_recovered += not opened.read_only
    except ReviewLocked as locked:
        figures.problems.append(f"stale lock of a killed process not recovered: {locked}")


def live_lock_kept(workspace: Path, session: Path, question: str, figures: ContentionFigures,
                   wait: float) -> None:
    """Neither open_review nor `answer` (after its wait) takes a live process's lock."""
    holder = start_holder(workspace, session)
    before = session.read_bytes()
    try:
        try:
            open_review(session, wait=wait).close()
            figures.live_locks_stolen += 1
        except ReviewLocked as locked:
            if not locked.holder or locked.holder.pid != holder.pid:
                figures.problems.append(f"ReviewLocked does not name the live holder: {locked}")
        started = time.monotonic()
        done = run(workspace, "answer", str(session), question, "No", "--detail", "stolen")
        waited = time.monotonic() - started
        if done.returncode == 0 or session.read_bytes() != before:
            figures.live_locks_stolen += 1
        elif f"pid {holder.pid}" not in done.stderr or waited < LOCK_WAIT_SECONDS:
            figures.problems.append(f"`answer` on a held session after {waited:.1f}s said: {done.stderr.strip()}")
    finally:
        holder.kill()
        holder.wait()


def run_contention_harness(workspace: Path, rounds: int, *, cli_wait: bool = True) -> ContentionFigures:
    session = new_session(workspace)
    question = question_ids(workspace)[0]
    figures = ContentionFigures()
    for number in range(rounds):
        race_once(workspace, session, question, number, figures)
    recover_stale_lock(workspace, session, figures)
    if cli_wait:
        live_lock_kept(workspace, session, question, figures, wait=0.5)
    return figures


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["contend"]:
        contend(Path(argv[1]), argv[2], argv[3])
        return 0
    if argv[:1] == ["hold"]:
        hold(Path(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        figures = run_contention_harness(Path(folder), args.rounds)
    print(figures.summary())
    for problem in figures.problems[:20]:
        print(f"  {problem}")
    failed = figures.two_editors or figures.no_editor or figures.holder_not_named or figures.read_only_writes
    return 1 if failed or figures.live_locks_stolen or figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
