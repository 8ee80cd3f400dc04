"""The words of the import wizard: what a file would add, its problems, why Import is off."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leukotrack.domain.analytes import ANALYTES

if TYPE_CHECKING:
    from leukotrack.io.parsed import Problem
    from leukotrack.services.importing import ImportPreview

KINDS = {
    "fhir": "FHIR R4 health record (for example an export from a patient portal)",
    "csv": "CSV spreadsheet",
    "backup": "LeukoTrack backup",
    "unreadable": "LeukoTrack cannot read this file",
}
AMBIGUOUS = "could be day/month or month/day"
DATE_IN_MESSAGE = re.compile(r"'\d{1,2}(?P<sep>[./-])\d{1,2}(?P=sep)\d{4}")
_CLI_DATE_HINT = re.compile(r"give the file's date format \(for example --date-format[^)]*\)")
_FORMAT_GIVEN = re.compile(r" \(the date format '[^']*' given for this file\)")


def gui_wording(message: str) -> str:
    """The services speak to the command line; in the window the date order is chosen above."""
    message = _FORMAT_GIVEN.sub(" (the date order chosen above)", message)
    return _CLI_DATE_HINT.sub("choose the file's date order above", message)


def date_format(order: str | None, separator: str) -> str | None:
    if order == "day":
        return f"%d{separator}%m{separator}%Y"
    if order == "month":
        return f"%m{separator}%d{separator}%Y"
    return None


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _other_items(p: ImportPreview, temperature: str) -> list[str]:
    """ "2 temperature readings", "1 medicine", "3 diary entries": what a file adds besides results."""
    counts = (
        (p.temperatures, temperature, None),
        (p.medications, "medicine", None),
        (p.diary_entries, "diary entry", "diary entries"),
    )
    return [plural(n, one, many) for n, one, many in counts if n]


def summary_text(p: ImportPreview) -> str:
    """What importing would add, in a few plain sentences."""
    if p.kind == "unreadable":
        return "Nothing can be read from this file."
    noun = {"fhir": "resources", "csv": "rows"}.get(p.kind, "records")
    parts = [f"{plural(p.rows, noun[:-1], noun)} read."]
    added = []
    if p.added_results:
        added.append(
            f"{plural(p.added_results, 'blood count result')} "
            f"({plural(p.new_draws, 'new blood test')})"
        )
    added += _other_items(p, "temperature reading")
    verb = "Adds" if p.can_import else "Would add, once the problems are fixed,"
    parts.append(f"{verb} {', '.join(added)}." if added else "Adds nothing new.")
    if p.duplicates:
        parts.append(f"{plural(p.duplicates, 'item')} already stored: skipped.")
    if p.fills_profile:
        parts.append("Your profile is empty: it will be filled from the file.")
    if p.untracked:
        from leukotrack.services.import_summary import untracked_line

        line = untracked_line(p.untracked)
        parts.append(line[0].upper() + line[1:])
    return " ".join(parts)


def offers_the_rest(p: ImportPreview) -> bool:
    """Blocking problems beside new rows: the wizard offers to import those and leave out these."""
    return p.can_import_the_rest and p.added_items > 0


def rest_button_text(p: ImportPreview) -> str:
    """ "Import 397 results and leave out these 3": the good rows now, the listed ones never."""
    n, m = p.added_items, len(p.blocking)
    what = plural(n, "result") if n == p.added_results else plural(n, "new item")
    return f"Import {what} and leave out {'this one' if m == 1 else f'these {m}'}"


def result_rows(p: ImportPreview) -> list[tuple[str, ...]]:
    """In the order a lab report lists them: 'WBC — white blood cells', count, units."""
    order = list(ANALYTES)
    return [
        (
            f"{ANALYTES[key].short} — {ANALYTES[key].name}",
            str(p.new_results[key]),
            ", ".join(u or "(no unit)" for u in p.units_seen.get(key, ())),
        )
        for key in sorted(p.new_results, key=order.index)
    ]


def problem_rows(problems: tuple[Problem, ...]) -> list[tuple[str, ...]]:
    ordered = sorted(problems, key=lambda pr: pr.skipped)  # blocking first
    return [
        (pr.where, gui_wording(pr.message), "Left out" if pr.skipped else "Blocks import")
        for pr in ordered
    ]


def blocked_reason(p: ImportPreview) -> str:
    """Why Import is disabled, and what to do about it."""
    if p.kind == "unreadable":
        return (
            "This file cannot be imported. LeukoTrack reads FHIR R4 JSON (a Bundle, an "
            "Observation or NDJSON), CSV with a date column, and its own backups."
        )
    if any(AMBIGUOUS in pr.message for pr in p.blocking):
        return (
            "Some dates could be read day-first or month-first. Choose the file's date order "
            "above; nothing has been stored."
        )
    problems = plural(len(p.blocking), "problem")
    if offers_the_rest(p):
        return (
            f"The file has {problems} marked “Blocks import”. Correct those lines in the file "
            f"and import it again, or press “{rest_button_text(p)}” to store the rest now: the "
            "rows marked “Blocks import” are then stored nowhere, and importing the corrected "
            "file later adds only what is new. Nothing has been stored."
        )
    return (
        f"Nothing can be imported while the file has {problems} "
        "marked “Blocks import”. Correct those lines in the file (or the stored records they "
        "clash with) and import it again. Nothing has been stored."
    )


def added_message(p: ImportPreview, left_out: bool = False) -> str:
    """The status bar line after a file was stored."""
    parts = []
    if p.added_results:
        parts.append(plural(p.added_results, "result"))
    parts += _other_items(p, "temperature")
    what = ", ".join(parts) if parts else "nothing new"
    skipped = f"; {p.duplicates} already stored" if p.duplicates else ""
    rest = f"; left out {plural(len(p.blocking), 'row')} with problems" if left_out else ""
    return f"Imported {p.path.name}: added {what}{skipped}{rest}."
