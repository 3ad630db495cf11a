"""Helpers to drive the app in Chromium: waiting for Streamlit, signing in, axe-core."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "Correct-Cheval-Pile-42"


def wait_for_app(page, timeout: float = 20_000) -> None:
    """Wait until Streamlit has finished running the script for what is on screen."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(300)  # let the last deltas paint
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def download(page, button, timeout: float = 20_000, tries: int = 3):
    """Click a download button and return Playwright's Download. A deferred download (data
    made on click) is asked for over the WebSocket; a click landing while a rerun replaces the
    button's callable is dropped by Streamlit, so the click is repeated, as a user would."""
    for attempt in range(tries):
        wait_for_app(page)
        try:
            with page.expect_download(timeout=timeout) as started:
                button.click()
            return started.value
        except PlaywrightTimeoutError:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


def open_app(page, server, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)


def dismiss_page_not_found(page) -> None:
    # Streamlit may answer the very first deep link after a server start with a
    # "Page not found" dialog while it still shows the right page (see the report).
    if page.get_by_text("Page not found").count():
        page.keyboard.press("Escape")
        page.get_by_text("Page not found").wait_for(state="hidden")


def sign_in(page, server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form and wait for the signed-in menu."""
    open_app(page, server)
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    signed_in = page.get_by_role("button", name="Se déconnecter")
    # The cookie component reruns the app once after the page loads; a click landing
    # during that rerun can be dropped by Streamlit, so the click is repeated (the form
    # keeps what was typed) until the signed-in menu shows, three times at most.
    for _ in range(3):
        page.get_by_role("button", name="Se connecter").click()
        try:
            signed_in.wait_for(timeout=15_000)
            break
        except Exception:
            if page.get_by_text("incorrect").count() or page.get_by_text("Trop de tentatives").count():
                break
    if not signed_in.is_visible():
        (ROOT / "test-results").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "test-results" / f"sign-in-{username}.png"))
        raise AssertionError(f"{username} could not sign in (screenshot in test-results/)")
    wait_for_app(page)


def sign_out(page) -> None:
    page.get_by_role("button", name="Se déconnecter").click()
    page.get_by_role("button", name="Se connecter").wait_for()
    wait_for_app(page)


def sidebar_links(page) -> list[str]:
    """The page names in the sidebar menu, in order."""
    links = page.locator('a[data-testid="stSidebarNavLink"]')
    links.first.wait_for()
    more = page.locator('[data-testid="stSidebarNavViewButton"]')
    if more.count() and "plus" in more.inner_text().lower() + "more":
        more.click()
    labels = page.locator('a[data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"]')
    return [text.strip() for text in labels.all_inner_texts()]


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """axe-core's violations of the given impacts on the current page (id, impact, nodes)."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (the README's test command does)")
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [(n["target"], n["html"][:160], n.get("failureSummary", "")[:200]) for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in impacts
    ]


def describe(violations) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)
