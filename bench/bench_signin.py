"""Timings of signing in: a refused attempt (the limiter's reservation, no bcrypt), a wrong
password for an existing and for an unknown username (both one bcrypt run), bcrypt itself,
and the signed-out frame, against a trivial Streamlit page measured in the same run.

Prints figures, never fails.

    python -m bench.bench_signin [--repeat 7]
"""
from __future__ import annotations

import argparse
import itertools
import os
import tempfile
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.timing import median_ms
from lib.accounts import auth, users
from lib.accounts.passwords import check_password
from lib.seed import open_seeded_database

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Correct-Cheval-Pile-42"
TRIVIAL_PAGE = 'import streamlit as st\nst.title("Bonjour")\nst.write("Une page triviale.")\n'


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="rocsmo-bench-"))
    os.environ["ROCSMO_DB"] = str(workdir / "bench.duckdb")
    os.environ.setdefault("ROCSMO_COOKIE_KEY", "b" * 48)
    db = open_seeded_database()
    users.create_user(db, username="ca", role="board", display_name="CA", email="ca@example.org",
                      password=PASSWORD, actor="bench")
    for index in range(200):  # a busy attempts table: the limiter's queries must stay cheap
        auth.authenticate(db, "someone", "wrong-password", f"client-{index}", "s", captcha_solved=True)
    for _ in range(auth.CLIENT_MAX_FAILURES):
        auth.authenticate(db, "ca", "wrong-password", "locked-client")
    password_hash = users.get_user(db, "ca").password_hash
    trivial = workdir / "trivial.py"
    trivial.write_text(TRIVIAL_PAGE)

    limiter = median_ms(lambda: auth.authenticate(db, "ca", PASSWORD, "locked-client"), args.repeat * 10)
    clients = itertools.count()  # a new client each time: the client window stays open
    existing_ms = median_ms(lambda: auth.authenticate(db, "ca", "wrong-password", f"b{next(clients)}",
                                                      captcha_solved=True), args.repeat)
    unknown_ms = median_ms(lambda: auth.authenticate(db, "nobody", "wrong-password", f"b{next(clients)}",
                                                     captcha_solved=True), args.repeat)
    bcrypt_ms = median_ms(lambda: check_password(PASSWORD, password_hash), args.repeat)
    trivial_ms = median_ms(lambda: AppTest.from_file(str(trivial), default_timeout=60).run(), args.repeat)

    def signed_out_frame():
        st.cache_resource.clear()  # includes opening the database: the cost of a first visit
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    def signed_out_frame_warm():
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    db.close()
    cold_ms = median_ms(signed_out_frame, args.repeat)
    signed_out_frame_warm()
    warm_ms = median_ms(signed_out_frame_warm, args.repeat)

    print(f"{'what':48} {'median ms':>10} {'× trivial':>10}")
    print(f"{'refused attempt, locked client (no bcrypt)':48} {limiter:10.2f} {'':>10}")
    print(f"{'wrong password, existing username':48} {existing_ms:10.1f} {'':>10}")
    print(f"{'wrong password, unknown username':48} {unknown_ms:10.1f} {'':>10}")
    print(f"{'bcrypt check of one password':48} {bcrypt_ms:10.1f} {'':>10}")
    print(f"{'trivial Streamlit page (AppTest run)':48} {trivial_ms:10.1f} {1:10.2f}")
    print(f"{'sign-in page, warm (app.py, signed out)':48} {warm_ms:10.1f} {warm_ms / trivial_ms:10.2f}")
    print(f"{'sign-in page, cold (opens the database)':48} {cold_ms:10.1f} {cold_ms / trivial_ms:10.2f}")
    print("The limiter runs before bcrypt: a locked attempt costs the first line; an unknown username costs")
    print("the same bcrypt run as a wrong password (a dummy hash), so timing does not tell who has an account.")


if __name__ == "__main__":
    main()
