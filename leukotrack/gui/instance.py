"""One LeukoTrack window per data folder, across processes (QLockFile)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile

LOCK_NAME = "leukotrack.lock"


def acquire_instance_lock(data_dir: Path) -> QLockFile | None:
    """The held lock for `data_dir`, or None when another LeukoTrack already has it open.

    A lock left by a process that died is taken over (QLockFile checks the PID).
    """
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    return None
