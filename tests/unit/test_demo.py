"""The demo history is fictional but must show what it promises."""

from datetime import date, timedelta

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.anc import anc_from_values
from leukotrack.domain.units import check_plausible, parse_quantity
from leukotrack.services.demo import demo_history

TODAY = date(2026, 11, 21)


def test_demo_tells_the_promised_story() -> None:
    profile, draws, temps, fatigue, infections, meds = demo_history(TODAY)
    assert "fictional" in profile.name.lower()
    assert draws[0].taken_at.date() >= TODAY - timedelta(days=731)
    assert draws[-1].taken_at.date() <= TODAY
    ancs = [
        (d.taken_at.date(), anc_from_values({r.analyte: r.value for r in d.results})) for d in draws
    ]
    clozapine = next(m for m in meds if m.name == "Clozapine")
    chemo = next(m for m in meds if m.kind.value == "chemotherapy")
    dip = [a for day, a in ancs if a and clozapine.start < day < chemo.start and a[0] < 1.5]
    nadir = [a for day, a in ancs if a and chemo.start <= day and a[0] < 0.5]
    assert dip, "a neutropenic dip on clozapine"
    assert nadir, "a chemotherapy-like nadir below 0.5"
    assert max(t.celsius for t in temps) >= 38.3
    assert len(infections) >= 2 and len(fatigue) > 100


def test_demo_values_are_plausible_as_entered() -> None:
    _, draws, *_ = demo_history(TODAY)
    for draw in draws:
        for r in draw.results:
            if r.calculated:
                continue
            q = parse_quantity(r.entered, ANALYTES[r.analyte].dimension)
            assert abs(check_plausible(ANALYTES[r.analyte], q) - r.value) < 1e-9, r


def test_demo_course_of_six_cycles_with_pegfilgrastim_from_cycle_3() -> None:
    from leukotrack.domain.cycle_readings import cycle_readings, gcsf_days
    from leukotrack.domain.cycles import cycle_summaries, nadir_window
    from leukotrack.services.demo import demo_cycles

    _, draws, _, _, _, meds = demo_history(TODAY)
    cycles = demo_cycles(TODAY)
    summaries = cycle_summaries(cycles, cycle_readings(draws, "anc"), 1.5, gcsf_days(meds, TODAY))
    assert len(summaries) == 6 and {s.span.length_days for s in summaries} == {21}
    assert [bool(s.gcsf) for s in summaries] == [False, False, True, True, True, True]
    counts = [len(s.points) for s in summaries]
    assert 1 in counts and 3 in counts and 2 in counts  # 2–3 tests in some cycles, 1 in others
    nadirs = [s.nadir.value for s in summaries if s.nadir is not None]
    assert min(nadirs[:2]) < 0.5 < min(nadirs[2:])  # pegfilgrastim keeps later nadirs higher
    window = nadir_window(summaries)
    assert window is not None and 8 <= window.first_day <= window.last_day <= 12
