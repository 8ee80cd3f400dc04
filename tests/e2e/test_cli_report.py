"""`leukotrack report`: headless (no display, no CUPS), the flags in words, bad input refused."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .cli_helpers import ROOT, run_cli

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def test_report_without_a_display(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    out = tmp_path / "report.pdf"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "leukotrack",
            "--data-dir",
            str(data_dir),
            "report",
            "--out",
            str(out),
            "--paper",
            "Letter",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Wrote" in proc.stdout and out.exists()
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flags = run_cli(data_dir, "flags", check=True).stdout
    first_title = flags.splitlines()[0].split(":")[0].split("  ", 1)[1].strip()
    assert first_title in text.replace("\n", " ")
    assert "WBC usual range" in text and "Clozapine" in text  # the chart's legend, the medicines


def test_report_period(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    out = tmp_path / "old.pdf"
    run_cli(
        data_dir,
        "report",
        "--out",
        str(out),
        "--from",
        "2001-01-01",
        "--to",
        "2001-12-31",
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "There are no records in this period" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-05-01", "--to", "2026-04-01"), "after it ends"),
        (("--from", "May 2026"), "YYYY-MM-DD"),
        (("--kind", "surgeon"), "'surgeon' is not a kind of report; use hematologist, procedure"),
        (("--appendix", "table,charts"), "'charts' is not a part of the appendix"),
        (("--kind", "emergency", "--from", "2026-05-01", "--to", "2026-04-01"), "after it ends"),
    ],
)
def test_bad_report_input(
    data_dir: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "r.pdf"
    proc = run_cli(data_dir, "report", "--out", str(out), *args)
    assert proc.returncode == 2 and message in proc.stderr
    assert not out.exists()


def test_report_to_a_missing_folder(data_dir: Path, tmp_path: Path) -> None:
    proc = run_cli(data_dir, "report", "--out", str(tmp_path / "nope" / "r.pdf"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
