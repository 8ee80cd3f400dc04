"""The hematologist report as a PDF: real text, page size, page count, edge cases, atomic writes."""

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from leukotrack.domain.errors import InputError
from leukotrack.report.content import SummaryLine
from leukotrack.services.demo import fill_demo
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.reporting import ReportRequest, make_report, paper_for_locale
from leukotrack.storage.db import Database

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 12, 0)
EVERYTHING = ReportRequest(all_data=True)
SUMMARY = [
    SummaryLine("danger", "White cells low for 3 months or more", "Since 2 March 2026 (264 days).")
]


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_demo_report(qapp: object, db: Database, tmp_path: Path) -> None:
    fill_demo(db, TODAY)
    out = tmp_path / "report.pdf"
    pages = make_report(db, out, EVERYTHING, "A4", NOW, SUMMARY)
    info = pdf_info(out)
    assert int(info["Pages"]) == pages == 2  # two years of demo data, without an appendix
    assert "(A4)" in info["Page size"]
    assert info["Title"] == "Blood count report for the hematologist: Alex Demo (fictional)"
    assert info["Author"] == "Alex Demo (fictional)"
    text = pdf_text(out)
    for expected in (
        "Blood count report for the hematologist",
        "14 May 1988",
        "White cells low for 3 months or more",
        "CTCAE v5.0",
        "Cyclophosphamide",
        "chest infection",
        "Questions for the visit on 30 November 2026 with the hematologist",
        "Should the clozapine blood tests stay monthly",
        f"Page 1 of {pages}",
        "it does not replace your care team's advice",
    ):
        assert expected in text, expected
    assert text.count("Alex Demo (fictional)") >= pages  # the name on every page


def test_letter_paper_and_a_single_draw(qapp: object, db: Database, tmp_path: Path) -> None:
    record_results(
        db,
        ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "2.9 K/uL", "anc": "0.8"}),
        datetime(2026, 11, 21),
    )
    out = tmp_path / "one.pdf"
    pages = make_report(db, out, ReportRequest(start=date(2026, 1, 1)), "Letter", NOW, [])
    assert pages == 2  # page 2: the Your numbers block on the one neutrophil result
    assert pdf_info(out)["Page size"].startswith("612 x 792")
    text = pdf_text(out)
    assert "03 Mar 2026" in text and "2.90 L" in text and "0.80 L" in text
    assert "No flags are active" in text
    assert "1 January 2026 to 21 November 2026" in text


def test_empty_period_is_one_clear_page(qapp: object, db: Database, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    request = ReportRequest(start=date(2020, 1, 1), end=date(2020, 12, 31))
    assert make_report(db, out, request, "A4", NOW, []) == 1
    text = pdf_text(out)
    assert "There are no records in this period" in text
    assert "No blood tests in this period." in text


def test_failed_report_leaves_no_file(qapp: object, db: Database, tmp_path: Path) -> None:
    record_results(
        db, ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "2.9"}), datetime(2026, 11, 21)
    )
    out = tmp_path / "broken.pdf"

    def broken_chart(*_args: object) -> object:
        def paint(painter: QPainter, rect: QRectF) -> None:
            raise RuntimeError("chart failed")

        return paint

    with pytest.raises(RuntimeError, match="chart failed"):
        make_report(db, out, EVERYTHING, "A4", NOW, [], chart=broken_chart)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_chart_is_painted_into_its_rectangle(qapp: object, db: Database, tmp_path: Path) -> None:
    record_results(
        db, ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "2.9"}), datetime(2026, 11, 21)
    )
    seen: list[QRectF] = []

    def factory(period: object, start: object, end: object):  # type: ignore[no-untyped-def]
        def paint(painter: QPainter, rect: QRectF) -> None:
            seen.append(rect)
            painter.drawText(rect, "CHART-MARKER")

        return paint

    out = tmp_path / "chart.pdf"
    make_report(db, out, EVERYTHING, "A4", NOW, [], chart=factory)
    assert len(seen) == 1 and seen[0].width() > 1000
    page = 297 / 25.4 * 600  # A4's height in device units at 600 dpi
    assert seen[0].height() >= page / 3 * 0.85  # a third of the printable page at least
    assert "CHART-MARKER" in pdf_text(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((date(2026, 5, 1), date(2026, 4, 1)), r"starts \(2026-05-01\) after it ends"),
    ],
)
def test_bad_period(
    qapp: object, db: Database, tmp_path: Path, args: tuple[date, date], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        make_report(
            db, tmp_path / "x.pdf", ReportRequest(start=args[0], end=args[1]), "A4", NOW, []
        )
    assert not (tmp_path / "x.pdf").exists()


def test_bad_target(qapp: object, db: Database, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"does not end in \.pdf"):
        make_report(db, tmp_path / "x.txt", EVERYTHING, "A4", NOW, [])
    with pytest.raises(InputError, match="does not exist"):
        make_report(db, tmp_path / "nope" / "x.pdf", EVERYTHING, "A4", NOW, [])


@pytest.mark.parametrize(
    ("locale_name", "paper"),
    [
        ("en_US", "Letter"),
        ("en_US.UTF-8", "Letter"),
        ("fr_CA", "Letter"),
        ("es_MX", "Letter"),
        ("en_GB", "A4"),
        ("de_DE.UTF-8", "A4"),
        ("C", "A4"),
        ("", "A4"),
        ("en-PH", "Letter"),
    ],
)
def test_paper_for_locale(locale_name: str, paper: str) -> None:
    assert paper_for_locale(locale_name) == paper


def test_ten_year_report(qapp: object, tmp_path: Path) -> None:
    from benchmarks.dataset import build_dataset
    from leukotrack.gui.report_export import save_report
    from leukotrack.services.store import open_records

    data = tmp_path / "ten"
    build_dataset(data)
    db = open_records(data, daily_backup=False)
    try:
        out = tmp_path / "ten.pdf"
        pages = save_report(db, out, None, "A4")
        appendix = tmp_path / "ten-appendix.pdf"
        long = save_report(db, appendix, ReportRequest(appendix=frozenset({"table", "diary"})))
    finally:
        db.close()
    info = pdf_info(out)
    assert int(info["Pages"]) == pages and 2 <= pages <= 4  # no visit recorded: everything
    text = pdf_text(out)
    assert f"Page {pages} of {pages}" in text and "WBC usual range" in text
    assert "Fatigue by week" in text
    assert 20 <= long <= 150 and "Every blood test" in pdf_text(appendix)
    fonts = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column: embedded


def test_treatment_cycles_section_in_the_report(qapp: object, db: Database, tmp_path: Path) -> None:
    fill_demo(db, TODAY)
    out = tmp_path / "report.pdf"
    pages = make_report(db, out, EVERYTHING, "A4", NOW, SUMMARY)
    assert pages == 2  # the section sits on page 2, which still holds the rest
    text = pdf_text(out)
    assert "Treatment cycles" in text
    flat = " ".join(text.split())
    assert "your lowest recorded neutrophils came on days" in flat
    assert "Days without a test may have been lower." in flat
    assert (
        "The team's thresholds before a cycle (×10⁹/L), as set in the profile: ANC 1.5, platelets 100"
        in flat
    )
    for cycle in ("C1", "C6"):
        assert cycle in text
    assert "R-CHOP" in text and "team 1.5" in text
    # a period without cycles has no such section
    later = tmp_path / "later.pdf"
    make_report(db, later, ReportRequest(start=date(2026, 10, 1)), "A4", NOW, SUMMARY)
    assert "Treatment cycles" not in pdf_text(later)
