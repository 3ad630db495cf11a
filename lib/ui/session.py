"""Streamlit glue for the database, the signed-in user, roles and the language.

Test hook (documented in tests/conftest.py): a test signs a browser session in by
setting `authentication_status`, `auth.username` and `auth.session_version` in
st.session_state for a user that exists in the test database; every check below
still runs against the database.
"""
from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import secrets
import threading

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from captcha.image import ImageCaptcha

from lib.accounts import auth, links, users
from lib.core import roles
from lib.core.clock import to_local
from lib.core.db import Database
from lib.core.i18n import DEFAULT_LANGUAGE, N_, format_datetime, ngettext, translate
from lib.core.messages import Message, translate_message
from lib.outreach import reminders
from lib.outreach.config import SmtpConfig, SmtpConfigurationError, smtp_config
from lib.seed import open_seeded_database

log = logging.getLogger(__name__)
SENDER_INTERVAL = dt.timedelta(minutes=15)

REVOKED_NOTICE = N_("Votre session a pris fin (déconnexion, changement de mot de passe ou de rôle). "
                    "Reconnectez-vous.")


@st.cache_resource(show_spinner=False)
def get_db() -> Database:
    """The process-wide database, opened, migrated and seeded once."""
    return open_seeded_database()


@st.cache_resource(show_spinner=False)
def start_background_sender() -> threading.Event | None:
    """With SMTP configured, the app itself queues and sends the reminders every 15 minutes, in
    one daemon thread per process (ROCSMO_IN_APP_SENDER=0 turns it off, e.g. when cron runs the
    CLI on a copy). Returns the event that stops it, or None when it does not run."""
    try:
        config = smtp_settings()
    except SmtpConfigurationError as error:
        log.error("%s", error)
        return None
    if config is None or os.environ.get("ROCSMO_IN_APP_SENDER") == "0":
        return None
    stop = threading.Event()
    threading.Thread(target=reminders.run_periodically, args=(get_db(), config, SENDER_INTERVAL, stop),
                     name="rocsmo-sender", daemon=True).start()
    return stop


def session_id() -> str:
    """A random id for this browser session (for the audit log and the limiter)."""
    return st.session_state.setdefault("auth.session_id", secrets.token_hex(8))


def _auth_secrets() -> dict:
    return _secrets_section("auth")


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except (FileNotFoundError, KeyError, AttributeError):
        return {}
    except Exception:  # st.secrets raises its own error when no secrets file exists
        return {}


def smtp_settings() -> SmtpConfig | None:
    """The SMTP settings (secrets [smtp], else $ROCSMO_SMTP_*), None when no host is set.
    Raises SmtpConfigurationError when they are set but unusable."""
    return smtp_config(_secrets_section("smtp"))


@st.cache_resource(show_spinner=False)
def _cookie_settings() -> tuple[str, float]:
    secrets_auth = _auth_secrets()
    return auth.cookie_key(secrets_auth), auth.cookie_days(secrets_auth)


def authenticator(db: Database) -> stauth.Authenticate:
    """streamlit-authenticator over the active accounts (built each run: it renders the
    cookie component), with no pre-sign-in sleep: our limiter does that work."""
    key, days = _cookie_settings()
    built = stauth.Authenticate(users.credentials_for_authenticator(db), auth.COOKIE_NAME, key, days,
                                auto_hash=False, login_sleep_time=0)
    st.session_state["auth._authenticator"] = built
    return built


def run_authenticator() -> stauth.Authenticate:
    """The authenticator app.py built for this run (the sign-in page uses it)."""
    return st.session_state["auth._authenticator"]


def current_user(db: Database, authenticator: stauth.Authenticate) -> users.User | None:
    """The signed-in user after checking the session version, or None.

    A browser session whose account was deactivated, changed role, changed password
    or signed out elsewhere is signed out here. A remembered cookie is accepted only
    when issued after the account's last revocation.
    """
    state = st.session_state
    if state.get("authentication_status") and state.get("auth.username"):
        user = users.get_user(db, state["auth.username"])
        if auth.session_is_valid(user, state.get("auth.session_version")):
            return user
        _forget(authenticator)
        state["auth.notice"] = REVOKED_NOTICE
        return None
    token = _read_cookie()
    if token and not state.get("logout"):
        user = users.get_user(db, str(token.get("username", "")))
        if auth.cookie_is_valid(user, token, _cookie_settings()[1]):
            authenticator.login(location="unrendered")
            if state.get("authentication_status"):
                _remember(user)
                return user
        state["logout"] = True  # stops the library from re-reading a refused cookie
    return None


def _read_cookie() -> dict | None:
    raw = st.context.cookies.get(auth.COOKIE_NAME) if st.context.cookies else None
    if not raw:
        return None
    try:
        return jwt.decode(raw, _cookie_settings()[0], algorithms=["HS256"])
    except jwt.PyJWTError:
        return None


def _remember(user: users.User) -> None:
    st.session_state["auth.username"] = user.username
    st.session_state["auth.session_version"] = user.session_version


def _forget(authenticator: stauth.Authenticate) -> None:
    authenticator.authentication_controller.logout()
    try:
        authenticator.cookie_controller.delete_cookie()
    except Exception:  # the cookie may already be gone; signing out must not fail
        pass
    for key in ("auth.username", "auth.session_version"):
        st.session_state.pop(key, None)


def client_address() -> str:
    """Who is signing in, for the limiter (lib.accounts.auth.client_key): the trusted proxy's
    header named by $ROCSMO_TRUSTED_PROXY_HEADER, else the WebSocket peer, else this session."""
    header = os.environ.get("ROCSMO_TRUSTED_PROXY_HEADER", "").strip()
    forwarded = (st.context.headers or {}).get(header) if header else None
    try:
        peer = st.context.ip_address
    except Exception:  # no client context (bare runs)
        peer = None
    return auth.client_key(forwarded, peer, session_id())


CAPTCHA_CODE = "signin.captcha_code"   # the code to type, kept on the server side only
CAPTCHA_NEEDED = "signin.captcha_needed"


def captcha_data_url() -> str:
    """The CAPTCHA picture for this session as a data: URL (a new code when none is pending)."""
    if CAPTCHA_CODE not in st.session_state:
        st.session_state[CAPTCHA_CODE] = "".join(secrets.choice("23456789") for _ in range(5))
    picture = ImageCaptcha(width=220, height=80).generate(st.session_state[CAPTCHA_CODE], format="png").getvalue()
    return "data:image/png;base64," + base64.b64encode(picture).decode("ascii")


def sign_in(db: Database, authenticator: stauth.Authenticate, username: str, password: str,
            captcha: str = "") -> str | None:
    """Try to sign in; returns None on success, else the message to show (in the
    session's language).

    lib.accounts.auth.authenticate reserves the attempt, then checks the password (the
    library's own check is not used: it cannot read passwords over 72 bytes). On success
    the library's session keys and the cookie are set here.
    """
    username = users.normalise_username(username)
    if not username or not password:
        return t("Entrez votre nom d’utilisateur et votre mot de passe.")
    solved = bool(st.session_state.get(CAPTCHA_NEEDED)) and captcha.strip() == st.session_state.get(CAPTCHA_CODE)
    if st.session_state.get(CAPTCHA_NEEDED) and not solved:
        st.session_state.pop(CAPTCHA_CODE, None)  # a new picture for the next try
        return t("Recopiez les chiffres de l’image pour confirmer que vous êtes une personne.")
    result = auth.authenticate(db, username, password, client_address(), session_id(), captcha_solved=solved)
    st.session_state.pop(CAPTCHA_CODE, None)
    if result.status == "locked":
        return t("Trop de tentatives infructueuses depuis cet appareil. Réessayez après le {moment}.",
                 moment=format_datetime(to_local(result.retry_at), language()))
    if result.status == "captcha":
        st.session_state[CAPTCHA_NEEDED] = True
        return t("Plusieurs mots de passe erronés ont été essayés pour ce compte. Recopiez les chiffres de "
                 "l’image, puis reconnectez-vous.")
    if result.status != "success":
        for key in ("authentication_status", "username", "name"):
            st.session_state[key] = None
        return t("Nom d’utilisateur ou mot de passe incorrect.")
    user = result.user
    st.session_state.pop(CAPTCHA_NEEDED, None)
    st.session_state.update({"logout": None, "authentication_status": True, "username": user.username,
                             "name": user.display_name, "email": user.email, "roles": [user.role]})
    _set_cookie(authenticator, user.username)
    _remember(user)
    if result.failures_since_last_sign_in:
        st.session_state["auth.signed_in_notice"] = result.failures_since_last_sign_in
    return None


def _set_cookie(authenticator: stauth.Authenticate, username: str) -> None:
    """The re-authentication cookie, as the library writes it (a JWT of the username and
    its expiry, through its cookie component) but SameSite=Strict and, over HTTPS, Secure."""
    key, days = _cookie_settings()
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    token = jwt.encode({"username": username, "exp_date": expires.timestamp()}, key, algorithm="HS256")
    flags = auth.cookie_flags(st.context.url)
    authenticator.cookie_controller.cookie_model.cookie_manager.set(
        auth.COOKIE_NAME, token, expires_at=expires, max_age=days * 86400, **flags)


def signed_in_notice() -> str | None:
    """Once after a sign-in: how many wrong passwords were typed under this name since the
    previous one (None when none)."""
    count = st.session_state.pop("auth.signed_in_notice", None)
    if not count:
        return None
    return nt("{n} tentative de connexion refusée (mot de passe erroné) sur votre compte depuis votre dernière "
              "connexion. Si ce n’était pas vous, changez votre mot de passe dans Mon compte.",
              "{n} tentatives de connexion refusées (mot de passe erroné) sur votre compte depuis votre dernière "
              "connexion. Si ce n’était pas vous, changez votre mot de passe dans Mon compte.", count)


def sign_out(db: Database, authenticator: stauth.Authenticate) -> None:
    """Sign out here and revoke every session and cookie of the account."""
    username = st.session_state.get("auth.username")
    if username:
        users.revoke_sessions(db, username, actor=username, session_id=session_id())
    _forget(authenticator)
    st.session_state["logout"] = True


def signed_in_user(db: Database) -> users.User | None:
    """The signed-in user of this session if the session still holds, else None (public pages)."""
    username = st.session_state.get("auth.username")
    user = users.get_user(db, username) if username and st.session_state.get("authentication_status") else None
    return user if auth.session_is_valid(user, st.session_state.get("auth.session_version")) else None


def require_role(allowed: frozenset, *, link_purpose: str = "") -> users.User:
    """The signed-in user if their role is in `allowed` (a set of lib.core.roles); otherwise stop the page.

    Every page calls this first, so no page runs for the wrong role even by URL. A page that a
    one-click link may open names the link's purpose: a session holding a valid grant for that
    purpose (open_link) gets the link's account, for this page only.
    """
    db = get_db()
    username = st.session_state.get("auth.username")
    user = users.get_user(db, username) if username and st.session_state.get("authentication_status") else None
    grant = link_grant(db) if link_purpose and user is None else None
    if grant is not None and grant.purpose == link_purpose:
        granted = users.get_user(db, grant.username)
        if roles.is_allowed(granted, allowed):
            return granted
    if not (auth.session_is_valid(user, st.session_state.get("auth.session_version"))
            and roles.is_allowed(user, allowed)):
        st.error(t("Accès refusé : cette page n’est pas accessible avec votre compte."))
        st.stop()
    return user


def language() -> str:
    """The interface language of this browser session ('fr' or 'en')."""
    return st.session_state.get("lang") or DEFAULT_LANGUAGE


def t(text_fr: str, **values) -> str:
    """`text_fr` in the session's language (a lib Message through its template)."""
    if isinstance(text_fr, Message) and not values:
        return translate_message(text_fr, language())
    return translate(text_fr, language(), **values)


def nt(singular_fr: str, plural_fr: str, n: int, **values) -> str:
    """The form that fits `n` (French: 0 and 1 are singular), in the session's language,
    formatted with `n` and `values`."""
    return ngettext(singular_fr, plural_fr, n, language(), **values)


# -- one-click links -----------------------------------------------------------------
def open_link(db: Database) -> None:
    """Use the one-click link of the URL (?lien=…), if any, before the sign-in gate: its token
    leaves the address bar at once, is redeemed (single use, audited), and the session gets a
    grant for that one screen; a refused link leaves its French reason for the sign-in page."""
    token = st.query_params.get(links.QUERY_PARAMETER)
    if token is None:
        return
    del st.query_params[links.QUERY_PARAMETER]
    try:
        grant = links.redeem_link(db, token, "report", session_id=session_id())
        st.session_state["link.grant"] = grant
        st.session_state["lang.next"] = users.get_user(db, grant.username).language  # the screen in its language
        st.session_state.pop("link.refusal", None)
    except links.LinkRefused as refused:
        st.session_state.pop("link.grant", None)
        # Kept for the session (not popped when shown): the cookie component reruns the app once
        # right after the page loads, and the reason must still be on screen after that rerun.
        st.session_state["link.refusal"] = links.REFUSALS_FR[refused.reason]


def link_grant(db: Database) -> links.LinkGrant | None:
    """This session's one-click grant while it holds (account active and unchanged), else None."""
    grant = st.session_state.get("link.grant")
    if grant is not None and not links.grant_is_valid(db, grant):
        st.session_state.pop("link.grant", None)
        st.session_state["link.refusal"] = links.REFUSALS_FR["revoked"]
        return None
    return grant


def close_link() -> None:
    """Give up this session's one-click grant (back to the sign-in page)."""
    st.session_state.pop("link.grant", None)


def show_link_refusal(signed_in: bool) -> None:
    """Above the signed-out pages: why the one-click link was refused (until someone signs in)."""
    if signed_in:
        st.session_state.pop("link.refusal", None)
    elif refusal := st.session_state.get("link.refusal"):
        st.error(t(refusal), icon=":material/link_off:")
