"""Kill the process (SIGKILL) in the middle of saving: every committed entry survives, intact."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from .cli_helpers import ROOT

SAVER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from leukotrack.services.entry import ResultEntry, record_results
    from leukotrack.services.store import open_records

    db = open_records(Path(sys.argv[1]))
    start = datetime(2020, 1, 1, 9)
    for n in range(100000):
        when = start + timedelta(hours=n)
        record_results(db, ResultEntry(when, {"wbc": "3.1", "neutrophils_pct": "40", "hemoglobin": "12"}))
        print(when.isoformat(sep=" "), flush=True)
    """
)


def test_sigkill_during_saves_loses_nothing_committed(data_dir: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", SAVER, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as proc:
        assert proc.stdout is not None
        committed = [proc.stdout.readline().strip() for _ in range(60)]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        committed += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    con = sqlite3.connect(data_dir / "leukotrack.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in con.execute("SELECT taken_at FROM draw")}
        stored_norm = {s.replace(".000000", "") for s in stored}
        missing = [c for c in committed if c not in stored_norm]
        assert not missing, missing[:3]
        # no half-written draw: every draw has all four results (three typed + calculated ANC)
        partial = con.execute(
            "SELECT count(*) FROM draw d WHERE (SELECT count(*) FROM result r WHERE r.draw_id = d.id) != 4"
        ).fetchone()[0]
        assert partial == 0
    finally:
        con.close()


def test_sigkill_during_a_long_import_leaves_all_or_nothing(data_dir: Path, tmp_path: Path) -> None:
    import json
    import time

    from benchmarks.bench_import import make_bundle

    bundle = tmp_path / "big.json"
    bundle.write_text(json.dumps(make_bundle(30_000)))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "leukotrack", "--data-dir", str(data_dir)]
    subprocess.run(
        [*run, "add", "fatigue", "--date", "2020-01-01", "--score", "3"],
        check=True,
        env=env,
        cwd=ROOT,
    )
    outcomes = set()
    for delay in (0.9, 1.4):
        with subprocess.Popen(
            [*run, "import", str(bundle)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ) as proc:
            time.sleep(delay)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        con = sqlite3.connect(data_dir / "leukotrack.sqlite3")
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            draws = con.execute("SELECT count(*) FROM draw").fetchone()[0]
            results = con.execute("SELECT count(*) FROM result").fetchone()[0]
            assert (
                con.execute("SELECT count(*) FROM fatigue").fetchone()[0] == 1
            )  # earlier data kept
        finally:
            con.close()
        assert (draws, results) in ((0, 0), (10_000, 30_000)), (draws, results)
        outcomes.add(draws)
    assert 0 in outcomes, "the kill came after the import had finished: it tested nothing"
    # the file imports whole afterwards (or already had): never half
    subprocess.run(
        [*run, "import", str(bundle)], check=True, env=env, cwd=ROOT, capture_output=True
    )
    con = sqlite3.connect(data_dir / "leukotrack.sqlite3")
    try:
        assert con.execute("SELECT count(*) FROM result").fetchone()[0] == 30_000
    finally:
        con.close()
