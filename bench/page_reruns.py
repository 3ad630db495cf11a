"""Server rerun time of every page, for every role that opens it (AppTest), at several plan
sizes, warm and cold, beside a trivial one-line Streamlit page measured in the same run.

warm: the page rerun with its caches filled (what a click costs when nothing was written);
cold: every cache of lib.ui cleared before each rerun (the first view after a write).
Like the server, the runs share one cache of compiled scripts (share_script_cache): AppTest
would otherwise parse and compile app.py and the page again on every rerun, a cost a running
server pays once and that grows with the length of the page's source.
"""
from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import streamlit as st
from PIL import Image
from streamlit.runtime.caching.cache_utils import CachedFunc
from streamlit.testing.v1 import AppTest

from bench.machine import median
from bench.timing import median_ms
from lib import demo
from lib.accounts import users
from lib.campaign import ambassadors, campaigns, signup
from lib.seed import open_seeded_database
from lib.ui import navigation

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
PASSWORD = "Correct-Cheval-Pile-42"
ACCOUNTS = {"admin": "bench-admin", "staff": "bench-staff", "board": "bench-board", "ambassador": "bench-amb"}
TRIVIAL = "import streamlit as st\nst.write('Une page triviale.')"


@dataclass
class PageTiming:
    role: str
    page: str
    scale: int
    warm_ms: float
    cold_ms: float


def _logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def prepare_database(path: Path, scale: int) -> tuple[int, int, int, int]:
    """A synthetic database of `scale` plans and their campaign (lib.demo.build_synthetic) with
    one account per role (and an approved ambassador); returns (means, updates, agreements,
    impact reports) of the synth."""
    summary = demo.build_synthetic(path, scale, until=AS_OF)
    db = open_seeded_database(str(path))
    try:
        for role, username in ACCOUNTS.items():
            if role != "ambassador":
                users.create_user(db, username=username, role=role, display_name=f"Banc {role}",
                                  email=f"{username}@example.org", password=PASSWORD, actor="bench")
        campaign_id = campaigns.current_campaign(db).id
        moments = list(campaigns.list_moments(db, campaign_id)["key"])[:2]
        commitments = list(campaigns.list_commitment_types(db, campaign_id)["key"])[:2]
        ambassador_id = signup.sign_up(db, campaign_id, {
            "organisation": "Organisme banc d’essai", "contact_name": "Julie Banc", "email": "julie@banc.example.org",
            "phone": "819 555-1234", "website": "banc.example.org", "audiences": {"facebook": 1200},
            "why_text": "Nous mesurons.", "logo": _logo(), "commitments": commitments, "moments": moments,
            "signer_name": "Julie Banc", "signer_title": "Directrice", "accepted": True,
            "username": ACCOUNTS["ambassador"], "password": PASSWORD, "password_confirm": PASSWORD})
        ambassadors.decide(db, ambassador_id, "approved", "Bienvenue", actor=ACCOUNTS["staff"])
        db.connection.execute("CHECKPOINT")
    finally:
        db.close()
    return summary.items, summary.updates, summary.ambassadors, summary.reports


def share_script_cache() -> None:
    """Make every AppTest run reuse one ScriptCache, as the server's runtime does (AppTest
    builds a new one per run, which parses and compiles the scripts again each time)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def _clear_page_caches() -> None:
    """Every st.cache_* function of lib.ui except the database connection and the cookie key."""
    import importlib
    import pkgutil

    import lib.ui
    st.cache_data.clear()
    for info in pkgutil.iter_modules(lib.ui.__path__):
        module = importlib.import_module(f"lib.ui.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, CachedFunc) and name not in ("get_db", "_cookie_settings"):
                value.clear()


def _app(role: str | None, page: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if role is not None:
        user = users.get_user(open_seeded_database(), ACCOUNTS[role])
        app.session_state["authentication_status"] = True
        app.session_state["auth.username"] = user.username
        app.session_state["auth.session_version"] = user.session_version
    app.run()
    app.switch_page(page)
    app.run()
    if app.exception:
        raise RuntimeError(f"{page} as {role}: {app.exception[0].value}")
    return app


def time_page(role: str | None, page: str, repeat: int) -> tuple[float, float]:
    app = _app(role, page)
    warm = median_ms(app.run, repeat)

    def cold_rerun():
        _clear_page_caches()
        app.run()

    cold = median_ms(cold_rerun, repeat)
    return warm, cold


def trivial_ms(repeat: int) -> float:
    app = AppTest.from_string(TRIVIAL)
    app.run()
    return median_ms(app.run, repeat)


def pages_by_role(quick: bool) -> list[tuple[str | None, str]]:
    """(role, page path) pairs: every page for every role that may open it (quick: each page once)."""
    pairs = [(None, spec.path) for spec in navigation.SIGNED_OUT_PAGES]
    seen = set()
    for role in ("board", "staff", "admin", "ambassador"):
        for spec in navigation.specs_for(role):
            if quick and spec.path in seen:
                continue
            seen.add(spec.path)
            pairs.append((role, spec.path))
    return pairs


def run(scales: list[int], repeat: int, quick: bool, only: list[str] | None = None) -> None:
    """Time the pages (`only`: those whose file stem is listed) at each scale; prints a table."""
    os.environ.setdefault("ROCSMO_COOKIE_KEY", "banc-" + "b" * 43)
    os.environ.setdefault("ROCSMO_BCRYPT_ROUNDS", "4")
    share_script_cache()
    results: list[PageTiming] = []
    trivial_runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale in scales:
            path = Path(tmp) / f"synth-{scale}.duckdb"
            means, updates, agreements, reports = prepare_database(path, scale)
            os.environ["ROCSMO_DB"] = str(path)
            st.cache_resource.clear()
            print(f"\nscale {scale}×: {means} means, {updates} updates, {agreements} agreements, {reports} reports")
            trivial_runs.append(trivial_ms(repeat))
            for role, page in pages_by_role(quick):
                if only and Path(page).stem not in only:
                    continue
                warm, cold = time_page(role, page, repeat)
                trivial_runs.append(trivial_ms(repeat))  # interleaved: the floor moves with the machine
                results.append(PageTiming(role or "signed out", Path(page).stem, scale, warm, cold))
            st.cache_resource.clear()
    trivial = median(trivial_runs)
    print(f"\ntrivial one-line page (AppTest rerun), median of {len(trivial_runs)} interleaved runs: {trivial:.1f} ms")
    header = f"{'page':<22} {'role':<11}" + "".join(f" {f'warm {s}×':>10} {'×triv':>6} {f'cold {s}×':>10}"
                                                   for s in scales)
    header += f" {'growth':>7}" if len(scales) > 1 else ""
    print(header)
    keys = dict.fromkeys((r.page, r.role) for r in results)
    for page, role in keys:
        rows = {r.scale: r for r in results if (r.page, r.role) == (page, role)}
        line = f"{page:<22} {role:<11}"
        for scale in scales:
            r = rows[scale]
            line += f" {r.warm_ms:>10.1f} {r.warm_ms / trivial:>6.1f} {r.cold_ms:>10.1f}"
        if len(scales) > 1:
            line += f" {rows[scales[-1]].warm_ms / rows[scales[0]].warm_ms:>7.2f}"
        print(line)
    print("warm/cold in ms (median); ×triv = warm / trivial page; growth = warm at the largest scale / at the first.")
