"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged
and leaves nothing half-applied; the same for a kill during migrations and during a backup.

Each round starts a child process (tests/reliability/crash_writer.py) on one database file,
lets it write for a random short while, kills it with SIGKILL, then reopens the file here
and checks it. The rounds reuse the same file, so later rounds also prove that a file that
survived a kill keeps accepting writes.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.accounts import users
from lib.core import schema
from lib.core.backup import backup_database
from lib.core.db import connect, open_database
from lib.seed import open_seeded_database

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
PASSWORD = "Correct-Cheval-Pile-42"


def _start(args: list[str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "ROCSMO_BCRYPT_ROUNDS": "4"})


def _kill_after(child: subprocess.Popen, seconds: float) -> tuple[list[str], str]:
    """Wait for READY, let the child work `seconds`, SIGKILL it; its acknowledged lines and stderr."""
    ready = child.stdout.readline()
    assert ready.strip() == "READY", child.stderr.read()
    time.sleep(seconds)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    return [line for line in out.splitlines() if line.strip()], err


def _check_whole(path: Path, acknowledged_updates: set[int], acknowledged_agreements: set[int]) -> None:
    db = open_database(str(path))
    try:
        updates = {row[0] for row in db.query("SELECT id FROM means_updates")}
        agreements = {row[0] for row in db.query("SELECT id FROM ambassadors")}
        assert acknowledged_updates <= updates, f"lost updates: {sorted(acknowledged_updates - updates)[:5]}"
        assert acknowledged_agreements <= agreements, f"lost sign-ups: {sorted(acknowledged_agreements - agreements)}"
        # Nothing half-applied: every update has its audit row; every agreement its account,
        # its three commitments, its two moments and its audit row.
        audited_updates = {json.loads(details)["update_id"] for (details,) in db.query(
            "SELECT details FROM audit_log WHERE action = 'plan.update.record'")}
        assert updates == audited_updates
        halves = db.query(
            """
            SELECT a.id FROM ambassadors a
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.username = a.username)
               OR (SELECT count(*) FROM ambassador_commitments c WHERE c.ambassador_id = a.id) <> 3
               OR (SELECT count(*) FROM ambassador_moments m WHERE m.ambassador_id = a.id) <> 2
               OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'ambassador.signup'
                              AND l.entity_id = CAST(a.id AS VARCHAR))
            """)
        assert halves == []
    finally:
        db.close()


def test_writes_acknowledged_before_a_sigkill_survive_whole(tmp_path):
    path = tmp_path / "crash.duckdb"
    db = open_seeded_database(str(path))
    users.create_user(db, username="crash-staff", role="staff", display_name="Équipe", email="c@example.org",
                      password=PASSWORD, actor="tests")
    db.close()
    rng = random.Random(20261204)
    acknowledged_updates: set[int] = set()
    acknowledged_agreements: set[int] = set()
    for round_ in range(KILLS):
        child = _start(["-m", "tests.reliability.crash_writer", str(path), str(round_)])
        lines, err = _kill_after(child, rng.uniform(0.02, 0.4))
        assert "Traceback" not in err, err
        for line in lines:
            kind, value = line.split()
            (acknowledged_updates if kind == "U" else acknowledged_agreements).add(int(value))
        _check_whole(path, acknowledged_updates, acknowledged_agreements)
    # The rounds did write: a test whose child never got to write would prove nothing.
    assert len(acknowledged_updates) > KILLS and len(acknowledged_agreements) > KILLS // 4


MIGRATE = ("import sys; from lib.core.db import open_database; print('READY', flush=True); "
           "open_database(sys.argv[1])")


def test_a_kill_during_the_migrations_leaves_all_or_none(tmp_path):
    rng = random.Random(7)
    expected = [migration.version for migration in schema.list_migrations()]
    for round_ in range(10):
        path = tmp_path / f"migrate-{round_}.duckdb"
        child = _start(["-c", MIGRATE, str(path)])
        _kill_after(child, rng.uniform(0.0, 0.3))
        db = connect(str(path))
        try:
            assert schema.applied(db) in ([], expected)
        finally:
            db.close()
        db = open_database(str(path))  # the next start finishes the job
        try:
            assert schema.applied(db) == expected
            assert db.scalar("SELECT count(*) FROM means") == 0  # migrations only, nothing seeded
        finally:
            db.close()


BACKUP = ("import sys; from lib.core.db import open_database; from lib.core.backup import backup_database; "
          "db = open_database(sys.argv[1]); print('READY', flush=True); "
          "[backup_database(db, f'{sys.argv[2]}/b{n}.duckdb') for n in range(10**6)]")


@pytest.mark.parametrize("round_", range(5))
def test_a_kill_during_a_backup_leaves_the_database_intact(tmp_path, seeded_template, round_):
    path = tmp_path / "live.duckdb"
    shutil.copyfile(seeded_template, path)
    db = connect(str(path))
    before = db.query("SELECT count(*), sum(hash(text)) FROM means")
    db.close()
    out = tmp_path / "backups"
    child = _start(["-c", BACKUP, str(path), str(out)])
    _kill_after(child, random.Random(round_).uniform(0.05, 0.5))
    db = open_database(str(path))
    try:
        assert db.query("SELECT count(*), sum(hash(text)) FROM means") == before
        # The file still takes writes and makes a good backup after the kill.
        good = tmp_path / "after.duckdb"
        backup_database(db, good)
    finally:
        db.close()
    copy = connect(str(good), read_only=True)
    try:
        assert copy.query("SELECT count(*), sum(hash(text)) FROM means") == before
    finally:
        copy.close()
