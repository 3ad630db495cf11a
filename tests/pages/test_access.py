"""Who can open what: the role × page matrix, first run, real sign-in, revocation."""
import pytest
from streamlit.testing.v1 import AppTest

from lib.accounts import users
from lib.ui.navigation import PAGES, SIGNED_OUT_PAGES, specs_for
from tests.conftest import APP_TIMEOUT, ROOT, TEST_PASSWORD, make_user, sign_in_state

ROLES = ("admin", "staff", "board", "ambassador")
MATRIX = [(role, spec) for role in ROLES for spec in PAGES]
DENIED = "Accès refusé"


def shows_sign_in(app: AppTest) -> bool:
    return any(widget.key == "signin.username" for widget in app.text_input)


def denied(app: AppTest) -> bool:
    return any(DENIED in element.value for element in app.error)


@pytest.mark.parametrize("role, spec", MATRIX, ids=[f"{r}-{s.url_path}" for r, s in MATRIX])
def test_role_page_matrix(file_db, role, spec):
    user = make_user(file_db, role)
    allowed = role in spec.roles
    assert (spec in specs_for(role)) == allowed  # the menu
    page = AppTest.from_file(str(ROOT / spec.path), default_timeout=APP_TIMEOUT)  # by URL, bypassing the menu
    sign_in_state(page, user)
    page.run()
    assert not page.exception, page.exception
    assert denied(page) != allowed


PUBLIC = {spec.path for spec in SIGNED_OUT_PAGES}  # the wall "Nos ambassadeurs" is also in every role's menu


@pytest.mark.parametrize("spec", [spec for spec in PAGES if spec.path not in PUBLIC], ids=lambda s: s.url_path)
def test_signed_out_visitor_is_refused_on_every_page(file_db, spec):
    page = AppTest.from_file(str(ROOT / spec.path), default_timeout=APP_TIMEOUT)
    page.run()
    assert denied(page)


def test_signed_out_menu_offers_only_sign_in_and_sign_up():
    assert [spec.url_path for spec in specs_for(None)] == [spec.url_path for spec in SIGNED_OUT_PAGES]
    assert {spec.url_path for spec in SIGNED_OUT_PAGES} <= {"connexion", "devenir-ambassadeur", "nos-ambassadeurs"}


def test_first_run_form_appears_only_while_there_is_no_user(file_db):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    assert app.text_input(key="first_admin.username")
    app.text_input(key="first_admin.username").input("direction")
    app.text_input(key="first_admin.display_name").input("Direction générale")
    app.text_input(key="first_admin.email").input("dg@example.org")
    app.text_input(key="first_admin.password").input(TEST_PASSWORD)
    app.text_input(key="first_admin.confirm").input(TEST_PASSWORD)
    app.button[0].click().run()
    assert users.get_user(file_db, "direction").role == "admin"
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    assert not [w for w in again.text_input if w.key == "first_admin.username"]
    assert again.text_input(key="signin.username")


def test_first_run_form_keeps_typed_text_on_error(file_db):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    app.text_input(key="first_admin.username").input("direction")
    app.text_input(key="first_admin.display_name").input("Direction générale")
    app.text_input(key="first_admin.password").input("court")
    app.text_input(key="first_admin.confirm").input("court")
    app.button[0].click().run()
    assert any("12 caractères" in e.value for e in app.error)
    assert app.text_input(key="first_admin.display_name").value == "Direction générale"
    assert users.count_users(file_db) == 0


@pytest.mark.parametrize("role", ROLES)
def test_real_sign_in_through_the_form_opens_the_roles_pages(file_db, role):
    make_user(file_db, role)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    app.text_input(key="signin.username").input(f"{role}-test")
    app.text_input(key="signin.password").input(TEST_PASSWORD)
    app.button[0].click().run()
    assert app.session_state["authentication_status"] is True
    assert app.session_state["auth.username"] == f"{role}-test"
    assert file_db.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in' AND actor = ?",
                          [f"{role}-test"]) == 1
    # AppTest reruns the last page script directly (without app.py), so open the
    # signed-in frame in a fresh AppTest carrying the state the sign-in recorded.
    frame = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    for key in ("authentication_status", "auth.username", "auth.session_version"):
        frame.session_state[key] = app.session_state[key]
    frame.run()
    assert not frame.exception and not denied(frame)
    assert any(button.key == "account.sign_out" for button in frame.button)


def test_wrong_password_then_lockout_refuses_even_the_right_password(file_db):
    make_user(file_db, "board")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    for _ in range(5):
        app.text_input(key="signin.username").input("board-test")
        app.text_input(key="signin.password").input("wrong-password")
        app.button[0].click().run()
        assert any("incorrect" in e.value for e in app.error)
    app.text_input(key="signin.password").input(TEST_PASSWORD)
    app.button[0].click().run()
    assert any("Trop de tentatives" in e.value for e in app.error)
    assert not app.session_state["authentication_status"]


@pytest.mark.parametrize("how", ["sign_out_elsewhere", "password_change", "deactivation", "role_change"])
def test_open_session_ends_when_the_account_is_revoked(file_db, how):
    make_user(file_db, "admin", "chef")
    user = make_user(file_db, "staff")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.run()
    assert not denied(app) and any(b.key == "account.sign_out" for b in app.button)
    if how == "sign_out_elsewhere":
        users.revoke_sessions(file_db, user.username, actor=user.username)
    elif how == "password_change":
        users.change_own_password(file_db, user.username, TEST_PASSWORD, "Nouvelle-Phrase-Longue-5",
                                  "Nouvelle-Phrase-Longue-5")
    elif how == "deactivation":
        users.set_active(file_db, user.username, False, actor="chef")
    else:
        users.set_role(file_db, user.username, "board", actor="chef")
    app.run()  # the next rerun must not show the signed-in page any more
    assert denied(app) or shows_sign_in(app)
    frame = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(frame, user)  # a copy of the session as it was before the revocation
    frame.run()
    assert shows_sign_in(frame)
    assert not any(b.key == "account.sign_out" for b in frame.button)
