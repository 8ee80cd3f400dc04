"""Reference ranges: the lab's own printed range first, then the profile's defaults.

Adult defaults from the Merck Manual CBC table; child WBC age bands and neutropenia limits and the
Duffy-null associated neutrophil count as in CLINICAL.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from leukotrack.domain.readings import certainly_below
from leukotrack.domain.records import Profile, ReferenceProfile, Result, Sex

RangeSource = Literal["lab", "profile"]
Status = Literal["low", "normal", "high"]


@dataclass(frozen=True, slots=True)
class Range:
    low: float | None
    high: float | None
    source: RangeSource

    def status(self, value: float, comparator: str | None = None) -> Status:
        """Low or high only when the value certainly is: ">3" is not low, "<0.5" is."""
        if self.low is not None and certainly_below(value, comparator, self.low):
            return "low"
        if self.high is not None and _certainly_above(value, comparator, self.high):
            return "high"
        return "normal"


def _certainly_above(value: float, comparator: str | None, limit: float) -> bool:
    if comparator in (None, "", "="):
        return value > limit
    if comparator == ">":
        return value >= limit
    if comparator == ">=":
        return value > limit
    return False


ADULT: dict[str, tuple[float, float]] = {
    "wbc": (4.5, 11.0),
    "anc": (1.8, 7.7),
    "lymphocytes": (1.0, 4.8),
    "monocytes": (0.2, 1.2),
    "eosinophils": (0.0, 0.9),
    "basophils": (0.0, 0.3),
    "platelets": (150.0, 450.0),
}
HEMOGLOBIN: dict[Sex | None, tuple[float, float]] = {
    Sex.MALE: (14.0, 17.0),
    Sex.FEMALE: (12.0, 16.0),
    None: (12.0, 17.0),  # sex not given: the wider of the two
}
DUFFY_NULL_ANC_LOW = 1.0

# (age in whole months from, to exclusive): WBC range, 10^9/L
CHILD_WBC: tuple[tuple[int, int, float, float], ...] = (
    (0, 1, 5.0, 19.5),
    (1, 12, 6.0, 17.5),
    (12, 48, 6.0, 17.0),
    (48, 96, 5.5, 15.5),
    (96, 168, 4.5, 13.5),
    (168, 216, 4.5, 13.0),
)


def age_in_months(birth: date, on: date) -> int:
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if on.day < birth.day:
        months -= 1
    return max(months, 0)


def is_child(profile: Profile, on: date) -> bool:
    if profile.reference is not ReferenceProfile.CHILD:
        return False
    return profile.birth_date is None or age_in_months(profile.birth_date, on) < 216


def default_range(analyte: str, profile: Profile, on: date) -> Range | None:
    """The profile's range for `analyte` on the date `on`, or None where we have none (%)."""
    if analyte == "hemoglobin":
        low, high = HEMOGLOBIN[profile.sex]
        return Range(low, high, "profile")
    if analyte not in ADULT:
        return None
    low, high = ADULT[analyte]
    if analyte == "anc":
        low = anc_lower_limit(profile, on)
    if analyte == "wbc" and is_child(profile, on) and profile.birth_date is not None:
        months = age_in_months(profile.birth_date, on)
        for start, end, child_low, child_high in CHILD_WBC:
            if start <= months < end:
                low, high = child_low, child_high
                break
    return Range(low, high, "profile")


def anc_lower_limit(profile: Profile, on: date) -> float:
    if profile.reference is ReferenceProfile.DUFFY_NULL:
        return DUFFY_NULL_ANC_LOW
    if is_child(profile, on) and profile.birth_date is not None:
        return 1.0 if age_in_months(profile.birth_date, on) < 12 else 1.5
    return ADULT["anc"][0]


def mild_neutropenia_limit(profile: Profile, on: date) -> float:
    """ANC below this is neutropenia: 1.5, or 1.0 for Duffy-null and for a child under one."""
    if profile.thresholds.anc_mild is not None:
        return profile.thresholds.anc_mild
    if profile.reference is ReferenceProfile.DUFFY_NULL:
        return DUFFY_NULL_ANC_LOW
    if is_child(profile, on) and profile.birth_date is not None:
        return 1.0 if age_in_months(profile.birth_date, on) < 12 else 1.5
    return 1.5


def range_for(result: Result, profile: Profile, on: date) -> Range | None:
    """The range that applies to `result`: its own lab's range wins over the profile's."""
    if result.has_lab_range:
        return Range(result.ref_low, result.ref_high, "lab")
    return default_range(result.analyte, profile, on)
