"""A reminder's one-click link, end to end: the email really sent over SMTP (aiosmtpd on
127.0.0.1) carries a link that opens the ambassador's report in Chromium, once; the link is
refused on reuse, after expiry and after a password change."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller

from lib.accounts import links, users
from lib.core import clock
from lib.core.db import connect
from lib.outreach import reminders
from lib.outreach.config import SmtpConfig
from tests.ambassador_helpers import SIGNUP_PASSWORD, approved, current_id
from tests.browser.conftest import database_copy, running_app
from tests.browser.helpers import axe_violations, describe, wait_for_app
from tests.outreach.conftest import Mailbox, free_port


@dataclass
class LinkServer:
    url: str
    emailed: str   # the token of the link in the email received
    expired: str
    revoked: str


def _token(url: str) -> str:
    return re.search(r"\?lien=([A-Za-z0-9_-]+)", url)[1]


@pytest.fixture(scope="module")
def link_server(tmp_path_factory, seeded_template):
    workdir, db_path = database_copy(tmp_path_factory, seeded_template, "links")
    database = connect(str(db_path))
    approved(database)
    database.query("UPDATE campaigns SET report_due = ? WHERE id = ?",
                   [clock.today() + dt.timedelta(days=7), current_id(database)])
    mailbox, port = Mailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        reminders.run(database, SmtpConfig("127.0.0.1", port, "none", "tableau@rocsmo.example.org", timeout=5))
    finally:
        controller.stop()
    [due] = [m for rcpt, m in mailbox.messages if m["Subject"].startswith("Rapport de retombées attendu")]
    emailed = _token(due.get_body(("plain",)).get_content())
    expired = database.transaction(lambda cur: links.issue_link(
        cur, "smo-outaouais", "report", hours=72, now=clock.utcnow() - dt.timedelta(hours=80)))
    # Another organisation's link, then its password changes (which revokes all its links).
    approved(database, organisation="Autre organisme", email="autre@example.org", username="autre-org")
    revoked = database.transaction(lambda cur: links.issue_link(cur, "autre-org", "report", hours=72))
    users.change_own_password(database, "autre-org", SIGNUP_PASSWORD, "Nouvelle-Porte-Ouverte-8",
                              "Nouvelle-Porte-Ouverte-8")
    database.close()
    with running_app(workdir, db_path) as url:
        yield LinkServer(url, emailed, expired, revoked)


def open_link(page, server, token):
    page.goto(f"{server.url}/?lien={token}")
    wait_for_app(page)


def test_the_emailed_link_opens_the_report_alone_then_is_refused_on_reuse(link_server, browser):
    first = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    page = first.new_page()
    open_link(page, link_server, link_server.emailed)
    page.get_by_role("heading", name="Rapport de retombées").wait_for()
    assert page.get_by_text("Ouvert par un lien à usage unique").is_visible()
    assert "lien=" not in page.url  # the token leaves the address bar
    assert page.get_by_role("link", name="Vue d’ensemble").count() == 0
    assert page.get_by_role("link", name="Mon entente").count() == 0
    assert not axe_violations(page), describe(axe_violations(page))
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré").wait_for()
    first.close()

    second = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    page = second.new_page()
    open_link(page, link_server, link_server.emailed)
    page.get_by_text("Ce lien a déjà servi").wait_for()
    assert page.get_by_role("button", name="Se connecter").is_visible()
    assert page.get_by_role("heading", name="Rapport de retombées").count() == 0
    second.close()


@pytest.mark.parametrize(("which", "message"), [("expired", "Ce lien a expiré"),
                                                ("revoked", "Ce lien a été annulé")])
def test_an_expired_or_revoked_link_is_refused_in_french(link_server, browser_page, which, message):
    open_link(browser_page, link_server, getattr(link_server, which))
    browser_page.get_by_text(message).wait_for()
    assert browser_page.get_by_role("heading", name="Rapport de retombées").count() == 0
    assert browser_page.get_by_role("button", name="Se connecter").is_visible()


def test_the_public_wall_shows_approved_ambassadors_with_logos_and_passes_axe(link_server, browser_page):
    browser_page.goto(f"{link_server.url}/nos-ambassadeurs")
    wait_for_app(browser_page)
    browser_page.get_by_role("heading", name="Santé mentale Outaouais").wait_for()
    assert browser_page.get_by_role("img", name="Logo de Santé mentale Outaouais").count() == 1
    assert browser_page.get_by_role("link", name="Site web de Santé mentale Outaouais").count() == 1
    assert browser_page.get_by_text("julie@smo.example.org").count() == 0
    assert not axe_violations(browser_page), describe(axe_violations(browser_page))
