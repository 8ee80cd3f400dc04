import tomllib
from pathlib import Path

import leukotrack


def test_version_matches_pyproject() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    assert leukotrack.__version__ == pyproject["project"]["version"]
