"""The JSON backup: versioned, everything kept, bad fields listed, newer versions refused."""

import contextlib
import json
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leukotrack.domain.records import (
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    ReferenceProfile,
    Result,
    Sex,
    TemperatureReading,
    Thresholds,
    Treatment,
)
from leukotrack.io.backup import backup_document, parse_backup, write_backup
from leukotrack.io.parsed import FileFormatError


def sample() -> dict:
    return backup_document(
        profile=Profile(
            "Ann",
            Sex.FEMALE,
            date(1980, 1, 2),
            ReferenceProfile.DUFFY_NULL,
            Thresholds(anc_severe=0.4),
        ),
        settings={"theme": "dark"},
        draws=[
            Draw(
                datetime(2025, 1, 1, 9, 30, 15),
                (
                    Result("wbc", 3.7219610350978165, "3.7219610350978165 K/µL", None, 4.0, 11.0),
                    Result("anc", 0.5, "<0.5 K/µL", "<"),
                ),
                "Lab",
                "fhir",
            )
        ],
        temperatures=[TemperatureReading(datetime(2025, 1, 2, 20, 0), 38.4, "38.4 °C")],
        fatigue=[FatigueEntry(date(2025, 1, 2), 7, "tired")],
        infections=[Infection(date(2025, 1, 3), "chest", None, Treatment.ANTIBIOTICS, 38.9)],
        medications=[Medication("clozapine", date(2024, 6, 1), None, "100 mg")],
        now=datetime(2025, 2, 1),
    )


def test_round_trip_keeps_everything() -> None:
    doc = sample()
    assert doc["format"] == "leukotrack-backup" and doc["version"] == 1
    p = parse_backup(write_backup(doc).encode(), "b.json")
    assert p.problems == [] and p.full_profile and not p.recalculate_anc
    assert p.profile.reference is ReferenceProfile.DUFFY_NULL
    assert p.profile.thresholds.anc_severe == 0.4
    (d,) = p.draws.values()
    assert d.taken_at == datetime(2025, 1, 1, 9, 30, 15) and d.source == "fhir" and d.lab == "Lab"
    wbc, anc = (x.result for x in d.results)
    assert wbc.value == 3.7219610350978165 and wbc.ref_high == 11.0
    assert anc.comparator == "<" and anc.entered == "<0.5 K/µL"
    assert p.settings == {"theme": "dark"}
    assert p.fatigue[0].item.note == "tired" and p.infections[0].item.max_temp_c == 38.9
    assert p.medications[0].item.dose == "100 mg" and p.temperatures[0].item.celsius == 38.4


def test_newer_version_refused() -> None:
    doc = sample() | {"version": 2}
    with pytest.raises(FileFormatError, match="newer"):
        parse_backup(json.dumps(doc).encode(), "b.json")


def test_bad_fields_are_listed_with_their_place() -> None:
    doc = sample()
    doc["draws"][0]["results"][0]["analyte"] = "xyz"
    doc["fatigue"][0]["score"] = 11
    doc["medications"][0]["start"] = "soon"
    p = parse_backup(json.dumps(doc).encode(), "b.json")
    assert [x.where for x in p.blocking] == [
        "draws[0].results[0]",
        "fatigue[0]",
        "medications[0]",
    ]


def test_truncated_backup_is_a_file_error() -> None:
    text = write_backup(sample())
    with pytest.raises(FileFormatError):
        parse_backup(text[: len(text) // 2].encode(), "b.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
PATHS = [
    ("profile", "birth_date"),
    ("profile", "sex"),
    ("profile", "thresholds"),
    ("profile", None),
    ("draws", 0),
    ("draws", "results"),
    ("temperatures", 0),
    ("fatigue", 0),
    ("infections", 0),
    ("medications", 0),
    ("settings", None),
    ("version", None),
]


@settings(max_examples=150, deadline=None)
@given(where=st.sampled_from(PATHS), value=json_values)
def test_any_field_replaced_by_junk_gives_our_error_or_problems(
    where: tuple, value: object
) -> None:
    """The backup reader never raises anything but our own error, whatever a field holds."""
    doc = json.loads(write_backup(sample()))
    section, key = where
    if key is None:
        doc[section] = value
    elif section == "draws" and key == "results":
        doc["draws"][0]["results"] = value
    elif isinstance(key, int):
        doc[section][key] = value
    else:
        doc[section][key] = value
    try:
        parsed = parse_backup(json.dumps(doc).encode(), "junk.json")
    except FileFormatError:
        return
    assert isinstance(parsed.problems, list)


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=200))
def test_random_bytes_are_refused_cleanly(data: bytes) -> None:
    with contextlib.suppress(FileFormatError):
        parse_backup(data, "junk.json")
