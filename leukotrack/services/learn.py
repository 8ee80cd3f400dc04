"""The Learn pane's content: a topic's plain words plus what the patient's own records show.

"What does ANC 0.8 mean for me?" is answered by the topic's general facts and a short "In your
records" part built from the same snapshot the window shows (latest counts with their levels,
fatigue scores, infections, medicines known to lower white cells, the next test).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.domain.dates import long_date
from leukotrack.domain.learn_topics import BY_KEY, TOPICS, Topic
from leukotrack.domain.medicines import match_medicine
from leukotrack.domain.reference import mild_neutropenia_limit
from leukotrack.services.overview import Tile, latest_tiles
from leukotrack.services.reminders import next_test
from leukotrack.services.timeline import Timeline

__all__ = ["TOPICS", "LearnPage", "learn_page"]

# Which of the patient's own figures each topic shows.
PERSONAL = {
    "white-cells": ("wbc",),
    "kinds": ("anc", "lymphocytes", "monocytes"),
    "ranges": ("wbc", "anc"),
    "levels": ("anc", "wbc"),
    "other-counts": ("hemoglobin", "platelets"),
    "q-surgery": ("wbc", "anc"),
    "q-untreated": ("anc",),
    "q-infections": ("anc",),
}


@dataclass(frozen=True, slots=True)
class LearnPage:
    topic: Topic
    yours: tuple[str, ...]  # sentences about the patient's own records; may be empty
    closing: str = NOT_A_DIAGNOSIS


def _tile_sentence(tile: Tile) -> str:
    status = tile.status_word.lower()
    where = f" ({tile.range})" if tile.range else ""
    calc = ", calculated from your white count and differential" if tile.calculated else ""
    return (
        f"Your latest {tile.label} was {tile.value} on {long_date(tile.taken_at)}{calc}: "
        f"{status}{where}."
    )


def _fatigue(timeline: Timeline) -> list[str]:
    scores = [f.score for f in timeline.fatigue]
    if not scores:
        return ["You have not recorded a fatigue score yet. The Fatigue tab keeps one a day."]
    last = max(timeline.fatigue, key=lambda f: f.day)
    return [
        f"You recorded a fatigue score on {len(scores)} days. Your scores averaged "
        f"{mean(scores):.1f} out of 10; the latest was {last.score} on {long_date(last.day)}."
    ]


def _infections(timeline: Timeline) -> list[str]:
    n = len(timeline.infections)
    if n == 0:
        return ["You have not recorded an infection."]
    latest = max(timeline.infections, key=lambda i: i.start)
    word = "infection" if n == 1 else "infections"
    return [
        f"You have recorded {n} {word}; the latest began on {long_date(latest.start)} "
        f"({latest.kind})."
    ]


def _medicines(timeline: Timeline, as_of: datetime) -> list[str]:
    found = sorted(
        {
            m.name
            for m in timeline.medications
            if m.active_on(as_of.date()) and match_medicine(m.name) is not None
        }
    )
    if not found:
        return ["None of the medicines you take now is on LeukoTrack's list."]
    return [f"Of the medicines you take now, these are on the list: {', '.join(found)}."]


def _next_test(timeline: Timeline, as_of: datetime) -> list[str]:
    found = next_test(timeline, as_of)
    if found is None:
        return [
            "No plan gives you a next test yet. You can set one in File → Plan my next blood test."
        ]
    state = "was due" if found.overdue else "is due"
    return [f"Your next blood test {state} on {long_date(found.due)} ({found.source})."]


def learn_page(key: str, timeline: Timeline | None, as_of: datetime | None = None) -> LearnPage:
    """The topic `key` with the patient's own figures (none when `timeline` is None)."""
    topic = BY_KEY[key]
    if timeline is None or timeline.is_empty:
        return LearnPage(topic, ())
    moment = as_of or datetime.now()
    yours: list[str] = []
    wanted = PERSONAL.get(key, ())
    if wanted:
        tiles = {t.analyte: t for t in latest_tiles(timeline.draws, timeline.profile)}
        yours += [_tile_sentence(tiles[a]) for a in wanted if a in tiles]
        anc = tiles.get("anc")
        if key == "levels" and anc is not None and anc.band is None:
            limit = mild_neutropenia_limit(timeline.profile, anc.taken_at.date())
            yours.insert(1, f"That is not below {limit:g}, so it is in none of the three levels.")
    if key == "q-tired":
        yours += _fatigue(timeline)
    elif key == "q-infections":
        yours += _infections(timeline)
    elif key == "causes":
        yours += _medicines(timeline, moment)
    elif key in ("next-test", "management"):
        yours += _next_test(timeline, moment)
    return LearnPage(topic, tuple(yours))
