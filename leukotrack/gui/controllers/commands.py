"""Undoable changes to stored records, replayed through the services.

A command is pushed after its change has been made (so a refused change never reaches the
stack); its first redo() is therefore skipped. `before` None means "added", `after` None means
"deleted". A restored record comes back under a new id; the stack's `IdMap` remembers the move,
so every command that names the record, earlier or later, finds it again. A step that fails
(the record was changed elsewhere) is shown and made obsolete, so the stack never replays
steps on a state they do not describe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from leukotrack.services.editing import Record, delete_record, put_record, restore_record
from leukotrack.storage.db import Database

OnError = Callable[[Exception], None]


class IdMap:
    """Where each record restored by undo/redo lives now: (kind, old id) -> new id."""

    def __init__(self) -> None:
        self._moved: dict[tuple[type, int], int] = {}

    def current(self, record: Record | None) -> Record | None:
        if record is None or record.id is None:
            return record
        kind, rid, seen = type(record), record.id, set()
        while (kind, rid) in self._moved and rid not in seen:
            seen.add(rid)
            rid = self._moved[(kind, rid)]
        return record if rid == record.id else replace(record, id=rid)  # type: ignore[arg-type]

    def moved(self, old: Record, new: Record) -> None:
        if old.id is not None and new.id is not None and old.id != new.id:
            self._moved[(type(old), old.id)] = new.id


class RecordChange(QUndoCommand):
    def __init__(
        self,
        db: Database,
        text: str,
        before: Record | None,
        after: Record | None,
        on_error: OnError,
        ids: IdMap,
    ) -> None:
        super().__init__(text)
        self._db = db
        self._before = before
        self._after = after
        self._on_error = on_error
        self._ids = ids
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._apply(self._before, self._after)

    def undo(self) -> None:
        self._apply(self._after, self._before)

    def _apply(self, current: Record | None, target: Record | None) -> None:
        current, target = self._ids.current(current), self._ids.current(target)
        try:
            if target is None:
                assert current is not None
                delete_record(self._db, current)
            elif current is None:
                self._ids.moved(target, restore_record(self._db, target))
            else:
                put_record(self._db, replace(target, id=current.id))  # type: ignore[arg-type]
        except Exception as exc:  # shown to the person; the stack must not raise into Qt
            self.setObsolete(True)
            self._on_error(exc)
