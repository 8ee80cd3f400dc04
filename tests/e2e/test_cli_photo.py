"""`leukotrack read` and `import` on a photo, through the real command line (real OCR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from leukotrack.io.labreport.ocr.engines import tessdata_dir
from tests.e2e.cli_helpers import row_counts, run_cli
from tests.ocrimages.degrade import DEGRADATIONS, write
from tests.ocrimages.reports import REPORTS, expected


@pytest.mark.skipif(tessdata_dir() is None, reason="Tesseract's English model is not installed")
def test_read_and_import_a_photo(tmp_path: Path) -> None:
    scan = next(d for d in DEGRADATIONS if d.name == "scan-200dpi-jpeg70")
    photo = write(REPORTS[2], scan, tmp_path)
    data = tmp_path / "data"
    out = json.loads(run_cli(data, "read", str(photo), "--json", check=True).stdout)
    assert out["method"] == "ocr" and out["pages"] == 1 and out["file"] == photo.name
    results = out["draws"][0]["results"]
    want = expected(REPORTS[2])
    for r in results:
        assert 0 <= r["confidence"] <= 1
        assert r["needs_review"] or r["value"] == pytest.approx(want[r["analyte"]])
    assert row_counts(data).get("draw", 0) == 0  # read stores nothing
    proc = run_cli(data, "import", str(photo))
    if any(r["needs_review"] for r in results):
        assert proc.returncode == 2 and "open it in the app to review" in proc.stderr
        assert row_counts(data).get("draw", 0) == 0
    else:
        assert proc.returncode == 0, proc.stderr
        assert row_counts(data)["draw"] == 1


def test_a_corrupt_photo_is_one_clear_line(tmp_path: Path) -> None:
    photo = tmp_path / "report.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    data = tmp_path / "data"
    for command in ("read", "import"):
        proc = run_cli(data, command, str(photo))
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.count("\n") == 1 and "damaged" in proc.stderr
    assert row_counts(data).get("draw", 0) == 0
