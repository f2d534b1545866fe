"""`python -m kiosk stats`: the usage counts per kind, day and name, as a table for people or CSV for a spreadsheet."""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TextIO

from kiosk.usage.store import KIND_TITLES, DayCount, UsageReadError, read_counts

EXIT_UNREADABLE = 1


def print_stats(database: Path, since: date | None = None, *, as_csv: bool = False, out: TextIO | None = None) -> int:
    """Print the counts (read-only); exit status 1 with one line on stderr when they cannot be read."""
    out = sys.stdout if out is None else out
    try:
        counts = read_counts(database, since)
    except UsageReadError as error:
        print(f"utrecht-kiosk stats: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if as_csv:
        write_csv(counts, out)
    else:
        out.write(format_tables(counts, database, since))
    return 0


def write_csv(counts: Sequence[DayCount], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["day", "kind", "name", "count"])
    for row in _in_report_order(counts):
        writer.writerow([row.day, row.kind, row.name, row.count])


def format_tables(counts: Sequence[DayCount], database: Path, since: date | None = None) -> str:
    """One table per kind: a line per day and name, then the total per name over every day shown."""
    period = f"since {since.isoformat()}" if since else "all days"
    lines = [f"Usage counts from {database} ({period}); counts only, never visitors.", ""]
    if not counts:
        lines.append("Nothing counted yet.")
        return "\n".join(lines) + "\n"
    for kind, rows_of_kind in groupby(_in_report_order(counts), key=lambda row: row.kind):
        rows = list(rows_of_kind)
        width = max(len("total per name"), *(len(row.name) for row in rows))
        title = KIND_TITLES.get(kind, kind)
        lines.append(f"{title} ({kind})")
        lines.append(f"  {'day':<10}  {'name':<{width}}  {'count':>7}")
        for row in rows:
            lines.append(f"  {row.day:<10}  {row.name:<{width}}  {row.count:>7}")
        totals: dict[str, int] = {}
        for row in rows:
            totals[row.name] = totals.get(row.name, 0) + row.count
        lines.append(f"  {'':<10}  {'total per name':<{width}}")
        for name, total in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {'':<10}  {name:<{width}}  {total:>7}")
        lines.append("")
    return "\n".join(line.rstrip() for line in lines)


def _in_report_order(counts: Sequence[DayCount]) -> list[DayCount]:
    """Kinds in the README's order (unknown ones after), then by day, then the most used first."""
    order = {kind: index for index, kind in enumerate(KIND_TITLES)}
    return sorted(counts, key=lambda row: (order.get(row.kind, len(order)), row.kind, row.day, -row.count, row.name))
