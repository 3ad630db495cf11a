"""Backups count only once verified; a restore command puts one back; the app makes one a day and
keeps a bounded number of them."""
import datetime as dt
import os
import subprocess
import sys

import pytest

from lib import cli
from lib.accounts import backups
from lib.core import backup
from lib.core.db import PROJECT_ROOT, connect
from tests.conftest import close_without_checkpoint, make_user


@pytest.fixture
def live(tmp_path, seeded_copy):
    database = connect(str(seeded_copy(tmp_path / "live.duckdb")))
    make_user(database, "admin", "chef")
    yield database
    close_without_checkpoint(database)


def test_a_backup_is_verified_and_only_then_given_its_name(live, tmp_path, monkeypatch):
    def wrong_counts(path):
        return {"schema_migrations": -1}

    monkeypatch.setattr(backup, "verify_backup", wrong_counts)
    with pytest.raises(backup.BackupError):
        backups.create_backup(live, actor="chef", directory=tmp_path / "backups")
    assert list((tmp_path / "backups").iterdir()) == []  # no file under a backup's name, no leftover
    assert backups.list_backups(tmp_path / "backups") == []


def test_garbage_truncated_and_half_written_files_are_not_listed_but_flagged(live, tmp_path):
    folder = tmp_path / "backups"
    good = backups.create_backup(live, actor="chef", directory=folder)
    (folder / "rocsmo-20260101-000000.duckdb").write_bytes(b"\0" * 12288)         # garbage, never verified
    (folder / ".rocsmo-20260102-000000.duckdb.partial").write_bytes(b"DUCK")      # a crash mid-copy
    truncated = folder / "rocsmo-20260103-000000.duckdb"
    truncated.write_bytes(good.read_bytes()[:8192])                               # a good manifest, cut file
    (folder / (truncated.name + ".json")).write_text((folder / (good.name + ".json")).read_text())
    assert [item.name for item in backups.list_backups(folder)] == [good.name]
    assert backups.unverified_files(folder) == [".rocsmo-20260102-000000.duckdb.partial",
                                                "rocsmo-20260101-000000.duckdb", truncated.name]
    with pytest.raises(backup.BackupError):
        backup.verify_backup(folder / "rocsmo-20260101-000000.duckdb")


def test_restore_round_trips_the_row_counts_and_keeps_the_replaced_file(live, tmp_path, monkeypatch, capsys):
    made = backups.create_backup(live, actor="chef", directory=tmp_path / "backups")
    expected = backup.verify_backup(made)
    target = tmp_path / "restored" / "rocsmo.duckdb"
    monkeypatch.setenv("ROCSMO_DB", str(target))
    assert cli.main(["restore", str(made)]) == 0                    # no database yet: no --force needed
    assert backup.verify_backup(target) == expected
    copy = connect(str(target))
    copy.transaction(lambda cur: cur.execute("DELETE FROM audit_log"))
    copy.close()
    assert cli.main(["restore", str(made)]) == 1                    # a live file is never replaced silently
    assert "--force" in capsys.readouterr().err
    assert backup.verify_backup(target)["audit_log"] == 0
    assert cli.main(["restore", str(made), "--force"]) == 0
    assert backup.verify_backup(target) == expected
    kept = [path for path in target.parent.iterdir() if ".avant-restauration-" in path.name]
    assert len(kept) == 1 and backup.verify_backup(kept[0])["audit_log"] == 0


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ROCSMO_DB", str(tmp_path / "rocsmo.duckdb"))
    (tmp_path / "junk.duckdb").write_bytes(b"not a database" * 100)
    assert cli.main(["restore", str(tmp_path / "junk.duckdb")]) == 1
    assert "n’est pas une sauvegarde utilisable" in capsys.readouterr().err
    assert not (tmp_path / "rocsmo.duckdb").exists()


def test_restore_refuses_while_another_process_holds_the_database(live, tmp_path):
    made = backups.create_backup(live, actor="chef", directory=tmp_path / "backups")
    target = tmp_path / "held.duckdb"
    connect(str(target)).close()
    before = target.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(target)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = subprocess.run([sys.executable, "-m", "lib.cli", "restore", str(made), "--force"],
                                capture_output=True, text=True, cwd=PROJECT_ROOT,
                                env={**os.environ, "ROCSMO_DB": str(target)})
    finally:
        holder.communicate("")
    assert result.returncode == 3, result.stderr
    assert "déjà ouverte par un autre processus" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == before and not list(tmp_path.glob("held.duckdb.avant-restauration-*"))


def test_the_daily_backup_writes_one_a_day_in_the_background_and_keeps_the_newest(live, tmp_path, monkeypatch):
    monkeypatch.setenv("ROCSMO_DAILY_BACKUP", "on")
    folder = tmp_path / "backups"
    live.transaction(lambda cur: cur.execute("UPDATE settings SET value = '3' WHERE key = 'backups_kept'"))
    for day in range(1, 5):  # four older backups, verified
        path = backups.create_backup(live, actor="chef", directory=folder)
        stamped = folder / f"rocsmo-2026010{day}-030000.duckdb"
        path.rename(stamped)
        (folder / (path.name + ".json")).rename(folder / (stamped.name + ".json"))
    today = dt.date(2030, 1, 2)  # the backups above were all made before that day
    thread = backups.start_daily_backup(live, folder, today=today)
    assert thread is not None
    thread.join(timeout=60)
    assert backups.start_daily_backup(live, folder, today=today) is None   # once a day
    names = [item.name for item in backups.list_backups(folder)]
    assert len(names) == 3 and names[1:] == ["rocsmo-20260104-030000.duckdb", "rocsmo-20260103-030000.duckdb"]
    assert live.scalar("SELECT count(*) FROM audit_log WHERE action = 'backup.daily' AND actor = 'app'") == 1
    assert not (folder / "rocsmo-20260101-030000.duckdb.json").exists()


def test_the_daily_backup_is_off_when_the_environment_says_so(live, tmp_path, monkeypatch):
    monkeypatch.setenv("ROCSMO_DAILY_BACKUP", "off")
    assert backups.start_daily_backup(live, tmp_path / "backups", today=dt.date(2026, 12, 5)) is None


def test_restore_with_force_replaces_an_unreadable_database_and_moves_a_stale_wal_aside(live, tmp_path, monkeypatch):
    made = backups.create_backup(live, actor="chef", directory=tmp_path / "backups")
    target = tmp_path / "broken" / "rocsmo.duckdb"
    target.parent.mkdir()
    target.write_bytes(b"garbage" * 1000)
    target.with_name("rocsmo.duckdb.wal").write_bytes(b"stale log")
    monkeypatch.setenv("ROCSMO_DB", str(target))
    assert cli.main(["restore", str(made), "--force"]) == 0
    assert backup.verify_backup(target) == backup.verify_backup(made)
    assert not target.with_name("rocsmo.duckdb.wal").exists()
    assert sorted(path.name.split("-")[0] for path in target.parent.glob("*avant-restauration*")) == \
        ["rocsmo.duckdb.avant", "rocsmo.duckdb.avant"]
