"""febrile_neutropenia (38.3 once / 38.0 twice 1-12 h apart / 48 h / ANC ≤ 14 days old),
medicines and medication.associated, and the property that a later normal result clears."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leukotrack.domain.flags import EMERGENCY_TEXT, Severity
from leukotrack.domain.medicines import is_clozapine, lowers_white_cells, match_medicine
from leukotrack.domain.records import Medication, MedicationKind
from tests.unit.flag_cases import at, codes, draw, flags, med, temp

ANC_LOW = draw(at(0), anc=0.8)
NOW = at(3)  # as-of moment for the fever cases


@pytest.mark.parametrize(
    ("readings", "fires"),
    [
        ([(2, 38.3)], True),
        ([(2, 38.29)], False),
        ([(2, 38.0), (2 + 1 / 24, 38.0)], True),  # exactly one hour apart
        ([(2, 38.0), (2 + 59 / 1440, 38.1)], False),  # 59 minutes
        ([(2, 38.0), (2.5, 38.1)], True),  # exactly 12 hours
        ([(2, 38.0), (2.5 + 1 / 1440, 38.1)], False),  # 12 h 01 min
        ([(2, 37.9), (2.2, 38.0)], False),
        ([(1, 38.4)], True),  # exactly 48 hours before the as-of moment
        ([(1 - 1 / 1440, 38.4)], False),  # 48 h 01 min before
        ([(3 + 1 / 1440, 38.4)], False),  # after the as-of moment
    ],
)
def test_fever_rules(readings: list[tuple[float, float]], fires: bool) -> None:
    temps = [temp(at(d), c) for d, c in readings]
    assert ("febrile_neutropenia" in codes([ANC_LOW], temps, as_of=NOW)) is fires


@pytest.mark.parametrize(
    ("anc_day", "anc", "fires"),
    [
        (0, 0.99, True),
        (0, 1.0, False),
        (2 - 14, 0.4, True),  # exactly 14 days before the fever
        (2 - 14 - 1 / 1440, 0.4, False),  # older than 14 days
        (2.1, 0.4, True),  # drawn during the fever (after it began): counts
        (3 + 1 / 1440, 0.4, False),  # after the as-of moment: not yet known
    ],
)
def test_fever_needs_a_recent_low_anc(anc_day: float, anc: float, fires: bool) -> None:
    temps = [temp(at(2), 38.5)]
    assert ("febrile_neutropenia" in codes([draw(at(anc_day), anc=anc)], temps, as_of=NOW)) is fires


def test_a_normal_count_after_the_fever_replaces_an_older_low_one() -> None:
    temps = [temp(at(2), 38.5)]
    draws = [draw(at(0), anc=0.3), draw(at(2.1), anc=2.0)]
    assert "febrile_neutropenia" not in codes(draws, temps, as_of=NOW)


def test_febrile_flag_is_the_fixed_emergency_and_comes_first() -> None:
    found = flags([ANC_LOW], [temp(at(2), 38.6)], as_of=NOW)
    assert found[0].code == "febrile_neutropenia"
    assert found[0].severity is Severity.EMERGENCY
    assert found[0].detail.startswith(EMERGENCY_TEXT)
    assert {e.analyte for e in found[0].evidence} == {"temperature", "anc"}
    assert found[0].since == at(2)


def test_fever_follows_threshold_settings() -> None:
    from tests.unit.flag_cases import profile

    temps = [temp(at(2), 38.1)]
    assert codes([ANC_LOW], temps, as_of=NOW) == {"neutropenia.moderate"}
    assert "febrile_neutropenia" in codes(
        [ANC_LOW], temps, as_of=NOW, prof=profile(fever_once_c=38.1)
    )


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("10 ML oxaliplatin 5 MG/ML Injection", "oxaliplatin"),
        ("OXALIPLATIN", "oxaliplatin"),
        ("Tegretol 200mg tablets", "carbamazepine"),
        ("Clozaril 100 MG", "clozapine"),
        ("Versacloz oral suspension", "clozapine"),
        ("Depakote ER", "valproate"),
        ("valproic acid 250 MG", "valproate"),
        ("Amoxicillin 250 MG / Clavulanate 125 MG Oral Tablet", "penicillin"),
        (
            "Sulfamethoxazole 800 MG / Trimethoprim 160 MG Oral Tablet",
            "trimethoprim-sulfamethoxazole",
        ),
        ("Interferon beta-1a 30 MCG", "interferon"),
        ("5-FU infusion", "fluorouracil"),
        ("cyclosporine 100 mg", "ciclosporin"),
    ],
)
def test_match_medicine(name: str, generic: str) -> None:
    found = match_medicine(name)
    assert found is not None and found.generic == generic


@pytest.mark.parametrize(
    "name", ["Paracetamol 500 mg", "acid reflux tablets", "trimethoprim 200 mg", ""]
)
def test_other_medicines_do_not_match(name: str) -> None:
    assert match_medicine(name) is None


def test_clozapine_and_kinds() -> None:
    assert is_clozapine("FazaClo ODT 25 mg") and not is_clozapine("olanzapine")
    start = date(2026, 1, 1)
    assert lowers_white_cells(Medication("Study drug X", start, kind=MedicationKind.CHEMOTHERAPY))
    assert lowers_white_cells(Medication("Y", start, kind=MedicationKind.IMMUNOSUPPRESSANT))
    assert not lowers_white_cells(Medication("Ibuprofen", start))


@pytest.mark.parametrize(
    ("start_days_before", "fires"),
    [(0, False), (1, True), (120, True), (121, False)],
)
def test_medication_started_before_the_first_low_result(
    start_days_before: int, fires: bool
) -> None:
    first_low = at(200)
    start = first_low.date() - timedelta(days=start_days_before)
    m = med("Lamictal", start, stop=start + timedelta(days=1))  # stopped long before as-of
    draws = [draw(at(150), wbc=6.0), draw(first_low, wbc=3.5), draw(at(210), wbc=3.6)]
    assert ("medication.associated" in codes(draws, meds=[m], as_of=at(220))) is fires


def test_active_medicine_is_named_with_days_to_the_first_low_result() -> None:
    m = med("Tegretol", date(2026, 1, 1))
    (flag,) = [
        f for f in flags([draw(at(10), wbc=3.0)], meds=[m]) if f.code == "medication.associated"
    ]
    assert (
        "Tegretol" in flag.detail and "started 14 days before the first low result" in flag.detail
    )


def test_active_medicine_without_low_counts_still_flags_info() -> None:
    found = flags([draw(at(10), wbc=6.0)], meds=[med("Imuran", date(2026, 1, 1))])
    assert [(f.code, f.severity) for f in found] == [("medication.associated", Severity.INFO)]


def test_medicine_started_after_as_of_does_not_count() -> None:
    assert codes([draw(at(0), wbc=6.0)], meds=[med("Imuran", at(5).date())], as_of=at(1)) == set()


CLEARED = {
    "leukopenia",
    "leukopenia.persistent",
    "leukopenia.chronic",
    "neutropenia.mild",
    "neutropenia.moderate",
    "neutropenia.severe",
    "neutropenia.persistent",
    "neutropenia.chronic",
}


@settings(max_examples=60, deadline=None)
@given(
    lows=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=20),  # days after the previous draw
            st.floats(min_value=0.1, max_value=4.4),  # WBC
            st.floats(min_value=0.0, max_value=1.49),  # ANC
        ),
        min_size=1,
        max_size=12,
    ),
    later=st.integers(min_value=1, max_value=60),
    normal_wbc=st.floats(min_value=4.5, max_value=11.0),
    normal_anc=st.floats(min_value=1.5, max_value=7.7),
)
def test_a_later_normal_result_clears_low_and_run_flags(
    lows: list[tuple[int, float, float]], later: int, normal_wbc: float, normal_anc: float
) -> None:
    day, draws = 0, []
    for gap, wbc, anc in lows:
        day += gap
        draws.append(draw(at(day), wbc=wbc, anc=anc))
    assert "leukopenia" in codes(draws)
    draws.append(draw(at(day + later), wbc=normal_wbc, anc=normal_anc))
    assert not codes(draws) & CLEARED


def test_a_stopped_medicine_says_when_it_stopped() -> None:
    first_low = at(200)
    start = first_low.date() - timedelta(days=80)
    m = med("Amoxicillin", start, stop=start + timedelta(days=7))
    draws = [draw(at(150), wbc=6.0), draw(first_low, wbc=3.5)]
    (flag,) = [
        f for f in flags(draws, meds=[m], as_of=at(210)) if f.code == "medication.associated"
    ]
    assert f"to {(start + timedelta(days=7)).day} " in flag.detail
    assert "started 80 days before the first low result" in flag.detail
    assert "stopped 73 days before it" in flag.detail
