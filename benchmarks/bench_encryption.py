"""Encryption's cost: the first paint of the 10-year record, plain and encrypted, side by side.

The encrypted run includes everything a person waits for: reading the passphrase, Argon2id on
it, unwrapping the data key and opening the SQLCipher database. Budget: ≤ +0.5 s over plain.
Also shows the Argon2id unlock alone and the one-off time to turn encryption on.

    .venv/bin/python benchmarks/bench_encryption.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import Row, _timed  # noqa: E402

BUDGET_S = 0.5
PASSPHRASE = "a long enough passphrase"


def rows(data: Path, runs: int, tmp: Path) -> list[Row]:
    from leukotrack.services import privacy
    from leukotrack.storage.sealing import DEFAULT_KDF

    plain = tmp / "enc-bench-plain"
    encrypted = tmp / "enc-bench-encrypted"
    for folder in (plain, encrypted):
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(data, folder)
    t0 = time.perf_counter()
    privacy.turn_on(encrypted, PASSPHRASE)
    turn_on_s = time.perf_counter() - t0
    pw = tmp / "enc-bench-pw.txt"
    pw.write_text(PASSPHRASE + "\n")

    unlocks = []
    for _ in range(runs):
        t0 = time.perf_counter()
        privacy.unlock(encrypted, PASSPHRASE)
        unlocks.append(time.perf_counter() - t0)

    python = sys.executable
    plain_cmd = [python, "-m", "leukotrack", "--data-dir", str(plain), "--smoke-test"]
    enc_cmd = [
        python,
        "-m",
        "leukotrack",
        "--data-dir",
        str(encrypted),
        "--passphrase-file",
        str(pw),
        "--smoke-test",
    ]
    plain_paints, enc_paints = [], []
    for _ in range(runs):  # interleaved, so machine load hits both alike
        plain_paints.append(_timed(plain_cmd, 1)[0])
        enc_paints.append(_timed(enc_cmd, 1)[0])
    p, e = statistics.median(plain_paints), statistics.median(enc_paints)
    kdf = f"Argon2id {DEFAULT_KDF.memory_kib // 1024} MiB, t={DEFAULT_KDF.time_cost}"
    return [
        ("first paint, plain record", f"{p:.2f} s", "", None),
        ("first paint, encrypted (passphrase file)", f"{e:.2f} s", "", None),
        ("  encryption's extra on the first paint", f"+{e - p:.2f} s", "≤ +0.5 s", e - p <= 0.5),
        (f"  of which unlocking ({kdf})", f"{statistics.median(unlocks):.2f} s", "", None),
        ("turning encryption on (10 years, once)", f"{turn_on_s:.2f} s", "", None),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from benchmarks.dataset import build_dataset

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "ten-years"
        build_dataset(data)
        found = rows(data, args.runs, Path(tmp))
    for name, figure, budget, ok in found:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"| {name:52} | {figure:>9} | {budget:>9} | {mark:3} |")
    return 0 if all(ok is not False for *_, ok in found) else 1


if __name__ == "__main__":
    sys.exit(main())
