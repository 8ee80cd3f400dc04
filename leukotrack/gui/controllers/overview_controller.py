"""Fills the overview: heading, tiles, flags (most severe first), emergency banner, next test."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtWidgets import QLabel

from leukotrack.domain.flags import EMERGENCY_TEXT
from leukotrack.gui.views.overview_view import OverviewView
from leukotrack.gui.views.style import severity_colour, status_colour
from leukotrack.gui.views.tile_view import TileView
from leukotrack.services.overview import Tile, latest_tiles, when_text
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
    def __init__(self, view: OverviewView) -> None:
        self.view = view
        self.tiles: list[TileView] = []
        self.flag_labels: list[QLabel] = []

    def show(
        self,
        timeline: Timeline,
        flags: Sequence[FlagLike] | None,
        next_due: str | None,
    ) -> None:
        """`flags` None: this build computes no flags, so the panel is not shown at all.

        `next_due`: the sentence on the next blood test a monitoring scheme asks for, or None.
        """
        v = self.view
        v.stack.setCurrentWidget(v.welcome if timeline.is_empty else v.dashboard)
        who = timeline.profile.name or "Your records"
        if timeline.draws:
            last = timeline.draws[-1].taken_at
            v.heading.setText(f"{who} · latest blood test {when_text(last)}")
        else:
            v.heading.setText(f"{who} · no blood tests yet")
        v.chart_hint.setVisible(not timeline.draws)
        self._show_tiles(latest_tiles(timeline.draws, timeline.profile))
        v.flags_box.setVisible(flags is not None)
        self._show_flags(flags or [])
        v.next_test.setText(next_due or "")
        v.next_test.setVisible(bool(next_due))

    def show_next_visit(self, text: str) -> None:
        self.view.next_visit.setText(text)

    def _show_tiles(self, tiles: list[Tile]) -> None:
        grid = self.view.tiles
        while len(self.tiles) < len(tiles):
            tile_view = TileView(grid.parentWidget())
            self.view.add_tile(tile_view)
            self.tiles.append(tile_view)
        for i, tile_view in enumerate(self.tiles):
            tile_view.setVisible(i < len(tiles))
            if i < len(tiles):
                fill_tile(tile_view, tiles[i])

    def _show_flags(self, flags: Sequence[FlagLike]) -> None:
        v = self.view
        for label in self.flag_labels:
            v.flags.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.flag_labels = []
        ordered = sorted(flags, key=lambda f: SEVERITY_ORDER.get(f.severity.value, 9))
        emergency = [f for f in ordered if f.severity.value == "emergency"]
        v.banner.setVisible(bool(emergency))
        v.emergency_sheet.setVisible(any(f.code == "febrile_neutropenia" for f in emergency))
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
        self.view.add_flag(label)
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
    band = tile.band.band if tile.band is not None else ""
    colour = severity_colour(BAND_SEVERITY[band]) if band in BAND_SEVERITY else ""
    colour = colour or status_colour(tile.status)
    view.status.setText(tile.status_word)
    view.status.setStyleSheet(f"color: {colour};" if colour else "")
    view.change.setText(tile.change)
    view.range.setText(tile.range)
    view.taken.setText(f"{tile.taken_at:%d %b %Y}")
    view.setAccessibleName(
        f"{tile.label}: {tile.value}, {tile.status_word.lower()}, {tile.change}, {tile.range}"
    )
