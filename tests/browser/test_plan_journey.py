"""In Chromium: staff record an update, sign out; a board member sees it in the overview and in
the item's history. Tables are canvas grids, so their content is checked through their CSV
download, which is what the board would take away."""
import re

from tests.browser.helpers import axe_violations, describe, download, sign_in, sign_out, wait_for_app

COMMITTEE = "Mettre en place un comité de travail ouvert"
NOTE = "Comité lancé avec 6 membres (test navigateur)"


def _go(page, name: str) -> None:
    page.locator('a[data-testid="stSidebarNavLink"]').filter(has_text=name).click()
    wait_for_app(page)


def _choose(page, label: str, typed: str, option=None) -> None:
    """Pick in a selectbox the way a keyboard user does: type to filter, then choose."""
    page.get_by_label(label, exact=True).first.click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option or typed).first.click()
    wait_for_app(page)


def _settled_violations(page) -> list:
    """axe's findings once Streamlit has repainted. Elements of the previous run are drawn
    faded for a moment (and buttons greyed while a rerun is pending), which axe reports as low
    contrast; a real contrast fault persists, so findings are confirmed after a second look."""
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")
    violations = axe_violations(page)
    if violations:
        page.wait_for_timeout(1500)
        wait_for_app(page)
        violations = axe_violations(page)
    return violations


def _csv_under(page, heading: str) -> str:
    """The CSV offered by the first download button after `heading`."""
    button = page.get_by_role("heading", name=heading).first.locator(
        "xpath=following::button[contains(., 'Télécharger (CSV)')][1]")
    return open(download(page, button).path(), encoding="utf-8").read()


def test_staff_update_shows_in_the_board_overview_and_history(live_server, browser_page):
    page = browser_page
    sign_in(page, live_server, live_server.accounts["staff"])
    _go(page, "Mises à jour")
    search = page.get_by_label("Rechercher un moyen")
    search.fill("comité de travail ouvert")
    search.press("Enter")
    wait_for_app(page)
    page.get_by_role("heading", name=COMMITTEE).wait_for()
    _choose(page, "Statut", "Réalisé")
    page.get_by_label("Note", exact=True).fill(NOTE)
    page.get_by_role("button", name="Enregistrer la mise à jour").click()
    page.get_by_text("Mise à jour enregistrée").first.wait_for()
    wait_for_app(page)
    violations = _settled_violations(page)
    assert not violations, describe(violations)
    sign_out(page)

    sign_in(page, live_server, live_server.accounts["board"])
    page.get_by_role("heading", name="Vue d’ensemble du plan d’action").wait_for()
    assert page.get_by_role("link", name="Mises à jour").count() == 0
    csv = _csv_under(page, "Dernières mises à jour")
    assert NOTE in csv and "Réalisé" in csv and "Staff E2E" in csv
    violations = _settled_violations(page)
    assert not violations, describe(violations)

    _go(page, "Plan d’action")
    _choose(page, "Moyen", "comité de travail", re.compile("^1\\.2\\.2 — " + COMMITTEE))
    page.get_by_text("Statut : Réalisé").wait_for()
    csv = _csv_under(page, "Historique complet")
    assert NOTE in csv and "Staff E2E" in csv
    violations = _settled_violations(page)
    assert not violations, describe(violations)
