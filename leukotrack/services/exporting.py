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
from leukotrack.domain.privacy import check_new_passphrase
from leukotrack.io.backup import backup_document, write_backup
from leukotrack.io.csv_write import csv_rows, write_csv
from leukotrack.io.fhir_write import fhir_bundle
from leukotrack.io.files import write_atomic, write_atomic_bytes
from leukotrack.storage.db import Database
from leukotrack.storage.sealing import seal_with_passphrase

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
            bundle = fhir_bundle(
                draws,
                temperatures,
                repo.medications(),
                repo.profile(),
                now,
                repo.cycles(),
                repo.visits(),
            )
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
                visits=repo.visits(),
                now=now,
                cycles=repo.cycles(),
            )
            from leukotrack.io.report_backup import SECTION, report_json
            from leukotrack.services.labreports import kept_reports

            document[SECTION] = [report_json(k) for k in kept_reports(repo)]
            return write_backup(document)
    raise InputError(f"'{fmt}' is not an export format; use csv, json or fhir.")


def export_records(
    db: Database,
    fmt: str,
    out: Path,
    now: datetime | None = None,
    encrypt_with: str | None = None,
) -> Path:
    """Write the export to `out` (whole or not at all).

    With `encrypt_with` (a passphrase), the JSON backup is sealed with AES-256-GCM under an
    Argon2id key (the envelope of docs/encryption.md), which `leukotrack import` reads back.
    """
    text = export_text(db, fmt, now)
    if encrypt_with is not None:
        if fmt != "json":
            raise InputError("Only the JSON backup can be encrypted; use --format json --encrypt.")
        check_new_passphrase(encrypt_with)
        write_atomic_bytes(out, seal_with_passphrase(text.encode("utf-8"), encrypt_with))
        return out
    write_atomic(out, text)
    return out
