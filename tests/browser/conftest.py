"""Real-browser fixtures: a live Streamlit server on a temp database, and Chromium.

Helpers to drive the app (sign_in, axe_violations, ...) are in tests/browser/helpers.py.

Browser tests skip when Chromium is missing, unless $ROCSMO_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure.
"""
from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.servers import streamlit_server
from lib.accounts import users
from lib.core.db import connect
from lib.seed import open_seeded_database
from tests.browser.helpers import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ROCSMO_CHROMIUM", "/usr/bin/chromium")
ACCOUNTS = {"admin": "admin-e2e", "staff": "staff-e2e", "board": "board-e2e"}
AMBASSADOR = "ambassadeur-e2e"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _require_browser() -> None:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("ROCSMO_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and ROCSMO_REQUIRE_BROWSER=1")
        pytest.skip(message)


@dataclass
class LiveServer:
    url: str
    db_path: Path
    accounts: dict
    password: str = PASSWORD


def _create_accounts(database) -> None:
    for role, username in ACCOUNTS.items():
        users.create_user(database, username=username, role=role, display_name=f"{role.title()} E2E",
                          email=f"{username}@example.org", password=PASSWORD, actor="tests")


def database_copy(tmp_path_factory, seeded_template: Path, name: str) -> tuple[Path, Path]:
    """A working folder for a server of its own and a copy of the session's seeded database in it
    (workdir, db_path); skips, or fails under $ROCSMO_REQUIRE_BROWSER, without Chromium."""
    _require_browser()
    workdir = tmp_path_factory.mktemp(name)
    db_path = workdir / "rocsmo.duckdb"
    shutil.copyfile(seeded_template, db_path)
    return workdir, db_path


def _prepare_database(path: Path) -> None:
    """One account per staff-side role in a copy of the seeded database, and this year's edition
    of the campaign current (sign-ups open), then closed: the server process must be the only one
    holding the file."""
    from tests.ambassador_helpers import open_signups

    database = connect(str(path))
    _create_accounts(database)
    open_signups(database)
    database.close()


def _prepare_lived_in_database(path: Path) -> None:
    """The demo history, the accounts, and an approved ambassador with a draft report."""
    from lib.demo import build_demo
    from tests.ambassador_helpers import approved

    build_demo(path)
    database = open_seeded_database(str(path))
    _create_accounts(database)
    approved(database, username=AMBASSADOR, password=PASSWORD, password_confirm=PASSWORD)
    database.close()


@contextlib.contextmanager
def running_app(workdir: Path, db_path: Path):
    """`streamlit run app.py` on a free port over `db_path` (bench.servers.streamlit_server), stopped
    on exit; yields its URL. A server that does not start fails the test with its log."""
    log_path = workdir / "server.log"
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(streamlit_server(
                ROOT / "app.py", {"ROCSMO_DB": str(db_path), "ROCSMO_COOKIE_KEY": "e2e-" + "k" * 44}, log_path))
        except RuntimeError:
            pytest.fail("Streamlit did not start: " + log_path.read_text())
        yield server.url


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, seeded_template):
    """The app over a fresh seeded database with one account per staff-side role."""
    workdir, db_path = database_copy(tmp_path_factory, seeded_template, "live")
    _prepare_database(db_path)
    with running_app(workdir, db_path) as url:
        yield LiveServer(url, db_path, dict(ACCOUNTS))


@pytest.fixture(scope="module")
def lived_in_server(tmp_path_factory):
    """The app over the demo database (years of updates), the accounts of every role
    and an approved ambassador: pages show real charts and tables."""
    _require_browser()
    workdir = tmp_path_factory.mktemp("lived-in")
    db_path = workdir / "rocsmo.duckdb"
    _prepare_lived_in_database(db_path)
    with running_app(workdir, db_path) as url:
        yield LiveServer(url, db_path, {**ACCOUNTS, "ambassador": AMBASSADOR})


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    """A fresh browser context (no cookies) and page, 1400×1000, French."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-CA")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


