"""The first paint stays light: SQLAlchemy, Alembic, pyqtgraph and NumPy load only after it."""

import os
import subprocess
import sys
from pathlib import Path

from .cli_helpers import ROOT, run_cli

PROBE = """
import sys
from pathlib import Path
from leukotrack.gui.app import make_app, build_main_window
app = make_app()
window = build_main_window(Path(sys.argv[1]))
window.show()
app.processEvents()
heavy = [
    m
    for m in ("sqlalchemy", "alembic", "pyqtgraph", "numpy", "scipy", "icalendar")
    if m in sys.modules
]
print(",".join(heavy) or "none")
window.close()
"""


def test_first_paint_imports_no_heavy_modules(data_dir: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "none"
