"""Every past schema revision, with data in it, upgrades to head with nothing lost.

When a migration is added, add the rows a database at that revision would hold to
SAMPLE_ROWS: the test below refuses a revision without them.
"""

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from leukotrack.storage.db import Database, known_revisions, migrate_to

SAMPLE_ROWS: dict[str, list[str]] = {
    "0001": [
        "INSERT INTO profile (id, name, sex, birth_date, reference, count_unit, thresholds_json, questions) "
        "VALUES (1, 'Sam', 'male', '1990-02-03', 'adult', '10^9/L', '{}', 'Why?')",
        "INSERT INTO setting (key, value_json) VALUES ('entry.units', '{\"wbc\": \"K/µL\"}')",
        "INSERT INTO draw (id, taken_at, lab, source, source_file, created_at) "
        "VALUES (1, '2026-03-03 09:30:00.000000', 'City Lab', 'manual', NULL, '2026-03-03 10:00:00.000000')",
        "INSERT INTO result (draw_id, analyte, value, value_entered, unit_entered, comparator, ref_low, ref_high, calculated) "
        "VALUES (1, 'wbc', 3.1, '3100', '/µL', NULL, 4.0, 11.0, 0)",
        "INSERT INTO result (draw_id, analyte, value, value_entered, unit_entered, comparator, ref_low, ref_high, calculated) "
        "VALUES (1, 'anc', 0.5, '<0.5', 'K/µL', '<', NULL, NULL, 0)",
        "INSERT INTO temperature (taken_at, celsius, entered, source) VALUES ('2026-03-04 20:00:00.000000', 38.6, '101.5 °F', 'manual')",
        "INSERT INTO fatigue (day, score, note) VALUES ('2026-03-04', 7, 'tired')",
        "INSERT INTO infection (start, \"end\", kind, treatment, max_temp_c) VALUES ('2026-03-04', NULL, 'chest', 'antibiotics', 38.6)",
        "INSERT INTO medication (name, start, stop, dose, kind, source) VALUES ('Clozapine', '2025-01-01', NULL, '200 mg', 'other', 'manual')",
    ],
}
SAMPLE_ROWS["0004"] = [
    *SAMPLE_ROWS["0001"],
    "INSERT INTO report_file (id, file_name, sha256, content, pages, method, imported_at) "
    "VALUES (1, 'cbc.pdf', 'ab12', X'255044462D', 1, 'text', '2026-03-05 10:00:00.000000')",
    "INSERT INTO report_source (report_file_id, draw_id, analyte, page, line) "
    "VALUES (1, 1, 'wbc', 1, 'WBC 3100 /uL')",
]


def test_every_revision_has_sample_rows() -> None:
    assert set(known_revisions()) == set(SAMPLE_ROWS)


@pytest.mark.parametrize("revision", known_revisions())
def test_upgrade_from_each_revision_keeps_everything(tmp_path: Path, revision: str) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    migrate_to(engine, revision)
    with engine.begin() as con:
        for statement in SAMPLE_ROWS[revision]:
            con.execute(text(statement))
    engine.dispose()
    db = Database(path)
    try:
        with db.reading() as repo:
            counts = repo.counts()
            assert counts["draw"] == 1 and counts["result"] == 2 and counts["temperature"] == 1
            assert counts["fatigue"] == 1 and counts["infection"] == 1 and counts["medication"] == 1
            (draw,) = repo.draws()
            assert draw.get("wbc").entered == "3100 /µL"  # type: ignore[union-attr]
            assert draw.get("anc").comparator == "<"  # type: ignore[union-attr]
            assert repo.profile().name == "Sam" and repo.profile().questions == "Why?"
            assert repo.setting("entry.units") == {"wbc": "K/µL"}
            if "report_file" in counts:  # from 0004 on
                expected = 1 if revision >= "0004" else 0
                assert counts["report_file"] == expected == len(repo.report_files.sources())
    finally:
        db.close()
