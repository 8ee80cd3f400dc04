"""Import FHIR, CSV and LeukoTrack backups: preview first, then all or nothing per file.

- `preview_import` parses a file and compares it with the database without storing anything
  (what a GUI wizard shows before the user confirms).
- `import_files` imports each file in its own transaction. Any blocking problem in a file means
  nothing from that file is stored, and every problem is listed with its line or resource id.
  With `skip_problems=True` the good rows are stored and every bad row is left out (and listed);
  a bad row is never stored anywhere.
- Observations of things LeukoTrack does not track (vital signs other than temperature, other
  panels) are counted by name (`ImportPreview.untracked`), not listed as problems.
- Re-importing adds nothing: a result whose analyte, time and value are already stored is
  skipped; a different value for the same analyte and time is a problem. Existing data is never
  changed: the profile is filled only while it is empty, settings only where absent.
- A backup restores everything into an empty data folder. Into a folder that already has records
  it merges with the same dedupe rules (nothing existing is overwritten).
- Before the first file is stored, the database file is copied to
  `<data dir>/backups/before-import-<timestamp>.sqlite3`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from leukotrack.domain.records import (
    Result,
)
from leukotrack.io.detect import parse_bytes
from leukotrack.io.parsed import FileFormatError, ParsedImport, Problem
from leukotrack.services.import_plan import ImportPlan, plan_import
from leukotrack.storage.backups import make_backup
from leukotrack.storage.db import Database
from leukotrack.storage.sealing import (
    SealedFileError,
    WrongSecretError,
    is_sealed_envelope,
    open_with_passphrase,
)

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository

K = TypeVar("K")


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do. Nothing has been stored."""

    path: Path
    kind: str  # "fhir", "csv", "backup", or "unreadable"
    rows: int
    new_draws: int
    new_results: dict[str, int]  # analyte key -> results that would be added
    units_seen: dict[str, tuple[str, ...]]  # analyte key -> units as written in the file
    duplicates: int  # already stored: would be skipped
    temperatures: int
    medications: int
    diary_entries: int  # fatigue and infections (backups)
    fills_profile: bool
    problems: tuple[Problem, ...]
    untracked: tuple[tuple[str, int], ...] = ()  # (name, observations), most frequent first
    cycles: int = 0  # treatment cycles that would be added

    @property
    def blocking(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.skipped)

    @property
    def can_import(self) -> bool:
        return not self.blocking

    @property
    def added_results(self) -> int:
        return sum(self.new_results.values())

    @property
    def added_items(self) -> int:
        """Everything importing would store: results, temperatures, medicines, diary entries."""
        return self.added_results + self.temperatures + self.medications + self.diary_entries

    @property
    def can_import_the_rest(self) -> bool:
        """Blocking problems, but good rows beside them (new, or stored already) that
        `skip_problems` would keep."""
        good = self.added_items > 0 or self.duplicates > 0
        return bool(self.blocking) and self.kind != "unreadable" and good


@dataclass(frozen=True)
class FileReport:
    """What happened to one file: `stored` is False when nothing was stored from it."""

    preview: ImportPreview
    stored: bool
    left_out_problems: bool = False  # stored with `skip_problems`, its blocking rows left out

    @property
    def path(self) -> Path:
        return self.preview.path

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.preview.problems


@dataclass(frozen=True)
class ImportReport:
    files: tuple[FileReport, ...]
    safety_copy: Path | None = None

    @property
    def ok(self) -> bool:
        return all(f.stored for f in self.files)


def _parse(
    path: Path, date_format: str | None, now: datetime, passphrase: str | None = None
) -> ParsedImport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileFormatError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if is_sealed_envelope(data):  # `export --format json --encrypt` (docs/encryption.md)
        if passphrase is None:
            raise FileFormatError(
                f"{path.name} is an encrypted LeukoTrack backup; give its passphrase "
                "(--passphrase-file F on the command line)."
            )
        try:
            data = open_with_passphrase(data, passphrase)
        except (SealedFileError, WrongSecretError) as exc:
            raise FileFormatError(f"{path.name}: {exc}") from None
    return parse_bytes(data, path.name, date_format, now)


def _unreadable(path: Path, message: str) -> ImportPreview:
    return ImportPreview(
        path, "unreadable", 0, 0, {}, {}, 0, 0, 0, 0, False, (Problem("file", message),)
    )


def _preview(path: Path, parsed: ParsedImport, plan: ImportPlan) -> ImportPreview:
    return ImportPreview(
        path=path,
        kind=parsed.kind,
        rows=parsed.rows,
        new_draws=len(plan.new_draws),
        new_results=dict(sorted(plan.counts.items())),
        units_seen={k: tuple(sorted(v)) for k, v in sorted(plan.units.items())},
        duplicates=plan.duplicates,
        temperatures=len(plan.temperatures),
        medications=len(plan.medications),
        diary_entries=len(plan.fatigue) + len(plan.infections) + len(plan.visits),
        fills_profile=plan.profile is not None,
        problems=tuple(parsed.problems) + tuple(plan.problems),
        untracked=tuple(sorted(parsed.untracked.items(), key=lambda kv: (-kv[1], kv[0]))),
        cycles=len(plan.cycles),
    )


def preview_import(
    db: Database,
    path: Path,
    date_format: str | None = None,
    now: datetime | None = None,
    passphrase: str | None = None,
) -> ImportPreview:
    """Parse `path` and compare it with the records; stores nothing."""
    now = now or datetime.now()
    try:
        parsed = _parse(path, date_format, now, passphrase)
    except FileFormatError as exc:
        return _unreadable(path, str(exc))
    with db.reading() as repo:
        plan = plan_import(repo, parsed)
    return _preview(path, parsed, plan)


def import_files(
    db: Database,
    paths: Sequence[Path],
    date_format: str | None = None,
    now: datetime | None = None,
    skip_problems: bool = False,
    passphrase: str | None = None,
) -> ImportReport:
    """Import each file in its own transaction; a file with any blocking problem stores nothing,
    unless `skip_problems`: then its good rows are stored and the bad ones left out.
    `passphrase` opens encrypted JSON backups (`export --format json --encrypt`).
    """
    now = now or datetime.now()
    reports: list[FileReport] = []
    safety_copy: Path | None = None
    for path in paths:
        try:
            parsed = _parse(path, date_format, now, passphrase)
        except FileFormatError as exc:
            reports.append(FileReport(_unreadable(path, str(exc)), False))
            continue
        with db.transaction() as repo:
            plan = plan_import(repo, parsed)
            preview = _preview(path, parsed, plan)
            partial = skip_problems and preview.can_import_the_rest
            if not preview.can_import and not partial:
                reports.append(FileReport(preview, False))
                continue
            if plan.has_work and safety_copy is None:
                safety_copy = _safety_copy(db, now)
            _store(repo, plan, parsed, str(path))
        reports.append(FileReport(preview, True, partial))
    return ImportReport(tuple(reports), safety_copy)


def store_parsed(repo: Repository, parsed: ParsedImport, path: Path) -> ImportPreview:
    """Plan and store one parsed file inside the caller's transaction (nothing if it has a
    blocking problem: the preview lists them)."""
    plan = plan_import(repo, parsed)
    preview = _preview(path, parsed, plan)
    if preview.can_import:
        _store(repo, plan, parsed, str(path))
    return preview


def _safety_copy(db: Database, now: datetime) -> Path:
    """backups/before-import-<time>.sqlite3, made with SQLite's backup API."""
    return make_backup(db.path, "before-import", now, db.key)


# -- planning: what of the file is new ----------------------------------------------------------
def _store(repo: Repository, plan: ImportPlan, parsed: ParsedImport, source_file: str) -> None:
    if plan.profile is not None:
        repo.save_profile(plan.profile)
    for key, value in plan.settings.items():
        repo.set_setting(key, value)
    repo.delete_results(plan.stale_results)
    ids = repo.bulk_add_draws(plan.new_draws, source_file)
    pairs: list[tuple[int, Result]] = list(plan.into_existing)
    for draw in plan.new_draws:
        draw_id = ids[draw.taken_at]
        pairs.extend((draw_id, r) for r in draw.results)
    repo.bulk_add_results(pairs)
    repo.bulk_add_temperatures(plan.temperatures, parsed.kind)
    repo.bulk_add_medications(plan.medications, parsed.kind)
    for f in plan.fatigue:
        repo.add_fatigue(f)
    for i in plan.infections:
        repo.add_infection(i)
    for v in plan.visits:
        repo.add_visit(v)
    for c in plan.cycles:
        repo.add_cycle(c, parsed.kind)

    if parsed.lab_reports:
        from leukotrack.services.labreports import restore_reports

        restore_reports(repo, parsed.lab_reports)
