"""Shared fixtures: fresh databases, users per role, AppTest sessions, and the markers.

Databases: the seeded database is built once per session (`seeded_template`); every test
that asks for one gets its own copy of that file, so tests stay independent.

Test hook for signed-in pages: `app_for(role)` creates the account in the test
database and sets `authentication_status`, `auth.username` and `auth.session_version`
in the AppTest session state, exactly what lib.ui.session records after a real sign-in;
every page still checks that state against the database. Real sign-in through the
form is tested once per role in tests/pages/test_access.py and in the browser.
"""
from __future__ import annotations

import functools
import inspect
import os
import shutil
from pathlib import Path

# Cheap bcrypt for the suite (the app's default is 12 rounds); inherited by the servers
# the browser tests start.
os.environ.setdefault("ROCSMO_BCRYPT_ROUNDS", "4")
# No daily backup thread behind every AppTest (tests/accounts/test_backup_safety.py turns it on).
os.environ.setdefault("ROCSMO_DAILY_BACKUP", "off")
# No background email sender in the apps the tests start, even on a machine whose environment
# configures SMTP (lib.ui.session.start_background_sender); outreach tests send explicitly.
os.environ["ROCSMO_IN_APP_SENDER"] = "0"

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib.accounts import users
from lib.core.db import connect
from lib.seed import open_seeded_database

ROOT = Path(__file__).resolve().parents[1]
TEST_PASSWORD = "Correct-Cheval-Pile-42"
APP_TIMEOUT = 30
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
PAGE_FIXTURES = frozenset({"app_for", "widget_app"})  # the fixtures below that build an AppTest


# --------------------------------------------------------------------------- markers

def _names_apptest(function, seen: dict) -> bool:
    if function not in seen:
        try:
            seen[function] = "AppTest" in inspect.getsource(function)
        except (OSError, TypeError):
            seen[function] = False
    return seen[function]


def pytest_collection_modifyitems(config, items):
    """`browser` for every test under tests/browser/, `page` for every other test that runs
    an AppTest (through a fixture of PAGE_FIXTURES, or by naming AppTest in its body), so
    that `-m "not page and not browser"` keeps the pure tests only."""
    seen: dict = {}
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        elif PAGE_FIXTURES & set(getattr(item, "fixturenames", ())) or _names_apptest(
                getattr(item, "function", None), seen):
            item.add_marker(pytest.mark.page)


@pytest.fixture(autouse=True)
def _apptest_only_in_page_tests(request, monkeypatch):
    """Keeps the markers honest: a test not marked `page` that runs an AppTest (say, through
    a helper the collection hook cannot see) fails with the reason instead of slowing the
    pure subset down."""
    if request.node.get_closest_marker("page") is None:
        def refuse(self, *args, **kwargs):
            pytest.fail(f"{request.node.nodeid} runs an AppTest but is not marked `page`: use an AppTest "
                        "fixture of tests/conftest.py, or name AppTest in the test", pytrace=False)

        monkeypatch.setattr(AppTest, "run", refuse)


# --------------------------------------------------------------------------- AppTest start-up

@pytest.fixture(scope="session", autouse=True)
def _component_scan_once_per_session():
    """Every new AppTest scans the metadata of every installed distribution for Streamlit
    "v2" component manifests (about half a second, most of a short page test); a server
    does it once when it starts. Nothing is installed during a session, so the first
    scan's result (today an empty list) is given to the later AppTests."""
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", lambda *args: list(scan(*args)))
        yield


# --------------------------------------------------------------------------- databases


def close_without_checkpoint(database) -> None:
    """Close a test's database once the test is over, skipping the checkpoint DuckDB makes
    when its last connection closes (the WAL written back into a file nobody reads again:
    most of a teardown's time). A database the test closed itself is left as it is."""
    try:
        database.connection.execute("PRAGMA disable_checkpoint_on_shutdown")
    except duckdb.Error:
        return
    database.close()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """The migrated and seeded database, built once per session exactly as the app builds
    it on first start (lib.seed.open_seeded_database), checkpointed and closed. No test
    opens it: each one works on its own copy (`db`, `db_path`, `seeded_copy`)."""
    path = tmp_path_factory.mktemp("template") / "seeded.duckdb"
    database = open_seeded_database(str(path))
    with database.cursor() as cur:
        cur.execute("CHECKPOINT")  # everything in the file itself, nothing left in a WAL
    database.close()
    return path


@pytest.fixture
def seeded_copy(seeded_template):
    """Factory: write a copy of the seeded template at `target` (a new file); returns `target`."""
    def copy(target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(seeded_template, target)
        return target

    return copy


@pytest.fixture
def db(seeded_copy, tmp_path_factory):
    """A fresh, migrated and seeded database of the test's own: a copy of the template file,
    in a folder apart from tmp_path (removed afterwards). Copying and opening the file takes
    about half the time of ATTACH + COPY FROM DATABASE into memory, and an eighth of seeding."""
    folder = tmp_path_factory.mktemp("db")
    database = connect(str(seeded_copy(folder / "rocsmo.duckdb")))
    yield database
    close_without_checkpoint(database)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def db_path(seeded_copy, tmp_path, monkeypatch):
    """The app's database for this test: a copy of the seeded template in tmp_path, made the
    app's database through $ROCSMO_DB (the app migrates and seeds it on start: nothing to do)."""
    path = seeded_copy(tmp_path / "rocsmo.duckdb")
    monkeypatch.setenv("ROCSMO_DB", str(path))
    monkeypatch.setenv("ROCSMO_COOKIE_KEY", "k" * 48)
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()  # closes nothing, but the next test opens its own file


@pytest.fixture
def file_db(db_path):
    """The app's database file, opened (same DuckDB instance as the app's)."""
    database = connect(str(db_path))
    yield database
    close_without_checkpoint(database)


def make_user(database, role: str, username: str | None = None, organisation: str = "") -> users.User:
    """Create an active account for `role` (password TEST_PASSWORD) and return it."""
    username = username or f"{role}-test"
    users.create_user(database, username=username, role=role, display_name=f"Test {role}",
                      email=f"{username}@example.org", password=TEST_PASSWORD,
                      organisation=organisation, actor="tests")
    return users.get_user(database, username)


def sign_in_state(app: AppTest, user: users.User) -> None:
    """The documented test hook: mark the AppTest session as signed in as `user`."""
    app.session_state["authentication_status"] = True
    app.session_state["auth.username"] = user.username
    app.session_state["auth.session_version"] = user.session_version


@pytest.fixture
def app_for(file_db):
    """Factory: an AppTest of app.py, signed in as `role` (None: signed out), on `page`."""
    def build(role: str | None = None, page: str | None = None, username: str | None = None) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
        if role is not None:
            user = users.get_user(file_db, username or f"{role}-test") or make_user(file_db, role, username)
            sign_in_state(app, user)
        elif users.count_active_users(file_db) == 0:
            make_user(file_db, "admin", "admin-test")  # leave the first-run form
        app.run()
        if page is not None:
            app.switch_page(page)
            app.run()
        return app

    return build


@pytest.fixture
def widget_app(file_db):
    """Factory: an AppTest of `script(*args)` alone (AppTest.from_function), over the test's
    database, which the script reaches through lib.ui.session.get_db as the pages do. The
    script must import what it uses. Not run yet: set session_state first if needed."""
    def build(script, *args) -> AppTest:
        return AppTest.from_function(script, args=args, default_timeout=APP_TIMEOUT)

    return build
