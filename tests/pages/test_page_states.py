"""Every page renders for every role over the three kinds of database a user meets: the seeded
one with nothing typed yet, the demo database (a plan's history and the campaign's life), and
one whose current campaign has ambassadors and reports in every state (none, draft, submitted
on time with metrics left empty, late, reopened) — with no exception, caught or not.

Each database is built once per session; each test works on a copy of it.
"""
from __future__ import annotations

import random
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lib import demo
from lib.accounts import users
from lib.campaign import campaigns
from lib.core import clock
from lib.core.db import connect
from lib.ui.navigation import specs_for
from tests.conftest import APP_TIMEOUT, ROOT, close_without_checkpoint, make_user, sign_in_state

SECTION_FAILED = "n’a pas pu s’afficher"
ROLES = (None, "ambassador", "board", "staff", "admin")
AMBASSADOR = "demo.org01"  # an organisation of the demo's generator (the empty database creates it bare)


def _with_accounts(path) -> None:
    database = connect(str(path))
    for role in ("admin", "board", "staff"):
        make_user(database, role)
    if users.get_user(database, AMBASSADOR) is None:
        make_user(database, "ambassador", AMBASSADOR, organisation="Organisme sans entente")
    database.transaction(lambda cur: cur.execute(  # the demo leaves its accounts deactivated
        "UPDATE users SET is_active = true WHERE username = ?", [AMBASSADOR]))
    database.connection.execute("CHECKPOINT")
    database.close()


@pytest.fixture(scope="session")
def state_databases(tmp_path_factory, seeded_template):
    """{"empty", "demo", "every_state"}: database files built once, with one account per role."""
    folder = tmp_path_factory.mktemp("page_states")
    empty = shutil.copyfile(seeded_template, folder / "empty.duckdb")
    lived = demo.build_demo(folder / "demo.duckdb").path
    every = shutil.copyfile(seeded_template, folder / "every_state.duckdb")
    database = connect(str(every))
    current = campaigns.current_campaign(database)
    organisations = demo._organisations(21, random.Random(7))
    demo._ensure_accounts(database, organisations)
    demo.fill_campaign(database, current.id, organisations, clock.today(), 7)
    database.connection.execute("CHECKPOINT")
    database.close()
    for path in (empty, lived, every):
        _with_accounts(path)
    return {"empty": empty, "demo": lived, "every_state": every}


def _states(path) -> set[str]:
    database = connect(str(path))
    try:
        found = {row[0] for row in database.query(
            "SELECT CASE WHEN status = 'submitted' AND submitted_late THEN 'late' ELSE status END"
            " FROM impact_reports")}
        if database.scalar("SELECT count(*) FROM impact_report_reach WHERE people_reached IS NULL"):
            found.add("empty metric")
        return found
    finally:
        close_without_checkpoint(database)


def test_the_every_state_database_holds_every_report_state(state_databases):
    assert {"draft", "submitted", "late", "reopened", "empty metric"} <= _states(state_databases["every_state"])


@pytest.mark.parametrize("kind", ["empty", "demo", "every_state"])
@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "signed_out")
def test_every_page_renders_for_every_role(state_databases, kind, role, tmp_path, monkeypatch):
    path = shutil.copyfile(state_databases[kind], tmp_path / "rocsmo.duckdb")
    monkeypatch.setenv("ROCSMO_DB", str(path))
    monkeypatch.setenv("ROCSMO_COOKIE_KEY", "k" * 48)
    st.cache_resource.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    if role is not None:
        database = connect(str(path))
        user = users.get_user(database, AMBASSADOR if role == "ambassador" else f"{role}-test")
        close_without_checkpoint(database)
        sign_in_state(app, user)
    app.run()
    problems = {}
    for spec in specs_for(role):
        app.switch_page(spec.path)
        app.run()
        # An error box of the section guard (lib.ui.feedback.section) is a crash it caught.
        errors = [e.value for e in app.error if SECTION_FAILED in e.value]
        if app.exception or errors:
            problems[spec.url_path] = [e.value for e in app.exception] + errors
    st.cache_resource.clear()
    assert not problems, problems
