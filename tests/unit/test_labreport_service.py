"""Saving a reviewed report: all or nothing, the original kept, the backup carries it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from leukotrack.domain.errors import InputError
from leukotrack.services.exporting import export_records
from leukotrack.services.importing import import_files
from leukotrack.services.labreports import ReviewedDraw, read_report, save_report
from leukotrack.services.store import open_records
from tests.labreports.files import reports  # noqa: F401  (fixture)

NOW = datetime(2026, 6, 1, 12, 0)


def _draws(path: Path) -> tuple[object, list[ReviewedDraw]]:
    reading = read_report(path)
    return reading, [ReviewedDraw(d.taken_at, d.lab, d.results) for d in reading.draws]  # type: ignore[arg-type]


def test_save_keeps_the_file_and_each_page(tmp_path: Path, reports: Path) -> None:  # noqa: F811
    db = open_records(tmp_path / "data")
    try:
        reading, draws = _draws(reports / "two_pages.pdf")
        saved = save_report(db, reports / "two_pages.pdf", reading, draws, NOW)  # type: ignore[arg-type]
        assert not saved.already_imported and saved.draws == 1 and saved.added == 10
        with db.reading() as repo:
            pages = {s.analyte: s.page for s in repo.report_files.sources()}
            (stored,) = repo.report_files.all()
            content = repo.report_files.content(stored.id)
        assert pages["wbc"] == 1 and pages["anc"] == 2
        assert content == (reports / "two_pages.pdf").read_bytes()
        again = save_report(db, reports / "two_pages.pdf", reading, draws, NOW)  # type: ignore[arg-type]
        assert again.already_imported and again.added == 0
    finally:
        db.close()


def test_rows_still_needing_a_look_or_a_future_date_store_nothing(
    tmp_path: Path,
    reports: Path,  # noqa: F811
) -> None:
    db = open_records(tmp_path / "data")
    try:
        reading, draws = _draws(reports / "slips.pdf")
        with pytest.raises(InputError, match="still need a look"):
            save_report(db, reports / "slips.pdf", reading, draws, NOW)  # type: ignore[arg-type]
        reading, draws = _draws(reports / "uk.pdf")
        future = [replace(draws[0], taken_at=datetime(2027, 1, 1))]
        with pytest.raises(InputError, match="in the future"):
            save_report(db, reports / "uk.pdf", reading, future, NOW)  # type: ignore[arg-type]
        with db.reading() as repo:
            counts = repo.counts()
        assert counts["draw"] == counts["report_file"] == counts["report_source"] == 0
    finally:
        db.close()


def test_json_backup_carries_the_reports(tmp_path: Path, reports: Path) -> None:  # noqa: F811
    db = open_records(tmp_path / "data")
    try:
        reading, draws = _draws(reports / "german.pdf")
        save_report(db, reports / "german.pdf", reading, draws, NOW)  # type: ignore[arg-type]
        backup = export_records(db, "json", tmp_path / "backup.json")
    finally:
        db.close()
    other = open_records(tmp_path / "other")
    try:
        assert import_files(other, [backup]).ok
        assert import_files(other, [backup]).ok  # again: adds nothing
        with other.reading() as repo:
            (stored,) = repo.report_files.all()
            assert stored.file_name == "german.pdf"
            assert repo.report_files.content(stored.id) == (reports / "german.pdf").read_bytes()
            assert len(repo.report_files.sources()) == 10
    finally:
        other.close()
