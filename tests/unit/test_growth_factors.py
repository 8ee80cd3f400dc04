"""G-CSF medicines (CLINICAL.md list): recognised by generic and brand name, and by kind; drawn
as injection days; never named by `medication.associated`."""

from datetime import date, timedelta

import pytest

from leukotrack.domain.cycle_readings import gcsf_days
from leukotrack.domain.growth_factors import (
    injection_days,
    is_growth_factor,
    match_growth_factor,
)
from leukotrack.domain.medicines import lowers_white_cells
from leukotrack.domain.records import Medication, MedicationKind
from tests.unit.flag_cases import at, codes, draw, med


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Neulasta 6 mg prefilled syringe", "pegfilgrastim"),
        ("pegfilgrastim-jmdb (Fulphila)", "pegfilgrastim"),
        ("Ziextenzo", "pegfilgrastim"),
        ("PELMEG", "pegfilgrastim"),
        ("Cegfila", "pegfilgrastim"),
        ("filgrastim 480 mcg", "filgrastim"),
        ("Filgrastim Hexal", "filgrastim"),
        ("Zarxio", "filgrastim"),
        ("Accofil", "filgrastim"),
        ("tbo-filgrastim", "tbo-filgrastim"),  # the longest name wins over "filgrastim"
        ("Granix", "tbo-filgrastim"),
        ("Lonquex", "lipegfilgrastim"),
        ("Rolvedon", "eflapegrastim"),
        ("Ryzneuta", "efbemalenograstim alfa"),
        ("Granocyte 34", "lenograstim"),
        ("Leukine", "sargramostim"),
        ("paracetamol", None),
        ("oxaliplatin", None),
    ],
)
def test_names_are_recognised(name: str, generic: str | None) -> None:
    found = match_growth_factor(name)
    assert (None if found is None else found.generic) == generic


def test_the_kind_growth_factor_counts_too() -> None:
    assert is_growth_factor(
        Medication("Some biosimilar", date(2026, 1, 1), kind=MedicationKind.GROWTH_FACTOR)
    )
    assert not is_growth_factor(Medication("Sertraline", date(2026, 1, 1)))


D = date(2026, 2, 1)


@pytest.mark.parametrize(
    ("name", "stop", "kind", "days"),
    [
        ("Neulasta", None, "other", [0]),  # single injection: its start date
        ("Neulasta", 5, "other", [0]),  # even with a stop date
        ("Zarxio", 4, "other", [0, 1, 2, 3, 4]),  # daily: start through stop
        ("filgrastim", None, "other", list(range(10))),  # daily, still going: through `until`
        ("Mystery GF", None, "growth-factor", [0]),  # unknown name, no stop: one injection
        ("Mystery GF", 2, "growth-factor", [0, 1, 2]),
        ("Sertraline", 3, "other", []),
    ],
)
def test_injection_days(name: str, stop: int | None, kind: str, days: list[int]) -> None:
    m = Medication(
        name, D, None if stop is None else D + timedelta(days=stop), kind=MedicationKind(kind)
    )
    assert injection_days(m, D + timedelta(days=9)) == [D + timedelta(days=x) for x in days]


def test_gcsf_days_merge_and_sort() -> None:
    meds = [Medication("Zarxio", D, D + timedelta(days=1)), Medication("Neulasta", D)]
    assert gcsf_days(meds, D + timedelta(days=30)) == [D, D + timedelta(days=1)]


def test_medication_associated_never_names_a_growth_factor() -> None:
    marked = med("Neulasta", date(2026, 1, 1), kind="chemotherapy")  # even when marked chemo
    assert not lowers_white_cells(marked)
    assert "medication.associated" not in codes([draw(at(10), wbc=3.0)], meds=[marked])
    gf = med("Grastofil", date(2026, 1, 1), kind="growth-factor")
    assert "medication.associated" not in codes([draw(at(10), wbc=3.0)], meds=[gf])
