"""In Chromium: click-to-idle times of the main pages of each role beside a trivial two-page
Streamlit app (interleaved, same browser), and the cold path from opening the URL to the
overview drawn after signing in.

Click-to-idle: from the click on a menu link to Streamlit's `data-test-script-state`
returning to "notRunning" after the rerun it started (a MutationObserver stamps both).
"""
from __future__ import annotations

import time

from bench.machine import median, percentile
from bench.servers import CHROMIUM, CHROMIUM_ARGS

# A MutationObserver that stamps every change of the script state with the state it left, in
# performance.now() ms (a fast rerun can go running -> notRunning within one batch of records).
OBSERVE = """() => {
  window.__states = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) window.__states.push([record.oldValue, now]);
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}"""
# Done when, after `t0`, a run ended (the state left "running") and the app is idle now; a rerun
# so fast that the state never showed "running" counts once the address changed and nothing is stale.
DONE = """([t0, before]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return null;
  const ended = (window.__states || []).filter(([left, t]) => t >= t0 && left === 'running');
  if (ended.length) return ended[ended.length - 1][1] - t0;
  if (location.pathname !== before && !document.querySelector('[data-stale="true"]')) return performance.now() - t0;
  return null;
}"""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

MAIN_PAGES = {
    "board": ["Vue d’ensemble", "Plan d’action", "Campagne"],
    "staff": ["Vue d’ensemble", "Mises à jour", "Campagne", "Ambassadeurs"],
    "admin": ["Vue d’ensemble", "Utilisateurs", "Journal"],
    "ambassador": ["Mon entente", "Rapport de retombées", "Campagne"],
}


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_selector(IDLE, timeout=timeout)


def sign_in(page, url: str, username: str, password: str) -> None:
    page.goto(url)
    wait_idle(page)
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    signed_in = page.get_by_role("button", name="Se déconnecter")
    for _ in range(3):  # a click during the cookie component's first rerun can be dropped
        page.get_by_role("button", name="Se connecter").click()
        try:
            signed_in.wait_for(timeout=30_000)
            break
        except Exception:  # noqa: BLE001 - retried, then reported below
            continue
    if not signed_in.is_visible():
        raise RuntimeError(f"{username} could not sign in")
    wait_idle(page)


def click_to_idle(page, link_text: str) -> float:
    """Milliseconds from clicking the menu link `link_text` to the app idle again."""
    page.evaluate(OBSERVE)
    t0, before = page.evaluate("() => [performance.now(), location.pathname]")
    page.locator('a[data-testid="stSidebarNavLink"]').filter(has_text=link_text).first.click()
    handle = page.wait_for_function(DONE, arg=[t0, before], timeout=60_000, polling=10)
    return float(handle.json_value())


def _line(name: str, values: list[float], floor: float) -> str:
    return (f"{name:<34} {len(values):>3} {median(values):>9.0f} {percentile(values, 0.95):>9.0f}"
            f" {median(values) / floor:>7.1f}")


def run(app_url: str, trivial_url: str, accounts: dict, password: str, rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        trivial_context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
        trivial = trivial_context.new_page()
        trivial.goto(trivial_url)
        wait_idle(trivial)
        trivial_times: list[float] = []
        page_times: dict[str, list[float]] = {}
        for role, pages in MAIN_PAGES.items():
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
            page = context.new_page()
            sign_in(page, app_url, accounts[role], password)
            for _ in range(rounds):
                for name in pages:
                    page_times.setdefault(f"{role}: {name}", []).append(click_to_idle(page, name))
                    other = "Deuxième" if len(trivial_times) % 2 == 0 else "Accueil"
                    trivial_times.append(click_to_idle(trivial, other))
            context.close()
        floor = median(trivial_times)
        print(f"\nclick to idle in Chromium (ms), {rounds} rounds, interleaved with a trivial two-page app")
        print(f"{'page':<34} {'n':>3} {'median':>9} {'p95':>9} {'×triv':>7}")
        print(_line("trivial two-page app", trivial_times, floor))
        for name, values in page_times.items():
            print(_line(name, values, floor))

        cold = []
        for _ in range(max(2, rounds)):
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
            page = context.new_page()
            start = time.perf_counter()
            sign_in(page, app_url, accounts["board"], password)
            page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
            wait_idle(page)
            cold.append((time.perf_counter() - start) * 1000)
            context.close()
        print(f"cold path, URL opened -> signed in -> overview charts drawn (ms): median {median(cold):.0f}, "
              f"max {max(cold):.0f} over {len(cold)} (includes typing the name and password)")
        browser.close()

