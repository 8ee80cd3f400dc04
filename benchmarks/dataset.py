"""The 10-year benchmark dataset of DESIGN.md, written into a data folder. Deterministic.

About 500 draws × 14 analytes, a fatigue score on each of 3,650 days, a temperature every few
days, 20 medicines and a dozen infections. Fictional; fixed seed and fixed dates, so every run
and every machine measures the same records.

    python benchmarks/dataset.py DATA_DIR
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from leukotrack.domain.records import (
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    Result,
    Sex,
    TemperatureReading,
    Treatment,
)
from leukotrack.domain.units import format_number
from leukotrack.services.store import open_records

START = date(2016, 1, 4)
DAYS = 3650
DRAWS = 500
SEED = 10_500
MEDICINES = (
    ("Clozapine", MedicationKind.OTHER),
    ("Sertraline", MedicationKind.OTHER),
    ("Lamotrigine", MedicationKind.OTHER),
    ("Methotrexate", MedicationKind.IMMUNOSUPPRESSANT),
    ("Cyclophosphamide", MedicationKind.CHEMOTHERAPY),
    ("Amoxicillin", MedicationKind.OTHER),
    ("Omeprazole", MedicationKind.OTHER),
    ("Levothyroxine", MedicationKind.OTHER),
    ("Metformin", MedicationKind.OTHER),
    ("Valproic acid", MedicationKind.OTHER),
    ("Carbamazepine", MedicationKind.OTHER),
    ("Vitamin D", MedicationKind.OTHER),
    ("Folic acid", MedicationKind.OTHER),
    ("Co-trimoxazole", MedicationKind.OTHER),
    ("Tacrolimus", MedicationKind.IMMUNOSUPPRESSANT),
    ("Paracetamol", MedicationKind.OTHER),
    ("Ibuprofen", MedicationKind.OTHER),
    ("Atorvastatin", MedicationKind.OTHER),
    ("Filgrastim", MedicationKind.OTHER),
    ("Azathioprine", MedicationKind.IMMUNOSUPPRESSANT),
)


def _result(
    key: str, value: float, unit: str, decimals: int, rng: tuple[float, float] | None
) -> Result:
    v = round(value, decimals)
    low, high = rng if rng else (None, None)
    return Result(key, v, f"{format_number(v)} {unit}", None, low, high)


def _draw(rnd: random.Random, when: datetime, day: int) -> Draw:
    dip = 1.0 - 0.55 * max(0.0, math.sin(day / 211.0)) ** 8  # recurring dips
    wbc = max(0.6, 5.2 * dip * rnd.uniform(0.9, 1.1))
    anc = max(0.1, wbc * rnd.uniform(0.45, 0.62))
    lymph = max(0.3, (wbc - anc) * rnd.uniform(0.7, 0.8))
    mono = max(0.05, (wbc - anc - lymph) * 0.7)
    eos = max(0.0, (wbc - anc - lymph - mono) * 0.8)
    baso = max(0.0, wbc - anc - lymph - mono - eos)
    city = (day // 900) % 2 == 1  # the lab changes every few years, with its own ranges
    ranges = {
        "wbc": (4.0, 11.0),
        "anc": (2.0, 7.5),
        "lymphocytes": (1.0, 4.0),
        "monocytes": (0.2, 1.0),
        "hemoglobin": (11.5, 15.5),
        "platelets": (150.0, 400.0),
    }
    r: list[Result] = []

    def add(key: str, value: float, unit: str, decimals: int) -> None:
        r.append(_result(key, value, unit, decimals, ranges.get(key) if city else None))

    add("wbc", wbc, "10^9/L", 2)
    add("anc", anc, "10^9/L", 2)
    add("lymphocytes", lymph, "10^9/L", 2)
    add("monocytes", mono, "10^9/L", 2)
    add("eosinophils", eos, "10^9/L", 2)
    add("basophils", baso, "10^9/L", 2)
    for key, part in (
        ("neutrophils_pct", anc),
        ("lymphocytes_pct", lymph),
        ("monocytes_pct", mono),
        ("eosinophils_pct", eos),
        ("basophils_pct", baso),
    ):
        add(key, part / wbc * 100, "%", 1)
    add("bands", 0.0, "10^9/L", 2)
    add("hemoglobin", 12.8 + rnd.uniform(-1.2, 1.0), "g/dL", 1)
    add("platelets", 230 * rnd.uniform(0.7, 1.2), "10^9/L", 0)
    lab = "City Hospital Laboratory" if city else "Riverside Clinic"
    return Draw(when, tuple(r), lab, "benchmark")


def build_dataset(data_dir: Path) -> None:
    """Write the 10-year dataset into an empty data folder `data_dir`."""
    rnd = random.Random(SEED)
    db = open_records(data_dir)
    try:
        with db.transaction() as repo:
            if not repo.is_empty():
                raise SystemExit(f"{data_dir} already holds records; give an empty folder.")
            repo.save_profile(
                Profile(name="Benchmark (fictional)", sex=Sex.FEMALE, birth_date=date(1980, 3, 1))
            )
            step = DAYS / DRAWS
            for i in range(DRAWS):
                day = int(i * step)
                when = datetime.combine(START + timedelta(days=day), time(8 + i % 4, 15))
                repo.add_draw(_draw(rnd, when, day))
            for day in range(DAYS):
                d = START + timedelta(days=day)
                repo.add_fatigue(FatigueEntry(d, rnd.randint(1, 8)))
                if day % 3 == 0:
                    c = round(rnd.uniform(36.3, 37.2) if day % 97 else 38.4, 1)
                    repo.add_temperature(
                        TemperatureReading(datetime.combine(d, time(19)), c, f"{c} °C"),
                        source="benchmark",
                    )
            for i, (name, kind) in enumerate(MEDICINES):
                start = START + timedelta(days=i * 170 + rnd.randint(0, 60))
                stop = None if i % 5 == 0 else start + timedelta(days=rnd.randint(7, 400))
                repo.add_medication(
                    Medication(name, start, stop, "as prescribed", kind), source="benchmark"
                )
            for i in range(12):
                start = START + timedelta(days=97 + i * 290)
                repo.add_infection(
                    Infection(
                        start,
                        "chest infection" if i % 2 else "cold",
                        start + timedelta(days=6),
                        Treatment.ANTIBIOTICS if i % 2 else Treatment.NONE,
                        38.4,
                    )
                )
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    args = parser.parse_args()
    build_dataset(args.data_dir)
    print(f"Wrote the 10-year dataset into {args.data_dir}")


if __name__ == "__main__":
    main()
