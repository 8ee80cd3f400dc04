"""The person the records are about, and the settings that shape flags and display."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

from leukotrack.domain.dates import check_not_future
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import CountUnit, Profile, ReferenceProfile, Sex, Thresholds
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
    }
