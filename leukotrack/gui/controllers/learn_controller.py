"""Opens the Learn pane at a topic and fills it with the topic and the patient's own figures."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the pane and its texts load when it first opens, off the first paint
    from PySide6.QtWidgets import QListWidgetItem

    from leukotrack.gui.views.learn_view import LearnView
    from leukotrack.services.learn import LearnPage
    from leukotrack.services.timeline import Timeline

KEY_ROLE = Qt.ItemDataRole.UserRole


def page_html(page: LearnPage) -> str:
    """A topic as simple HTML: title, paragraphs, the patient's figures, sources, closing line."""
    t = page.topic
    parts = [f"<h2>{escape(t.title)}</h2>"]
    parts += [f"<p>{escape(p)}</p>" for p in t.paragraphs]
    if page.yours:
        parts.append("<h3>In your records</h3>")
        parts += [f"<p>{escape(s)}</p>" for s in page.yours]
    sources = "".join(f"<li>{escape(s)}</li>" for s in t.sources)
    parts.append(f"<p><b>Sources</b></p><ul>{sources}</ul>")
    parts.append(f"<p><i>{escape(page.closing)}</i></p>")
    return "".join(parts)


class LearnController:
    """One pane per window, kept between openings; reads the latest snapshot when it opens."""

    def __init__(self, parent: QWidget, timeline: Callable[[], Timeline | None]) -> None:
        self.parent = parent
        self.timeline = timeline
        self.view: LearnView | None = None

    def _make(self) -> LearnView:
        from PySide6.QtWidgets import QListWidgetItem

        from leukotrack.gui.views.learn_view import LearnView
        from leukotrack.services.learn import TOPICS

        view = LearnView(self.parent)
        for topic in TOPICS:
            item = QListWidgetItem(topic.title, view.topics)
            item.setData(KEY_ROLE, topic.key)
        view.topics.currentItemChanged.connect(self._chosen)
        return view

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is None or self.view is None:
            return
        from leukotrack.services.learn import learn_page

        page = learn_page(str(item.data(KEY_ROLE)), self.timeline())
        self.view.text.setHtml(page_html(page))

    def open(self, key: str | None = None) -> LearnView:
        """Show the pane at topic `key` (the first topic, or the one shown last, when None)."""
        if self.view is None:
            self.view = self._make()
        view = self.view
        rows = [view.topics.item(i) for i in range(view.topics.count())]
        wanted = next((i for i in rows if i.data(KEY_ROLE) == key), None)
        if wanted is None and view.topics.currentItem() is None:
            wanted = rows[0]
        if wanted is not None:
            if wanted is view.topics.currentItem():
                self._chosen(wanted)  # refresh the figures
            view.topics.setCurrentItem(wanted)
        view.show()
        view.activateWindow()
        return view

    def shown_key(self) -> str | None:
        if self.view is None or self.view.topics.currentItem() is None:
            return None
        return str(self.view.topics.currentItem().data(KEY_ROLE))
