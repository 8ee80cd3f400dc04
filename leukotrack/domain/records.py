"""What a person records: the profile, blood draws and their results, and the diary."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from leukotrack.domain.care import CareContact


class Sex(Enum):
    FEMALE = "female"
    MALE = "male"


class ReferenceProfile(Enum):
    ADULT = "adult"
    CHILD = "child"
    DUFFY_NULL = "duffy-null"


class MedicationKind(Enum):
    CHEMOTHERAPY = "chemotherapy"
    IMMUNOSUPPRESSANT = "immunosuppressant"
    GROWTH_FACTOR = "growth-factor"  # G-CSF / GM-CSF: raises neutrophils (CLINICAL.md)
    OTHER = "other"


class Treatment(Enum):
    NONE = "none"
    ANTIBIOTICS = "antibiotics"
    ANTIVIRALS = "antivirals"
    ANTIFUNGALS = "antifungals"
    HOSPITAL = "hospital"


class CountUnit(Enum):
    """How cell counts are shown: ×10⁹/L (same number as K/µL) or cells/µL."""

    PER_NANOLITRE = "10^9/L"
    CELLS_PER_UL = "cells/uL"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every number a flag rule uses (CLINICAL.md defaults); a hematologist may change them.

    `anc_mild` of None means "the profile's default": 1.5, or 1.0 for a Duffy-null profile and
    for a child under one year.
    """

    anc_mild: float | None = None
    anc_moderate: float = 1.0
    anc_severe: float = 0.5
    persistent_days: int = 21
    chronic_days: int = 90
    fever_once_c: float = 38.3
    fever_sustained_c: float = 38.0
    fever_sustained_gap_hours: float = 1.0
    fever_sustained_within_hours: float = 12.0
    fever_lookback_hours: float = 48.0
    febrile_anc_below: float = 1.0
    febrile_anc_max_age_days: int = 14
    pancytopenia_wbc_below: float = 4.0
    pancytopenia_hgb_male_below: float = 13.5
    pancytopenia_hgb_female_below: float = 11.5
    pancytopenia_platelets_below: float = 150.0
    medication_window_days: int = 120
    ctcae_version: str = "5.0"
    clozapine_scheme: str = "fda"  # or "uk-cpms"
    clozapine_mild_below: float = 1.5  # FDA label bands (general population column)
    clozapine_moderate_below: float = 1.0
    clozapine_severe_below: float = 0.5
    # the care team's counts to meet before a treatment cycle (CLINICAL.md "Treatment cycles")
    cycle_anc: float = 1.5
    cycle_wbc: float = 3.0
    cycle_platelets: float = 100.0


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = ""
    sex: Sex | None = None
    birth_date: date | None = None
    reference: ReferenceProfile = ReferenceProfile.ADULT
    thresholds: Thresholds = field(default_factory=Thresholds)
    count_unit: CountUnit = CountUnit.PER_NANOLITRE
    # Questions for the next visit while none is recorded (they move to a visit once one is).
    questions: str = ""
    allergies: str = ""  # free text, as the person writes it
    care_team: tuple[CareContact, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.name and self.sex is None and self.birth_date is None


@dataclass(frozen=True, slots=True)
class Result:
    """One analyte of one draw. `value` is canonical; `entered` is the text as typed or imported.

    `ref_low`/`ref_high` are the lab's own printed range (canonical units), when it gave one.
    """

    analyte: str
    value: float
    entered: str
    comparator: str | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    calculated: bool = False
    id: int | None = None

    @property
    def has_lab_range(self) -> bool:
        return self.ref_low is not None or self.ref_high is not None


@dataclass(frozen=True, slots=True)
class Draw:
    """A blood sample taken at one moment, with every result the lab reported for it."""

    taken_at: datetime
    results: tuple[Result, ...]
    lab: str = ""
    source: str = "manual"
    id: int | None = None

    def get(self, analyte: str) -> Result | None:
        for r in self.results:
            if r.analyte == analyte:
                return r
        return None

    def value(self, analyte: str) -> float | None:
        r = self.get(analyte)
        return None if r is None else r.value


@dataclass(frozen=True, slots=True)
class TemperatureReading:
    taken_at: datetime
    celsius: float
    entered: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class FatigueEntry:
    day: date
    score: int
    note: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Infection:
    start: date
    kind: str
    end: date | None = None
    treatment: Treatment = Treatment.NONE
    max_temp_c: float | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Medication:
    name: str
    start: date
    stop: date | None = None
    dose: str = ""
    kind: MedicationKind = MedicationKind.OTHER
    id: int | None = None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.stop is None or day <= self.stop)


@dataclass(frozen=True, slots=True)
class Cycle:
    """One treatment cycle: day 1 is `start`, the day treatment is given (CLINICAL.md)."""

    start: date
    regimen: str = ""
    length_days: int | None = None  # the planned length, when the team gave one
    note: str = ""
    id: int | None = None
