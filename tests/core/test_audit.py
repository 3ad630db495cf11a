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
