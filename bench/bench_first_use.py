"""First impressions in Chromium (1400×1000): the first sign-in to a fully drawn overview,
opening Ambassadeurs, switching its campaign, switching the reach metric on Campagne, beside
a trivial Streamlit page (its first load, and a rerun after a click) served in the same run.

Two real `streamlit run` servers on free local ports: the app over a new demo database
(lib.cli demo: the plan's history and the campaign's life), and the trivial page. Prints the
median of each figure in milliseconds and its ratio to the trivial page; never fails.

    python -m bench.bench_first_use [--repeat 3] [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.servers import streamlit_server

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Correct-Cheval-Pile-42"
TRIVIAL_PAGE = ('import streamlit as st\nst.title("Bonjour")\nst.write("Une page triviale.")\n'
                'st.button("Encore")\n')
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def _settle(page, timeout: float = 60_000) -> None:
    """Wait for the rerun an action started (if it has not already ended), then for idle."""
    with contextlib.suppress(Exception):
        page.wait_for_selector(RUNNING, timeout=500)
    page.wait_for_selector(IDLE, timeout=timeout)


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _demo_database(folder: Path) -> Path:
    from lib import demo
    from lib.accounts import users
    from lib.core.db import connect

    path = demo.build_demo(folder / "demo.duckdb").path
    db = connect(str(path))
    for role in ("board", "staff"):
        users.create_user(db, username=f"bench-{role}", role=role, display_name=f"Bench {role}",
                          email=f"{role}@example.org", password=PASSWORD, actor="bench")
    db.connection.execute("CHECKPOINT")
    db.close()
    return path


def _sign_in(page, url: str, username: str) -> float:
    """From the sign-in screen to the overview with its figures and charts drawn; ms."""
    page.goto(url)
    page.wait_for_selector(IDLE)
    page.wait_for_timeout(1500)  # the cookie component reruns the app once after loading: let it pass
    _settle(page)
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)

    started = [time.perf_counter()]

    def sign_in():
        started[0] = time.perf_counter()
        for _ in range(3):  # a click landing during a rerun can be dropped (tests/browser/helpers.sign_in)
            page.get_by_role("button", name="Se connecter").click()
            with contextlib.suppress(Exception):
                page.get_by_role("button", name="Se déconnecter").wait_for(timeout=20_000)
                if os.environ.get("BENCH_DEBUG"):
                    print("signed-in menu after", round((time.perf_counter() - started[0]) * 1000), "ms")
                break
        steps = (("overview heading", lambda: page.get_by_role("heading", name="Vue d’ensemble du plan d’action")
                  .wait_for(timeout=60_000)),
                 ("four figures", lambda: page.locator('[data-testid="stMetric"]').nth(3).wait_for(timeout=60_000)),
                 ("first chart", lambda: page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)),
                 ("idle", lambda: _settle(page)))
        for name, step in steps:
            step()
            if os.environ.get("BENCH_DEBUG"):
                print(f"{name} after", round((time.perf_counter() - started[0]) * 1000), "ms")

    return _timed(sign_in)


def _one_run(page, app_url: str, trivial_url: str, record, *, first: bool) -> None:
    """One visitor: the trivial page, then sign-in, Ambassadeurs, its campaign, the reach metric."""
    def load_trivial():
        page.goto(trivial_url)
        page.get_by_role("heading", name="Bonjour").wait_for()
        page.wait_for_selector(IDLE)

    def rerun_trivial():
        page.get_by_role("button", name="Encore").click()
        _settle(page)

    def open_ambassadors():
        page.get_by_role("link", name="Ambassadeurs", exact=True).click()
        page.get_by_role("heading", name="Ambassadeurs").wait_for()
        _settle(page)
        page.locator('[data-testid="stDataFrame"]').first.wait_for()

    def switch_campaign():
        page.get_by_label("Campagne", exact=True).first.click()
        page.get_by_role("option").nth(1).click()
        _settle(page)

    def switch_metric():
        page.get_by_text("Vues", exact=True).click()
        _settle(page)

    record("trivial page: first load", _timed(load_trivial))
    record("trivial page: rerun after a click", _timed(rerun_trivial))
    # Each run signs in afresh (a new browser context); the first run is the server's first visit.
    record("sign-in to a drawn overview" + (" (first of the server)" if first else ""),
           _sign_in(page, app_url, "bench-staff"))
    record("opening Ambassadeurs", _timed(open_ambassadors))
    record("switching its campaign", _timed(switch_campaign))
    page.get_by_role("link", name="Campagne", exact=True).click()
    page.get_by_role("tab", name="Retombées rapportées").wait_for()
    _settle(page)
    page.get_by_role("tab", name="Retombées rapportées").click()
    page.get_by_text("Vues", exact=True).wait_for()
    record("switching the reach metric", _timed(switch_metric))


def measure(chromium: str, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="rocsmo-bench-"))
    trivial = folder / "trivial.py"
    trivial.write_text(TRIVIAL_PAGE)
    db_path = _demo_database(folder)
    env = {"ROCSMO_DB": str(db_path), "ROCSMO_COOKIE_KEY": "b" * 48}
    figures: dict[str, list[float]] = {}

    def record(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    with streamlit_server(ROOT / "app.py", env) as app, streamlit_server(trivial, env) as trivial_server, \
            sync_playwright() as pw:
        app_url, trivial_url = app.url, trivial_server.url
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for run in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
            _one_run(context.new_page(), app_url, trivial_url, record, first=run == 0)
            context.close()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chromium", default=os.environ.get("ROCSMO_CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    figures = measure(args.chromium, args.repeat)
    load = statistics.median(figures["trivial page: first load"])
    rerun = statistics.median(figures["trivial page: rerun after a click"])
    print(f"{'what (Chromium, 1400×1000)':52} {'median ms':>10} {'× trivial':>10}")
    for name, values in figures.items():
        unit = load if "load" in name or "sign-in" in name or "opening" in name else rerun
        print(f"{name:52} {statistics.median(values):10.0f} {statistics.median(values) / unit:10.1f}")
    print("(page openings are compared with the trivial page's first load; switches with its rerun)")


if __name__ == "__main__":
    main()
