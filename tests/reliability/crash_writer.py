"""A child process for the crash-safety tests: writes through the data layer until killed.

Usage: python -m tests.reliability.crash_writer DB_PATH ROUND

It records plan updates and public sign-ups in a loop and prints one line per write
*after* its transaction committed ("U <update id>" or "A <ambassador id>"), flushed at
once: a line on stdout is a write the user was told succeeded. The parent kills it with
SIGKILL at a random moment and checks that every printed write is there, whole.
"""
from __future__ import annotations

import os
import sys
from datetime import date

os.environ.setdefault("ROCSMO_BCRYPT_ROUNDS", "4")

from lib.campaign import campaigns, signup  # noqa: E402
from lib.plan.updates import UpdateInput, record_update  # noqa: E402
from lib.seed import open_seeded_database  # noqa: E402
from tests.ambassador_helpers import signup_data  # noqa: E402


def main(path: str, round_: str) -> None:
    # The public form's hourly caps are not what is under test: 50 rounds sign up more than 40.
    for name in dir(signup):
        if name.startswith("MAX_") and isinstance(getattr(signup, name), int):
            setattr(signup, name, 10**9)
    db = open_seeded_database(path)
    from lib.accounts import users
    staff = users.get_user(db, "crash-staff")
    means_ids = [row[0] for row in db.query("SELECT id FROM means ORDER BY id LIMIT 5")]
    campaign_id = campaigns.current_campaign(db).id
    print("READY", flush=True)
    for n in range(10**6):
        if n % 4 == 0:
            tag = f"{round_}-{n}"
            ambassador_id = signup.sign_up(db, campaign_id, signup_data(
                organisation=f"Organisme {tag}", email=f"o{tag}@example.org", username=f"org-{tag}"),
                session_id=f"crash-{tag}")
            print(f"A {ambassador_id}", flush=True)
        else:
            update_id = record_update(db, staff, means_ids[n % len(means_ids)], UpdateInput(
                status="en_cours", progress=n % 100, work_date=date(2026, 1, 1), note=f"round {round_} n {n}"))
            print(f"U {update_id}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
