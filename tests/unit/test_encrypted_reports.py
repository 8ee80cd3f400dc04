"""Lab reports kept by an encrypted record: the original PDF sits inside the SQLCipher database,
so no file in the data folder shows a byte of it, and it is never written out in plain."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from leukotrack.services import privacy
from leukotrack.services.labreports import ReviewedDraw, read_report, save_report
from leukotrack.services.store import open_records
from leukotrack.storage import sealing
from leukotrack.storage.sealing import KdfParams
from tests.labreports.files import reports  # noqa: F401  (fixture)

NOW = datetime(2026, 11, 30, 12)


def test_a_saved_report_is_encrypted_with_the_record(
    tmp_path: Path,
    reports: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sealing, "DEFAULT_KDF", KdfParams(1, 1024, 1))
    data = tmp_path / "data"
    open_records(data).close()
    (data / privacy.OPENED_REPORTS).mkdir()
    (data / privacy.OPENED_REPORTS / "1-old.pdf").write_bytes(b"%PDF a plain viewer copy")
    key = privacy.turn_on(data, "correct horse battery").data_key
    assert not (data / privacy.OPENED_REPORTS).exists()  # plain viewer copies are removed
    pdf = reports / "two_pages.pdf"
    reading = read_report(pdf)
    draws = [ReviewedDraw(d.taken_at, d.lab, d.results) for d in reading.draws]  # type: ignore[arg-type]
    db = open_records(data, key=key)
    save_report(db, pdf, reading, draws, NOW)  # type: ignore[arg-type]
    with db.reading() as repo:
        (stored,) = repo.report_files.all()
        assert repo.report_files.content(stored.id) == pdf.read_bytes()
    db.close()
    original = pdf.read_bytes()
    chunks = [original[i : i + 64] for i in range(0, len(original) - 64, 997)]
    for path in (p for p in data.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        assert b"%PDF" not in raw, path.name
        assert not any(chunk in raw for chunk in chunks), path.name
