"""Hostile text in every field of generated questionnaires and reviews, through the session
file and the exporter: counts the examples tried and every broken promise.

    python -m stress.fuzz [--examples 10000] [--seed N]

Unlike the CI test (which stops at the first failure and shrinks it), this run keeps going
and prints each kind of failure once with how often it happened, so one long run shows
everything that is still wrong.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from hypothesis import HealthCheck, Phase, given, seed, settings

from tui.core.page import export_page
from tui.core.review import Review

from .hostile import export_problems, reviews, session_problems


def run_fuzz(examples: int, random_seed: int) -> tuple[int, Counter[str], dict[str, str]]:
    tried = 0
    failures: Counter[str] = Counter()
    first_seen: dict[str, str] = {}

    @seed(random_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(reviews())
    def one_review(review: Review) -> None:
        nonlocal tried
        tried += 1
        for problem in session_problems(review) + export_problems(review, export_page(review)):
            kind = problem[:60]
            failures[kind] += 1
            first_seen.setdefault(kind, problem[:300])

    one_review()
    return tried, failures, first_seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.monotonic()
    tried, failures, first_seen = run_fuzz(args.examples, args.seed)
    print(f"fuzz: {tried} reviews of hostile text tried in {time.monotonic() - started:.0f}s, "
          f"{sum(failures.values())} broken promises ({len(failures)} kinds)")
    for kind, count in failures.most_common():
        print(f"  {count} x {first_seen[kind]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
