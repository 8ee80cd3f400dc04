"""The desktop app as a person gets it: launcher and metainfo that validate, the icon, the
--smoke-test start-up check, the per-user install and uninstall, and (when built) the bundle."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from leukotrack.storage.db import DB_FILENAME
from tests.e2e.cli_helpers import ROOT, run_cli

APP_ID = "io.github.leukotrack.LeukoTrack"
LINUX = ROOT / "resources" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "leukotrack" / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
UNINSTALL = ROOT / "packaging" / "linux" / "uninstall.sh"
BUNDLE = ROOT / "dist" / "LeukoTrack"
PAINT_LINE = re.compile(
    r"^first paint with data (\d+\.\d{3}) s after process start \(.*: (the welcome|the records)\)$",
    re.M,
)


def project_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (scripts/ensure-system-deps.sh installs it)")
    return found


def validate_desktop(path: Path) -> None:
    proc = subprocess.run(
        [tool("desktop-file-validate"), str(path)], capture_output=True, text=True, check=False
    )
    problems = [line for line in proc.stdout.splitlines() if "hint:" not in line]
    assert proc.returncode == 0 and not problems, proc.stdout + proc.stderr


def desktop_entries(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


# --- launcher, metainfo, icon -----------------------------------------------------------------


def test_desktop_file_validates() -> None:
    validate_desktop(DESKTOP)


def test_metainfo_validates() -> None:
    proc = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not re.search(r"^[EW]: ", proc.stdout, re.M), proc.stdout


def test_one_app_id_names_desktop_file_metainfo_and_icon() -> None:
    from leukotrack.gui.icon import APP_ID as QT_APP_ID

    entries = desktop_entries(DESKTOP)
    text = METAINFO.read_text(encoding="utf-8")
    assert QT_APP_ID == APP_ID
    assert entries["Icon"] == APP_ID
    assert f"<id>{APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    assert entries["StartupWMClass"] == "LeukoTrack"  # Qt sets WM_CLASS to the app name
    assert entries["Exec"] == "leukotrack"


def test_metainfo_newest_release_is_the_project_version() -> None:
    releases = re.findall(r'<release version="([^"]+)"', METAINFO.read_text(encoding="utf-8"))
    assert releases and releases[0] == project_version()


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_has_its_size_and_transparent_corners(size: int) -> None:
    data = (ICONS / f"leukotrack-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (width, height, depth, colour) == (size, size, 8, 6)  # 8-bit RGBA


def test_app_icon_loads_every_size(qapp: object) -> None:
    from leukotrack.gui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == list(SIZES)


def test_app_icon_is_found_through_meipass_in_a_frozen_bundle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from leukotrack.gui import icon

    frozen = tmp_path / "leukotrack" / "resources" / "icons"
    frozen.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert icon.icon_dir() == frozen


# --- leukotrack --smoke-test and --version ----------------------------------------------------


def test_version_prints_the_project_version(tmp_path: Path) -> None:
    proc = run_cli(tmp_path / "data", "--version", check=True)
    assert proc.stdout.strip() == f"LeukoTrack {project_version()}"


@pytest.mark.slow
def test_smoke_test_paints_the_demo_data_and_says_when(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    run_cli(data, "demo", check=True)
    proc = run_cli(data, "--smoke-test")
    assert proc.returncode == 0, proc.stderr
    match = PAINT_LINE.search(proc.stdout)
    assert match, proc.stdout
    assert 0 < float(match.group(1)) < 60
    assert match.group(2) == "the records"


@pytest.mark.slow
def test_smoke_test_on_first_launch_creates_the_private_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "new" / "LeukoTrack"
    proc = run_cli(data, "--smoke-test")
    assert proc.returncode == 0, proc.stderr
    match = PAINT_LINE.search(proc.stdout)
    assert match and match.group(2) == "the welcome", proc.stdout
    assert (data / DB_FILENAME).is_file()
    assert data.stat().st_mode & 0o777 == 0o700


def test_smoke_test_fails_when_the_data_dir_cannot_be_used(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    proc = run_cli(blocked, "--smoke-test")
    assert proc.returncode == 1
    assert "smoke test failed" in proc.stderr
    assert not PAINT_LINE.search(proc.stdout)


@pytest.mark.slow
def test_smoke_test_fails_on_a_qt_warning(tmp_path: Path) -> None:
    """A window that logs a Qt warning while it opens fails the smoke test."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import qWarning\n"
        "from leukotrack.gui import smoke\n"
        "opened = smoke._open_window\n"
        "def noisy(data_dir, key=None):\n"
        "    qWarning('a deliberate warning from the test')\n"
        "    return opened(data_dir, key)\n"
        "smoke._open_window = noisy\n"
        "sys.exit(smoke.run_smoke_test(Path(sys.argv[1])))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert "a deliberate warning from the test" in proc.stderr


# --- per-user install and uninstall -----------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's home folder with a space in its path, and no XDG overrides."""
    path = tmp_path / "home of user"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    for var in ("XDG_DATA_HOME", "LEUKOTRACK_INSTALL_DIR", "SUDO_USER"):
        monkeypatch.delenv(var, raising=False)
    return path


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "dist" / "LeukoTrack"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "leukotrack"
    exe.write_text("#!/bin/sh\necho LeukoTrack fake\n")
    exe.chmod(0o755)
    (bundle / "_internal" / "marker.txt").write_text("inside")
    return bundle


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(script), *args], capture_output=True, text=True, timeout=60, check=False
    )


def installed_files(home: Path) -> list[Path]:
    share = home / ".local" / "share"
    icons = [share / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in SIZES]
    return [
        home / ".local" / "opt" / "LeukoTrack" / "leukotrack",
        home / ".local" / "opt" / "LeukoTrack" / "_internal" / "marker.txt",
        home / ".local" / "bin" / "leukotrack",
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *icons,
    ]


def test_install_puts_app_launcher_and_icons_in_the_users_own_folders(
    home: Path, fake_bundle: Path
) -> None:
    proc = run_script(INSTALL, str(fake_bundle))
    assert proc.returncode == 0, proc.stderr
    for path in installed_files(home):
        assert path.exists(), f"{path} was not installed"
    launcher = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    entries = desktop_entries(launcher)
    exe = home / ".local" / "opt" / "LeukoTrack" / "leukotrack"
    assert entries["Exec"] == f'"{exe}"'
    assert entries["TryExec"] == str(exe)
    assert entries["Icon"] == APP_ID
    validate_desktop(launcher)
    linked = subprocess.run(
        [str(home / ".local" / "bin" / "leukotrack")], capture_output=True, text=True, check=True
    )
    assert linked.stdout.strip() == "LeukoTrack fake"


def test_installing_again_replaces_the_old_copy(home: Path, fake_bundle: Path) -> None:
    assert run_script(INSTALL, str(fake_bundle)).returncode == 0
    stale = home / ".local" / "opt" / "LeukoTrack" / "_internal" / "from-old-version.txt"
    stale.write_text("old")
    proc = run_script(INSTALL, str(fake_bundle))
    assert proc.returncode == 0, proc.stderr
    assert not stale.exists()
    assert not (home / ".local" / "opt" / "LeukoTrack.new").exists()


def test_install_without_a_bundle_says_how_to_build_one(home: Path, tmp_path: Path) -> None:
    proc = run_script(INSTALL, str(tmp_path / "nowhere"))
    assert proc.returncode == 1
    assert "make bundle" in proc.stderr
    assert not (home / ".local").exists()


def test_uninstall_removes_what_install_added_and_never_the_records(
    home: Path, fake_bundle: Path
) -> None:
    assert run_script(INSTALL, str(fake_bundle)).returncode == 0
    records = home / ".local" / "share" / "LeukoTrack"
    records.mkdir(parents=True)
    with sqlite3.connect(records / "leukotrack.db") as con:
        con.execute("create table draw (id integer primary key)")
        con.execute("insert into draw default values")
    con.close()
    proc = run_script(UNINSTALL)
    assert proc.returncode == 0, proc.stderr
    for path in installed_files(home):
        assert not path.exists() and not path.is_symlink(), f"{path} was left behind"
    with sqlite3.connect(records / "leukotrack.db") as con:
        assert con.execute("select count(*) from draw").fetchone() == (1,)
    con.close()
    assert str(records) in proc.stdout


def test_uninstall_leaves_a_folder_that_is_not_a_leukotrack_install_alone(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = home / "Documents"
    other.mkdir()
    (other / "letter.txt").write_text("keep me")
    monkeypatch.setenv("LEUKOTRACK_INSTALL_DIR", str(other))
    proc = run_script(UNINSTALL)
    assert proc.returncode == 1
    assert "does not look like a LeukoTrack install" in proc.stderr
    assert (other / "letter.txt").read_text() == "keep me"


# --- documentation ----------------------------------------------------------------------------


def test_packaging_readme_says_how_to_build_install_launch_and_remove() -> None:
    text = (ROOT / "packaging" / "README.md").read_text(encoding="utf-8")
    for needed in (
        "make bundle",
        "packaging/linux/install.sh",
        "packaging/linux/uninstall.sh",
        "dist/LeukoTrack/leukotrack",
        "--smoke-test",
    ):
        assert needed in text, f"packaging/README.md does not mention {needed}"
    for script in re.findall(r"packaging/[\w/.-]+\.(?:sh|py|spec|iss)", text):
        assert (ROOT / script).is_file(), f"packaging/README.md names {script}, which is missing"
    assert re.search(r"not (been )?(built|tested)", text), "say plainly what was not built here"


# --- the frozen bundle (after `make bundle`) --------------------------------------------------


@pytest.mark.slow
def test_frozen_bundle_passes_its_smoke_test() -> None:
    if not (BUNDLE / "leukotrack").is_file():
        pytest.skip("no bundle in dist/LeukoTrack: 'make bundle' builds it (CI does not)")
    proc = subprocess.run(
        ["bash", str(ROOT / "packaging" / "smoke-test-bundle.sh"), str(BUNDLE)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(PAINT_LINE.findall(proc.stdout)) == 2
