"""The trend chart: items for a known series, updates, hover, presets, and the printed version."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from leukotrack.domain.records import (
    CountUnit,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    Profile,
    Result,
    TemperatureReading,
)
from leukotrack.gui.charts.chart_data import DAY, build_chart_data, day_start, to_x
from leukotrack.gui.charts.items import BandsItem, SpansItem
from leukotrack.gui.charts.printed import render_chart
from leukotrack.gui.charts.trend_chart import TrendChart
from leukotrack.services.timeline import Timeline

D0 = datetime(2025, 3, 3, 9, 0)


def _draw(day: int, wbc: float, anc: float, calculated: bool = False, lab: bool = False) -> Draw:
    rng = (4.0, 11.0) if lab else (None, None)
    arng = (2.0, 7.5) if lab else (None, None)
    return Draw(
        D0 + timedelta(days=day),
        (
            Result("wbc", wbc, f"{wbc} K/uL", None, *rng),
            Result("anc", anc, f"{anc} K/uL", None, *arng, calculated=calculated),
        ),
        "City lab" if lab else "Clinic",
    )


def _timeline(draws: list[Draw], **extra: object) -> Timeline:
    return Timeline(
        extra.get("profile", Profile()),  # type: ignore[arg-type]
        draws,
        extra.get("temperatures", []),  # type: ignore[arg-type]
        extra.get("fatigue", []),  # type: ignore[arg-type]
        extra.get("infections", []),  # type: ignore[arg-type]
        extra.get("medications", []),  # type: ignore[arg-type]
    )


KNOWN = _timeline(
    [
        _draw(0, 5.0, 2.5, calculated=True),
        _draw(14, 3.0, 0.8, calculated=True),
        _draw(28, 4.2, 1.6),
        _draw(42, 4.6, 2.1, lab=True),
        _draw(56, 4.8, 2.4, lab=True),
    ],
    medications=[
        Medication("Clozapine", date(2025, 3, 1), None),
        Medication("Sertraline", date(2025, 3, 10), date(2025, 3, 20)),
        Medication("Folic acid", date(2025, 3, 25), date(2025, 4, 5), kind=MedicationKind.OTHER),
    ],
    infections=[Infection(date(2025, 3, 18), "cold", date(2025, 3, 22))],
    temperatures=[TemperatureReading(datetime(2025, 3, 19, 20, 0), 38.4, "38.4 °C")],
    fatigue=[FatigueEntry(date(2025, 3, 3) + timedelta(days=i), 4 + i % 3) for i in range(21)],
)


@pytest.fixture
def chart(qtbot):  # type: ignore[no-untyped-def]
    widget = TrendChart()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    return widget


def test_chart_data_bands_zones_and_lab_steps() -> None:
    data = build_chart_data(KNOWN)
    wbc, anc = data.series["wbc"], data.series["anc"]
    assert len(wbc) == 5 and len(anc) == 5
    assert [b.low for b in wbc.normal] == [4.5] and [b.high for b in wbc.normal] == [11.0]
    assert (anc.normal[0].low, anc.normal[0].high) == (1.8, 7.7)
    assert list(anc.calculated) == [True, True, False, False, False]
    # the city lab's own range from the 4th draw on, to the end of the data
    (step,) = wbc.lab_steps
    assert (step.low, step.high) == (4.0, 11.0)
    assert step.x0 == to_x(D0 + timedelta(days=42))
    zones = {z.name: [(b.low, b.high) for b in z.bands] for z in data.zones}
    assert zones == {"mild": [(1.0, 1.5)], "moderate": [(0.5, 1.0)], "severe": [(0.0, 0.5)]}


def test_chart_data_in_cells_per_microlitre() -> None:
    tl = _timeline(KNOWN.draws, profile=Profile(count_unit=CountUnit.CELLS_PER_UL))
    data = build_chart_data(tl)
    assert data.series["anc"].y[1] == pytest.approx(800.0)
    assert data.series["anc"].unit == "cells/µL"
    assert [(b.low, b.high) for b in data.zones[2].bands] == [(0.0, 500.0)]
    assert (
        "0.8" not in data.series["anc"].hover[1] and "800 cells/µL" in data.series["anc"].hover[1]
    )


def test_plot_items_for_a_known_series(chart: TrendChart) -> None:
    chart.set_timeline(KNOWN)
    points = chart.items["points:anc"][0]
    assert len(points.data) == 5
    hollow = [p.brush().color() == chart._background() for p in points.points()]
    assert hollow == [True, True, False, False, False]
    band = chart.items["band:wbc"][0]
    assert isinstance(band, BandsItem)
    assert [(b.low, b.high) for b in band.bands] == [(4.5, 11.0)]
    zones = {k.split(":")[1]: v[0] for k, v in chart.items.items() if k.startswith("zone:")}
    assert [(b.low, b.high) for b in zones["moderate"].bands] == [(0.5, 1.0)]
    assert isinstance(chart.items["labband:wbc"][0], BandsItem)
    meds = chart.items["medicines"][0]
    assert isinstance(meds, SpansItem)
    by_name = {s.label: s for s in meds.spans}
    assert by_name["Clozapine"].emphasised and not by_name["Sertraline"].emphasised
    assert by_name["Sertraline"].x0 == day_start(date(2025, 3, 10))
    assert by_name["Sertraline"].x1 == day_start(date(2025, 3, 21))
    assert by_name["Clozapine"].ongoing
    # Sertraline overlaps Clozapine: another lane; Folic acid fits in Sertraline's lane again
    assert by_name["Sertraline"].lane != by_name["Clozapine"].lane
    assert by_name["Folic acid"].lane == by_name["Sertraline"].lane
    assert len(chart.items["fevers"][0].data) == 1
    assert len(chart.items["fatigue"]) == 1


def test_no_data_says_what_to_do(chart: TrendChart) -> None:
    chart.set_timeline(_timeline([]))
    assert chart._stack.currentWidget() is chart.empty_label
    assert "Add results" in chart.empty_label.text()
    diary_only = _timeline([], fatigue=[FatigueEntry(date(2025, 1, 1), 3)])
    chart.set_timeline(diary_only)
    assert "diary" in chart.empty_label.text()


def test_a_single_result_is_a_point_with_its_band(chart: TrendChart) -> None:
    chart.set_timeline(_timeline([_draw(0, 3.2, 1.2)]))
    assert chart._stack.currentWidget() is chart._glw
    assert len(chart.items["points:wbc"][0].data) == 1
    lo, hi = chart.x_range()
    x = to_x(D0)
    assert lo < x < hi and hi - lo >= 13 * DAY
    band = chart.items["band:wbc"][0].bands[0]
    assert band.x0 < lo and band.x1 > hi


def test_follows_changed_data(chart: TrendChart) -> None:
    chart.set_timeline(KNOWN)
    assert len(chart.items["points:wbc"][0].data) == 5
    fewer = _timeline([*KNOWN.draws[:2], _draw(70, 2.0, 0.4)])
    chart.set_timeline(fewer)
    assert len(chart.items["points:wbc"][0].data) == 3
    assert chart.data is not None and chart.data.series["anc"].y[-1] == pytest.approx(0.4)
    assert "medicines" in chart.items and not chart.items["medicines"][0].spans


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on show()
def test_hover_shows_date_value_range_and_grade(chart: TrendChart, qtbot) -> None:  # type: ignore[no-untyped-def]
    chart.set_timeline(KNOWN)
    chart.set_range_preset("all")
    chart.show()
    qtbot.waitExposed(chart)
    s = chart.data.series["anc"]  # type: ignore[union-attr]
    text = chart.hover_at(chart.count_plot, float(s.x[1]), float(s.y[1]))
    assert "17 Mar 2025 09:00" in text
    assert "ANC 0.8 ×10⁹/L (calculated)" in text
    assert "default range 1.8–7.7 ×10⁹/L" in text
    assert "CTCAE grade 3" in text
    assert chart.hover_text == text
    far = chart.hover_at(chart.count_plot, float(s.x[1]), 100.0)
    assert far == "" and chart.hover_text == ""
    # through the scene's signal, as a real mouse move arrives
    vb = chart.count_plot.getViewBox()
    from PySide6.QtCore import QPointF

    chart._on_mouse_moved(vb.mapViewToScene(QPointF(float(s.x[3]), float(s.y[3]))))
    assert "lab's range 2–7.5 ×10⁹/L" in chart.hover_text


def test_presets_change_the_x_range(chart: TrendChart) -> None:
    long = _timeline([_draw(d, 4.0, 2.0) for d in range(0, 800, 20)])
    chart.set_timeline(long)
    chart.set_range_preset("3m")
    lo, hi = chart.x_range()
    assert hi - lo == pytest.approx(91 * DAY, rel=0.01)
    chart.set_range_preset("1y")
    lo, hi = chart.x_range()
    assert hi - lo == pytest.approx(365 * DAY, rel=0.01)
    chart.set_range_preset("all")
    lo, hi = chart.x_range()
    assert lo < to_x(D0) and hi > to_x(D0 + timedelta(days=780))
    with pytest.raises(ValueError, match="3m"):
        chart.set_range_preset("5y")


def test_selectable_analytes_add_panels(chart: TrendChart) -> None:
    draws = [
        Draw(D0, (Result("wbc", 4.0, "4"), Result("hemoglobin", 12.5, "12.5 g/dL"))),
        Draw(D0 + timedelta(days=9), (Result("wbc", 4.4, "4.4"), Result("hemoglobin", 11.0, "11"))),
    ]
    chart.set_timeline(_timeline(draws))
    assert "points:hemoglobin" not in chart.items
    chart.set_analytes(["wbc", "hemoglobin"])
    assert len(chart.items["points:hemoglobin"][0].data) == 2
    assert chart._checks["hemoglobin"].isChecked()
    chart._checks["hemoglobin"].setChecked(False)
    assert chart.analytes() == ("wbc",)


def _ink_pixels(img: QImage) -> int:
    white = QColor("white").rgb()
    return sum(
        1
        for y in range(0, img.height(), 4)
        for x in range(0, img.width(), 4)
        if img.pixel(x, y) != white
    )


def test_render_chart_paints_an_image(qapp) -> None:  # type: ignore[no-untyped-def]
    img = QImage(1200, 700, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    try:
        render_chart(painter, QRectF(0, 0, 1200, 700), KNOWN)
    finally:
        painter.end()
    assert _ink_pixels(img) > 2000


def test_render_chart_without_data_says_so(qapp) -> None:  # type: ignore[no-untyped-def]
    img = QImage(600, 300, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    try:
        render_chart(painter, QRectF(0, 0, 600, 300), _timeline([]))
    finally:
        painter.end()
    assert 0 < _ink_pixels(img) < 2000


def test_render_chart_into_a_pdf(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = QPainter(writer)
    try:
        area = QRectF(0, 0, writer.width(), writer.height() / 2)
        render_chart(painter, area, KNOWN, date(2025, 3, 1), date(2025, 4, 30))
    finally:
        painter.end()
    assert out.stat().st_size > 3000
    assert out.read_bytes().startswith(b"%PDF")


def _with_hb_and_plt(day: int, wbc: float, anc: float) -> Draw:
    base = _draw(day, wbc, anc)
    return Draw(
        base.taken_at,
        (*base.results, Result("hemoglobin", 12.5, "12.5"), Result("platelets", 210.0, "210")),
        base.lab,
    )


def _drawn(chart: TrendChart) -> set[str]:
    return {k.split(":")[1] for k in chart.items if k.startswith("points:")}


def test_ticking_two_boxes_draws_both_and_keeps_wbc_and_anc(chart: TrendChart) -> None:
    chart.set_timeline(_timeline([_with_hb_and_plt(d, 4.0, 2.0) for d in (0, 10, 20)]))
    assert _drawn(chart) == {"wbc", "anc"}
    chart._checks["hemoglobin"].click()
    assert _drawn(chart) == {"wbc", "anc", "hemoglobin"}
    chart._checks["platelets"].click()
    assert _drawn(chart) == {"wbc", "anc", "hemoglobin", "platelets"}
    assert chart.analytes() == ("wbc", "anc", "hemoglobin", "platelets")
    chart._checks["hemoglobin"].click()
    assert _drawn(chart) == {"wbc", "anc", "platelets"}
    assert [k for k, b in chart._checks.items() if b.isChecked()] == ["wbc", "anc", "platelets"]
    chart.set_analytes(k for k in ("anc",))  # a generator is read once, not emptied first
    assert chart.analytes() == ("anc",) and _drawn(chart) == {"anc"}


def test_fever_marks_have_their_own_lane_and_the_profile_threshold(chart: TrendChart) -> None:
    from leukotrack.domain.records import Thresholds
    from leukotrack.gui.charts.trend_chart import FEVER_SYMBOL, FEVER_Y

    chart.set_timeline(KNOWN)
    fevers = chart.items["fevers"][0]
    assert FEVER_SYMBOL == "t1"  # pyqtgraph's upward triangle, as in the legend
    assert fevers.opts["symbol"] == "t1" and list(fevers.data["y"]) == [FEVER_Y]
    ticks = dict((label, y) for y, label in chart.events_plot.getAxis("left")._tickLevels[0])
    assert ticks["Fever"] == FEVER_Y and ticks["Infection"] == 0.0
    assert "temperature ≥ 38.0 °C" in chart.legend_texts
    assert not any("38 °C" in t for t in chart.legend_texts)
    # a lone fever does not sit on the infection's bar: its lane is below
    (infection,) = chart.items["infections"][0].rects
    assert infection.top() > FEVER_Y + 0.5
    lower = Profile(thresholds=Thresholds(fever_sustained_c=37.8))
    warm = TemperatureReading(datetime(2025, 3, 5, 8, 0), 37.9, "37.9 °C")
    chart.set_timeline(_timeline(KNOWN.draws, profile=lower, temperatures=[warm]))
    assert "temperature ≥ 37.8 °C" in chart.legend_texts
    assert len(chart.items["fevers"][0].data) == 1


def test_legend_tells_the_profile_range_from_the_lab_range(chart: TrendChart) -> None:
    chart.set_timeline(KNOWN)
    assert "WBC usual range (profile)" in chart.legend_texts
    assert "your lab's range" in chart.legend_texts
    assert not any("normal range" in t for t in chart.legend_texts)
    assert chart.data is not None and chart.data.series["wbc"].lab_latest
    assert chart.items["labband:wbc"][0]._pen.widthF() > 2.0  # the latest result's range: bold
    older_lab = _timeline([*KNOWN.draws, _draw(70, 4.4, 2.0)])
    chart.set_timeline(older_lab)
    assert chart.data is not None and not chart.data.series["wbc"].lab_latest
    assert chart.items["labband:wbc"][0]._pen.widthF() < 2.0


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_date_labels_always_name_the_month(chart: TrendChart, qtbot) -> None:  # type: ignore[no-untyped-def]
    from leukotrack.gui.charts.ticks import calendar_labels

    labels = calendar_labels([(to_x(date(2025, 3, 14)), "day"), (to_x(date(2025, 3, 21)), "day")])
    assert sorted(labels.values()) == ["14 Mar 2025", "21 Mar"]
    year_end = calendar_labels(
        [
            (day_start(date(2025, 12, 1)), "month"),
            (day_start(date(2026, 1, 1)), "year"),
            (day_start(date(2026, 2, 1)), "month"),
        ]
    )
    assert list(year_end.values()) == ["Dec 2025", "2026", "Feb"]
    chart.set_timeline(_timeline([_draw(0, 3.2, 1.2)]))
    chart.show()
    qtbot.waitExposed(chart)
    axis = chart.count_plot.getAxis("bottom")  # the lowest panel: no fatigue in this timeline
    assert axis.isVisible()
    qtbot.waitUntil(lambda: hasattr(axis, "fontMetrics"))  # set on its first paint
    lo, hi = chart.x_range()
    levels = axis.tickValues(lo, hi, 1000)
    shown = [s for spacing, values in levels for s in axis.tickStrings(values, 1.0, spacing)]
    assert shown and all(any(m in s for m in ("Feb", "Mar")) for s in shown)
    assert any("2025" in s for s in shown)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_short_chart_keeps_a_minimum_and_drops_fatigue_first(chart: TrendChart, qtbot) -> None:  # type: ignore[no-untyped-def]
    chart.set_timeline(KNOWN)
    chart.show()
    qtbot.waitExposed(chart)
    assert chart.minimumSizeHint().height() >= 240
    assert chart._glw.minimumHeight() == chart.plots_minimum_height()
    chart.resize(1000, 100)  # squeezed: the widget keeps its minimum; a parent has to scroll
    qtbot.wait(20)
    assert chart.height() >= chart.minimumSizeHint().height()
    assert chart._glw.height() >= chart.plots_minimum_height()
    assert not chart.fatigue_shown and chart.fatigue_plot.scene() is None
    assert chart.count_plot.getAxis("bottom").isVisible()  # the dates move to the lowest panel
    chart.resize(1000, 800)
    qtbot.wait(20)
    assert chart.fatigue_shown and chart.fatigue_plot.scene() is not None
    assert chart.fatigue_plot.getAxis("bottom").isVisible()
    assert not chart.count_plot.getAxis("bottom").isVisible()


def test_hovering_a_short_bar_gives_the_full_name(chart: TrendChart) -> None:
    short = Medication("Amoxicillin-clavulanate", date(2025, 3, 30), date(2025, 3, 31))
    chart.set_timeline(_timeline(KNOWN.draws, medications=[short]))
    chart.set_range_preset("all")
    (span,) = chart.items["medicines"][0].spans
    y = chart.data.medicine_lanes - span.lane  # type: ignore[union-attr]
    text = chart.hover_at(chart.events_plot, (span.x0 + span.x1) / 2, y)
    assert text.startswith("Amoxicillin-clavulanate\n30 Mar 2025 – 31 Mar 2025")
    assert chart.items["medicines"][0].toolTip() == text
    assert chart.hover_at(chart.events_plot, span.x0 - 30 * DAY, y) == ""
    assert chart.items["medicines"][0].toolTip() == ""
