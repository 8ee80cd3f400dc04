"""The interactive trend chart: counts against bands, medicines and infections above, fatigue below.

Call `set_timeline` again whenever the records change; the view keeps the person's range unless
they last chose a preset, which is then applied to the new data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QCursor, QPalette, QPen, QPixmap, QPolygonF, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from leukotrack.domain.analytes import ANALYTES
from leukotrack.gui.charts import style
from leukotrack.gui.charts.chart_data import (
    COUNT_PANEL,
    DAY,
    DEFAULT_ANALYTES,
    LAB_RANGE_LEGEND,
    OWN_PANEL,
    SELECTABLE,
    Band,
    ChartData,
    Series,
    Span,
    band_legend,
    build_chart_data,
    fever_legend,
)
from leukotrack.gui.charts.items import BandsItem, CalendarAxis, SpansItem
from leukotrack.report.drawing import star
from leukotrack.services.timeline import Timeline

pg.setConfigOptions(antialias=True, segmentedLineMode="on")  # wide lines: segments paint faster

PRESETS: dict[str, tuple[str, float | None]] = {
    "3m": ("3 months", 91 * DAY),
    "1y": ("1 year", 365 * DAY),
    "all": ("All", None),
}
HOVER_RADIUS_PX = 24.0
AXIS_WIDTH = 78
# Heights in pixels: each lane along the top, the least a panel of counts is drawn in, the
# fatigue panel, and the date axis under the lowest panel.
LANE_PX = 15
COUNT_MIN_PX = 100
COUNT_COMFORT_PX = 110
OWN_MIN_PX = 70
FATIGUE_PX = 50
AXIS_PX = 30
FEVER_SYMBOL = "t1"  # pyqtgraph's upward triangle, as the legend and the printed chart show
FEVER_Y = -1.0  # fevers have a lane of their own, under the infections

EMPTY_TEXT = (
    "<h3>No blood results yet</h3>"
    "<p>After your next clinic visit, use <b>Add results</b> to type in the blood count "
    "(or import a file from your lab or patient portal). The chart then shows your white "
    "cells and neutrophils against their normal ranges, with your medicines, infections and "
    "fatigue alongside.</p>"
)
DIARY_ONLY_TEXT = (
    "<h3>No blood results yet</h3>"
    "<p>Your diary has entries; the chart starts with your first blood result. "
    "Use <b>Add results</b> after a clinic visit to type one in.</p>"
)


def _colour(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


def _swatch(brush: QBrush, pen: QPen | None = None, symbol: str | None = None) -> QPixmap:
    from PySide6.QtGui import QPainter

    pix = QPixmap(22, 14)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if symbol is None:
            p.setPen(pen or QPen(Qt.PenStyle.NoPen))
            p.setBrush(brush)
            p.drawRect(1, 1, 20, 12)
        elif symbol == FEVER_SYMBOL:  # a marker alone, as the chart draws it
            p.setPen(pen or QPen(Qt.PenStyle.NoPen))
            p.setBrush(brush)
            p.drawPolygon(QPolygonF([QPointF(11, 2), QPointF(16.5, 12), QPointF(5.5, 12)]))
        elif symbol == style.GCSF_SYMBOL:
            p.setPen(pen or QPen(Qt.PenStyle.NoPen))
            p.setBrush(brush)
            p.drawPolygon(star(QPointF(11, 7.5), 6.5))
        else:
            p.setPen(pen or QPen(Qt.PenStyle.NoPen))
            p.drawLine(0, 7, 22, 7)
            p.setBrush(brush)
            p.drawEllipse(QPointF(11, 7), 4, 4) if symbol == "o" else p.drawRect(7, 3, 8, 8)
    finally:
        p.end()
    return pix


class _Panel:
    """One plot of the stack, with the series it shows."""

    def __init__(self, plot: pg.PlotItem, keys: Sequence[str]) -> None:
        self.plot = plot
        self.keys = tuple(keys)


class TrendChart(QWidget):
    """WBC and ANC (and chosen analytes) over time, with bands, zones, medicines and fatigue."""

    analytesChanged = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Trend chart of blood counts")
        self._timeline: Timeline | None = None
        self._data: ChartData | None = None
        self._analytes: tuple[str, ...] = DEFAULT_ANALYTES
        self._built_for: set[str] = set(DEFAULT_ANALYTES)
        self._preset: str | None = "1y"
        self._applying_range = False
        self.hover_text = ""
        self.legend_texts: list[str] = []
        self._legend_cells: list[QWidget] = []
        self._legend_columns = 0
        self.items: dict[str, list[pg.GraphicsObject]] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self._preset_group = QButtonGroup(self)
        self._preset_buttons: dict[str, QPushButton] = {}
        for key, (label, _) in PRESETS.items():
            b = QPushButton(label, self)
            b.setCheckable(True)
            b.setAccessibleName(f"Show {label.lower()}")
            b.clicked.connect(lambda _=False, k=key: self.set_range_preset(k))
            self._preset_group.addButton(b)
            self._preset_buttons[key] = b
            bar.addWidget(b)
        bar.addSpacing(16)
        self._checks: dict[str, QCheckBox] = {}
        for key in SELECTABLE:
            box = QCheckBox(ANALYTES[key].short, self)
            box.setToolTip(ANALYTES[key].name)
            box.setChecked(key in self._analytes)
            box.toggled.connect(self._checks_changed)
            self._checks[key] = box
            bar.addWidget(box)
        bar.addStretch(1)
        outer.addLayout(bar)

        self._legend = QWidget(self)
        self._legend_grid = QGridLayout(self._legend)
        self._legend_grid.setContentsMargins(4, 0, 4, 0)
        self._legend_grid.setHorizontalSpacing(14)
        self._legend_grid.setVerticalSpacing(2)
        outer.addWidget(self._legend)

        self._stack = QStackedWidget(self)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(24)
        self._glw = pg.GraphicsLayoutWidget(self)
        self._glw.setAccessibleName("Trend chart plot")
        self._glw.setAccessibleDescription(
            "White cells and neutrophils over time. Use Show chart as table to read the points."
        )
        self._stack.addWidget(self.empty_label)
        self._stack.addWidget(self._glw)
        outer.addWidget(self._stack, 1)

        self._build_plots()
        self._glw.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._show_data_state()

    # ---------------------------------------------------------------- public API

    def set_timeline(self, timeline: Timeline) -> None:
        """Show `timeline` (call again after any add, edit, delete or undo)."""
        self._timeline = timeline
        keep = None if self._preset is not None or self._data is None else self.x_range()
        self._data = self._build_data(timeline)
        self._populate()
        if keep is not None:
            self._set_x(*keep)
        else:
            self.set_range_preset(self._preset or "1y")

    def set_analytes(self, keys: Iterable[str]) -> None:
        """Choose which analytes to draw (from SELECTABLE); the checkboxes follow."""
        chosen = set(keys)  # once: `keys` may be a generator
        wanted = tuple(k for k in SELECTABLE if k in chosen)
        if wanted == self._analytes:
            return
        self._analytes = wanted
        for k, box in self._checks.items():
            box.blockSignals(True)
            box.setChecked(k in wanted)
            box.blockSignals(False)
        keep = self.x_range() if self._data is not None else None
        if self._timeline is not None and not set(wanted) <= self._built_for:
            self._data = self._build_data(self._timeline)
        self._populate()
        if keep is not None:
            self._set_x(*keep)
        self.analytesChanged.emit(wanted)

    def analytes(self) -> tuple[str, ...]:
        return self._analytes

    def _build_data(self, timeline: Timeline) -> ChartData:
        """The series of the analytes shown (WBC and ANC always: the zones follow the ANC);
        the others are worked out when first ticked, which keeps the first drawing quick."""
        self._built_for = {*DEFAULT_ANALYTES, *self._analytes}
        return build_chart_data(timeline, [k for k in SELECTABLE if k in self._built_for])

    def set_range_preset(self, preset: str) -> None:
        """'3m', '1y' or 'all': the last 3 months or year of data, or everything."""
        if preset not in PRESETS:
            raise ValueError(f"Unknown range preset {preset!r}; use one of {', '.join(PRESETS)}.")
        self._preset = preset
        self._preset_buttons[preset].setChecked(True)
        if self._data is None:
            return
        start, end = self.preset_range(preset)
        self._set_x(start, end)

    def preset_range(self, preset: str) -> tuple[float, float]:
        assert self._data is not None
        d = self._data
        width = PRESETS[preset][1]
        span = d.x_max - d.x_min
        pad = max(3 * DAY, 0.03 * span)
        if width is None or width >= span + 2 * pad:
            if span < 14 * DAY:  # a single result or a few days: centre it in two weeks
                mid = (d.x_min + d.x_max) / 2
                return mid - 7 * DAY, mid + 7 * DAY
            return d.x_min - pad, d.x_max + pad
        end = d.x_max + 3 * DAY
        return end - width, end

    def x_range(self) -> tuple[float, float]:
        lo, hi = self.count_plot.viewRange()[0]
        return float(lo), float(hi)

    @property
    def data(self) -> ChartData | None:
        return self._data

    # ---------------------------------------------------------------- building

    def _build_plots(self) -> None:
        def plot(name: str) -> pg.PlotItem:
            # Every panel has a date axis; only the lowest one shown displays it.
            p = pg.PlotItem(name=name, axisItems={"bottom": CalendarAxis()})
            p.setMenuEnabled(False)
            p.hideButtons()
            p.setMouseEnabled(x=True, y=False)
            p.getAxis("left").setWidth(AXIS_WIDTH)
            p.getAxis("bottom").setHeight(AXIS_PX)
            p.hideAxis("bottom")
            p.showGrid(x=False, y=False)
            return p

        self.events_plot = plot("events")
        self.count_plot = plot("counts")
        self.own_plots = {k: plot(k) for k in OWN_PANEL}
        self.fatigue_plot = plot("fatigue")
        self.fatigue_shown = False
        self._glw.installEventFilter(self)
        self.events_plot.getAxis("left").setStyle(tickLength=0)
        self.events_plot.showGrid(x=False, y=False)
        self.fatigue_plot.setYRange(-0.2, 10.8, padding=0)
        self.fatigue_plot.getAxis("left").setTicks([[(0, "0"), (5, "5"), (10, "10")]])
        self.fatigue_plot.setLabel("left", "Fatigue")
        for p in (self.events_plot, *self.own_plots.values(), self.fatigue_plot):
            p.setXLink(self.count_plot)
        self.count_plot.sigXRangeChanged.connect(self._x_changed)
        self.count_plot.getViewBox().sigRangeChangedManually.connect(self._manual_range)
        self._panels: list[_Panel] = []
        self._hover_label = pg.TextItem("", anchor=(0, 1), border=None)
        self._hover_label.setZValue(100)
        self._hover_dot = pg.ScatterPlotItem(size=14, pen=pg.mkPen(width=2), brush=None)
        self._hover_dot.setZValue(99)
        self._hover_owner: pg.PlotItem | None = None

    def _foreground(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def _apply_palette(self) -> None:
        fg, bg = self._foreground(), self._background()
        self._glw.setBackground(bg)
        for p in (self.events_plot, self.count_plot, *self.own_plots.values(), self.fatigue_plot):
            for name in ("left", "bottom"):
                ax = p.getAxis(name)
                ax.setPen(pg.mkPen(fg))
                ax.setTextPen(pg.mkPen(fg))
        fill = QColor(bg)
        fill.setAlpha(235)
        self._hover_label.fill = pg.mkBrush(fill)
        self._hover_label.border = pg.mkPen(fg)
        self._hover_label.setColor(fg)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._data is not None:
            keep = self.x_range()
            self._populate()
            self._set_x(*keep)
        super().changeEvent(event)

    def _checks_changed(self) -> None:
        self.set_analytes([k for k, box in self._checks.items() if box.isChecked()])

    def _show_data_state(self) -> None:
        d = self._data
        if d is None or not d.has_draws:
            diary = d is not None and not d.is_empty
            self.empty_label.setText(DIARY_ONLY_TEXT if diary else EMPTY_TEXT)
            self._stack.setCurrentWidget(self.empty_label)
            self._legend.hide()
        else:
            self._stack.setCurrentWidget(self._glw)
            self._legend.show()

    def _populate(self) -> None:
        """Rebuild every item from the current data (on data, analyte or palette change only)."""
        d = self._data
        self._apply_palette()
        for p in (self.events_plot, self.count_plot, *self.own_plots.values(), self.fatigue_plot):
            p.clear()
        self._glw.ci.clear()
        self.items = {}
        self._hover_owner = None
        self._show_data_state()
        if d is None or not d.has_draws:
            return
        count_keys = [k for k in self._analytes if k in COUNT_PANEL and k in d.series]
        own_keys = [k for k in self._analytes if k in OWN_PANEL and k in d.series]
        self._panels = [_Panel(self.count_plot, count_keys)]
        self._panels += [_Panel(self.own_plots[k], [k]) for k in own_keys]
        self._layout_plots()

        self.count_plot.setLabel("left", f"Count ({d.count_unit})")
        if "anc" in count_keys:
            self._add_zones(d)
        for panel in self._panels:
            for key in panel.keys:
                self._add_series(panel.plot, d.series[key])
        for k in own_keys:
            s = d.series[k]
            self.own_plots[k].setLabel("left", f"{s.label} ({s.unit})")
        self._add_events(d)
        self._add_fatigue(d)
        self._build_legend(d, count_keys, own_keys)
        xmin = d.x_min - 400 * DAY
        xmax = d.x_max + 400 * DAY
        for p in (self.count_plot,):
            p.setLimits(xMin=xmin, xMax=xmax, minXRange=2 * DAY)

    # ---------------------------------------------------------------- layout by height

    def _events_height(self) -> int:
        d = self._data
        lanes = 1 if d is None else d.medicine_lanes + 1 + (1 if d.fevers else 0)
        return lanes * LANE_PX + 10

    def _panels_height(self, count_px: int) -> int:
        own = len(self._panels) - 1
        return self._events_height() + count_px + own * OWN_MIN_PX + AXIS_PX + 8

    def plots_minimum_height(self) -> int:
        """The least height the plots are drawn in; below it the parent has to scroll."""
        return self._panels_height(COUNT_MIN_PX)

    def _wants_fatigue(self, height: int) -> bool:
        d = self._data
        if d is None or len(d.fatigue_x) == 0:
            return False
        return height >= self._panels_height(COUNT_COMFORT_PX) + FATIGUE_PX

    def _layout_plots(self) -> None:
        """Stack the panels: lanes at their own height, the fatigue panel only if it has room."""
        ci = self._glw.ci
        ci.clear()
        d = self._data
        if d is None or not d.has_draws:
            self._glw.setMinimumHeight(0)
            return
        self.fatigue_shown = self._wants_fatigue(self._glw.height())
        shown = [self.events_plot, *(p.plot for p in self._panels)]
        if self.fatigue_shown:
            shown.append(self.fatigue_plot)
        events_h = self._events_height()
        self.events_plot.setMinimumHeight(events_h)
        self.events_plot.setMaximumHeight(events_h)
        for row, p in enumerate(shown):
            last = p is shown[-1]
            axis = AXIS_PX if last else 0
            p.showAxis("bottom") if last else p.hideAxis("bottom")
            if p is self.fatigue_plot:
                p.setMinimumHeight(FATIGUE_PX + axis)
                p.setMaximumHeight(FATIGUE_PX + axis)
            elif p is self.count_plot:
                p.setMinimumHeight(COUNT_MIN_PX + axis)
            elif p is not self.events_plot:
                p.setMinimumHeight(OWN_MIN_PX + axis)
            ci.addItem(p, row=row, col=0)
            stretch = 12 if p is self.count_plot else 5 if p in self.own_plots.values() else 0
            ci.layout.setRowStretchFactor(row, stretch)
        self._glw.setMinimumHeight(self.plots_minimum_height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Resize
            and watched is self._glw
            and self._data is not None
            and self._data.has_draws
            and self._wants_fatigue(self._glw.height()) != self.fatigue_shown
        ):
            self._layout_plots()
        return super().eventFilter(watched, event)

    def _keep(self, key: str, item: pg.GraphicsObject) -> None:
        self.items.setdefault(key, []).append(item)

    def _add_zones(self, d: ChartData) -> None:
        for zone in d.zones:
            brush = QBrush(_colour(style.ZONES[zone.name], style.ZONE_ALPHA))
            item = BandsItem(zone.bands, brush)
            item.setZValue(-20)
            self.count_plot.addItem(item, ignoreBounds=True)
            self._keep(f"zone:{zone.name}", item)

    def _add_series(self, plot: pg.PlotItem, s: Series) -> None:
        st = style.SERIES[s.key]
        colour = QColor(st.colour)
        band = BandsItem(s.normal, QBrush(_colour(st.colour, style.BAND_ALPHA)))
        band.setZValue(-30)
        plot.addItem(band, ignoreBounds=True)
        self._keep(f"band:{s.key}", band)
        if s.lab_steps:
            # Thicker while the latest result carries the lab's range: it is the one that applies.
            pen = QPen(colour, 2.2 if s.lab_latest else 1.4, Qt.PenStyle.DashLine)
            steps = BandsItem(s.lab_steps, QBrush(Qt.BrushStyle.NoBrush), pen)
            steps.setZValue(-10)
            plot.addItem(steps, ignoreBounds=True)
            self._keep(f"labband:{s.key}", steps)
        # Solid on screen: dashed antialiased paths cost several ms per paint; the symbols tell
        # the series apart here, and the printed chart uses the line styles.
        curve = pg.PlotCurveItem(s.x, s.y, pen=pg.mkPen(colour, width=2), skipFiniteCheck=True)
        plot.addItem(curve)
        self._keep(f"curve:{s.key}", curve)
        bg = self._background()
        brushes = [pg.mkBrush(bg) if c else pg.mkBrush(colour) for c in s.calculated]
        points = pg.ScatterPlotItem(
            s.x, s.y, symbol=st.symbol, size=8, pen=pg.mkPen(colour, width=1.6), brush=brushes
        )
        plot.addItem(points)
        self._keep(f"points:{s.key}", points)

    def _add_events(self, d: ChartData) -> None:
        fg = self._foreground()
        top = d.medicine_lanes  # medicines in lanes top..1, infections at 0, fevers at -1
        meds = SpansItem(d.medicines, top, style.MEDICINE, style.MEDICINE_LOWERING, fg)
        self.events_plot.addItem(meds)
        self._keep("medicines", meds)
        infections = SpansItem(d.infections, 0, style.INFECTION, style.INFECTION, fg, hatched=True)
        self.events_plot.addItem(infections)
        self._keep("infections", infections)
        if d.fevers:
            fx = np.array([m.x for m in d.fevers])
            fevers = pg.ScatterPlotItem(
                fx,
                np.full(len(fx), FEVER_Y),
                symbol=FEVER_SYMBOL,
                size=11,
                pen=pg.mkPen(fg),
                brush=pg.mkBrush(style.FEVER),
            )
            fevers.setZValue(5)
            self.events_plot.addItem(fevers)
            self._keep("fevers", fevers)
        if d.gcsf:  # growth-factor days: a marker on their medicine's bar
            gcsf = pg.ScatterPlotItem(
                np.array([g[0] for g in d.gcsf]),
                np.array([float(top - g[1]) for g in d.gcsf]),
                symbol=style.GCSF_SYMBOL,
                size=12,
                pen=pg.mkPen(fg),
                brush=pg.mkBrush(style.GCSF),
            )
            gcsf.setZValue(6)
            self.events_plot.addItem(gcsf)
            self._keep("gcsf", gcsf)
        if d.infections:  # a dotted line down through the counts at each infection's start
            starts = [Band(inf.x0, inf.x0, -1e6, 1e6) for inf in d.infections]
            pen = QPen(QColor(style.INFECTION), 1.0, Qt.PenStyle.DotLine)
            lines = BandsItem(starts, QBrush(Qt.BrushStyle.NoBrush), pen)
            self.count_plot.addItem(lines, ignoreBounds=True)
            self._keep("infection_lines", lines)
        bottom = FEVER_Y if d.fevers else 0.0
        self.events_plot.setYRange(bottom - 0.6, top + 0.6, padding=0)
        ticks = [(0.0, "Infection")]
        if d.fevers:
            ticks.append((FEVER_Y, "Fever"))
        if d.medicine_lanes:
            ticks.append((float(top), "Medicines"))
        self.events_plot.getAxis("left").setTicks([ticks, []])

    def _add_fatigue(self, d: ChartData) -> None:
        if len(d.fatigue_x) == 0:
            return
        bars = pg.BarGraphItem(
            x=d.fatigue_x,
            height=d.fatigue_y,
            width=6 * DAY,
            brush=pg.mkBrush(_colour(style.FATIGUE, 200)),
            pen=pg.mkPen(None),
        )
        self.fatigue_plot.addItem(bars)
        self._keep("fatigue", bars)

    def _build_legend(self, d: ChartData, count_keys: Sequence[str], own: Sequence[str]) -> None:
        grid = self._legend_grid
        while grid.count():
            w = grid.takeAt(0).widget()
            if w is not None:
                w.hide()  # deleteLater waits for the event loop; until then it would still show
                w.deleteLater()
        entries: list[tuple[QPixmap, str]] = []
        for key in (*count_keys, *own):
            st = style.SERIES[key]
            pen = QPen(QColor(st.colour), 2, st.line)
            entries.append((_swatch(QBrush(QColor(st.colour)), pen, "o"), d.series[key].label))
            if d.series[key].calculated.any():
                hollow = _swatch(QBrush(self._background()), pen, "o")
                entries.append((hollow, f"{d.series[key].label} calculated (hollow)"))
        for key in (*count_keys, *own):
            brush = QBrush(_colour(style.SERIES[key].colour, style.BAND_ALPHA * 2))
            entries.append((_swatch(brush), band_legend(d.series[key].label)))
        if any(d.series[k].lab_steps for k in (*count_keys, *own)):
            pen = QPen(self._foreground(), 1.6, Qt.PenStyle.DashLine)
            entries.append((_swatch(QBrush(Qt.BrushStyle.NoBrush), pen), LAB_RANGE_LEGEND))
        if "anc" in count_keys:
            for zone in d.zones:
                brush = QBrush(_colour(style.ZONES[zone.name], style.ZONE_ALPHA * 2))
                entries.append((_swatch(brush), zone.label))
        if d.medicines:
            entries.append((_swatch(QBrush(_colour(style.MEDICINE, 110))), "medicine"))
        if any(m.emphasised for m in d.medicines):
            brush = QBrush(QColor(style.MEDICINE_LOWERING))
            entries.append((_swatch(brush), "medicine known to lower white cells"))
        if d.gcsf:
            swatch = _swatch(
                QBrush(QColor(style.GCSF)), QPen(self._foreground()), style.GCSF_SYMBOL
            )
            entries.append((swatch, "growth factor (G-CSF) given"))
        if d.infections:
            hatch = QBrush(QColor(style.INFECTION), Qt.BrushStyle.BDiagPattern)
            entries.append((_swatch(hatch, QPen(QColor(style.INFECTION))), "infection"))
        if d.fevers:
            swatch = _swatch(QBrush(QColor(style.FEVER)), QPen(self._foreground()), FEVER_SYMBOL)
            entries.append((swatch, fever_legend(d.fever_c)))
        self.legend_texts = [text for _, text in entries]
        self._legend_cells = []
        for pix, text in entries:
            cell = QWidget(self._legend)
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            icon = QLabel(cell)
            icon.setPixmap(pix)
            row.addWidget(icon)
            row.addWidget(QLabel(text, cell))
            row.addStretch(1)
            self._legend_cells.append(cell)
        self._legend_columns = 0
        self._flow_legend()

    def _flow_legend(self) -> None:
        """As many legend columns as the width holds, so the legend never widens the window."""
        cells = self._legend_cells
        if not cells:
            return
        widest = max(c.sizeHint().width() for c in cells) + self._legend_grid.horizontalSpacing()
        columns = max(1, min(len(cells), (self.width() - 8) // max(1, widest)))
        if columns == self._legend_columns:
            return
        self._legend_columns = columns
        for c in cells:
            self._legend_grid.removeWidget(c)
        for i, c in enumerate(cells):
            self._legend_grid.addWidget(c, i // columns, i % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._flow_legend()

    # ---------------------------------------------------------------- range and hover

    def _set_x(self, start: float, end: float) -> None:
        self._applying_range = True
        try:
            self.count_plot.setXRange(start, end, padding=0)
        finally:
            self._applying_range = False
        self._fit_y(start, end)

    def _manual_range(self, *args: object) -> None:
        if not self._applying_range:
            self._preset = None
            checked = self._preset_group.checkedButton()
            if checked is not None:
                self._preset_group.setExclusive(False)
                checked.setChecked(False)
                self._preset_group.setExclusive(True)

    def _x_changed(self, _vb: object, rng: tuple[float, float]) -> None:
        self._fit_y(*rng)

    def _fit_y(self, x0: float, x1: float) -> None:
        """Fit each panel's y range to the points in view (binary search), bands partly shown."""
        d = self._data
        if d is None:
            return
        for panel in self._panels:
            lows, highs, limits = [], [], []
            for key in panel.keys:
                s = d.series.get(key)
                if s is None:  # no data at all (every record deleted, or the window locked)
                    continue
                ext = s.visible_extent(x0, x1)
                if ext is not None:
                    lows.append(ext[0])
                    highs.append(ext[1])
                i = min(int(np.searchsorted([b.x1 for b in s.normal], x1)), len(s.normal) - 1)
                if s.normal:
                    limits.append((s.normal[i].low, s.normal[i].high))
            if not highs:
                continue
            if panel.plot is self.count_plot:
                floor = max((lo for lo, _ in limits), default=0.0) * 1.25
                top = max(max(highs) * 1.1, floor)
                panel.plot.setYRange(0, top, padding=0)
            else:
                lo = min([*lows, *(a for a, _ in limits)])
                hi = max([*highs, *(b for _, b in limits)])
                pad = (hi - lo) * 0.08 or 1.0
                panel.plot.setYRange(max(0.0, lo - pad), hi + pad, padding=0)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        for p in (self.count_plot, *self.own_plots.values(), self.fatigue_plot, self.events_plot):
            if p.scene() is not None and p.sceneBoundingRect().contains(scene_pos):
                view = p.getViewBox().mapSceneToView(scene_pos)
                text = self.hover_at(p, view.x(), view.y())
                if p is self.events_plot and text:
                    # The lanes are too short for the in-plot label: a tooltip, as for a button.
                    QToolTip.showText(QCursor.pos(), text, self._glw)
                elif QToolTip.isVisible():
                    QToolTip.hideText()
                return
        self._clear_hover()

    def hover_at(self, plot: pg.PlotItem, x: float, y: float) -> str:
        """Show what is under (x, y) in `plot`'s data coordinates; returns the text shown."""
        d = self._data
        if d is None:
            return ""
        found: tuple[float, float, str] | None = None
        if plot is self.events_plot:
            span = self._span_at(x, y)
            found = (x, y, span.hover) if span is not None else self._nearest_fever(plot, x, y)
            self._set_span_tooltips(found[2] if found else "")
            if found is None:
                self._clear_hover()
                return ""
            self._clear_hover()
            self.hover_text = found[2]
            return found[2]
        elif plot is self.fatigue_plot:
            found = self._nearest_week(d, x)
        else:
            found = self._nearest_point(plot, x, y)
        if found is None:
            self._clear_hover()
            return ""
        px, py, text = found
        self._show_hover(plot, px, py, text, dot=True)
        return text

    def _set_span_tooltips(self, text: str) -> None:
        """The bar under the mouse names itself in full (its label in the lane may be elided)."""
        for key in ("medicines", "infections", "fevers"):
            for item in self.items.get(key, []):
                if item.toolTip() != text:
                    item.setToolTip(text)

    def _span_at(self, x: float, y: float) -> Span | None:
        for key in ("medicines", "infections"):
            for item in self.items.get(key, []):
                assert isinstance(item, SpansItem)
                span = item.span_at(x, y)
                if span is not None:
                    return span
        return None

    def _nearest_fever(
        self, plot: pg.PlotItem, x: float, y: float
    ) -> tuple[float, float, str] | None:
        d = self._data
        assert d is not None
        if not d.fevers:
            return None
        xs = np.array([m.x for m in d.fevers])
        i = int(np.clip(np.searchsorted(xs, x), 1, len(xs)) - 1)
        pw, ph = plot.getViewBox().viewPixelSize()
        if pw <= 0 or ph <= 0:  # not laid out yet: nothing is under the mouse
            return None
        best = None
        for j in (i, min(i + 1, len(xs) - 1)):
            dist = np.hypot((xs[j] - x) / pw, (y - FEVER_Y) / ph)
            if dist <= HOVER_RADIUS_PX and (best is None or dist < best[0]):
                best = (dist, j)
        if best is None:
            return None
        m = d.fevers[best[1]]
        return m.x, FEVER_Y, m.hover

    def _nearest_week(self, d: ChartData, x: float) -> tuple[float, float, str] | None:
        if len(d.fatigue_x) == 0:
            return None
        i = int(np.searchsorted(d.fatigue_x, x))
        cands = [j for j in (i - 1, i) if 0 <= j < len(d.fatigue_x)]
        j = min(cands, key=lambda k: abs(d.fatigue_x[k] - x))
        if abs(d.fatigue_x[j] - x) > 3.5 * DAY:
            return None
        return float(d.fatigue_x[j]), float(d.fatigue_y[j]), d.fatigue_hover[j]

    def _nearest_point(
        self, plot: pg.PlotItem, x: float, y: float
    ) -> tuple[float, float, str] | None:
        d = self._data
        assert d is not None
        panel = next((p for p in self._panels if p.plot is plot), None)
        if panel is None:
            return None
        pw, ph = plot.getViewBox().viewPixelSize()
        if pw <= 0 or ph <= 0:  # not laid out yet: nothing is under the mouse
            return None
        best: tuple[float, Series, int] | None = None
        for key in panel.keys:
            s = d.series[key]
            i = s.nearest(x)
            if i is None:
                continue
            for j in (i - 1, i, i + 1):
                if 0 <= j < len(s):
                    dist = float(np.hypot((s.x[j] - x) / pw, (s.y[j] - y) / ph))
                    if best is None or dist < best[0]:
                        best = (dist, s, j)
        if best is None or best[0] > HOVER_RADIUS_PX:
            return None
        _, s, j = best
        return float(s.x[j]), float(s.y[j]), s.hover[j]

    def _show_hover(self, plot: pg.PlotItem, x: float, y: float, text: str, dot: bool) -> None:
        if self._hover_owner is not plot:
            self._clear_hover()
            plot.addItem(self._hover_label, ignoreBounds=True)
            plot.addItem(self._hover_dot, ignoreBounds=True)
            self._hover_owner = plot
        (x0, x1), (y0, y1) = plot.viewRange()
        right = x > (x0 + x1) / 2
        upper = y > (y0 + y1) / 2
        self._hover_label.setAnchor((1.0 if right else 0.0, 0.0 if upper else 1.0))
        self._hover_label.setText(text)
        self._hover_label.setPos(x, y)
        self._hover_label.show()
        if dot:
            self._hover_dot.setData([x], [y], pen=pg.mkPen(self._foreground(), width=2))
            self._hover_dot.show()
        else:
            self._hover_dot.hide()
        self.hover_text = text

    def _clear_hover(self) -> None:
        self.hover_text = ""
        owner = self._hover_owner
        if owner is not None:
            owner.removeItem(self._hover_label)
            owner.removeItem(self._hover_dot)
            self._hover_owner = None
