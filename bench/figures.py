"""A figure: repeated timings (or sizes) of one thing, its floor measured in the same run, and
the target it is held to. The table prints medians, spread and the ratio to the floor."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timings(work: Callable[[], object], repeats: int) -> list[float]:
    """Seconds per call of `work`, one sample per call."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return samples


@dataclass
class Target:
    """What a figure must meet: an absolute bound on its median (and p99), or a bound on the
    ratio of its median to its floor's, or a band around 2 for scaling steps."""

    text: str
    median_below: float | None = None
    p99_below: float | None = None
    ratio_at_most: float | None = None
    step_band: tuple[float, float] | None = None

    def met(self, figure: Figure) -> bool | None:
        checks = []
        if self.median_below is not None:
            checks.append(figure.median < self.median_below)
        if self.p99_below is not None:
            checks.append(figure.p99 < self.p99_below)
        if self.ratio_at_most is not None and figure.ratio is not None:
            checks.append(figure.ratio <= self.ratio_at_most)
        if self.step_band is not None:
            low, high = self.step_band
            checks.append(low <= figure.median <= high)
        return all(checks) if checks else None


@dataclass
class Figure:
    name: str
    size: str
    samples: list[float]
    floor: list[float] | None = None
    target: Target = field(default_factory=lambda: Target("-"))
    unit: str = "ms"
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        return percentile(self.samples, 0.99)

    @property
    def ratio(self) -> float | None:
        if not self.floor:
            return None
        return self.median / statistics.median(self.floor)


@dataclass
class Unavailable:
    name: str
    why: str


SCALE = {"ms": 1000.0, "MiB": 1 / (1 << 20), "x": 1.0, "B": 1.0, "cells": 1.0}


def _value(seconds_or_bytes: float, unit: str) -> str:
    value = seconds_or_bytes * SCALE[unit]
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def render_table(rows: list[Figure | Unavailable]) -> str:
    header = ("figure", "size", "median", "p10-p90", "p99", "floor", "ratio", "target", "ok")
    lines = []
    for row in rows:
        if isinstance(row, Unavailable):
            lines.append((row.name, "", "", "", "", "", "", f"not available: {row.why}", ""))
            continue
        unit = row.unit
        spread = f"{_value(percentile(row.samples, 0.1), unit)}-{_value(percentile(row.samples, 0.9), unit)}"
        floor = f"{_value(statistics.median(row.floor), unit)}" if row.floor else ""
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        verdict = {True: "ok", False: "MISS", None: ""}[row.target.met(row)]
        lines.append((
            row.name, row.size, f"{_value(row.median, unit)} {unit}", spread,
            _value(row.p99, unit) if len(row.samples) >= 20 else "", floor, ratio, row.target.text, verdict,
        ))
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header) - 2)]
    out = []
    for line in [header, *lines]:
        cells = [str(cell).ljust(width) for cell, width in zip(line, widths, strict=False)]
        out.append("  ".join(cells + [line[-2], line[-1]]).rstrip())
    notes = [f"  {row.name} ({row.size}): {row.note}" for row in rows if isinstance(row, Figure) and row.note]
    return "\n".join(out + (["", "notes:", *notes] if notes else []))
