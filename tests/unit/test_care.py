"""Visits, the care team and allergies: the domain rules, the services, backup and FHIR."""

import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leukotrack.domain.care import CareContact, Visit, last_past_visit, next_visit
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Draw, Profile, Result
from leukotrack.domain.summary import latest_complete, lowest_since, summarise
from leukotrack.io.backup import backup_document, parse_backup, write_backup
from leukotrack.io.fhir_write import fhir_bundle
from leukotrack.services.editing import delete_record, restore_record
from leukotrack.services.profile import check_care_team, update_profile
from leukotrack.services.reporting import parse_appendix, parse_kind
from leukotrack.services.timeline import load_timeline
from leukotrack.services.visits import (
    add_visit,
    next_visit_text,
    questions_home,
    save_questions,
)
from leukotrack.storage.db import Database

NOW = datetime(2026, 11, 21, 12, 0)


def visit(at: str, **kw: str) -> Visit:
    return Visit(datetime.fromisoformat(at), **kw)


@pytest.mark.parametrize(
    ("at", "is_next", "is_last"),
    [
        ("2026-11-21T00:00", True, False),  # earlier today is still today's visit
        ("2026-11-21T08:00", True, False),
        ("2026-11-21T18:00", True, False),
        ("2026-11-20T23:59", False, True),  # yesterday is the last past visit
        ("2026-12-30T09:00", True, False),
        ("2025-01-01T09:00", False, True),
    ],
)
def test_next_and_last_visit_at_the_day_boundary(at: str, is_next: bool, is_last: bool) -> None:
    v = visit(at)
    assert (next_visit([v], NOW) == v) is is_next
    assert (last_past_visit([v], NOW) == v) is is_last


def test_the_soonest_coming_and_the_latest_past_visit_are_chosen() -> None:
    visits = [visit("2026-10-01T09:00"), visit("2026-11-02T09:00"), visit("2026-12-01T09:00")]
    visits.append(visit("2026-11-25T09:00"))
    assert next_visit(visits, NOW) == visit("2026-11-25T09:00")
    assert last_past_visit(visits, NOW) == visit("2026-11-02T09:00")
    assert next_visit([], NOW) is None and last_past_visit([], NOW) is None


def draw(at: str, **values: float) -> Draw:
    return Draw(datetime.fromisoformat(at), tuple(Result(k, v, str(v)) for k, v in values.items()))


def test_summary_of_a_period() -> None:
    draws = [
        draw("2026-09-01T09:00", anc=1.8, wbc=4.0),
        draw("2026-09-15T09:00", anc=0.9),
        draw("2026-10-01T09:00", anc=0.9, wbc=3.1),  # as low as 15 Sep: the earliest is kept
        draw("2026-11-01T09:00", anc=1.2),
    ]
    s = summarise(draws, "anc")
    assert s is not None and s.count == 4
    assert s.latest.value == 1.2 and s.first.value == 1.8
    assert s.change == pytest.approx(-0.6)
    assert s.lowest.taken_at == datetime(2026, 9, 15, 9, 0)
    assert summarise(draws, "platelets") is None
    one = summarise(draws[:1], "wbc")
    assert one is not None and one.change == 0 and one.count == 1


@pytest.mark.parametrize(
    ("days_back", "found"),
    [(90, 0.9), (89, None)],  # a result exactly 90 days before counts, 91 does not
)
def test_lowest_in_the_last_90_days(days_back: int, found: float | None) -> None:
    as_of = datetime(2026, 11, 30, 9, 0)
    draws = [draw("2026-09-01T09:00", anc=0.9), draw("2026-11-29T09:00", anc=1.4)]
    low = lowest_since(draws, "anc", as_of, days_back)
    expected = found if found is not None else 1.4
    assert low is not None and low.value == expected


def test_latest_complete_count_prefers_a_complete_draw() -> None:
    full = draw("2026-10-01T09:00", wbc=3, anc=1, lymphocytes=1, hemoglobin=12, platelets=150)
    partial = draw("2026-11-01T09:00", wbc=3.2)
    assert latest_complete([full, partial], NOW) == (full, True)
    assert latest_complete([partial], NOW) == (partial, False)
    assert latest_complete([], NOW) == (None, False)
    assert latest_complete([full], datetime(2026, 9, 1)) == (None, False)  # after the as-of


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (None, set()),
        ("none", set()),
        ("table", {"table"}),
        ("diary", {"diary"}),
        ("table,diary", {"table", "diary"}),
        (" Diary , TABLE ", {"table", "diary"}),
        ("all", {"table", "diary"}),
    ],
)
def test_appendix_names(text: str | None, parts: set[str]) -> None:
    assert parse_appendix(text) == parts


@pytest.mark.parametrize("text", ["charts", "table,charts", "all,table", "everything"])
def test_unknown_appendix_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a part of the appendix"):
        parse_appendix(text)


def test_kinds() -> None:
    assert parse_kind(None) == "hematologist"
    assert parse_kind("Emergency") == "emergency"
    with pytest.raises(InputError, match="'dentist' is not a kind of report"):
        parse_kind("dentist")


def test_a_new_coming_visit_takes_over_the_draft_questions(db: Database) -> None:
    update_profile(db, questions="Why so tired?")
    past = add_visit(db, datetime(2026, 10, 1, 9), "hematologist", now=NOW)
    assert past.questions == ""  # a past visit leaves the draft alone
    coming = add_visit(db, datetime(2026, 12, 1, 9), "hematologist", now=NOW)
    assert coming.questions == "Why so tired?"
    t = load_timeline(db)
    assert t.profile.questions == ""
    assert questions_home(t.visits, t.profile.questions, NOW) == (coming, "Why so tired?")
    later = add_visit(db, datetime(2027, 1, 1, 9), now=NOW)
    assert later.questions == ""  # the next visit already holds them


def test_questions_are_kept_with_the_visit_after_it(db: Database) -> None:
    coming = add_visit(db, datetime(2026, 11, 25, 9), "GP", now=NOW)
    assert save_questions(db, "Is the rash linked?", NOW) == Visit(
        coming.at, "GP", "", "Is the rash linked?", coming.id
    )
    after = datetime(2026, 12, 2, 12)  # the visit has passed
    t = load_timeline(db)
    last = last_past_visit(t.visits, after)
    assert last is not None and last.questions == "Is the rash linked?"
    assert questions_home(t.visits, t.profile.questions, after) == (None, "")


def test_deleting_the_coming_visit_keeps_its_questions(db: Database) -> None:
    update_profile(db, questions="Ask about the dose")
    soon = (datetime.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    coming = add_visit(db, soon)  # delete_record judges "coming" by the clock
    delete_record(db, coming)
    assert load_timeline(db).profile.questions == "Ask about the dose"
    restored = restore_record(db, coming)
    assert isinstance(restored, Visit) and restored.questions == "Ask about the dose"


@pytest.mark.parametrize(
    ("at", "message"),
    [
        (datetime(1899, 12, 31, 9), "before 1900"),
        (datetime(2030, 1, 1, 9), "more than 3 years ahead"),
        (datetime(1979, 1, 1, 9), "before the birth date"),
    ],
)
def test_bad_visit_dates(db: Database, at: datetime, message: str) -> None:
    update_profile(db, birth_date=date(1980, 1, 1), now=NOW)
    with pytest.raises(InputError, match=message):
        add_visit(db, at, now=NOW)
    assert load_timeline(db).visits == []


def test_next_visit_line() -> None:
    v = Visit(datetime(2026, 11, 30, 9, 15), "hematologist", questions="One?\n\nTwo?")
    assert next_visit_text([v], NOW) == (
        "Next visit: Monday 30 November 2026 at 09:15 with the hematologist (in 9 days); "
        "2 questions written."
    )
    today = Visit(datetime(2026, 11, 21), "other")
    assert next_visit_text([today], NOW) == "Next visit: Saturday 21 November 2026 (today)."
    assert next_visit_text([], NOW).startswith("No next visit recorded")


def test_care_team_is_tidied_and_phones_stay_text() -> None:
    team = check_care_team(
        [
            CareContact("  Ward 7 ", "oncology", "+44 (0)20 7946 0999 ext. 12", True),
            CareContact("", "", ""),  # an empty row is dropped
            CareContact("Dr Lee", phone="0049-30-12345"),
        ]
    )
    assert team == (
        CareContact("Ward 7", "oncology", "+44 (0)20 7946 0999 ext. 12", True),
        CareContact("Dr Lee", "", "0049-30-12345", False),
    )
    with pytest.raises(InputError, match="contact 1 has no name"):
        check_care_team([CareContact("", "nurse", "0123")])
    with pytest.raises(InputError, match="phone is longer than 100"):
        check_care_team([CareContact("A", phone="1" * 101)])


def test_profile_keeps_contacts_and_allergies(db: Database) -> None:
    team = (CareContact("Ward 7", "oncology", "020 7946 0999", True),)
    update_profile(db, allergies="penicillin (rash)", care_team=team)
    p = load_timeline(db).profile
    assert p.allergies == "penicillin (rash)" and p.care_team == team
    update_profile(db, care_team=())
    assert load_timeline(db).profile.care_team == ()


PROFILE = Profile(
    "Ann",
    allergies="latex",
    care_team=(
        CareContact("Ward 7", "oncology", "020 7946 0999", True),
        CareContact("Dr Lee", "hematologist", "007"),
    ),
)
VISITS = [Visit(datetime(2026, 12, 1, 9, 30), "hematologist", "bring results", "Why?\nHow?")]


def _backup(profile: Profile = PROFILE) -> dict:
    return backup_document(
        profile=profile,
        settings={},
        draws=[],
        temperatures=[],
        fatigue=[],
        infections=[],
        medications=[],
        visits=VISITS,
    )


def test_backup_keeps_contacts_allergies_and_visits() -> None:
    parsed = parse_backup(write_backup(_backup()).encode(), "b.json")
    assert not parsed.problems
    assert parsed.profile is not None
    assert parsed.profile.care_team == PROFILE.care_team
    assert parsed.profile.allergies == "latex"
    assert [v.item for v in parsed.visits] == VISITS


def test_backup_with_a_phone_written_as_a_number_is_refused() -> None:
    doc = _backup()
    doc["profile"]["care_team"][0]["phone"] = 2079460999
    parsed = parse_backup(json.dumps(doc).encode(), "b.json")
    assert any("'phone' must be text" in str(p) for p in parsed.problems)


@given(st.text(alphabet="+-() 0123456789ext.", max_size=40))
def test_any_phone_text_survives_the_backup(phone: str) -> None:
    profile = Profile("Ann", care_team=(CareContact("Ward", phone=phone),))
    parsed = parse_backup(write_backup(_backup(profile)).encode(), "b.json")
    assert parsed.profile is not None and parsed.profile.care_team[0].phone == phone


def test_fhir_patient_contact_and_allergy_text() -> None:
    bundle = fhir_bundle([], profile=PROFILE, now=NOW)
    resources = [e["resource"] for e in bundle["entry"]]
    (patient,) = [r for r in resources if r["resourceType"] == "Patient"]
    assert patient["contact"][0]["name"] == {"text": "Ward 7"}
    assert patient["contact"][0]["relationship"] == [{"text": "oncology"}]
    assert patient["contact"][0]["telecom"][0]["value"] == "020 7946 0999"
    assert patient["contact"][1]["telecom"][0]["value"] == "007"  # text, leading zeros kept
    (allergy,) = [r for r in resources if r["resourceType"] == "AllergyIntolerance"]
    assert allergy["code"] == {"text": "latex"}
    assert allergy["patient"] == {"reference": "Patient/patient"}
    assert set(allergy) == {"resourceType", "id", "patient", "code"}  # its text only
    plain = fhir_bundle([], profile=Profile("Ann"), now=NOW)
    assert not any(e["resource"]["resourceType"] == "AllergyIntolerance" for e in plain["entry"])


def test_fhir_appointments_for_visits() -> None:
    visits = [
        Visit(datetime(2026, 12, 1, 9, 30), "hematologist", "bring results", "Why?"),
        Visit(datetime(2026, 10, 1, 9, 30)),
    ]
    bundle = fhir_bundle([], profile=PROFILE, now=NOW, visits=visits)
    coming, past = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Appointment"
    ]
    assert coming["status"] == "booked" and past["status"] == "fulfilled"
    assert coming["start"].startswith("2026-12-01T09:30:00")
    assert coming["description"] == "Visit with hematologist"
    assert coming["comment"] == "bring results\nQuestions: Why?"
    assert "comment" not in past and "description" not in past
