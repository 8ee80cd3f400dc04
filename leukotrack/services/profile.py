"""The person the records are about, and the settings that shape flags and display."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields, replace
from datetime import date, datetime
from typing import Any

from leukotrack.domain.care import CareContact
from leukotrack.domain.dates import check_not_future
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import CountUnit, Profile, ReferenceProfile, Sex, Thresholds
from leukotrack.domain.units import parse_number
from leukotrack.storage.db import Database


def parse_sex(text: str) -> Sex:
    try:
        return Sex(text.strip().lower())
    except ValueError:
        raise InputError(
            f"'{text}' is not a sex LeukoTrack uses for ranges; use female or male."
        ) from None


def parse_reference(text: str) -> ReferenceProfile:
    try:
        return ReferenceProfile(text.strip().lower())
    except ValueError:
        raise InputError(
            f"'{text}' is not a reference profile; use adult, child or duffy-null."
        ) from None


MAX_ALLERGIES = 2000


def check_allergies(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_ALLERGIES:
        raise InputError(f"The allergies are longer than {MAX_ALLERGIES} characters; shorten them.")
    return text


def check_care_team(contacts: Sequence[CareContact]) -> tuple[CareContact, ...]:
    """Tidy each contact; a contact needs a name. The phone stays text, exactly as typed."""
    out = []
    for n, c in enumerate(contacts, start=1):
        name, role, phone = (" ".join(x.split()) for x in (c.name, c.role, c.phone))
        if not name:
            if role or phone:
                raise InputError(f"Care team contact {n} has no name; type a name or remove it.")
            continue
        for label, value, limit in (
            ("name", name, 200),
            ("role", role, 200),
            ("phone", phone, 100),
        ):
            if len(value) > limit:
                raise InputError(
                    f"Care team contact {n}: the {label} is longer than {limit} characters."
                )
        out.append(CareContact(name, role, phone, c.around_the_clock))
    return tuple(out)


def update_profile(
    db: Database,
    *,
    name: str | None = None,
    sex: Sex | None = None,
    birth_date: date | None = None,
    reference: ReferenceProfile | None = None,
    count_unit: CountUnit | None = None,
    thresholds: Thresholds | None = None,
    questions: str | None = None,
    allergies: str | None = None,
    care_team: Sequence[CareContact] | None = None,
    now: datetime | None = None,
) -> Profile:
    now = now or datetime.now()
    with db.transaction() as repo:
        p = repo.profile()
        if name is not None:
            if len(name.strip()) > 200:
                raise InputError("The name is longer than 200 characters; shorten it.")
            p = replace(p, name=name.strip())
        if sex is not None:
            p = replace(p, sex=sex)
        if birth_date is not None:
            check_not_future(birth_date, now, "birth date")
            earliest = repo.draws()
            if earliest and earliest[0].taken_at.date() < birth_date:
                raise InputError(
                    f"There are blood tests from {earliest[0].taken_at.date().isoformat()}, before "
                    f"the birth date {birth_date.isoformat()}; check the year."
                )
            p = replace(p, birth_date=birth_date)
        if reference is not None:
            p = replace(p, reference=reference)
        if count_unit is not None:
            p = replace(p, count_unit=count_unit)
        if thresholds is not None:
            p = replace(p, thresholds=thresholds)
        if questions is not None:
            p = replace(p, questions=questions)
        if allergies is not None:
            p = replace(p, allergies=check_allergies(allergies))
        if care_team is not None:
            p = replace(p, care_team=check_care_team(care_team))
        repo.save_profile(p)
        return p


def profile_json(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name,
        "sex": p.sex.value if p.sex else None,
        "birth_date": p.birth_date.isoformat() if p.birth_date else None,
        "reference": p.reference.value,
        "count_unit": p.count_unit.value,
        "thresholds": asdict(p.thresholds),
        "questions": p.questions,
        "allergies": p.allergies,
        "care_team": [care_contact_json(c) for c in p.care_team],
    }


def care_contact_json(c: CareContact) -> dict[str, Any]:
    return {
        "name": c.name,
        "role": c.role,
        "phone": c.phone,
        "around_the_clock": c.around_the_clock,
    }


_WHOLE_DAYS = {
    "persistent_days",
    "chronic_days",
    "febrile_anc_max_age_days",
    "medication_window_days",
}
_CHOICES = {"ctcae_version": ("5.0", "6.0"), "clozapine_scheme": ("fda", "uk-cpms")}
_CELSIUS = {"fever_once_c", "fever_sustained_c"}
_HOURS = {"fever_sustained_gap_hours", "fever_sustained_within_hours", "fever_lookback_hours"}
# (lower, higher, what): `lower` must stay below `higher`
_ORDER = (
    ("anc_severe", "anc_moderate", "the severe ANC limit below the moderate one"),
    ("anc_moderate", "anc_mild", "the moderate ANC limit below the mild one"),
    ("persistent_days", "chronic_days", "persistent_days below chronic_days"),
    (
        "clozapine_severe_below",
        "clozapine_moderate_below",
        "the clozapine severe limit below the moderate one",
    ),
    (
        "clozapine_moderate_below",
        "clozapine_mild_below",
        "the clozapine moderate limit below the mild one",
    ),
    ("fever_sustained_gap_hours", "fever_sustained_within_hours", "the fever gap below the window"),
)


def _with(t: Thresholds, key: str, value: Any) -> Thresholds:
    changes: dict[str, Any] = {key: value}
    return replace(t, **changes)


def threshold_keys() -> list[str]:
    return [f.name for f in fields(Thresholds)]


def set_threshold(t: Thresholds, item: str) -> Thresholds:
    """Apply one "KEY=VALUE" to `t`, checked; raises InputError saying what to type instead."""
    key, sep, text = item.partition("=")
    key, text = key.strip().replace("-", "_"), text.strip()
    if not sep or not key:
        raise InputError(f"'{item}' is not KEY=VALUE; type it like anc_mild=1.2.")
    if key not in threshold_keys():
        raise InputError(f"'{key}' is not a threshold; use one of: {', '.join(threshold_keys())}.")
    if key in _CHOICES:
        if text.lower() not in _CHOICES[key]:
            raise InputError(f"{key} must be one of {', '.join(_CHOICES[key])}, not '{text}'.")
        return check_thresholds(_with(t, key, text.lower()))
    if key == "anc_mild" and text.lower() in ("default", "none", ""):
        return check_thresholds(replace(t, anc_mild=None))
    try:
        number = parse_number(text)
    except InputError:
        raise InputError(f"{key} must be a number, not '{text}'.") from None
    if key in _WHOLE_DAYS:
        if number != int(number) or not 1 <= number <= 3650:
            raise InputError(f"{key} is a whole number of days from 1 to 3650, not '{text}'.")
        return check_thresholds(_with(t, key, int(number)))
    if key in _CELSIUS:
        low, high, unit = 35.0, 42.0, " °C"
    elif key in _HOURS:
        low, high, unit = 0.0, 240.0, " hours"
    elif key.startswith("pancytopenia_hgb"):
        low, high, unit = 1.0, 25.0, " g/dL"
    elif key in ("pancytopenia_platelets_below", "cycle_platelets"):
        low, high, unit = 1.0, 5000.0, " ×10⁹/L"
    else:
        low, high, unit = 0.0, 300.0, " ×10⁹/L"
    if not low < number <= high:
        raise InputError(
            f"{key}={text} is outside {low:g} to {high:g}{unit}; "
            "counts are in ×10⁹/L (1.5, not 1500)."
            if unit == " ×10⁹/L"
            else f"{key}={text} is outside {low:g} to {high:g}{unit}."
        )
    return check_thresholds(_with(t, key, float(number)))


def check_thresholds(t: Thresholds) -> Thresholds:
    """Refuse thresholds that contradict each other (a severe limit above the moderate one...)."""
    values = asdict(t)
    for lower, higher, what in _ORDER:
        a, b = values[lower], values[higher]
        if a is not None and b is not None and not a < b:
            raise InputError(f"{lower}={a:g} and {higher}={b:g} do not fit: keep {what}.")
    if t.fever_sustained_c > t.fever_once_c:
        raise InputError(
            f"fever_sustained_c={t.fever_sustained_c:g} is above fever_once_c="
            f"{t.fever_once_c:g}; the sustained fever limit is the lower one."
        )
    return t


def changed_thresholds(t: Thresholds) -> list[str]:
    """'anc_mild=1.2' for each threshold that differs from CLINICAL.md's default."""
    default = asdict(Thresholds())
    return [f"{k}={v}" for k, v in asdict(t).items() if v != default[k]]
