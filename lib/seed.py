"""First-start data: the action plan and the CHOISIR campaign, from data/seed/*.yaml.

Each plan or campaign is inserted whole, in one transaction, only when its slug is
absent. Seeding is therefore idempotent and never touches what staff have changed
(or archived) since: once a plan exists, the seed files are not read for it again.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from lib.campaign import campaigns
from lib.core.db import PROJECT_ROOT, Database, open_database
from lib.core.settings import DEFAULTS
from lib.plan import items

SEED_DIR = PROJECT_ROOT / "data" / "seed"
PLAN_FILE = SEED_DIR / "plan-action-rocsmo.yaml"
CAMPAIGN_FILE = SEED_DIR / "campagne-choisir-2022-2023.yaml"



def load_yaml(path: Path) -> dict:
    """A seed file as plain data (libyaml's safe loader when present). Raises FileNotFoundError
    or yaml.YAMLError."""
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def seed_database(db: Database, plan_file: Path = PLAN_FILE, campaign_file: Path = CAMPAIGN_FILE) -> dict:
    """Insert the default settings, the plan and the campaign where missing.

    Returns what was inserted: {"settings": n, "plan": bool, "campaign": bool}.
    """
    inserted = {"settings": 0, "plan": False, "campaign": False}

    def insert_settings(cur):
        for key, value in DEFAULTS.as_rows().items():
            if cur.execute("SELECT 1 FROM settings WHERE key = ?", [key]).fetchone() is None:
                cur.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
                inserted["settings"] += 1

    db.transaction(insert_settings)
    plan = load_yaml(plan_file)
    if db.scalar("SELECT count(*) FROM plans WHERE slug = ?", [plan["slug"]]) == 0:
        db.transaction(lambda cur: items.insert_plan(cur, plan))
        inserted["plan"] = True
    campaign = load_yaml(campaign_file)
    if db.scalar("SELECT count(*) FROM campaigns WHERE slug = ?", [campaign["slug"]]) == 0:
        db.transaction(lambda cur: campaigns.insert_campaign(cur, campaign, actor="seed"))
        inserted["campaign"] = True
    return inserted


def open_seeded_database(path: str | None = None) -> Database:
    """Open and migrate the database, then seed what is missing: the app's and the CLI's entry."""
    db = open_database(path)
    seed_database(db)
    return db
