"""Undoable changes to stored records, replayed through the services.

A command is pushed after its change has been made (so a refused change never reaches the
stack); its first redo() is therefore skipped. `before` None means "added", `after` None means
"deleted"; a restored record comes back under a new id, which the command keeps track of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from leukotrack.services.editing import Record, delete_record, put_record, restore_record
from leukotrack.storage.db import Database

OnError = Callable[[Exception], None]


class RecordChange(QUndoCommand):
    def __init__(
        self,
        db: Database,
        text: str,
        before: Record | None,
        after: Record | None,
        on_error: OnError,
    ) -> None:
        super().__init__(text)
        self._db = db
        self._before = before
        self._after = after
        self._on_error = on_error
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self._before, self._after)

    def undo(self) -> None:
        self._apply(self._after, self._before)

    def _apply(self, current: Record | None, target: Record | None) -> None:
        try:
            if target is None:
                assert current is not None
                delete_record(self._db, current)
            elif current is None:
                self._rebind(target, restore_record(self._db, target))
            else:
                put_record(self._db, replace(target, id=current.id))  # type: ignore[arg-type]
        except Exception as exc:  # shown to the person; the stack must not raise into Qt
            self._on_error(exc)

    def _rebind(self, old: Record, new: Record) -> None:
        """After a restore the row has a new id: every version of it must use that id now."""
        if self._before is old:
            self._before = new
            if self._after is not None:
                self._after = replace(self._after, id=new.id)  # type: ignore[arg-type]
        else:
            self._after = new
            if self._before is not None:
                self._before = replace(self._before, id=new.id)  # type: ignore[arg-type]
