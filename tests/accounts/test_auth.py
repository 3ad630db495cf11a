"""Sign-in defences: the limiter, cookie checks, the cookie key, password rules."""
import datetime as dt
import os
import stat

import jwt
import pytest

from lib.accounts import auth, users
from lib.accounts.passwords import check_password, generate_password, hash_password, validate_password
from lib.core import clock
from tests.conftest import TEST_PASSWORD, make_user

T0 = dt.datetime(2026, 11, 23, 12, 0, 0)


@pytest.fixture
def frozen(monkeypatch):
    now = {"value": T0}
    monkeypatch.setattr(clock, "utcnow", lambda: now["value"])
    return now


def fail(db, username="board-test", session="s1", times=1):
    for _ in range(times):
        auth.record_attempt(db, username, session, "failure")


def test_five_failures_within_15_minutes_lock_the_username(db, frozen):
    make_user(db, "board")
    fail(db, times=4)
    assert auth.lockout_for(db, "board-test", "other") is None
    fail(db)
    lock = auth.lockout_for(db, "BOARD-test ", "other")
    assert lock is not None and lock.reason == "username"
    assert lock.retry_at == T0 + dt.timedelta(minutes=15)


def test_the_lock_expires_by_itself(db, frozen):
    fail(db, times=5)
    frozen["value"] = T0 + dt.timedelta(minutes=15, seconds=1)
    assert auth.lockout_for(db, "board-test", "s1") is None


def test_failures_spread_over_more_than_15_minutes_do_not_lock(db, frozen):
    for minute in (0, 4, 8, 12, 16):
        frozen["value"] = T0 + dt.timedelta(minutes=minute)
        fail(db)
    assert auth.lockout_for(db, "board-test", "s1") is None


def test_refusals_during_a_lock_do_not_extend_it(db, frozen):
    fail(db, times=5)
    frozen["value"] = T0 + dt.timedelta(minutes=10)
    auth.record_attempt(db, "board-test", "s1", "lockout")
    assert auth.lockout_for(db, "board-test", "s1").retry_at == T0 + dt.timedelta(minutes=15)


def test_one_browser_session_trying_many_usernames_is_locked(db, frozen):
    for name in ("a", "b", "c", "d", "e"):
        fail(db, username=name, session="attacker")
    lock = auth.lockout_for(db, "someone-else", "attacker")
    assert lock is not None and lock.reason == "session"


def test_sign_in_success_is_audited_and_stamped(db, frozen):
    make_user(db, "staff")
    auth.record_attempt(db, "staff-test", "s9", "success")
    assert db.scalar("SELECT last_sign_in_at FROM users WHERE username = 'staff-test'") == T0
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in' AND session_id = 's9'") == 1


def token_for(user, issued: dt.datetime, days=1.0):
    expires = issued.replace(tzinfo=dt.UTC).timestamp() + days * 86400
    return {"username": user.username, "exp_date": expires}


def test_cookie_issued_after_the_last_revocation_is_accepted(db):
    user = make_user(db, "board")
    assert auth.cookie_is_valid(user, token_for(user, clock.utcnow()), 1.0)


def test_cookie_is_refused_after_sign_out_password_change_or_deactivation(db):
    user = make_user(db, "board")
    token = token_for(user, clock.utcnow() - dt.timedelta(minutes=5))
    users.revoke_sessions(db, user.username, actor=user.username)
    assert not auth.cookie_is_valid(users.get_user(db, user.username), token, 1.0)
    fresh = token_for(user, clock.utcnow())
    users.change_own_password(db, user.username, TEST_PASSWORD, "Nouveau-Mot-De-Passe-77", "Nouveau-Mot-De-Passe-77")
    assert not auth.cookie_is_valid(users.get_user(db, user.username), fresh, 1.0)


def test_expired_cookie_or_other_user_is_refused(db):
    user = make_user(db, "board")
    assert not auth.cookie_is_valid(user, token_for(user, clock.utcnow() - dt.timedelta(days=2)), 1.0)
    assert not auth.cookie_is_valid(user, {"username": "someone", "exp_date": 9e12}, 1.0)


def test_session_version_check():
    user = users.User("u", "U", "", "board", "", True, "fr", 3, T0, "")
    assert auth.session_is_valid(user, 3)
    assert not auth.session_is_valid(user, 2)
    assert not auth.session_is_valid(user._replace(is_active=False) if hasattr(user, "_replace") else
                                     users.User("u", "U", "", "board", "", False, "fr", 3, T0, ""), 3)


def test_cookie_key_refuses_a_short_configured_key(tmp_path):
    with pytest.raises(auth.InsecureConfigurationError):
        auth.cookie_key({"cookie_key": "some_key"}, key_file=tmp_path / "k")


def test_cookie_key_is_generated_once_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("ROCSMO_COOKIE_KEY", raising=False)
    key_file = tmp_path / ".cookie_key"
    first = auth.cookie_key({}, key_file=key_file)
    assert len(first) >= 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert auth.cookie_key({}, key_file=key_file) == first


def test_cookie_key_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ROCSMO_COOKIE_KEY", "e" * 40)
    assert auth.cookie_key({}, key_file=tmp_path / "k") == "e" * 40
    assert not (tmp_path / "k").exists()


def test_a_forged_cookie_with_another_key_does_not_decode():
    forged = jwt.encode({"username": "admin", "exp_date": 9e12}, "some_key", algorithm="HS256")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, "k" * 48, algorithms=["HS256"])


@pytest.mark.parametrize("password, message", [
    ("court", "au moins 12 caractères"),
    ("marie-tremblay-2026", "nom d’utilisateur"),
    ("motdepasse123", "trop courant"),
    ("password1234", "trop courant"),
])
def test_password_rules_speak_french(password, message):
    assert any(message in error for error in validate_password(password, "marie-tremblay"))


def test_good_and_generated_passwords_pass():
    assert validate_password("Correct-Cheval-Pile-42", "marie") == []
    assert validate_password(generate_password(), "marie") == []


def test_passwords_are_stored_as_bcrypt_hashes():
    hashed = hash_password("Correct-Cheval-Pile-42")
    assert hashed.startswith("$2b$") and check_password("Correct-Cheval-Pile-42", hashed)
    assert not check_password("wrong", hashed)


def test_no_plaintext_password_anywhere_in_the_database_file(tmp_path, seeded_copy):
    from lib.core.db import connect

    path = seeded_copy(tmp_path / "x.duckdb")
    database = connect(str(path))
    make_user(database, "board")
    users.change_own_password(database, "board-test", TEST_PASSWORD, "Autre-Phrase-Secrete-31",
                              "Autre-Phrase-Secrete-31")
    database.close()
    wal = path.with_suffix(".duckdb.wal")
    raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert TEST_PASSWORD.encode() not in raw
    assert b"Autre-Phrase-Secrete-31" not in raw


def test_bcrypt_cost_is_12_unless_lowered_and_never_below_4(monkeypatch):
    from lib.accounts.passwords import bcrypt_rounds

    monkeypatch.delenv("ROCSMO_BCRYPT_ROUNDS", raising=False)
    assert bcrypt_rounds() == 12
    monkeypatch.setenv("ROCSMO_BCRYPT_ROUNDS", "2")
    assert bcrypt_rounds() == 4
    monkeypatch.setenv("ROCSMO_BCRYPT_ROUNDS", "20")
    assert bcrypt_rounds() == 12
