"""Timings of the plan overview: computation, figures and page render, at several plan sizes.

Prints figures, never fails. Page renders are compared with a trivial Streamlit page measured
in the same run (ratios), so the numbers mean something on any machine.

    python -m bench.bench_plan [--scales 1 5 20] [--repeat 5]
"""
from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.timing import median_ms
from lib import demo
from lib.accounts import users
from lib.plan import charts, items, overview, tracking
from lib.seed import open_seeded_database
from lib.ui import plan_views

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 23)
PASSWORD = "Correct-Cheval-Pile-42"


def compute_overview(status):
    return (overview.axis_progress(status), overview.status_breakdown(status), overview.late_items(status),
            overview.due_soon(status, AS_OF), overview.party_load(status))


def build_figures(tables):
    progress, breakdown, _, _, load = tables
    return (charts.axis_progress_figure(progress), charts.status_breakdown_figure(breakdown),
            charts.party_load_figure(load))


def app_on(page_path: str, username: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    user = users.get_user(open_seeded_database(), username)
    app.session_state["authentication_status"] = True
    app.session_state["auth.username"] = user.username
    app.session_state["auth.session_version"] = user.session_version
    app.run()
    if page_path:
        app.switch_page(page_path)
        app.run()
    return app


def render_ms(page_path: str, username: str, repeat: int, *, cold: bool) -> float:
    app = app_on(page_path, username)

    def rerun():
        if cold:
            st.cache_data.clear()
            plan_views._plan_status.clear()
            plan_views._plan_updates.clear()
            plan_views._figures.clear()
            plan_views._tables.clear()
        app.run()
        assert not app.exception, app.exception

    return median_ms(rerun, repeat)


def trivial_ms(repeat: int) -> float:
    app = AppTest.from_string("import streamlit as st\nst.title('Bonjour')\nst.write('Une page triviale.')")
    app.run()
    return median_ms(app.run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("ROCSMO_COOKIE_KEY", "b" * 48)
    trivial = trivial_ms(args.repeat)
    print(f"trivial Streamlit page (AppTest rerun): {trivial:.1f} ms")
    print(f"{'scale':>5} {'means':>6} {'updates':>8} {'status ms':>10} {'roll-ups ms':>12} {'figures ms':>11}"
          f" {'frame ms':>9} {'page cold ms':>13} {'x trivial':>9} {'page warm ms':>13} {'x trivial':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            path = Path(tmp) / f"synth-{scale}.duckdb"
            summary = demo.build_synthetic(path, scale, until=AS_OF)
            os.environ["ROCSMO_DB"] = str(path)
            st.cache_resource.clear()
            st.cache_data.clear()
            db = open_seeded_database(str(path))
            if users.get_user(db, "bench-board") is None:
                users.create_user(db, username="bench-board", role="board", display_name="Bench", email="b@example.org",
                                  password=PASSWORD, actor="bench")
            plan_id = items.current_plan_id(db)
            status_ms = median_ms(lambda db=db, plan_id=plan_id: tracking.plan_status(db, plan_id, AS_OF), args.repeat)
            status = tracking.plan_status(db, plan_id, AS_OF)
            rollups_ms = median_ms(lambda status=status: compute_overview(status), args.repeat)
            tables = compute_overview(status)
            figures_ms = median_ms(lambda tables=tables: build_figures(tables), args.repeat)
            frame = render_ms("pages/account/mon_compte.py", "bench-board", args.repeat, cold=False)
            cold = render_ms("pages/plan/vue_ensemble.py", "bench-board", args.repeat, cold=True)
            warm = render_ms("pages/plan/vue_ensemble.py", "bench-board", args.repeat, cold=False)
            print(f"{scale:>5} {summary.items:>6} {summary.updates:>8} {status_ms:>10.1f} {rollups_ms:>12.1f}"
                  f" {figures_ms:>11.1f} {frame:>9.1f} {cold:>13.1f} {cold / trivial:>9.1f} {warm:>13.1f}"
                  f" {warm / trivial:>9.1f}")
            db.close()
    print("frame: app.py (sign-in check, sidebar, menu) around the small 'Mon compte' page, for comparison.")
    print("cold: caches cleared before each rerun (first view after a write); warm: cached status and figures.")


if __name__ == "__main__":
    main()
