"""In a real browser, each role signs in through the form and sees exactly its menu."""
import pytest

from lib.core.i18n import translate
from lib.ui.navigation import specs_for
from tests.browser.helpers import axe_violations, describe, open_app, sidebar_links, sign_in, sign_out, wait_for_app


@pytest.mark.parametrize("role", ["admin", "staff", "board"])
def test_each_role_sees_exactly_its_menu(live_server, browser_page, role):
    sign_in(browser_page, live_server, live_server.accounts[role])
    expected = [translate(spec.title_fr, "fr") for spec in specs_for(role)]
    assert sidebar_links(browser_page) == expected
    assert not axe_violations(browser_page), describe(axe_violations(browser_page))
    sign_out(browser_page)
    assert browser_page.get_by_role("button", name="Se connecter").is_visible()


def test_signed_out_visitor_cannot_open_a_page_by_url(live_server, browser_page):
    open_app(browser_page, live_server, "plan")
    assert browser_page.get_by_role("button", name="Se connecter").is_visible()
    assert browser_page.get_by_text("MOBILISATION").count() == 0


def test_sign_in_page_passes_axe(live_server, browser_page):
    open_app(browser_page, live_server)
    assert not axe_violations(browser_page), describe(axe_violations(browser_page))


def test_wrong_password_is_refused_with_a_french_message(live_server, browser_page):
    open_app(browser_page, live_server)
    browser_page.get_by_label("Nom d’utilisateur").fill(live_server.accounts["board"])
    browser_page.get_by_label("Mot de passe").fill("not-the-password")
    message = browser_page.get_by_text("Nom d’utilisateur ou mot de passe incorrect.")
    for _ in range(3):  # a click during the cookie component's first rerun can be dropped
        browser_page.get_by_role("button", name="Se connecter").click()
        try:
            message.wait_for(timeout=10_000)
            break
        except Exception:
            continue
    assert message.is_visible()
    assert browser_page.get_by_role("button", name="Se déconnecter").count() == 0


def test_direct_link_to_the_sign_in_page_opens_without_a_not_found_dialog(live_server, browser_page):
    open_app(browser_page, live_server, "connexion")
    assert browser_page.get_by_role("button", name="Se connecter").is_visible()
    assert browser_page.get_by_text("Page not found").count() == 0


def _submit(page, username: str, password: str, expected: str) -> None:
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    message = page.get_by_text(expected).first
    for _ in range(3):  # a click during the cookie component's first rerun can be dropped
        page.get_by_role("button", name="Se connecter").click()
        try:
            message.wait_for(timeout=10_000)
            break
        except Exception:
            continue
    wait_for_app(page)


def test_a_targeted_username_asks_for_a_captcha_that_passes_axe(live_server, browser):
    """Five wrong passwords under one name (here a name without an account, so that the
    module's accounts stay usable): another browser is asked for the picture's digits,
    and is never told the account is locked."""
    attacker = browser.new_context(locale="fr-CA").new_page()
    open_app(attacker, live_server)
    for _ in range(5):
        _submit(attacker, "cible-du-test", "pas-le-bon-mot-de-passe", "incorrect")
    other = browser.new_context(locale="fr-CA").new_page()
    open_app(other, live_server)
    _submit(other, "cible-du-test", "pas-le-bon-mot-de-passe", "Recopiez les chiffres")
    assert other.get_by_label("Chiffres de l’image").is_visible()
    picture = other.get_by_role("img", name="Image : cinq chiffres déformés")
    assert picture.evaluate("image => image.complete && image.naturalWidth") == 220  # drawn, with its text
    assert other.get_by_text("Trop de tentatives").count() == 0
    assert not axe_violations(other), describe(axe_violations(other))
    attacker.context.close()
    other.context.close()
