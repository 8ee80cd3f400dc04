"""Lab reports: read one (stores nothing), then save the reviewed draws with the original file.

Saving goes through the import rules (services/importing.py): a result already stored is
skipped, a different value at the same time is refused, a calculated ANC is added where the lab
printed a WBC and a differential but no ANC. The original file is kept inside the private
database, and each saved result records its report, page and printed line. The same file
imported again adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from leukotrack.domain.errors import DateError, InputError
from leukotrack.domain.records import Result
from leukotrack.io.labreport.ocr.kinds import is_image
from leukotrack.io.labreport.pdf import render_page
from leukotrack.io.labreport.reading import ReadResult, ReportReading
from leukotrack.io.parsed import ImportedResult, ParsedImport
from leukotrack.storage.backups import make_backup
from leukotrack.storage.db import Database

if TYPE_CHECKING:
    from leukotrack.io.labreport.ocr.read import FileReading
    from leukotrack.io.report_backup import KeptReport
    from leukotrack.storage.report_files import ResultSource, StoredReport
    from leukotrack.storage.repository import Repository

__all__ = [
    "ReviewedDraw",
    "SavedReport",
    "is_report",
    "needs_ocr",
    "read_report",
    "read_report_file",
    "render_page",
    "report_sources",
    "save_report",
    "stored_report_copy",
]


def is_report(path: Path) -> bool:
    """A PDF or a photo/scan, by its name or its first bytes (FHIR, CSV and backups are text)."""
    if path.suffix.lower() == ".pdf" or is_image(path):
        return True
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False


def read_report(path: Path, birth: date | None = None, today: date | None = None) -> ReportReading:
    """Read the report at `path` (a PDF, or a photo or scan through OCR); ReportFileError,
    ImageReadError, NoBloodCountError or OcrUnavailableError when it cannot be."""
    return read_report_file(path, birth, today).reading


def read_report_file(
    path: Path,
    birth: date | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileReading:
    """As read_report, with the OCR'd pages' pictures (for the review window), a progress
    callback (steps done, steps in all) and a way to stop between steps (OcrCancelled)."""
    from leukotrack.io.labreport.ocr.read import read_file

    return read_file(path, birth, today, progress=progress, cancelled=cancelled)


def needs_ocr(path: Path) -> bool:
    """A picture, or a PDF with a page whose text layer names no blood count (cheap to ask:
    no picture is rendered or read)."""
    from leukotrack.io.labreport.ocr.read import needs_ocr as pages_need_ocr

    return pages_need_ocr(path)


def birth_date(db: Database) -> date | None:
    with db.reading() as repo:
        return repo.profile().birth_date


@dataclass(frozen=True)
class ReviewedDraw:
    """A draw as the person confirmed it: its moment, lab and the rows kept."""

    taken_at: datetime
    lab: str
    results: tuple[ReadResult, ...]


@dataclass(frozen=True)
class SavedReport:
    report: StoredReport
    already_imported: bool
    added: int  # results stored (a calculated ANC included)
    skipped: int  # results already stored
    draws: int


def _parsed(draws: Sequence[ReviewedDraw], file_name: str) -> ParsedImport:
    parsed = ParsedImport("labreport", f"lab report {file_name}"[:300])
    for draw in draws:
        for r in draw.results:
            result = Result(r.analyte, r.value, r.entered, r.comparator, r.ref_low, r.ref_high)
            where = f"page {r.page}: {r.text}"
            unit = r.entered.partition(" ")[2]
            parsed.add_result(draw.taken_at, ImportedResult(result, where, unit), draw.lab)
            parsed.rows += 1
    return parsed


def save_report(
    db: Database,
    path: Path,
    reading: ReportReading,
    draws: Sequence[ReviewedDraw],
    now: datetime | None = None,
) -> SavedReport:
    """Store the reviewed draws and the original file in one transaction (all or nothing)."""
    from leukotrack.services.importing import store_parsed

    now = now or datetime.now().replace(microsecond=0)
    content = path.read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    for draw in draws:
        if draw.taken_at > now:
            raise DateError(
                f"the collection date {draw.taken_at:%Y-%m-%d %H:%M} is in the future; "
                "correct it before saving."
            )
        left = [r for r in draw.results if r.needs_review]
        if left:
            raise InputError(
                f"{len(left)} row(s) still need a look (first: page {left[0].page}, "
                f"{left[0].text}); confirm, correct or leave them out first."
            )
    if not any(d.results for d in draws):
        raise InputError("No result is left to save; keep at least one row.")
    with db.transaction() as repo:
        files = repo.report_files
        known = files.by_sha256(sha)
        if known is not None:
            return SavedReport(known, True, 0, 0, 0)
        make_backup(db.path, "before-import", now, db.key)
        preview = store_parsed(repo, _parsed(draws, path.name), path)
        if not preview.can_import:
            raise InputError(f"{path.name}: {preview.blocking[0]}")
        stored = files.add(path.name, sha, content, reading.pages, reading.method, now)
        times = [d.taken_at for d in draws]
        found = repo.stored_results(min(times), max(times))
        for draw in draws:
            draw_id = found[draw.taken_at][0]
            for r in draw.results:
                files.link(stored.id, draw_id, r.analyte, r.page, r.text)
    return SavedReport(stored, False, preview.added_results, preview.duplicates, preview.new_draws)


def report_sources(db: Database, draw_id: int | None = None) -> list[ResultSource]:
    with db.reading() as repo:
        return repo.report_files.sources(draw_id)


def stored_report_copy(db: Database, report_id: int, folder: Path) -> Path:
    """Write a stored report into `folder` (created 0700, file 0600) to open it in a viewer."""
    import os

    with db.reading() as repo:
        stored = next((r for r in repo.report_files.all() if r.id == report_id), None)
        if stored is None:
            raise InputError("That report is no longer stored.")
        content = repo.report_files.content(report_id)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    name = Path(stored.file_name).name or "report.pdf"
    target = folder / f"{stored.id}-{name}"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(content)
    os.chmod(target, 0o600)
    return target


def kept_reports(repo: Repository) -> list[KeptReport]:
    """Every stored report with its file and sources, for the JSON backup."""
    from leukotrack.io.report_backup import KeptReport, KeptSource

    files = repo.report_files
    by_report: dict[int, list[KeptSource]] = {}
    for s in files.sources():
        by_report.setdefault(s.report_id, []).append(
            KeptSource(s.taken_at, s.analyte, s.page, s.line)
        )
    return [
        KeptReport(
            r.file_name,
            r.sha256,
            files.content(r.id),
            r.pages,
            r.method,
            r.imported_at,
            tuple(by_report.get(r.id, [])),
        )
        for r in files.all()
    ]


def restore_reports(repo: Repository, reports: Sequence[KeptReport]) -> None:
    """Store a backup's reports (a file already kept is not stored twice) and their sources."""
    files = repo.report_files
    for kept in reports:
        stored = files.by_sha256(kept.sha256) or files.add(
            kept.file_name, kept.sha256, kept.content, kept.pages, kept.method, kept.imported_at
        )
        if not kept.sources:
            continue
        times = [s.taken_at for s in kept.sources]
        draws = repo.stored_results(min(times), max(times))
        for s in kept.sources:
            found = draws.get(s.taken_at)
            if found is not None and s.analyte in found[1]:
                files.link(stored.id, found[0], s.analyte, s.page, s.line)
