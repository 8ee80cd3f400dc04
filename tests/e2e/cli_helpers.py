"""Run the real command line in a subprocess, and count what the database holds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLES = (
    "profile",
    "draw",
    "result",
    "temperature",
    "fatigue",
    "infection",
    "medication",
    "setting",
    "cycle",
)


def run_cli(data_dir: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LEUKOTRACK_DATA_DIR": ""}
    env.pop("LEUKOTRACK_DATA_DIR")
    proc = subprocess.run(
        [sys.executable, "-m", "leukotrack", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"leukotrack {' '.join(args)} failed ({proc.returncode}): {proc.stderr}"
        )
    return proc


def row_counts(data_dir: Path) -> dict[str, int]:
    path = data_dir / "leukotrack.sqlite3"
    if not path.exists():
        return {}
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()
