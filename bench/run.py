"""All the benchmarks of the proof issue, in one run: prints figures, never fails.

    python bench/run.py            # full: seed, 20× and 100×; 30 sessions for 5 minutes
    python bench/run.py --quick    # under about 2 minutes: seed and 20×, 6 sessions for 30 s
    python bench/run.py --skip browser concurrency --pages campagne envois   # some pages' reruns only

1. Server rerun time of every page for every role (AppTest), warm and cold, at each scale,
   beside a trivial one-line page measured in the same run (bench/page_reruns.py).
2. In Chromium: click to idle of the main pages of each role, interleaved with a trivial
   two-page app, and the cold path to the drawn overview (bench/browser_clicks.py).
3. Concurrency: sessions with think time, a third recording updates; memory; lost writes
   (bench/concurrency.py).
Run it on a quiet machine: the load average is printed first and last.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit import logger  # noqa: E402

from bench import browser_clicks, concurrency, page_reruns  # noqa: E402
from bench.machine import load_line  # noqa: E402
from bench.servers import ROOT, TRIVIAL_APP, streamlit_server  # noqa: E402
from lib.core.db import connect  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (about 2 minutes)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["pages", "browser", "concurrency"])
    parser.add_argument("--client", choices=["ws", "browser"], default="ws",
                        help="concurrency's sessions: Streamlit's WebSocket protocol (default) or Chromium contexts")
    parser.add_argument("--pages", nargs="*", default=None, metavar="PAGE",
                        help="server reruns of these pages only (file stems: campagne envois ...)")
    args = parser.parse_args(argv)
    quick = args.quick
    logger.set_log_level("error")  # AppTest's bare-mode warnings would drown the figures
    started = time.monotonic()
    print(load_line())
    if "pages" not in args.skip:
        page_reruns.run([1, 20] if quick else [1, 20, 100], repeat=3 if quick else 7, quick=quick, only=args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        db_path = tmp_path / "bench.duckdb"
        page_reruns.prepare_database(db_path, 1)
        trivial_script = tmp_path / "trivial_app.py"
        trivial_script.write_text(TRIVIAL_APP, encoding="utf-8")
        env = {"ROCSMO_DB": str(db_path), "ROCSMO_COOKIE_KEY": "banc-" + "c" * 43, "ROCSMO_BCRYPT_ROUNDS": "4"}
        acknowledged: list[str] = []
        with streamlit_server(ROOT / "app.py", env, tmp_path / "app.log") as app, \
                streamlit_server(trivial_script, log=tmp_path / "trivial.log") as trivial:
            if "browser" not in args.skip:
                browser_clicks.run(app.url, trivial.url, page_reruns.ACCOUNTS, page_reruns.PASSWORD,
                                   rounds=2 if quick else 6)
            if "concurrency" not in args.skip:
                acknowledged = concurrency.run(app, page_reruns.ACCOUNTS, page_reruns.PASSWORD,
                                               sessions=6 if quick else 30, seconds=30 if quick else 300,
                                               settle=10 if quick else 30, client=args.client)
        if acknowledged:
            db = connect(str(db_path), read_only=True)
            notes = {row[0] for row in db.query("SELECT note FROM means_updates WHERE note LIKE 'Charge %'")}
            db.close()
            missing = [token for token in acknowledged if f"Charge {token}" not in notes]
            print(f"  writes: {len(acknowledged)} confirmed on screen, {len(acknowledged) - len(missing)} found in "
                  f"the database after the server stopped, {len(missing)} lost")
    print(f"\n{load_line()}\nbench/run.py took {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
