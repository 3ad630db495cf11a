"""The sign-in form over the real path (lib.ui.session.sign_in -> lib.accounts.auth):
long passwords, the CAPTCHA a targeted account asks for, the notice after sign-in,
and a public cookie key refused at start-up."""
from streamlit.testing.v1 import AppTest

from lib.accounts import auth
from lib.accounts.passwords import hash_password
from lib.ui import session
from tests.conftest import APP_TIMEOUT, ROOT, TEST_PASSWORD, make_user

LONG = "Une-phrase-de-passe-vraiment-très-longue-" * 3  # 126 bytes


def submit(app: AppTest, username: str, password: str, captcha: str | None = None) -> AppTest:
    app.text_input(key="signin.username").input(username)
    app.text_input(key="signin.password").input(password)
    if captcha is not None:
        app.text_input(key="signin.captcha").input(captcha)
    app.button[0].click().run()
    return app


def test_a_long_password_given_before_the_72_byte_rule_signs_in_through_the_form(file_db):
    make_user(file_db, "board")
    file_db.transaction(lambda cur: cur.execute(
        "UPDATE users SET password_hash = ? WHERE username = 'board-test'", [hash_password(LONG)]))
    app = submit(AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run(), "board-test", LONG)
    assert not app.exception
    assert app.session_state["authentication_status"] is True
    assert app.session_state["auth.username"] == "board-test"


def test_the_sign_in_cookie_is_strict_short_and_secure_when_asked(file_db, monkeypatch):
    import extra_streamlit_components as stx

    written = []
    monkeypatch.setattr(stx.CookieManager, "set", lambda self, name, value, **options: written.append(options))
    monkeypatch.setenv("ROCSMO_COOKIE_SECURE", "1")  # as behind a proxy that ends TLS
    make_user(file_db, "board")
    submit(AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run(), "board-test", TEST_PASSWORD)
    assert len(written) == 1
    assert written[0]["secure"] is True and written[0]["same_site"] == "strict"
    assert written[0]["max_age"] == auth.DEFAULT_COOKIE_DAYS * 86400 == 12 * 3600


def test_a_long_password_is_refused_with_a_french_message_on_mon_compte(app_for):
    app = app_for("board", "pages/account/mon_compte.py")
    app.text_input(key="password.current").input(TEST_PASSWORD)
    app.text_input(key="password.new").input(LONG)
    app.text_input(key="password.confirm").input(LONG)
    next(button for button in app.button if button.label == "Changer le mot de passe").click().run()
    assert any("72 octets" in element.value for element in [*app.error, *app.markdown])


def test_an_account_under_attack_asks_for_a_captcha_then_tells_the_owner(file_db):
    make_user(file_db, "board")
    for client in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5"):
        assert auth.authenticate(file_db, "board-test", "mauvais-mot-de-passe", client).status == "failure"
    app = submit(AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run(),
                 "board-test", TEST_PASSWORD)
    assert any("Recopiez les chiffres" in error.value for error in app.error)
    assert not app.session_state["authentication_status"]
    assert app.session_state[session.CAPTCHA_NEEDED]
    assert any("data:image/png;base64," in text.value for text in app.markdown)  # the picture is on the form
    submit(app, "board-test", TEST_PASSWORD, captcha="00000")  # a wrong code checks no password
    assert any("Recopiez les chiffres" in error.value for error in app.error)
    submit(app, "board-test", TEST_PASSWORD, captcha=app.session_state[session.CAPTCHA_CODE])
    assert app.session_state["authentication_status"] is True
    frame = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    for key in ("authentication_status", "auth.username", "auth.session_version", "auth.signed_in_notice"):
        frame.session_state[key] = app.session_state[key]
    frame.run()
    assert any("5 tentatives de connexion refusées" in warning.value for warning in frame.warning)


def test_the_example_cookie_key_stops_the_app_at_start_up(file_db, monkeypatch):
    make_user(file_db, "admin")
    monkeypatch.setenv("ROCSMO_COOKIE_KEY", "replace-with-a-long-random-string-of-at-least-32-bytes")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT).run()
    assert any("publique" in error.value and "secrets.toml.example" in error.value for error in app.error)
    assert not [widget for widget in app.text_input if widget.key == "signin.username"]
