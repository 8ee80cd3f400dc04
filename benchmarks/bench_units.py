"""Units and names on a portal-style FHIR file: 100,000 Observations whose units are printed the
way US portals print them (`K/mcL`, `x10(3)/mcL`, `Thousand/uL`, `%`, `g/dL`), some named only by
their printed words (no LOINC code: the names dictionary reads them) and some vital signs that
are counted as untracked. Each Observation carries what portal exports carry (category,
subject, encounter, issued, performer, a reference range on labs). The budget is the FHIR one: import ≤ 3× `json.load` of the same file.

    .venv/bin/python benchmarks/bench_units.py [--observations 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_import import time_file  # noqa: E402
from leukotrack.domain.units.grammar import _read  # noqa: E402

Row = tuple[str, str, str, bool | None]
BUDGET = 3.0
LOINC = "http://loinc.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# (LOINC code or None, printed name, printed unit, UCUM code, mean, sd)
PANEL = (
    ("6690-2", "WBC", "K/mcL", "10*3/uL", 4.0, 2.5),
    ("751-8", "Absolute Neutrophils", "x10(3)/mcL", "10*3/uL", 2.2, 1.0),
    ("770-8", "Neutrophils %", "%", "%", 55.0, 10.0),
    (None, "Lymphocytes Absolute", "Thousand/uL", None, 1.6, 0.4),
    ("718-7", "Hemoglobin", "g/dL", "g/dL", 13.0, 1.5),
    ("777-3", "Platelets", "K/uL", "10*3/uL", 250.0, 60.0),
    ("8867-4", "Pulse", "/min", "/min", 75.0, 8.0),
)


def make_bundle(observations: int, seed: int = 12) -> dict[str, object]:
    rng = random.Random(seed)
    start = datetime(1990, 1, 1, 8, 0, 0)
    entries = []
    for i in range(observations):
        code, name, unit, ucum, mean, sd = PANEL[i % len(PANEL)]
        taken = start + timedelta(hours=6 * (i // len(PANEL)))
        coding = [{"system": "urn:oid:1.2.840.114350.1.13.0.1.7.2.768282", "code": f"L{i % 7}"}]
        if code:
            coding.append({"system": LOINC, "code": code, "display": name})
        quantity: dict[str, object] = {"value": round(max(0.05, rng.gauss(mean, sd)), 2)}
        quantity["unit"] = unit
        if ucum:
            quantity.update({"system": "http://unitsofmeasure.org", "code": ucum})
        resource: dict[str, object] = {
            "resourceType": "Observation",
            "id": f"obs-{i}",
            "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": "laboratory"}], "text": "Lab"}],
            "code": {"coding": coding, "text": name},
            "subject": {"reference": "Patient/e63wRTbPfr1p8UW81d8Seiw3", "display": "Doe, Jo"},
            "encounter": {"reference": f"Encounter/e{i // len(PANEL)}"},
            "effectiveDateTime": taken.isoformat() + "-05:00",
            "issued": (taken + timedelta(hours=3)).isoformat() + "Z",
            "performer": [{"reference": "Organization/lab-1", "display": "Hospital Laboratory"}],
            "valueQuantity": quantity,
        }
        if ucum and ucum != "/min":  # labs carry their range, the way portals send it
            low = {"value": round(mean - 1.5 * sd, 1), "unit": unit, "code": ucum}
            high = {"value": round(mean + 1.5 * sd, 1), "unit": unit, "code": ucum}
            resource["referenceRange"] = [{"low": low, "high": high}]
        entries.append(
            {"fullUrl": f"https://portal.example.org/Observation/obs-{i}", "resource": resource}
        )
    return {"resourceType": "Bundle", "type": "searchset", "entry": entries}


def measure(observations: int, runs: int, tmp: Path) -> tuple[float, float, float]:
    path = tmp / "portal-bundle.json"
    path.write_text(json.dumps(make_bundle(observations)))
    return (*time_file(path, runs, tmp), path.stat().st_size / 1e6)


def grammar_microseconds(rounds: int = 2000) -> float:
    """One uncached read of a printed unit, averaged over a mix of spellings."""
    spellings = ["K/mcL", "x10(3)/mcL", "Thousand/uL", "10E+09/L", "Gpt/l", "cells/cu mm", "g%"]
    t0 = time.perf_counter()
    for i in range(rounds):
        _read.cache_clear()
        _read(spellings[i % len(spellings)])
    return (time.perf_counter() - t0) / rounds * 1e6


def rows(data: Path, runs: int, tmp: Path, observations: int = 100_000) -> list[Row]:
    load, imp, size = measure(observations, max(1, min(runs, 3)), tmp)
    ratio = imp / load
    return [
        (
            f"FHIR import, {observations:,} portal-style obs. ({size:.0f} MB)",
            f"{imp:.2f} s",
            "",
            None,
        ),
        ("  … vs json.load of the same file", f"{ratio:.2f}×", "≤ 3×", ratio <= BUDGET),
        (
            "reading one printed unit (grammar, uncached)",
            f"{grammar_microseconds():.0f} µs",
            "",
            None,
        ),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--observations", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, figure, budget, ok in rows(Path(tmp), args.runs, Path(tmp), args.observations):
            mark = "" if ok is None else ("yes" if ok else "NO")
            print(f"{name:60} {figure:>10} {budget:>6} {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
