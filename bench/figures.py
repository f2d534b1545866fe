"""A benchmark figure (values, budget, verdict), the table that prints figures, and their JSON form."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

OK = "ok"
OVER = "OVER"
OUT_OF_REACH = "out of reach"


@dataclass(frozen=True)
class Figure:
    """One row: what was measured, every repeat's value, and the budget its median (or p95) must stay within.

    A figure without a budget is information only; a skipped figure has no values and says why in `skipped`.
    `floor` is the same figure, in the same run, for a program that does only the unavoidable part of the work
    (cold_start.py: floor_window.py, its lowest round): when even the floor is over the budget, it is out of reach.
    """

    section: str
    what: str
    unit: str
    values: tuple[float, ...]
    budget: float | None = None
    statistic: str = "median"  # what the budget is checked against: "median" or "p95"
    skipped: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # anything else worth keeping in the JSON
    floor: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else math.nan

    @property
    def low(self) -> float:
        return min(self.values) if self.values else math.nan

    @property
    def high(self) -> float:
        return max(self.values) if self.values else math.nan

    @property
    def p95(self) -> float:
        """The 95th percentile, nearest rank: the value 95 % of the repeats are at or below."""
        if not self.values:
            return math.nan
        ordered = sorted(self.values)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def checked(self) -> float:
        return self.p95 if self.statistic == "p95" else self.median

    @property
    def verdict(self) -> str:
        if self.skipped:
            return "skipped"
        if self.budget is None:
            return ""
        if self.checked <= self.budget:
            return OK
        return OUT_OF_REACH if self.floor is not None and self.floor > self.budget else OVER

    def as_json(self) -> dict[str, Any]:
        found = asdict(self)
        found["values"] = list(self.values)
        if self.values:
            found |= {"median": self.median, "min": self.low, "max": self.high, "p95": self.p95}
        found["verdict"] = self.verdict
        return found


def figure(
    section: str,
    what: str,
    unit: str,
    values: Iterable[float],
    budget: float | None = None,
    *,
    statistic: str = "median",
    extra: dict[str, Any] | None = None,
    floor: float | None = None,
) -> Figure:
    values = tuple(float(value) for value in values)
    return Figure(section, what, unit, values, budget, statistic=statistic, extra=extra or {}, floor=floor)


def skipped(section: str, what: str, unit: str, reason: str, budget: float | None = None) -> Figure:
    return Figure(section, what, unit, (), budget, skipped=reason)


def from_json(found: dict[str, Any]) -> Figure:
    return Figure(
        section=found["section"],
        what=found["what"],
        unit=found["unit"],
        values=tuple(found["values"]),
        budget=found["budget"],
        statistic=found["statistic"],
        skipped=found["skipped"],
        extra=found.get("extra", {}),
        floor=found.get("floor"),
    )


def write_json(path: Path, figures: Sequence[Figure], **about: Any) -> None:
    """The figures, and whatever else is given (the machine, the options), as one JSON document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**about, "figures": [item.as_json() for item in figures]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_json(path: Path) -> list[Figure]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return [from_json(found) for found in document["figures"]]


def table(figures: Sequence[Figure]) -> str:
    """what | median | spread (min-max) | n | budget | verdict, with a heading line per section."""
    header = ("what", "median", "spread (min-max)", "n", "budget", "verdict")
    lines: list[tuple[str, ...]] = []
    section = None
    for item in figures:
        if item.section != section:
            section = item.section
            lines.append((f"{section}:",))
        lines.append(_cells(item))
    widths = [max(len(line[column]) for line in [header, *lines] if len(line) > column) for column in range(6)]
    out = [_join(header, widths), _join(tuple("-" * width for width in widths), widths)]
    out += [line[0] if len(line) == 1 else _join(line, widths) for line in lines]
    return "\n".join(out)


def _cells(item: Figure) -> tuple[str, ...]:
    budget = "" if item.budget is None else f"<= {item.budget:g} {item.unit}"
    if item.budget is not None and item.statistic == "p95":
        budget += " p95"
    if item.skipped:
        return (f"  {item.what}", "-", "-", "0", budget, f"skipped: {item.skipped}")
    unit = item.unit
    spread = f"{_number(item.low)}-{_number(item.high)} {unit}" if len(item.values) > 1 else ""
    verdict = item.verdict
    if item.statistic == "p95":  # with a budget or without: the tail is what the figure is about
        verdict = f"{verdict} (p95 {_number(item.p95)} {unit})".lstrip()
    if verdict == OUT_OF_REACH:
        verdict += f" (floor {_number(item.floor or math.nan)} {unit})"
    return (f"  {item.what}", f"{_number(item.median)} {unit}", spread, str(len(item.values)), budget, verdict)


def _join(cells: tuple[str, ...], widths: list[int]) -> str:
    aligned = [
        cell.ljust(width) if column in (0, 4, 5) else cell.rjust(width)
        for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    return "  ".join(aligned).rstrip()


def _number(value: float) -> str:
    """Three significant figures or whole numbers: 1234, 123, 12.3, 1.23, 0.0123."""
    if math.isnan(value):
        return "-"
    size = abs(value)
    if size >= 100:
        return f"{value:.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if value.is_integer():
        return f"{value:.0f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def report(figures: Sequence[Figure], json_path: Path | None) -> None:
    """Print the table; write the figures as JSON too if asked (how run.py collects each part's figures)."""
    print(table(figures), flush=True)
    if json_path is not None:
        write_json(json_path, figures)
