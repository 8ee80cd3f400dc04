"""Fills the overview: heading, tiles, one-line flags, the emergency banner and the next test.

Each fact is said once: an emergency is the banner (in full), not also a row; the flags that
only say a test date has come or passed (`clozapine.test_due`, `clozapine.test_overdue`,
`test.overdue`) are said by the next-test line, at their severity; a tile shows its date only
when it is older than the latest blood test in the heading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol

from leukotrack.domain.dates import long_date
from leukotrack.domain.flags import EMERGENCY_TEXT
from leukotrack.domain.learn_topics import BY_KEY, TILE_TOPICS, topic_for_flag
from leukotrack.domain.records import Draw, Profile
from leukotrack.domain.reminders import Reminder
from leukotrack.gui.models.columns import chart_table_columns
from leukotrack.gui.models.record_table import RecordTableModel
from leukotrack.gui.views.flag_row_view import FlagRow
from leukotrack.gui.views.overview_view import OverviewView
from leukotrack.gui.views.style import severity_colour, status_colour
from leukotrack.gui.views.tile_view import TileView
from leukotrack.services.overview import (
    TEST_DATE_FLAGS,
    TILE_ANALYTES,
    Tile,
    latest_tiles,
    next_test_words,
    when_text,
)
from leukotrack.services.timeline import Timeline

# The colour of an ANC tile's words by how low it is (mild keeps the calm "low" colour).
BAND_SEVERITY = {"moderate": "danger", "severe": "emergency"}
SEVERITY_ORDER = {"emergency": 0, "danger": 1, "caution": 2, "info": 3}
SEVERITY_WORDS = {
    "emergency": "Emergency",
    "danger": "Important",
    "caution": "Watch",
    "info": "Note",
}


class _Severity(Protocol):
    @property
    def value(self) -> str: ...


class FlagLike(Protocol):
    """What the overview needs of a flag (services.flags.Flag has these)."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def title(self) -> str: ...
    @property
    def detail(self) -> str: ...


class OverviewController:
    def __init__(self, view: OverviewView, open_topic: Callable[[str], object]) -> None:
        self.view = view
        self.open_topic = open_topic
        self.tiles: list[TileView] = []
        self.flag_rows: list[FlagRow] = []
        self._table_timeline: Timeline | None = None  # the table fills when it is shown
        self.table_model: RecordTableModel[Draw] = RecordTableModel([], view)
        view.chart_table.setModel(self.table_model)
        view.show_table.toggled.connect(self._show_table)
        view.next_test.help.clicked.connect(lambda: open_topic("next-test"))
        view.notice_dismiss.clicked.connect(view.notice.hide)

    @property
    def flag_labels(self) -> list[FlagRow]:
        return self.flag_rows

    def show(
        self,
        timeline: Timeline,
        flags: Sequence[FlagLike] | None,
        reminder: Reminder | None,
        today: date,
    ) -> None:
        """`flags` None: this build computes no flags, so the panel is not shown at all.

        `reminder`: the next blood test from every plan (the soonest, or the oldest overdue).
        """
        v = self.view
        v.stack.setCurrentWidget(v.welcome if timeline.is_empty else v.dashboard)
        who = timeline.profile.name or "Your records"
        latest: date | None = None
        if timeline.draws:
            last = timeline.draws[-1].taken_at
            latest = last.date()
            v.heading.setText(f"{who} · latest blood test {when_text(last)}")
        else:
            v.heading.setText(f"{who} · no blood tests yet")
        v.chart_hint.setVisible(not timeline.draws)
        v.skeleton.setVisible(bool(timeline.draws) and v.skeleton.property("done") is not True)
        v.show_table.setEnabled(bool(timeline.draws))
        self._show_tiles(latest_tiles(timeline.draws, timeline.profile), latest)
        v.flags_box.setVisible(flags is not None)
        shown = self._show_flags(flags or [])
        self._show_next(reminder, shown, timeline.profile, today)
        self._table_timeline = timeline
        if v.chart_stack.currentWidget() is v.chart_table:
            self._fill_table(timeline)
        v.set_reading_order([t for t in self.tiles if not t.isHidden()], self.flag_rows)

    def show_next_visit(self, text: str) -> None:
        self.view.next_visit.setText(text)

    # -- tiles ----------------------------------------------------------------------------
    def _show_tiles(self, tiles: list[Tile], latest: date | None) -> None:
        grid = self.view.tiles
        while len(self.tiles) < len(tiles):
            tile_view = TileView(grid.parentWidget())
            tile_view.help.clicked.connect(lambda _=False, tv=tile_view: self._tile_help(tv))
            self.view.add_tile(tile_view)
            self.tiles.append(tile_view)
        for i, tile_view in enumerate(self.tiles):
            tile_view.setVisible(i < len(tiles))
            if i < len(tiles):
                fill_tile(tile_view, tiles[i], latest)

    def _tile_help(self, tile_view: TileView) -> None:
        analyte = tile_view.objectName().removeprefix("tile_")
        self.open_topic(TILE_TOPICS.get(analyte, "white-cells"))

    # -- flags ----------------------------------------------------------------------------
    def _show_flags(self, flags: Sequence[FlagLike]) -> dict[str, FlagLike]:
        """Rows for the flags; returns the test-date flags, which the next-test line says."""
        v = self.view
        for row in self.flag_rows:
            v.flags.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.flag_rows = []
        ordered = sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity.value, 9))
        emergency = [f for f in ordered if f.severity.value == "emergency"]
        v.banner.setVisible(bool(emergency))
        v.emergency_sheet.setVisible(any(f.code == "febrile_neutropenia" for f in emergency))
        v.banner.setText("\n".join(banner_text(f) for f in emergency))
        test_dates = {f.code: f for f in ordered if f.code in TEST_DATE_FLAGS}
        rows = [f for f in ordered if f not in emergency and f.code not in TEST_DATE_FLAGS]
        v.no_flags.setVisible(not rows)
        v.no_flags.setText(
            "Nothing else stands out: see the red banner above."
            if emergency
            else "Nothing stands out in the latest results."
        )
        for f in rows:
            row = FlagRow(v.flags_box)
            row.setObjectName(f"flag_{f.code}")
            topic = topic_for_flag(f.code)
            word = SEVERITY_WORDS.get(f.severity.value, f.severity.value)
            colour = severity_colour(f.severity.value)
            row.set_content(word, f.title, f.detail, colour, BY_KEY[topic].title)
            row.help.clicked.connect(lambda _=False, t=topic: self.open_topic(t))
            v.add_flag(row)
            self.flag_rows.append(row)
        return test_dates

    def _show_next(
        self,
        reminder: Reminder | None,
        test_dates: dict[str, FlagLike],
        profile: Profile,
        today: date,
    ) -> None:
        v = self.view
        row = v.next_test
        if reminder is None:
            row.set_content(
                "None planned",
                "no plan gives a next test",
                "Set your own plan (every few weeks, or a date), and LeukoTrack reminds you.",
                "",
                BY_KEY["next-test"].title,
            )
            v.plan_tests.setText("&Plan my next blood test…")
            return
        words = next_test_words(reminder, profile, today)
        flag = next(iter(test_dates.values()), None)
        colour = severity_colour(flag.severity.value) if flag is not None else ""
        row.set_content(words.word, words.title, words.detail, colour, BY_KEY["next-test"].title)
        v.plan_tests.setText("Change my &plan…")

    # -- the chart as a table -------------------------------------------------------------
    def _fill_table(self, timeline: Timeline) -> None:
        keys = [k for k in TILE_ANALYTES if any(d.get(k) for d in timeline.draws)]
        self.table_model.set_columns(chart_table_columns(timeline.profile, keys))
        self.table_model.set_records([d for d in timeline.draws if any(d.get(k) for k in keys)])

    def _show_table(self, on: bool) -> None:
        v = self.view
        if on and self._table_timeline is not None:
            self._fill_table(self._table_timeline)
        v.chart_stack.setCurrentWidget(v.chart_table if on else v.chart_area)
        v.show_table.setText("Show &chart" if on else "Show chart as &table")
        if on:
            v.chart_table.resizeColumnsToContents()
            v.chart_table.setFocus()


def banner_text(flag: FlagLike) -> str:
    """The emergency banner: CLINICAL.md's fixed words for febrile neutropenia, then the facts."""
    if flag.code == "febrile_neutropenia":
        facts = flag.detail.removeprefix(EMERGENCY_TEXT).strip()
        return f"{EMERGENCY_TEXT}\n{facts}"
    return f"{flag.title}\n{flag.detail}"


def fill_tile(view: TileView, tile: Tile, latest: date | None = None) -> None:
    view.setObjectName(f"tile_{tile.analyte}")
    view.name.setText(tile.label + (" (calculated)" if tile.calculated else ""))
    view.value.setText(tile.value)
    band = tile.band.band if tile.band is not None else ""
    colour = severity_colour(BAND_SEVERITY[band]) if band in BAND_SEVERITY else ""
    colour = colour or status_colour(tile.status)
    view.status.setText(tile.status_word)
    view.status.setStyleSheet(f"color: {colour};" if colour else "")
    view.change.setText(tile.change)
    view.range.setText(tile.range)
    older = latest is not None and tile.taken_at.date() != latest
    view.taken.setText(f"from {long_date(tile.taken_at)}" if older else "")
    view.taken.setVisible(older)
    view.help.setAccessibleName(f"What does {tile.label} mean?")
    view.help.setToolTip(f"What does {tile.label} mean? Opens the Learn pane.")
    when = f", from {long_date(tile.taken_at)}" if older else ""
    view.setAccessibleName(f"{tile.label}: {tile.value}, {tile.status_word.lower()}{when}")
    view.setAccessibleDescription(f"{tile.change}. {tile.range}".strip(". "))
