"""One-click links: random, hashed, single purpose, single use, expiring, revoked by a password change."""
from __future__ import annotations

import datetime as dt

import pytest

from lib.accounts import links, users
from lib.core import clock
from tests.conftest import TEST_PASSWORD, make_user


def issue(db, username: str, **options) -> str:
    return db.transaction(lambda cur: links.issue_link(cur, username, "report", hours=72, **options))


def test_a_link_works_once_then_is_refused_as_used(db):
    make_user(db, "ambassador", "amb")
    token = issue(db, "amb")
    grant = links.redeem_link(db, token, "report", session_id="s1")
    assert grant.username == "amb" and grant.purpose == "report"
    with pytest.raises(links.LinkRefused) as refused:
        links.redeem_link(db, token, "report")
    assert refused.value.reason == "used" and "déjà servi" in refused.value.messages[0]
    actions = [row[0] for row in db.query("SELECT action FROM audit_log WHERE action LIKE 'link.%' ORDER BY id")]
    assert actions == ["link.use", "link.refused"]


def test_only_the_hash_is_stored(db):
    make_user(db, "ambassador", "amb")
    token = issue(db, "amb")
    stored = db.query("SELECT token_hash FROM one_click_links")
    assert stored == [(links.token_hash(token),)] and token not in stored[0][0] and len(token) >= 40


def test_an_expired_link_is_refused(db):
    make_user(db, "ambassador", "amb")
    token = issue(db, "amb", now=clock.utcnow() - dt.timedelta(hours=73))
    with pytest.raises(links.LinkRefused) as refused:
        links.redeem_link(db, token, "report")
    assert refused.value.reason == "expired" and "expiré" in refused.value.messages[0]


def test_a_password_change_revokes_every_unused_link_and_ends_a_grant(db):
    make_user(db, "ambassador", "amb")
    first, second = issue(db, "amb"), issue(db, "amb")
    grant = links.redeem_link(db, first, "report")
    assert links.grant_is_valid(db, grant)
    users.change_own_password(db, "amb", TEST_PASSWORD, "Nouveau-Cheval-Pile-43", "Nouveau-Cheval-Pile-43")
    assert not links.grant_is_valid(db, grant)
    with pytest.raises(links.LinkRefused) as refused:
        links.redeem_link(db, second, "report")
    assert refused.value.reason == "revoked" and "annulé" in refused.value.messages[0]


def test_a_link_for_another_purpose_or_a_made_up_token_is_unknown(db):
    make_user(db, "ambassador", "amb")
    token = issue(db, "amb")
    for attempt, purpose in ((token, "admin"), ("pas-un-jeton", "report"), ("", "report")):
        with pytest.raises(links.LinkRefused) as refused:
            links.redeem_link(db, attempt, purpose)
        assert refused.value.reason == "unknown"
    assert links.redeem_link(db, token, "report").username == "amb"  # still unused after those


def test_a_deactivated_account_s_link_is_refused(db):
    make_user(db, "ambassador", "amb")
    admin = make_user(db, "admin", "adm")
    token = issue(db, "amb")
    users.set_active(db, "amb", False, actor=admin.username)
    with pytest.raises(links.LinkRefused) as refused:
        links.redeem_link(db, token, "report")
    assert refused.value.reason in ("revoked", "inactive")
