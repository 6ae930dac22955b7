"""Hostile text in every field of generated questionnaires and reviews, through the session
file, the exporter and back through the importer: counts the examples tried and every broken
promise.

    python -m stress.fuzz [--examples 10000] [--seed N]

Unlike the CI test (which stops at the first failure and shrinks it), this run keeps going
and prints each kind of failure once with how often it happened, so one long run shows
everything that is still wrong. Page and session promises are counted apart from the import
round trip, which depends on the importer recognising questionnaires written by anyone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, given, seed, settings

from tui.core.questionnaire import Questionnaire
from tui.core.review import Review
from tui.core.wikipage.render import render_page

from .hostile import export_problems, import_problems, reviewed, session_problems


@dataclass
class Failures:
    count: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, str] = field(default_factory=dict)

    def add(self, problems: list[str]) -> None:
        for problem in problems:
            kind = problem[:60]
            self.count[kind] += 1
            self.first_seen.setdefault(kind, problem[:300])

    def report(self, what: str, limit: int = 15) -> str:
        lines = [f"  {what}: {sum(self.count.values())} broken promises ({len(self.count)} kinds)"]
        lines += [f"    {n} x {self.first_seen[kind]!r}" for kind, n in self.count.most_common(limit)]
        return "\n".join(lines)


def run_fuzz(examples: int, random_seed: int) -> tuple[int, Failures, Failures]:
    tried = 0
    page, imported = Failures(), Failures()

    @seed(random_seed)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(reviewed())
    def one_review(pair: tuple[Questionnaire, Review]) -> None:
        nonlocal tried
        tried += 1
        questionnaire, review = pair
        try:
            exported = render_page(review)
        except Exception as error:  # an export that raises is a broken promise, counted like the rest
            page.add([f"export raised {type(error).__name__}: {error}"])
            return
        page.add(session_problems(review) + export_problems(review, exported))
        imported.add(import_problems(questionnaire, review, exported))

    one_review()
    return tried, page, imported


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.monotonic()
    tried, page, imported = run_fuzz(args.examples, args.seed)
    print(f"fuzz: {tried} reviews of hostile text tried in {time.monotonic() - started:.0f}s")
    print(page.report("session file, front-matter, table, HTML and links"))
    print(imported.report("import of the export gives back the review"))
    return 1 if page.count or imported.count else 0


if __name__ == "__main__":
    sys.exit(main())
