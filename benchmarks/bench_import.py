"""FHIR import speed: 100,000 Observations imported in ≤ 3× the time `json.load` takes on them.

Reproducible: the file is generated from a fixed seed (Synthea-shaped Observations: WBC,
hemoglobin and platelets, three per draw). Prints the medians of a few runs and the ratio.

    .venv/bin/python benchmarks/bench_import.py [--observations 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from leukotrack.services.importing import import_files  # noqa: E402
from leukotrack.services.store import open_records  # noqa: E402

BUDGET = 3.0
PANEL = (
    ("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.0, 2.5),
    ("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 13.5, 1.5),
    ("777-3", "Platelets [#/volume] in Blood by Automated count", "10*3/uL", 280.0, 60.0),
)


def make_bundle(observations: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    start = datetime(1990, 1, 1, 8, 0, 0)
    entries = []
    for i in range(observations):
        code, display, unit, mean, sd = PANEL[i % 3]
        taken = start + timedelta(hours=6 * (i // 3))
        value = max(0.05, rng.gauss(mean, sd))
        entries.append(
            {
                "fullUrl": f"urn:uuid:obs-{i}",
                "resource": {
                    "resourceType": "Observation",
                    "id": f"obs-{i}",
                    "status": "final",
                    "category": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                    "code": "laboratory",
                                    "display": "laboratory",
                                }
                            ]
                        }
                    ],
                    "code": {
                        "coding": [
                            {"system": "http://loinc.org", "code": code, "display": display}
                        ],
                        "text": display,
                    },
                    "subject": {"reference": "urn:uuid:patient-1"},
                    "encounter": {"reference": f"urn:uuid:enc-{i // 3}"},
                    "effectiveDateTime": taken.isoformat() + "+00:00",
                    "issued": taken.isoformat() + ".000+00:00",
                    "valueQuantity": {
                        "value": value,
                        "unit": unit,
                        "system": "http://unitsofmeasure.org",
                        "code": unit,
                    },
                },
                "request": {"method": "POST", "url": "Observation"},
            }
        )
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def measure(observations: int = 100_000, runs: int = 3) -> tuple[float, float, float]:
    """Medians (s) of json.load and of import_files on a generated file, and its size in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bundle.json"
        path.write_text(json.dumps(make_bundle(observations)))
        return (*time_file(path, runs, Path(tmp)), path.stat().st_size / 1e6)


def time_file(path: Path, runs: int, workdir: Path) -> tuple[float, float]:
    """Medians (s) of json.load of `path` and of importing it into a fresh data folder."""
    loads, imports = [], []
    for run in range(runs):
        t0 = time.perf_counter()
        with path.open("rb") as f:
            json.load(f)
        loads.append(time.perf_counter() - t0)
        db = open_records(workdir / f"data-{path.stem}-{run}")
        try:
            t0 = time.perf_counter()
            report = import_files(db, [path])
            imports.append(time.perf_counter() - t0)
        finally:
            db.close()
        if not report.ok:
            raise RuntimeError(f"import failed: {report.files[0].problems[:5]}")
    return statistics.median(loads), statistics.median(imports)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--observations", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    load, imp, size = measure(args.observations, args.runs)
    ratio = imp / load
    print(f"file: {args.observations} observations, {size:.1f} MB")
    print(f"json.load  median of {args.runs}: {load:.3f} s")
    print(f"import     median of {args.runs}: {imp:.3f} s")
    print(f"ratio: {ratio:.2f}x (budget ≤ {BUDGET:.0f}x) -> {'OK' if ratio <= BUDGET else 'OVER'}")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
