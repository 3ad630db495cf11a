"""Sign-in defences: the limiter, cookie checks, the cookie key, password rules."""
import datetime as dt
import json
import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import jwt
import pandas as pd
import pytest

from lib.accounts import auth, users
from lib.accounts.passwords import check_password, generate_password, hash_password, validate_password
from lib.core import clock
from tests.conftest import ROOT, TEST_PASSWORD, make_user

T0 = dt.datetime(2026, 11, 23, 12, 0, 0)


@pytest.fixture
def frozen(monkeypatch):
    now = {"value": T0}
    monkeypatch.setattr(clock, "utcnow", lambda: now["value"])
    return now


def fail(db, username="board-test", client="c1", times=1, captcha_solved=False):
    return [auth.authenticate(db, username, "wrong-password-123", client, "s1", captcha_solved)
            for _ in range(times)]


def test_five_failures_within_15_minutes_lock_the_client_not_the_owner(db, frozen):
    make_user(db, "board")
    fail(db, times=4)
    assert fail(db, client="c1")[0].status == "failure"  # the 5th is still checked
    locked = auth.authenticate(db, "board-test", TEST_PASSWORD, "c1")
    assert locked.status == "locked" and locked.retry_at == T0 + dt.timedelta(minutes=15)
    owner = auth.authenticate(db, "BOARD-test ", TEST_PASSWORD, "owner-laptop", captcha_solved=True)
    assert owner.status == "success" and owner.user.username == "board-test"


def test_a_client_trying_many_usernames_is_locked(db, frozen):
    for name in ("a1", "b2", "c3", "d4", "e5"):
        fail(db, username=name, client="attacker")
    assert auth.authenticate(db, "someone-else", "x" * 12, "attacker").status == "locked"
    assert auth.authenticate(db, "someone-else", "x" * 12, "elsewhere").status == "failure"


def test_the_client_lock_expires_by_itself(db, frozen):
    make_user(db, "board")
    fail(db, times=5)
    frozen["value"] = T0 + dt.timedelta(minutes=15, seconds=1)
    assert auth.authenticate(db, "board-test", TEST_PASSWORD, "c1", captcha_solved=True).status == "success"


def test_failures_spread_over_more_than_15_minutes_do_not_lock(db, frozen):
    for minute in (0, 4, 8, 12, 16):
        frozen["value"] = T0 + dt.timedelta(minutes=minute)
        fail(db)
    assert fail(db)[0].status == "failure"


def test_refusals_during_a_lock_do_not_extend_it_nor_check_a_password(db, frozen, monkeypatch):
    fail(db, times=5)
    checks = count_bcrypt(monkeypatch)
    frozen["value"] = T0 + dt.timedelta(minutes=10)
    assert fail(db)[0].retry_at == T0 + dt.timedelta(minutes=15)
    assert checks == []


def test_wrong_passwords_from_many_clients_ask_for_a_captcha_and_never_lock_the_owner(db, frozen):
    make_user(db, "board")
    for client in ("x1", "x2", "x3", "x4", "x5"):
        fail(db, client=client)
    assert auth.authenticate(db, "board-test", TEST_PASSWORD, "x6").status == "captcha"
    assert auth.authenticate(db, "board-test", TEST_PASSWORD, "owner").status == "captcha"
    signed_in = auth.authenticate(db, "board-test", TEST_PASSWORD, "owner", captcha_solved=True)
    assert signed_in.status == "success"
    assert signed_in.failures_since_last_sign_in == 5  # told to the owner after signing in
    frozen["value"] = T0 + dt.timedelta(minutes=1)
    again = auth.authenticate(db, "board-test", TEST_PASSWORD, "owner", captcha_solved=True)
    assert again.failures_since_last_sign_in == 0


def test_the_client_is_the_proxys_last_entry_else_the_peer_else_the_session():
    assert auth.client_key("198.51.100.7, 203.0.113.9", "127.0.0.1", "s") == "203.0.113.9"
    assert auth.client_key(None, "203.0.113.4", "s") == "203.0.113.4"
    assert auth.client_key("", None, "abc") == "session:abc"


def count_bcrypt(monkeypatch) -> list:
    import bcrypt

    calls = []
    real = bcrypt.checkpw

    def counting(password, hashed):
        calls.append(hashed)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting)
    return calls


@pytest.mark.parametrize("same_client", [True, False], ids=["one-client", "many-clients"])
def test_parallel_attempts_never_check_more_passwords_than_the_limit(db, monkeypatch, same_client):
    make_user(db, "board")
    checks = count_bcrypt(monkeypatch)
    start = threading.Barrier(20)

    def attempt(index):
        start.wait()
        return auth.authenticate(db, "board-test", "wrong-password-123", "c" if same_client else f"c{index}",
                                 f"s{index}").status

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(attempt, range(20)))
    assert len(checks) == auth.CLIENT_MAX_FAILURES == auth.USERNAME_MAX_FAILURES
    assert statuses.count("failure") == 5
    assert set(statuses) - {"failure"} == {"locked" if same_client else "captcha"}


def test_unknown_inactive_and_existing_usernames_cost_one_bcrypt_run_each(db, monkeypatch):
    make_user(db, "admin", "chef")
    make_user(db, "board")
    gone = make_user(db, "staff")
    users.set_active(db, gone.username, False, actor="chef")
    checks = count_bcrypt(monkeypatch)
    for username in ("board-test", "nobody-here", gone.username):
        assert auth.authenticate(db, username, TEST_PASSWORD if username != "board-test" else "wrong-pass-1234",
                                 f"c-{username}").status == "failure"
    assert len(checks) == 3
    costs = {hashed[:7] for hashed in checks}  # "$2b$04$": the same algorithm and cost for all three
    assert len(costs) == 1


def test_refused_sign_ins_add_one_audit_row_per_username_and_client_per_hour(db, frozen):
    make_user(db, "board")
    before = db.scalar("SELECT count(*) FROM audit_log")
    fail(db, times=5)                      # five failures: one row, counted 5
    fail(db, times=30)                     # thirty refusals of a locked client: one row
    fail(db, username="someone", client="c2", times=2)  # another client and name: its own row
    rows = [(action, json.loads(details)["client"], json.loads(details)["count"]) for action, details in
            db.query("SELECT action, details FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id")]
    assert db.scalar("SELECT count(*) FROM audit_log") - before == 3
    assert rows == [("auth.failure", "c1", 5), ("auth.lockout", "c1", 30), ("auth.failure", "c2", 2)]
    frozen["value"] = T0 + dt.timedelta(hours=1, seconds=1)
    fail(db, username="someone", client="c2")
    assert db.scalar("SELECT count(*) FROM audit_log") - before == 4


def test_sign_in_success_is_audited_and_stamped(db, frozen):
    make_user(db, "staff")
    assert auth.authenticate(db, "staff-test", TEST_PASSWORD, "c9", "s9").status == "success"
    assert db.scalar("SELECT last_sign_in_at FROM users WHERE username = 'staff-test'") == T0
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in' AND session_id = 's9'") == 1


def test_a_password_over_72_bytes_is_refused_wherever_one_is_set():
    long = "Une-phrase-de-passe-vraiment-très-longue-" * 3
    assert len(long.encode()) > 72
    assert any("72 octets" in error for error in validate_password(long, "marie"))
    assert validate_password("éà-Phrase-" * 6, "marie") == []  # 72 bytes: accepted


def test_account_creation_sign_up_and_password_change_refuse_over_72_bytes(db):
    from lib.campaign.agreement_form import validate_signup
    from lib.core.errors import FormError

    long = "Une-phrase-de-passe-vraiment-très-longue-" * 3
    with pytest.raises(FormError, match="72 octets"):
        users.create_user(db, username="long-pass", role="board", display_name="L", email="", password=long,
                          actor="tests")
    make_user(db, "board")
    with pytest.raises(FormError, match="72 octets"):
        users.change_own_password(db, "board-test", TEST_PASSWORD, long, long)
    assert any("72 octets" in message for message in validate_signup(
        {"username": "org-longue", "password": long, "password_confirm": long},
        pd.DataFrame({"key": [], "with_moments": []}), []))


def test_an_account_hashed_from_a_long_password_signs_in_with_it(db, frozen):
    """Accounts made before the 72-byte rule: the whole password they were given signs in."""
    long = "Une-phrase-de-passe-vraiment-très-longue-" * 3
    make_user(db, "board")
    db.transaction(lambda cur: cur.execute("UPDATE users SET password_hash = ? WHERE username = 'board-test'",
                                           [hash_password(long)]))
    assert auth.authenticate(db, "board-test", long, "c1").status == "success"


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


EXAMPLE_KEY = "replace-with-a-long-random-string-of-at-least-32-bytes"


def test_the_example_key_of_the_repository_is_refused(tmp_path, monkeypatch):
    assert EXAMPLE_KEY in (ROOT / ".streamlit" / "secrets.toml.example").read_text()
    with pytest.raises(auth.InsecureConfigurationError, match="secrets.toml.example"):
        auth.cookie_key({"cookie_key": EXAMPLE_KEY}, key_file=tmp_path / "k")
    monkeypatch.setenv("ROCSMO_COOKIE_KEY", EXAMPLE_KEY)
    with pytest.raises(auth.InsecureConfigurationError, match="publique"):
        auth.cookie_key({}, key_file=tmp_path / "k")


def test_a_key_written_in_any_project_file_is_refused(tmp_path):
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "notes.md").write_text("cle: " + "z" * 40)
    assert auth.file_containing("z" * 40, root=tmp_path) == "deploy/notes.md"
    assert auth.file_containing("y" * 40, root=tmp_path) is None


def test_a_cookie_expiring_further_ahead_than_the_lifetime_is_refused(db):
    user = make_user(db, "admin")
    ten_years = token_for(user, clock.utcnow(), days=3650)
    assert not auth.cookie_is_valid(user, ten_years, 1.0)
    assert auth.cookie_is_valid(user, token_for(user, clock.utcnow(), days=1.0), 1.0)
    assert not auth.cookie_is_valid(user, {"username": user.username, "exp_date": "soon"}, 1.0)


def test_cookie_lifetime_is_short_and_capped(monkeypatch):
    monkeypatch.delenv("ROCSMO_COOKIE_DAYS", raising=False)
    assert auth.cookie_days({}) == 0.5
    assert auth.cookie_days({"cookie_expiry_days": 90}) == auth.MAX_COOKIE_DAYS


def test_cookie_is_secure_over_https_and_always_same_site_strict(monkeypatch):
    monkeypatch.delenv("ROCSMO_COOKIE_SECURE", raising=False)
    assert auth.cookie_flags("https://tableau.rocsmo.org/") == {"secure": True, "same_site": "strict"}
    assert auth.cookie_flags("http://127.0.0.1:8501/") == {"secure": False, "same_site": "strict"}
    monkeypatch.setenv("ROCSMO_COOKIE_SECURE", "1")
    assert auth.cookie_flags(None)["secure"]
