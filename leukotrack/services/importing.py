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

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.anc import calculated_anc_result
from leukotrack.domain.care import Visit
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    Result,
    TemperatureReading,
)
from leukotrack.io.detect import parse_bytes
from leukotrack.io.parsed import FileFormatError, Located, ParsedImport, Problem, show_time
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


@dataclass
class _Plan:
    new_draws: list[Draw] = field(default_factory=list)
    into_existing: list[tuple[int, Result]] = field(default_factory=list)
    stale_results: list[int] = field(default_factory=list)  # calculated ANCs to recalculate
    temperatures: list[TemperatureReading] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    fatigue: list[FatigueEntry] = field(default_factory=list)
    infections: list[Infection] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    profile: Profile | None = None
    duplicates: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    units: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def has_work(self) -> bool:
        return bool(
            self.new_draws
            or self.into_existing
            or self.temperatures
            or self.medications
            or self.fatigue
            or self.infections
            or self.visits
            or self.cycles
            or self.settings
            or self.profile
        )


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


def _preview(path: Path, parsed: ParsedImport, plan: _Plan) -> ImportPreview:
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
        plan = _plan(repo, parsed)
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
            plan = _plan(repo, parsed)
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
    plan = _plan(repo, parsed)
    preview = _preview(path, parsed, plan)
    if preview.can_import:
        _store(repo, plan, parsed, str(path))
    return preview


def _safety_copy(db: Database, now: datetime) -> Path:
    """backups/before-import-<time>.sqlite3, made with SQLite's backup API."""
    return make_backup(db.path, "before-import", now, db.key)


# -- planning: what of the file is new ----------------------------------------------------------
def _plan(repo: Repository, parsed: ParsedImport) -> _Plan:
    plan = _Plan()
    profile = repo.profile()
    plan.profile = _profile_to_save(profile, parsed)
    birth = (plan.profile or profile).birth_date
    _plan_draws(repo, parsed, plan, birth)
    _plan_diary(repo, parsed, plan, birth)
    stored = repo.settings()
    plan.settings = {k: v for k, v in parsed.settings.items() if k not in stored}
    return plan


def _profile_to_save(current: Profile, parsed: ParsedImport) -> Profile | None:
    incoming = parsed.profile
    if incoming is None:
        return None
    if parsed.full_profile:
        return incoming if current == Profile() and incoming != Profile() else None
    if not current.is_empty or incoming.is_empty:
        return None
    return replace(current, name=incoming.name, sex=incoming.sex, birth_date=incoming.birth_date)


def _plan_draws(repo: Repository, parsed: ParsedImport, plan: _Plan, birth: Any) -> None:
    draws = parsed.sorted_draws()
    if not draws:
        return
    stored = repo.stored_results(draws[0].taken_at, draws[-1].taken_at)
    for draw in draws:
        if birth is not None and draw.taken_at.date() < birth:
            for item in draw.results:
                plan.problems.append(
                    Problem(
                        item.where,
                        f"the date {show_time(draw.taken_at)} is before the birth date "
                        f"{birth.isoformat()}; check the year.",
                    )
                )
            continue
        existing = stored.get(draw.taken_at)
        have = existing[1] if existing else {}
        fresh: list[Result] = []
        for item in draw.results:
            r = item.result
            old = have.get(r.analyte)
            if old is not None:
                if abs(old.value - r.value) < 1e-9 and old.comparator == r.comparator:
                    plan.duplicates += 1
                    continue
                if not (old.calculated and parsed.recalculate_anc):
                    plan.problems.append(
                        Problem(
                            item.where,
                            f"a {ANALYTES[r.analyte].short} of {old.entered} is already stored "
                            f"at {show_time(draw.taken_at)}; this file says {r.entered}. "
                            "Correct one of them, then import again.",
                        )
                    )
                    continue
                plan.problems.append(
                    Problem(
                        item.where,
                        f"an ANC was calculated for {show_time(draw.taken_at)} from the stored "
                        f"results; edit that draw to add the lab's ANC ({r.entered}).",
                    )
                )
                continue
            fresh.append(r)
            plan.counts[r.analyte] += 1
            plan.units.setdefault(r.analyte, set()).add(item.unit)
        old_anc = have.get("anc")
        if parsed.recalculate_anc and (old_anc is None or old_anc.calculated):
            # A calculated ANC follows its inputs: recalculate it when the file adds one.
            typed = [r for r in have.values() if not r.calculated]
            calc = calculated_anc_result([*typed, *fresh])
            changed = old_anc is None or (
                calc is not None and abs(calc.value - old_anc.value) > 1e-9
            )
            if calc is not None and changed:
                if old_anc is not None and old_anc.id is not None:
                    plan.stale_results.append(old_anc.id)
                else:
                    plan.counts["anc"] += 1
                fresh.append(calc)
        if not fresh:
            continue
        if existing is None:
            source = draw.source or parsed.source
            plan.new_draws.append(Draw(draw.taken_at, tuple(fresh), draw.lab, source))
        else:
            plan.into_existing.extend((existing[0], r) for r in fresh)


def _plan_diary(repo: Repository, parsed: ParsedImport, plan: _Plan, birth: Any) -> None:
    def before_birth(day: Any, where: str) -> bool:
        if birth is not None and day < birth:
            plan.problems.append(
                Problem(where, f"{day.isoformat()} is before the birth date {birth.isoformat()}.")
            )
            return True
        return False

    temps = {(t.taken_at, round(t.celsius, 3)) for t in repo.temperatures()}
    for loc in parsed.temperatures:
        t = loc.item
        key = (t.taken_at, round(t.celsius, 3))
        if key in temps:
            plan.duplicates += 1
        elif not before_birth(t.taken_at.date(), loc.where):
            temps.add(key)
            plan.temperatures.append(t)
    meds = {(m.name.lower(), m.start) for m in repo.medications()}
    for loc_m in parsed.medications:
        m = loc_m.item
        mkey = (m.name.lower(), m.start)
        if mkey in meds:
            plan.duplicates += 1
        elif not before_birth(m.start, loc_m.where):
            meds.add(mkey)
            plan.medications.append(m)
    fatigue = {f.day: f for f in repo.fatigue()}
    for loc_f in parsed.fatigue:
        f = loc_f.item
        old = fatigue.get(f.day)
        if old is not None:
            if (old.score, old.note) == (f.score, f.note):
                plan.duplicates += 1
            else:
                plan.problems.append(
                    Problem(
                        loc_f.where,
                        f"a fatigue score of {old.score} is already stored for "
                        f"{f.day.isoformat()}; this file says {f.score}.",
                    )
                )
        else:
            fatigue[f.day] = f
            plan.fatigue.append(f)
    plan.duplicates += _new_only(
        repo.infections(), parsed.infections, lambda i: (i.start, i.kind.lower()), plan.infections
    )
    plan.duplicates += _new_only(
        repo.visits(), parsed.visits, lambda v: (v.at, v.with_whom.lower()), plan.visits
    )
    _plan_cycles(repo, parsed, plan, before_birth)


def _new_only(
    stored: Sequence[K], found: Sequence[Located[K]], key: Callable[[K], Hashable], into: list[K]
) -> int:
    """Add to `into` the items of `found` whose key is neither stored nor seen before in the
    file; returns how many were already there."""
    seen = {key(item) for item in stored}
    duplicates = 0
    for located in found:
        k = key(located.item)
        if k in seen:
            duplicates += 1
        else:
            seen.add(k)
            into.append(located.item)
    return duplicates


def _plan_cycles(
    repo: Repository, parsed: ParsedImport, plan: _Plan, before_birth: Callable[[Any, str], bool]
) -> None:
    """A cycle already stored on that start date is skipped when it says the same, refused
    (naming the stored one) when it differs: two cycles never start on one day."""
    stored = {c.start: c for c in repo.cycles()}
    for loc in parsed.cycles:
        c = loc.item
        old = stored.get(c.start)
        if old is not None:
            if (old.regimen, old.length_days, old.note) == (c.regimen, c.length_days, c.note):
                plan.duplicates += 1
            else:
                what = f" ({old.regimen})" if old.regimen else ""
                plan.problems.append(
                    Problem(
                        loc.where,
                        f"a cycle{what} already starts on {c.start.isoformat()}; this file "
                        "describes it differently. Edit the stored cycle instead.",
                    )
                )
        elif not before_birth(c.start, loc.where):
            stored[c.start] = c
            plan.cycles.append(c)


# -- storing ------------------------------------------------------------------------------------
def _store(repo: Repository, plan: _Plan, parsed: ParsedImport, source_file: str) -> None:
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
