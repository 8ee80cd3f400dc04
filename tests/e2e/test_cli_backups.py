"""A damaged database at start: a clear CLI error, then `backups --restore newest`."""

from pathlib import Path

from .cli_helpers import row_counts, run_cli


def test_damaged_database_then_restore(data_dir: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    run_cli(data_dir, "results", check=True)  # the day's first open makes the daily backup
    listing = run_cli(data_dir, "backups", check=True).stdout
    assert "daily" in listing
    db_file = data_dir / "leukotrack.sqlite3"
    db_file.write_bytes(db_file.read_bytes()[:20000])
    proc = run_cli(data_dir, "results")
    assert proc.returncode == 1
    assert "is damaged" in proc.stderr and "leukotrack backups --restore newest" in proc.stderr
    restored = run_cli(data_dir, "backups", "--restore", "newest", check=True).stdout
    assert "Restored daily-" in restored and ".damaged-" in restored
    assert row_counts(data_dir)["draw"] > 50


def test_restore_unknown_backup_is_bad_input(data_dir: Path) -> None:
    run_cli(data_dir, "demo", check=True)
    proc = run_cli(data_dir, "backups", "--restore", "nope")
    assert proc.returncode == 2 and "no backup called 'nope'" in proc.stderr


def test_restore_refuses_while_the_app_has_the_folder_open(data_dir: Path, qapp: object) -> None:
    from leukotrack.gui.instance import acquire_instance_lock

    run_cli(data_dir, "demo", check=True)
    run_cli(data_dir, "results", check=True)  # the daily backup
    before = (data_dir / "leukotrack.sqlite3").read_bytes()
    lock = acquire_instance_lock(data_dir)  # as the open window holds it
    assert lock is not None
    try:
        proc = run_cli(data_dir, "backups", "--restore", "newest")
    finally:
        lock.unlock()
    assert proc.returncode == 2 and "close it first" in proc.stderr
    assert (data_dir / "leukotrack.sqlite3").read_bytes() == before
