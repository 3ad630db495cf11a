"""A server process just started: the router (app.py) runs before any page, even when
the first request is a deep link, and the page load asks nothing of an outside server.

Each test starts its own Streamlit process (a module-scoped server would already have run
app.py): this is what a restart looks like to a visitor."""
from __future__ import annotations

from urllib.parse import urlparse

from tests.browser.conftest import ACCOUNTS, _prepare_database, database_copy, running_app
from tests.browser.helpers import open_app, sidebar_links, sign_in, wait_for_app

ADMIN_ONLY = ("Utilisateurs", "Journal", "Sauvegardes", "Paramètres")


def test_after_a_restart_deep_links_go_through_the_router(tmp_path_factory, seeded_template, browser):
    workdir, db_path = database_copy(tmp_path_factory, seeded_template, "fresh")
    _prepare_database(db_path)
    admin_context = browser.new_context(locale="fr-CA")
    with running_app(workdir, db_path) as url:
        # A fresh process whose very first request is a deep link to an admin page, anonymous.
        visitor = browser.new_context(locale="fr-CA")
        page = visitor.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{url}/utilisateurs")
        wait_for_app(page)
        assert page.get_by_label("Nom d’utilisateur").is_visible()       # the sign-in gate
        assert page.get_by_text("Accès refusé").count() == 0
        links = sidebar_links(page)
        assert not set(ADMIN_ONLY) & set(links), links                   # no admin page listed
        # The favicon is served by the app itself: no request leaves the machine.
        icon = page.locator('link[rel="shortcut icon"], link[rel="icon"]').first.get_attribute("href")
        assert icon and not urlparse(icon).netloc or urlparse(icon).hostname == "127.0.0.1", icon
        outside = [address for address in requests if urlparse(address).hostname not in ("127.0.0.1", None)]
        assert outside == [], outside
        visitor.close()
        # The admin signs in and keeps the cookie.
        admin_page = admin_context.new_page()
        sign_in(admin_page, type("Server", (), {"url": url}), ACCOUNTS["admin"])
        admin_page.close()  # the cookie stays in the context; the server stops sooner
    with running_app(workdir, db_path) as url:
        # After a restart the admin's first request is a deep link: the cookie signs them in first.
        page = admin_context.new_page()
        open_app(page, type("Server", (), {"url": url}), "utilisateurs")
        assert page.get_by_text("Accès refusé").count() == 0
        assert page.get_by_role("heading", name="Utilisateurs").first.is_visible()
        admin_context.close()
