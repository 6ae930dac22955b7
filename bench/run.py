"""Run every benchmark and print one table: median, spread, floor, ratio and target per figure.

    make bench                  # everything (a few minutes on a 2-core machine)
    make bench ARGS=--quick     # fewer repeats, for a first look
    make bench ARGS="--only session"

Figures come from repeated runs in this process (the core) or in pseudo-terminals (the app),
each next to a floor measured in the same run, so a busy machine moves both together.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.app_figures import keystroke_figures, memory_figures, startup_figures  # noqa: E402
from bench.bytes_figures import bytes_figures  # noqa: E402
from bench.figures import Figure, Unavailable, render_table  # noqa: E402
from bench.handler_figures import handler_figures  # noqa: E402
from bench.session_figures import Sessions, scaling_figures, session_figures  # noqa: E402

Section = Callable[[Sessions, int], Iterator[Figure | Unavailable]]


def sections() -> dict[str, Section]:
    return {
        "startup": startup_figures,
        "memory": memory_figures,
        "keys": keystroke_figures,
        "bytes": bytes_figures,
        "handlers": handler_figures,
        "session": session_figures,
        "scaling": scaling_figures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", action="append", choices=sorted(sections()), help="run only these groups")
    args = parser.parse_args()
    repeats = 7 if args.quick else 21
    sessions = Sessions()
    rows: list[Figure | Unavailable] = []
    for name, section in sections().items():
        if args.only and name not in args.only:
            continue
        print(f"measuring {name}...", file=sys.stderr, flush=True)
        rows.extend(section(sessions, repeats))
    print(render_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
