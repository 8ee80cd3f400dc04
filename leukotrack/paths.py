"""Where LeukoTrack keeps its files: platformdirs, overridden by --data-dir or LEUKOTRACK_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from leukotrack import APP_NAME

ENV_VAR = "LEUKOTRACK_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the explicit override, else $LEUKOTRACK_DATA_DIR, else the platform's."""
    chosen = override or os.environ.get(ENV_VAR)
    path = Path(chosen).expanduser() if chosen else user_data_path(APP_NAME, appauthor=False)
    return path.absolute()


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (0700) if needed; tighten it to 0700 when it is ours."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def log_dir(data: Path) -> Path:
    """Logs live beside the data of an overridden data dir, else in the platform's log folder."""
    if os.environ.get(ENV_VAR) or data != data_dir():
        return data / "logs"
    return user_log_path(APP_NAME, appauthor=False)


def demo_data_dir() -> Path:
    """The demo's own data folder: never the same as the real one."""
    return user_data_path(APP_NAME, appauthor=False).parent / f"{APP_NAME}-demo"
