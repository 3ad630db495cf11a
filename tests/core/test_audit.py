"""The journal's rows (lib.core.audit.list_events): newest first, filtered, named in the reader's language."""
from __future__ import annotations

from lib.core import audit


def _record(db, actor, action, entity, entity_id):
    db.transaction(lambda cur: audit.record(cur, actor, action, entity=entity, entity_id=entity_id))


def test_actions_and_entities_are_named_in_french_and_in_english(db):
    _record(db, "dg", "ambassador.approved", "ambassador", 7)
    _record(db, "dg", "plan.means.edit", "means", 12)
    french = audit.list_events(db, actor="dg")
    assert list(french["label"]) == ["Moyen modifié", "Ambassadeur approuvé"]
    assert list(french["entity"]) == ["Moyen", "Ambassadeur"]
    assert list(french["action"]) == ["plan.means.edit", "ambassador.approved"]  # the code stays for searching
    english = audit.list_events(db, actor="dg", lang="en")
    assert list(english["label"]) == ["Item changed", "Ambassador approved"]
    assert list(english["entity"]) == ["Means", "Ambassador"]


def test_an_unknown_entity_is_shown_as_written(db):
    _record(db, "dg", "plan.means.edit", "something_new", 1)
    assert list(audit.list_events(db, actor="dg")["entity"]) == ["something_new"]


def test_the_filter_by_kind_keeps_only_that_kind(db):
    _record(db, "dg", "ambassador.approved", "ambassador", 7)
    _record(db, "dg", "plan.means.edit", "means", 12)
    assert list(audit.list_events(db, action_prefix="plan.")["action"]) == ["plan.means.edit"]


def test_the_data_version_moves_with_data_and_not_with_sign_ins_links_backups_or_packs(db):
    _record(db, "dg", "plan.update", "means", 12)
    version = audit.data_version(db)
    for action in ("auth.sign_in", "auth.sign_out", "auth.failure", "link.use", "backup.daily", "board.pack"):
        _record(db, "cr-1", action, "user", "cr-1")
    assert audit.data_version(db) == version  # a board member signing in leaves every cache warm
    _record(db, "dg", "ambassador.approved", "ambassador", 7)
    assert audit.data_version(db) > version


def test_the_data_version_looks_past_a_long_run_of_sign_ins(db):
    _record(db, "dg", "plan.update", "means", 12)
    version = audit.data_version(db)
    db.transaction(lambda cur: cur.executemany(
        "INSERT INTO audit_log (happened_at, actor, session_id, action, entity, entity_id, details)"
        " VALUES (now(), 'cr-1', '', 'auth.sign_in', 'user', 'cr-1', '')", [[]] * 1_500))
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in'") == 1_500
    assert audit.data_version(db) == version  # found beyond the last 1 000 rows
