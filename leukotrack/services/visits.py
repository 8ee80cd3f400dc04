"""Appointments: validated, stored, and the patient's questions kept with the next one.

Questions written while no visit is coming are a draft on the profile; the first visit added
from today on takes them over (and the draft is emptied), so they print for that visit and stay
with it afterwards.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from leukotrack.domain.care import Visit, next_visit
from leukotrack.domain.dates import check_after_birth, check_year, long_date
from leukotrack.domain.errors import InputError
from leukotrack.storage.db import Database

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository

MAX_YEARS_AHEAD = 3
MAX_WITH = 200


def visit_record(
    repo: Repository, at: datetime, with_whom: str, note: str, questions: str, now: datetime
) -> Visit:
    check_year(at, at.isoformat())
    check_after_birth(at, repo.profile().birth_date, "visit date")
    if at > now + timedelta(days=365 * MAX_YEARS_AHEAD):
        raise InputError(
            f"The visit date {at.date().isoformat()} is more than {MAX_YEARS_AHEAD} years ahead; "
            "check the year."
        )
    who = " ".join(with_whom.split())
    if len(who) > MAX_WITH:
        raise InputError(f"'With' is longer than {MAX_WITH} characters; shorten it.")
    return Visit(at.replace(second=0, microsecond=0), who, note.strip(), questions.strip())


def add_visit(
    db: Database,
    at: datetime,
    with_whom: str = "",
    note: str = "",
    questions: str = "",
    now: datetime | None = None,
) -> Visit:
    """Store a visit. The first visit from today on takes over the profile's draft questions."""
    now = now or datetime.now()
    with db.transaction() as repo:
        visit = visit_record(repo, at, with_whom, note, questions, now)
        profile = repo.profile()
        coming = next_visit(repo.visits(), now)
        takes_draft = (
            profile.questions.strip()
            and not visit.questions
            and next_visit([visit], now) is not None
            and coming is None
        )
        if takes_draft:
            visit = replace(visit, questions=profile.questions.strip())
            repo.save_profile(replace(profile, questions=""))
        return repo.add_visit(visit)


def edit_visit(
    db: Database,
    record_id: int,
    at: datetime,
    with_whom: str = "",
    note: str = "",
    questions: str = "",
    now: datetime | None = None,
) -> tuple[Visit, Visit]:
    with db.transaction() as repo:
        before = next((v for v in repo.visits() if v.id == record_id), None)
        if before is None:
            raise InputError("This visit is no longer stored (deleted elsewhere); nothing changed.")
        v = visit_record(repo, at, with_whom, note, questions, now or datetime.now())
        after = replace(v, id=record_id)
        repo.update_visit(after)
        return before, after


def check_visit(db: Database, at: datetime, with_whom: str, note: str, questions: str) -> Visit:
    """Validate without storing (as the person types)."""
    with db.reading() as repo:
        return visit_record(repo, at, with_whom, note, questions, datetime.now())


def questions_home(
    visits: list[Visit], profile_questions: str, now: datetime
) -> tuple[Visit | None, str]:
    """Where the questions for the next appointment live: its visit, or the profile's draft."""
    coming = next_visit(visits, now)
    if coming is not None:
        return coming, coming.questions
    return None, profile_questions


def save_questions(db: Database, text: str, now: datetime | None = None) -> Visit | None:
    """Keep `text` with the next visit (or as the draft when none is recorded)."""
    now = now or datetime.now()
    text = text.strip()
    with db.transaction() as repo:
        coming = next_visit(repo.visits(), now)
        if coming is None:
            profile = repo.profile()
            if profile.questions != text:
                repo.save_profile(replace(profile, questions=text))
            return None
        if coming.questions != text:
            coming = replace(coming, questions=text)
            repo.update_visit(coming)
        return coming


def release_questions(repo: Repository, visit: Visit, now: datetime) -> None:
    """A coming visit is being deleted: its questions go back to the draft (when that is empty
    and no other visit is coming), so deleting or undoing the visit never loses them."""
    stored = repo.visits()
    visit = next((v for v in stored if v.id == visit.id), visit)
    if not visit.questions or next_visit([visit], now) is None:
        return
    others = [v for v in stored if v.id != visit.id]
    profile = repo.profile()
    if next_visit(others, now) is None and not profile.questions.strip():
        repo.save_profile(replace(profile, questions=visit.questions))


def next_visit_text(visits: list[Visit], now: datetime) -> str:
    """The Overview's line on the next appointment."""
    coming = next_visit(visits, now)
    if coming is None:
        return "No next visit recorded. Add one in the Visits tab."
    days = (coming.at.date() - now.date()).days
    when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
    time_text = f" at {coming.at:%H:%M}" if coming.at.time() != datetime.min.time() else ""
    who = (
        f" with the {coming.with_whom}" if coming.with_whom and coming.with_whom != "other" else ""
    )
    asks = len([line for line in coming.questions.splitlines() if line.strip()])
    questions = f"; {asks} question{'' if asks == 1 else 's'} written" if asks else ""
    return f"Next visit: {coming.at:%A} {long_date(coming.at)}{time_text}{who} ({when}){questions}."
