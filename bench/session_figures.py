"""Figures of the domain core: saving one changed answer, opening, exporting and importing a
review, at the sizes the issue names, and the step ratios from 1,000 to 4,000 questions.

Floors: for a save, writing the same bytes atomically (the disk's share); for opening, reading
the file and parsing it with rtoml (no validation); for export, pydantic's own JSON dump of the
same review (a serialiser written in Rust, touching every field once).
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import rtoml

from bench.figures import Figure, Target, Unavailable, timings
from bench.generate import make_questionnaire, write_workspace
from tui.core.files import atomic_write
from tui.core.review import Review
from tui.core.store import open_review
from tui.core.wikipage.render import render_page

SIZES = (11, 300, 2000)
SCALING_SIZES = (1000, 2000, 4000)


class Sessions:
    """Generated workspaces, made once per size and shared by every figure of a run."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="vendor-review-bench-"))
        self._paths: dict[int, Path] = {}

    def path(self, size: int) -> Path:
        if size not in self._paths:
            self._paths[size] = write_workspace(self.root / f"ws-{size}", size)
        return self._paths[size]


def save_samples(path: Path, repeats: int) -> tuple[list[float], list[float]]:
    """One changed answer, then a save: what the wizard's autosave does after a key."""
    with open_review(path) as session:
        review = session.review
        ids = itertools.cycle(r.id for r in review.responses[:: max(1, len(review.responses) // repeats)])
        answers = itertools.cycle(("No", "Yes"))

        def change_and_save() -> None:
            review.set_answer(next(ids), next(answers))
            session.save()

        change_and_save()  # the first save after opening is part of the figure below, not a warm-up
        samples = timings(change_and_save, repeats)
        data = path.read_bytes()
        floor = timings(lambda: atomic_write(path.with_name("floor.toml"), data), repeats)
    return samples, floor


def open_samples(path: Path, repeats: int) -> tuple[list[float], list[float]]:
    def open_and_close() -> None:
        open_review(path).close()

    def parse_only() -> None:
        rtoml.loads(path.read_bytes().decode("utf-8"))

    return timings(open_and_close, repeats), timings(parse_only, repeats)


def loaded(path: Path) -> Review:
    with open_review(path) as session:
        return session.review


def export_samples(review: Review, repeats: int) -> tuple[list[float], list[float]]:
    return timings(lambda: render_page(review), repeats), timings(review.model_dump_json, repeats)


def importer(size: int) -> tuple[Callable[[str], object], Callable[[str], object]] | None:
    """(whole import, parsing alone) of a page of `size` questions, once the importer landed."""
    try:
        from tui.core.wikipage.importing import import_page
        from tui.core.wikipage.parse import parse_page
    except ImportError:
        return None
    questionnaire = make_questionnaire(size)
    return (lambda page: import_page(parse_page(page, "bench.md"), questionnaire)), (lambda page: parse_page(page, "bench.md"))


def session_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    for size in SIZES:
        path = sessions.path(size)
        samples, floor = save_samples(path, repeats)
        yield Figure("save one changed answer", f"{size} q", samples, floor,
                     Target("< 20 ms", median_below=0.020), note="floor: atomic write + fsync of the same bytes" if size == 2000 else "")
    for size in SIZES:
        samples, floor = open_samples(sessions.path(size), max(5, repeats // 3))
        yield Figure("open a review", f"{size} q", samples, floor,
                     Target("< 300 ms", median_below=0.300) if size == 2000 else Target("-"),
                     note="floor: read + rtoml parse, no validation" if size == 2000 else "")
    for size in SIZES:
        review = loaded(sessions.path(size))
        samples, floor = export_samples(review, repeats)
        yield Figure("export page", f"{size} q", samples, floor,
                     Target("< 100 ms", median_below=0.100) if size == 2000 else Target("-"),
                     note="floor: Review.model_dump_json" if size == 2000 else "")
    if importer(11) is None:
        yield Unavailable("import page", "the importer has not landed on main")
        return
    for size in SIZES:
        whole, parse = importer(size)
        page = render_page(loaded(sessions.path(size)))
        runs = max(5, repeats // 3)
        yield Figure("import page", f"{size} q", timings(lambda whole=whole, page=page: whole(page), runs),
                     timings(lambda parse=parse, page=page: parse(page), runs),
                     Target("< 500 ms", median_below=0.500) if size == 2000 else Target("-"),
                     note="floor: parsing the page alone (the rest is matching rows and validating)" if size == 2000 else "")


SCALING_ROUNDS = 3


def step_ratios(name: str, measure: Callable[[int], float]) -> list[Figure]:
    """t(2000)/t(1000) and t(4000)/t(2000): 2 when the cost is linear, less where a fixed cost
    (the fsync) dominates, 4 on a quadratic path. The sizes are measured in interleaved rounds,
    one ratio per round, so a moment of load elsewhere moves one round, not one size."""
    rounds = [{size: measure(size) for size in SCALING_SIZES} for _ in range(SCALING_ROUNDS)]
    band = Target("<= 2.5 (not quadratic)", step_band=(0.0, 2.5))
    return [
        Figure(f"scaling: {name}", f"{low}->{high}", [costs[high] / costs[low] for costs in rounds], None, band,
               unit="x")
        for low, high in itertools.pairwise(SCALING_SIZES)
    ]


def scaling_figures(sessions: Sessions, repeats: int) -> Iterator[Figure | Unavailable]:
    import statistics

    def save_cost(size: int) -> float:
        return statistics.median(save_samples(sessions.path(size), repeats)[0])

    def export_cost(size: int) -> float:
        review = loaded(sessions.path(size))
        return statistics.median(export_samples(review, repeats)[0])

    def open_cost(size: int) -> float:
        return statistics.median(open_samples(sessions.path(size), max(5, repeats // 3))[0])

    yield from step_ratios("save", save_cost)
    yield from step_ratios("open", open_cost)
    yield from step_ratios("export", export_cost)
    if importer(11) is None:
        yield Unavailable("scaling: import", "the importer has not landed on main")
        return

    def import_cost(size: int) -> float:
        whole, _ = importer(size)
        page = render_page(loaded(sessions.path(size)))
        return statistics.median(timings(lambda: whole(page), max(5, repeats // 3)))

    yield from step_ratios("import", import_cost)
