"""Many sessions writing at once through the data layer, as Streamlit's threads do:
no error reaches a user, every acknowledged write is there, conflicts are retried."""
from __future__ import annotations

import threading
from datetime import date

from lib.core import db as core_db
from lib.plan.updates import UpdateInput, list_updates, record_update
from tests.conftest import make_user

THREADS = 20
WRITES_PER_THREAD = 5


def _run_threads(work) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def run(index: int) -> None:
        barrier.wait()  # all threads start together: the worst case for conflicts
        try:
            work(index)
        except BaseException as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def _write_updates(db, user, means_for_thread) -> tuple[list[BaseException], dict[int, set[int]]]:
    acknowledged: dict[int, set[int]] = {}
    lock = threading.Lock()

    def work(index: int) -> None:
        means_id = means_for_thread(index)
        for n in range(WRITES_PER_THREAD):
            update_id = record_update(db, user, means_id, UpdateInput(
                status="en_cours", progress=(index * WRITES_PER_THREAD + n) % 101, work_date=date(2026, 3, 1),
                note=f"fil {index} écriture {n}"), today=date(2026, 12, 4))
            with lock:
                acknowledged.setdefault(means_id, set()).add(update_id)

    return _run_threads(work), acknowledged


def _assert_all_there(db, acknowledged: dict[int, set[int]]) -> None:
    stored = list_updates(db)
    for means_id, ids in acknowledged.items():
        assert ids <= set(stored.loc[stored["means_id"] == means_id, "update_id"])
    assert sum(len(ids) for ids in acknowledged.values()) == THREADS * WRITES_PER_THREAD
    audited = db.scalar("SELECT count(*) FROM audit_log WHERE action = 'plan.update.record'")
    assert audited == THREADS * WRITES_PER_THREAD


def test_twenty_threads_writing_the_same_item_all_succeed(db):
    staff = make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    errors, acknowledged = _write_updates(db, staff, lambda index: means_id)
    assert errors == []
    _assert_all_there(db, acknowledged)


def test_twenty_threads_writing_different_items_all_succeed(db):
    staff = make_user(db, "staff")
    means_ids = [row[0] for row in db.query("SELECT id FROM means ORDER BY id LIMIT ?", [THREADS])]
    errors, acknowledged = _write_updates(db, staff, lambda index: means_ids[index])
    assert errors == []
    _assert_all_there(db, acknowledged)


def test_a_write_write_conflict_is_retried_not_shown(db, monkeypatch):
    """DuckDB reports a conflict between two transactions as TransactionException; the
    transaction helper retries it. Forced here: the first attempt of every thread fails."""
    import duckdb

    staff = make_user(db, "staff")
    means_id = db.scalar("SELECT min(id) FROM means")
    first_attempts: set[int] = set()
    real = core_db.Database.transaction

    def conflicting(self, work, retries=2):
        def once(cur):
            ident = threading.get_ident()
            if ident not in first_attempts:
                first_attempts.add(ident)
                raise duckdb.TransactionException("Conflict on update! (forced by the test)")
            return work(cur)
        return real(self, once, retries=retries)

    monkeypatch.setattr(core_db.Database, "transaction", conflicting)
    errors, acknowledged = _write_updates(db, staff, lambda index: means_id)
    assert errors == []
    assert len(first_attempts) == THREADS  # every thread met its conflict, and got past it
    _assert_all_there(db, acknowledged)
