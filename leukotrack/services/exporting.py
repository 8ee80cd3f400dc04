"""Export the records: CSV (long layout), our JSON backup, or a FHIR R4 collection Bundle.

Every export is written to a temp file and moved into place, so a failed export never leaves a
half-written file. Each format is read back by `services.importing`.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Literal

from leukotrack.domain.errors import InputError
from leukotrack.io.backup import backup_document, write_backup
from leukotrack.io.csv_format import csv_rows, write_csv
from leukotrack.io.fhir import fhir_bundle
from leukotrack.io.files import write_atomic
from leukotrack.storage.db import Database

ExportFormat = Literal["csv", "json", "fhir"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "fhir")


def export_text(db: Database, fmt: str, now: datetime | None = None) -> str:
    """The whole export as text, in the chosen format."""
    with db.reading() as repo:
        draws = repo.draws()
        temperatures = repo.temperatures()
        if fmt == "csv":
            return write_csv(csv_rows(draws, temperatures))
        if fmt == "fhir":
            bundle = fhir_bundle(draws, temperatures, repo.medications(), repo.profile(), now)
            return json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
        if fmt == "json":
            document = backup_document(
                profile=repo.profile(),
                settings=repo.settings(),
                draws=draws,
                temperatures=temperatures,
                fatigue=repo.fatigue(),
                infections=repo.infections(),
                medications=repo.medications(),
                now=now,
            )
            from leukotrack.services.labreports import kept_reports
            from leukotrack.io.report_backup import SECTION, report_json

            document[SECTION] = [report_json(k) for k in kept_reports(repo)]
            return write_backup(document)
    raise InputError(f"'{fmt}' is not an export format; use csv, json or fhir.")


def export_records(db: Database, fmt: str, out: Path, now: datetime | None = None) -> Path:
    """Write the export to `out` (whole or not at all)."""
    text = export_text(db, fmt, now)
    write_atomic(out, text)
    return out
