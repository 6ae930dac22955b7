"""How well the evidence finder ranks: precision at 1 and recall at 3 per bronze question over
the labelled pages in tests/fixtures/vendor_pages/, how often it stays silent where a page
says nothing, and its top passage per question on ../shared/examples/ (when present).

    .venv/bin/python bench/finder.py

Recall at 3 is capped: the share of a question's relevant passages found in the top three,
out of at most three (a page with five relevant passages can still score 1.0).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.catalog import builtin_folder, load_questionnaire  # noqa: E402
from tui.core.review import start_review  # noqa: E402
from tui.core.sources.attaching import load_source  # noqa: E402
from tui.core.sources.finder import suggest_all  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "vendor_pages"
EXAMPLE = ROOT.parent / "shared" / "examples" / "smart-tables-security-page.txt"


def ranked_for(path: Path, questionnaire):  # type: ignore[no-untyped-def]
    review = start_review(questionnaire, product=path.stem)
    review.attach_source(load_source(str(path)))
    return review, suggest_all(review, questionnaire)


def evaluate(questionnaire) -> dict[str, dict[str, list[float]]]:  # type: ignore[no-untyped-def]
    labels = tomllib.loads((PAGES / "labels.toml").read_text(encoding="utf-8"))["pages"]
    stats: dict[str, dict[str, list[float]]] = {q.id: {"p1": [], "r3": [], "silent": []} for q in questionnaire.questions}
    for page in labels:
        review, ranked = ranked_for(PAGES / page["file"], questionnaire)
        for question_id, phrases in page["answers"].items():
            shown = [s.text for s in ranked[question_id]]
            row = stats[question_id]
            if not phrases:
                row["silent"].append(1.0 if not shown else 0.0)
                if shown:
                    print(f"  shown where silent: {page['file']} {question_id}: {shown[0][:70]}")
                continue
            relevant = [p.text for p in review.sources[0].passages if any(ph in p.text for ph in phrases)]
            if not relevant:
                raise SystemExit(f"{page['file']} {question_id}: no passage contains {phrases}")
            row["p1"].append(1.0 if shown and shown[0] in relevant else 0.0)
            found = sum(1 for text in shown[:3] if text in relevant)
            row["r3"].append(found / min(len(relevant), 3))
            if found < min(len(relevant), 3):
                print(f"  missed: {page['file']} {question_id}: top {[t[:40] for t in shown]}")
    return stats


def mean(values: list[float]) -> str:
    return f"{sum(values) / len(values):.2f}" if values else "  - "


def main() -> None:
    questionnaire = load_questionnaire(builtin_folder() / "saas-security-bronze.toml")
    stats = evaluate(questionnaire)
    print(f"\n{'question':<22} {'P@1':>5} {'R@3':>5} {'silent':>7}  (answered pages / silent pages)")
    every = {"p1": [], "r3": [], "silent": []}  # type: dict[str, list[float]]
    for question_id, row in stats.items():
        for key in every:
            every[key] += row[key]
        print(f"{question_id:<22} {mean(row['p1']):>5} {mean(row['r3']):>5} {mean(row['silent']):>7}"
              f"  ({len(row['p1'])} / {len(row['silent'])})")
    print(f"{'all':<22} {mean(every['p1']):>5} {mean(every['r3']):>5} {mean(every['silent']):>7}"
          f"  ({len(every['p1'])} / {len(every['silent'])})")
    if not EXAMPLE.exists():
        print(f"\n{EXAMPLE} not found: skipping the example page")
        return
    print(f"\ntop passage per question on {EXAMPLE.name}:")
    _, ranked = ranked_for(EXAMPLE, questionnaire)
    for question_id, suggestions in ranked.items():
        top = suggestions[0] if suggestions else None
        print(f"{question_id:<22} " + (f"{top.score:6.2f} [{top.heading}] {top.text[:90]}" if top else "(nothing shown)"))


if __name__ == "__main__":
    main()
