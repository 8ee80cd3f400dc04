"""The three documents as PDFs: what each page holds, page counts, no advice, nothing recorded."""

import re
import shutil
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from leukotrack.domain.care import CareContact
from leukotrack.domain.wording import on_day
from leukotrack.services.demo import fill_demo
from leukotrack.services.diary import add_medication, add_temperature
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.profile import update_profile
from leukotrack.services.reporting import ReportRequest, make_report
from leukotrack.services.timeline import load_timeline
from leukotrack.storage.db import Database

from .cli_helpers import run_cli

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

NOW = datetime(2026, 11, 21, 12, 0)
TODAY = NOW.date()
# Words that would turn a sheet into advice or a risk estimate.
ADVICE = re.compile(
    r"\b(safe|should|recommend\w*|advis\w*|must|score|MASCC|CISNE|stop taking|start taking|"
    r"go home|risk of)\b",
    re.IGNORECASE,
)


def text_of(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(out.split())  # one line: wrapped sentences can be searched whole


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


def write(db: Database, tmp_path: Path, kind: str, **request: object) -> Path:
    from leukotrack.gui.report_export import save_report  # with the trend chart

    out = tmp_path / f"{kind}.pdf"
    pages = save_report(db, out, ReportRequest(kind, **request), "A4", NOW)  # type: ignore[arg-type]
    assert page_count(out) == pages
    return out


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db, TODAY)
    return db


def test_hematologist_page_one_stands_alone(qapp: object, demo: Database, tmp_path: Path) -> None:
    out = write(demo, tmp_path, "hematologist")
    assert page_count(out) <= 2
    first = text_of(out, 1)
    last_visit = TODAY - timedelta(days=120)
    for expected in (
        "Blood count report for the hematologist",
        "Alex Demo (fictional)",
        f"Since {last_visit.day} {last_visit:%B %Y} (the last visit):",
        "blood tests",
        "WBC (×10⁹/L)",
        "ANC (×10⁹/L)",
        "Lymph (×10⁹/L)",
        "Hb (g/dL)",
        "PLT (×10⁹/L)",
        "Change since the first result",
        "Lowest",
        "What the numbers show",
        "Questions for the visit on 30 November 2026 with the hematologist",
        "Should the clozapine blood tests stay monthly",
        "WBC usual range",  # the chart's legend
    ):
        assert expected in first, expected
    n = int(re.search(r"the last visit\): (\d+) blood tests", first).group(1))  # type: ignore[union-attr]
    assert n >= 3
    second = text_of(out, 2)
    for expected in ("Medicines", "Clozapine", "Infections and fevers", "Fatigue by week"):
        assert expected in second, expected
    assert "Every blood test" not in text_of(out)  # the appendix only on request
    assert not re.search(r"risk score|MASCC|CISNE|\bsafe\b", text_of(out), re.IGNORECASE)


def test_two_years_fit_two_pages_and_the_appendix_adds_the_tables(
    qapp: object, demo: Database, tmp_path: Path
) -> None:
    plain = write(demo, tmp_path, "hematologist", all_data=True)
    assert page_count(plain) == 2
    both = tmp_path / "appendix.pdf"
    request = ReportRequest(all_data=True, appendix=frozenset({"table", "diary"}))
    pages = make_report(demo, both, request, "A4", NOW)
    text = text_of(both)
    assert pages > 2 and "Appendix" in text and "Every blood test" in text
    assert "Temperatures" in text and "Week of" in text
    table_only = tmp_path / "table.pdf"
    make_report(demo, table_only, ReportRequest(appendix=frozenset({"table"})), "A4", NOW)
    assert "Every blood test" in text_of(table_only) and "Week of" not in text_of(table_only)


def test_procedure_sheet(qapp: object, demo: Database, tmp_path: Path) -> None:
    out = write(demo, tmp_path, "procedure")
    assert page_count(out) == 1
    text = text_of(out)
    for expected in (
        "Blood counts before a procedure",
        "Name Alex Demo (fictional)",
        "Born 14 May 1988",
        "White blood cells",
        "Neutrophils (absolute count)",
        "Lymphocytes (absolute)",
        "Hemoglobin",
        "Platelets",
        "Range",
        "Lowest from 23 August 2026 to 21 November 2026",
        "What the numbers show on 21 November 2026",
        "Current medicines on 21 November 2026",
        "lowers white cells",
        "Treatment cycles",
        "Current cycle none running on this day",  # the demo's six cycles ended in May
        "Next planned cycle not recorded",
        "Care team",
        "020 7946 0999",
        "Share this with the person doing your procedure; they decide what precautions you need.",
    ):
        assert expected in text, expected
    latest = load_timeline(demo).draws[-1]
    assert f"Latest blood count: {on_day(latest.taken_at)[3:]}, {latest.lab}" in text
    assert re.search(r"ANC [\d.]+ ×10⁹/L on \d+ \w+ 2026", text)
    assert re.search(r"Platelets \d+ ×10⁹/L on \d+ \w+ 2026", text)
    body = text.replace("they decide what precautions you need", "")
    assert not ADVICE.search(body), ADVICE.search(body)


def test_emergency_sheet_with_a_fever(qapp: object, db: Database, tmp_path: Path) -> None:
    update_profile(
        db,
        name="Sam",
        allergies="penicillin (hives)",
        care_team=[
            CareContact("Dr Lee", "hematologist", "020 7946 0451"),
            CareContact("Ward 7", "acute oncology", "020 7946 0999", True),
        ],
        now=NOW,
    )
    record_results(db, ResultEntry(NOW - timedelta(days=2), {"wbc": "1.1", "anc": "0.4"}), NOW)
    add_temperature(db, NOW - timedelta(hours=50), "39.0 C", NOW)  # older than 48 hours
    add_temperature(db, NOW - timedelta(hours=30), "37.9 C", NOW)
    add_temperature(db, NOW - timedelta(hours=3), "101.5 F", NOW)
    add_medication(db, "Oxaliplatin", NOW.date() - timedelta(days=9), now=NOW)
    out = write(db, tmp_path, "emergency")
    assert page_count(out) == 1
    text = text_of(out)
    for expected in (
        "For the emergency department",
        "Allergies penicillin (hives)",
        "Temperatures in the last 48 hours",
        "21 Nov 2026 09:00 38.6 °C 101.5 °F",
        "20 Nov 2026 06:00 37.9 °C",
        "From 19 Nov 2026 12:00 to 21 Nov 2026 12:00.",
        "0.4 ×10⁹/L (400 cells/µL) on 19 November 2026 at 12:00",
        "1.1 ×10⁹/L (1100 cells/µL) on 19 November 2026 at 12:00",
        "Oxaliplatin (since 12 November 2026)",
        "Ward 7 (acute oncology): 020 7946 0999",
        "Fever (IDSA 2010): a single temperature of 38.3 °C",
        "38.0 °C (100.4 °F) or more sustained over an hour",
        "Neutropenia (IDSA 2010): an ANC below 0.5 ×10⁹/L",
        "expected to fall below 0.5",
    ):
        assert expected in text, expected
    assert "39.0" not in text and "Dr Lee" not in text  # only the 48 hours; only 24-hour lines
    assert not ADVICE.search(text), ADVICE.search(text)


def test_sheets_for_a_patient_with_nothing_recorded(
    qapp: object, db: Database, tmp_path: Path
) -> None:
    procedure = text_of(write(db, tmp_path, "procedure"))
    for expected in (
        "Name not recorded",
        "Born not recorded",
        "Allergies not recorded",
        "No blood count recorded.",
        "ANC no result in the last 90 days",
        "No flags are active.",
        "No current medicines recorded.",
        "No care team contacts recorded.",
    ):
        assert expected in procedure, expected
    emergency = text_of(write(db, tmp_path, "emergency"))
    for expected in (
        "Allergies not recorded",
        "Neutrophils (ANC) not recorded",
        "White cells (WBC) not recorded",
        "No 24-hour number recorded.",
        "Fever (IDSA 2010)",
    ):
        assert expected in emergency, expected
    report = write(db, tmp_path, "hematologist")
    assert page_count(report) == 1
    text = text_of(report)
    assert "There are no records in this period" in text
    assert "Questions for the next visit None written." in text


def test_a_period_with_no_data(qapp: object, demo: Database, tmp_path: Path) -> None:
    from datetime import date

    out = write(demo, tmp_path, "hematologist", start=date(2001, 1, 1), end=date(2001, 12, 31))
    assert page_count(out) == 1
    text = text_of(out)
    assert "Since 1 January 2001: 0 blood tests" in text
    assert "No blood tests in this period." in text
    sheet = text_of(write(demo, tmp_path, "procedure", end=date(2001, 12, 31)))
    assert "No blood count recorded." in sheet  # a sheet as of a day before any record


def test_every_kind_from_the_command_line(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "add", "visit", "--date", "2026-03-01T09:30", "--with", "GP", check=True)
    run_cli(
        data_dir,
        "add",
        "contact",
        "--name",
        "Ward 7",
        "--phone",
        "+44 (0)20 7946 0999",
        "--24h",
        check=True,
    )
    run_cli(data_dir, "profile", "--allergies", "latex", check=True)
    listed = run_cli(data_dir, "visits", "--json", check=True).stdout
    assert '"at": "2026-03-01T09:30:00"' in listed and '"with": "GP"' in listed
    for kind in ("hematologist", "procedure", "emergency"):
        out = tmp_path / f"{kind}.pdf"
        proc = run_cli(data_dir, "report", "--kind", kind, "--out", str(out), "--paper", "Letter")
        assert proc.returncode == 0, proc.stderr
        assert "(1 page)" in proc.stdout
    assert "+44 (0)20 7946 0999" in text_of(tmp_path / "emergency.pdf")
    assert "Allergies latex" in text_of(tmp_path / "procedure.pdf")


def test_bad_visit_on_the_command_line(data_dir: Path) -> None:
    proc = run_cli(data_dir, "add", "visit", "--date", "2026-13-01")
    assert proc.returncode == 2 and "not a real date" in proc.stderr
    assert run_cli(data_dir, "visits", check=True).stdout.startswith("No visits recorded")


def test_sheets_show_the_cycle_day_last_chemotherapy_and_last_gcsf(
    qapp: object, db: Database, tmp_path: Path
) -> None:
    from leukotrack.services.cycles import add_cycle

    today = NOW.date()
    add_cycle(db, today - timedelta(days=30), "FOLFOX", 21, now=NOW)
    add_cycle(db, today - timedelta(days=9), "FOLFOX", 21, now=NOW)
    add_medication(
        db, "Neulasta 6 mg", today - timedelta(days=8), today - timedelta(days=8), now=NOW
    )
    add_medication(db, "Oxaliplatin", today - timedelta(days=30), now=NOW)
    emergency = text_of(write(db, tmp_path, "emergency"))
    assert "Current cycle day 10 of cycle 2, FOLFOX (day 1 was 12 November 2026)" in emergency
    assert "Last chemotherapy 12 November 2026" in emergency
    assert "Last G-CSF 13 November 2026" in emergency
    procedure = text_of(write(db, tmp_path, "procedure"))
    assert "Next planned cycle expected from 3 December 2026" in procedure
    assert re.search(r"Oxaliplatin .* lowers white cells", procedure)
    assert "Neulasta" not in procedure  # stopped before the sheet's day: not a current medicine
    plain = text_of(write(db, tmp_path, "emergency", end=today - timedelta(days=40)))
    assert "Current cycle" not in plain and "Last G-CSF not recorded" in plain
