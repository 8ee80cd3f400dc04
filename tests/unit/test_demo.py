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
