"""Which importer a file needs, decided from its content (and its name for CSV)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from leukotrack.io.backup import is_backup, parse_backup_document
from leukotrack.io.csv_format import parse_csv
from leukotrack.io.fhir import parse_fhir, parse_fhir_document
from leukotrack.io.parsed import FileFormatError, ParsedImport, decode


def parse_file(
    path: Path, date_format: str | None = None, now: datetime | None = None
) -> ParsedImport:
    """Read `path` as FHIR JSON/NDJSON, our backup or CSV. Raises FileFormatError or OSError."""
    data = path.read_bytes()
    return parse_bytes(data, path.name, date_format, now)


def parse_bytes(
    data: bytes, name: str, date_format: str | None = None, now: datetime | None = None
) -> ParsedImport:
    text = decode(data, name)
    head = text.lstrip()[:1]
    if not head:
        raise FileFormatError(f"{name} is empty; there is nothing to import.")
    if head in "{[" and not name.lower().endswith((".csv", ".tsv", ".txt")):
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            return parse_fhir(data, name, now)  # NDJSON, or a clear message about broken JSON
        if is_backup(document):
            return parse_backup_document(document, name)
        return parse_fhir_document(document, name, now)
    return parse_csv(data, name, date_format, now)
