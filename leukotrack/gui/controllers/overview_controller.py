"""Fills the overview: heading, tiles, flags (most severe first), emergency banner, next test."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from PySide6.QtWidgets import QLabel

from leukotrack.domain.dates import long_date
from leukotrack.domain.flags import EMERGENCY_TEXT
from leukotrack.gui.views.overview_view import OverviewView
from leukotrack.gui.views.style import severity_colour, status_colour
from leukotrack.gui.views.tile_view import TileView
from leukotrack.services.overview import Tile, latest_tiles
from leukotrack.services.timeline import Timeline

TILE_COLUMNS = 3
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
    def __init__(self, view: OverviewView) -> None:
        self.view = view
        self.tiles: list[TileView] = []
        self.flag_labels: list[QLabel] = []

    def show(
        self,
        timeline: Timeline,
        flags: Sequence[FlagLike] | None,
        next_due: tuple[date, str] | None,
    ) -> None:
        """`flags` None: this build computes no flags, so the panel is not shown at all."""
        v = self.view
        v.stack.setCurrentWidget(v.welcome if timeline.is_empty else v.dashboard)
        who = timeline.profile.name or "Your records"
        if timeline.draws:
            last = timeline.draws[-1].taken_at
            v.heading.setText(f"{who} · latest blood test {long_date(last)}, {last:%H:%M}")
        else:
            v.heading.setText(f"{who} · no blood tests yet")
        v.chart_hint.setVisible(not timeline.draws)
        self._show_tiles(latest_tiles(timeline.draws, timeline.profile))
        v.flags_box.setVisible(flags is not None)
        self._show_flags(flags or [])
        if next_due is None:
            v.next_test.setText("")
        else:
            day, reason = next_due
            v.next_test.setText(f"<b>Next blood test due:</b> {long_date(day)} ({reason})")

    def _show_tiles(self, tiles: list[Tile]) -> None:
        grid = self.view.tiles
        while len(self.tiles) < len(tiles):
            tile_view = TileView(grid.parentWidget())
            n = len(self.tiles)
            grid.addWidget(tile_view, n // TILE_COLUMNS, n % TILE_COLUMNS)
            self.tiles.append(tile_view)
        for i, tile_view in enumerate(self.tiles):
            tile_view.setVisible(i < len(tiles))
            if i < len(tiles):
                fill_tile(tile_view, tiles[i])

    def _show_flags(self, flags: Sequence[FlagLike]) -> None:
        v = self.view
        for label in self.flag_labels:
            v.flags.removeWidget(label)
            label.deleteLater()
        self.flag_labels = []
        ordered = sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity.value, 9))
        emergency = [f for f in ordered if f.severity.value == "emergency"]
        v.banner.setVisible(bool(emergency))
        v.banner.setText("\n".join(banner_text(f) for f in emergency))
        if not ordered:
            self._add_flag_label("Nothing stands out in the latest results.")
        for f in ordered:
            colour = severity_colour(f.severity.value)
            word = SEVERITY_WORDS.get(f.severity.value, f.severity.value)
            self._add_flag_label(
                f'<span style="color:{colour}"><b>{word}:</b></span> <b>{f.title}</b><br>'
                f"{f.detail}",
                f.code,
            )

    def _add_flag_label(self, html: str, code: str = "") -> None:
        label = QLabel(html)
        label.setWordWrap(True)
        label.setObjectName(f"flag_{code}" if code else "noFlags")
        label.setTextInteractionFlags(label.textInteractionFlags())
        self.view.flags.insertWidget(self.view.flags.count() - 1, label)
        self.flag_labels.append(label)


def banner_text(flag: FlagLike) -> str:
    """The emergency banner: CLINICAL.md's fixed words for febrile neutropenia, then the facts."""
    if flag.code == "febrile_neutropenia":
        facts = flag.detail.removeprefix(EMERGENCY_TEXT).strip()
        return f"{EMERGENCY_TEXT}\n{facts}"
    return f"{flag.title}\n{flag.detail}"


def fill_tile(view: TileView, tile: Tile) -> None:
    view.setObjectName(f"tile_{tile.analyte}")
    view.name.setText(tile.label + (" (calculated)" if tile.calculated else ""))
    view.value.setText(tile.value)
    colour = status_colour(tile.status)
    view.status.setText(tile.status_word)
    view.status.setStyleSheet(f"color: {colour};" if colour else "")
    view.change.setText(tile.change)
    view.range.setText(tile.range)
    view.taken.setText(f"{tile.taken_at:%d %b %Y}")
    view.setAccessibleName(
        f"{tile.label}: {tile.value}, {tile.status_word.lower()}, {tile.change}, {tile.range}"
    )
