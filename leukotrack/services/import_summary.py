"""Plain lines that say what an import did, for the command line and the window."""

from __future__ import annotations

from collections.abc import Iterable

from leukotrack.domain.analytes import ANALYTES
from leukotrack.services.importing import FileReport


def summary_lines(report: FileReport) -> Iterable[str]:
    """Plain lines for the command line: what was added or skipped, per file."""
    p = report.preview
    if not report.stored:
        yield f"{p.path}: nothing imported ({len(p.blocking)} problem(s))."
        return
    parts = [f"{n} {ANALYTES[k].short}" for k, n in p.new_results.items()]
    added = f"{p.added_results} results in {p.new_draws} new draws" if p.added_results else ""
    extras = [
        f"{n} {what}"
        for n, what in (
            (p.temperatures, "temperatures"),
            (p.medications, "medicines"),
            (p.diary_entries, "diary entries"),
        )
        if n
    ]
    what = ", ".join(x for x in [added, *extras] if x) or "nothing new"
    detail = f" ({', '.join(parts)})" if parts else ""
    yield f"{p.path}: added {what}{detail}; {p.duplicates} already stored, skipped."
    if report.left_out_problems:
        n = len(p.blocking)
        yield f"{p.path}: left out {n} row{'s' if n != 1 else ''} with problems (each listed below)."
    if p.fills_profile:
        yield f"{p.path}: the empty profile was filled from the file."
    if p.untracked:
        yield f"{p.path}: {untracked_line(p.untracked)}"


def untracked_line(untracked: tuple[tuple[str, int], ...], shown: int = 6) -> str:
    """One line for the observations LeukoTrack does not track, named, most frequent first."""
    total = sum(n for _, n in untracked)
    names = [f"{name} ({n})" for name, n in untracked[:shown]]
    rest = len(untracked) - shown
    if rest > 0:
        names.append(f"and {rest} other kind{'s' if rest != 1 else ''}")
    noun = "observation" if total == 1 else "observations"
    return f"left aside {total} {noun} LeukoTrack does not track: {', '.join(names)}."
