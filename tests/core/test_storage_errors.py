"""A disk that is full or fails during a write: a clear French refusal, nothing half-written,
older data intact, and the app goes on (writes work again once space is back)."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import date
from pathlib import Path

import duckdb
import pytest

from lib.accounts import users
from lib.core.db import connect
from lib.core.errors import FormError, StorageError
from lib.plan.updates import UpdateInput, record_update
from tests.conftest import close_without_checkpoint, make_user

NOTE = "x" * 1999


def _update(note: str = NOTE) -> UpdateInput:
    return UpdateInput(status="en_cours", progress=10, work_date=date(2026, 1, 1), note=note)


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of its own (we run as root in CI), removed afterwards; skips where mounting is refused."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()

    def make(size_kb: int) -> Path:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()}")
        return mount

    yield make
    # Lazy: detached even if a failed assertion left the database open on it.
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_refuses_the_write_in_french_and_keeps_everything_else(seeded_template, small_disk):
    size_kb = seeded_template.stat().st_size // 1024
    disk = small_disk(size_kb + 1500)
    path = disk / "rocsmo.duckdb"
    shutil.copyfile(seeded_template, path)
    filler = disk / "filler"
    db = connect(str(path))
    staff = make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    acknowledged = [record_update(db, staff, means_id, _update()) for _ in range(3)]
    # Fill what is left of the disk.
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    with pytest.raises(StorageError) as refused:
        for _ in range(200):  # the WAL may still have a little room: write until it has none
            acknowledged.append(record_update(db, staff, means_id, _update()))
    assert isinstance(refused.value, FormError)
    assert "n’a pas pu être écrit sur le disque" in refused.value.messages[0]
    # Older data intact and readable on the same connection: the app goes on.
    stored = {row[0] for row in db.query("SELECT id FROM means_updates")}
    assert set(acknowledged) == stored
    assert db.scalar("SELECT count(*) FROM means") > 50
    # Space is back: writes work again, and everything acknowledged survives a reopen.
    filler.unlink()
    acknowledged.append(record_update(db, staff, means_id, _update("après le disque plein")))
    close_without_checkpoint(db)
    reopened = connect(str(path))
    try:
        assert {row[0] for row in reopened.query("SELECT id FROM means_updates")} == set(acknowledged)
        audited = reopened.scalar("SELECT count(*) FROM audit_log WHERE action = 'plan.update.record'")
        assert audited == len(acknowledged)  # nothing half-applied: one audit row per update
    finally:
        reopened.close()


def test_an_io_error_inside_a_write_is_refused_at_once_without_retries(db, monkeypatch):
    staff = make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    attempts = []

    def failing_insert(cur, *args, **kwargs):
        attempts.append(1)
        raise duckdb.IOException('IO Error: Could not write file "rocsmo.duckdb.wal": Input/output error')

    monkeypatch.setattr("lib.plan.updates.insert_update", failing_insert)
    with pytest.raises(StorageError):
        record_update(db, staff, means_id, _update())
    assert attempts == [1]
    assert db.scalar("SELECT count(*) FROM means_updates") == 0
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action LIKE 'plan.update%'") == 0
    assert users.get_user(db, "staff-test") is not None


def test_a_real_write_conflict_is_still_retried(db):
    calls = []

    def conflicting_once(cur):
        calls.append(1)
        if len(calls) == 1:
            raise duckdb.TransactionException("Conflict on tuple deletion!")
        return "fait"

    assert db.transaction(conflicting_once) == "fait"
    assert len(calls) == 2
