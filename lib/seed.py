"""First-start data: the action plan and the CHOISIR campaign, from data/seed/*.yaml.

Each plan or campaign is inserted whole, in one transaction, only when its slug is
absent. Seeding is therefore idempotent and never touches what staff have changed
(or archived) since: once a plan exists, the seed files are not read for it again.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from lib.core.db import PROJECT_ROOT, Database
from lib.plan.parties import parse_parties

SEED_DIR = PROJECT_ROOT / "data" / "seed"
PLAN_FILE = SEED_DIR / "plan-action-rocsmo.yaml"
CAMPAIGN_FILE = SEED_DIR / "campagne-choisir-2022-2023.yaml"

DEFAULT_SETTINGS = {
    "current_plan": "rocsmo-plan-action",
    "current_campaign": "choisir-2022-2023",
    "aga_month": "6",
    "continuous_late_days": "90",
    "plan_start": "2021-01-01",
}


def load_yaml(path: Path) -> dict:
    """A seed file as plain data. Raises FileNotFoundError or yaml.YAMLError."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def seed_database(db: Database, plan_file: Path = PLAN_FILE, campaign_file: Path = CAMPAIGN_FILE) -> dict:
    """Insert the default settings, the plan and the campaign where missing.

    Returns what was inserted: {"settings": n, "plan": bool, "campaign": bool}.
    """
    inserted = {"settings": 0, "plan": False, "campaign": False}

    def insert_settings(cur):
        for key, value in DEFAULT_SETTINGS.items():
            if cur.execute("SELECT 1 FROM settings WHERE key = ?", [key]).fetchone() is None:
                cur.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
                inserted["settings"] += 1

    db.transaction(insert_settings)
    plan = load_yaml(plan_file)
    if db.scalar("SELECT count(*) FROM plans WHERE slug = ?", [plan["slug"]]) == 0:
        db.transaction(lambda cur: _insert_plan(cur, plan))
        inserted["plan"] = True
    campaign = load_yaml(campaign_file)
    if db.scalar("SELECT count(*) FROM campaigns WHERE slug = ?", [campaign["slug"]]) == 0:
        db.transaction(lambda cur: insert_campaign(cur, campaign, actor="seed"))
        inserted["campaign"] = True
    return inserted


def _insert_plan(cur, plan: dict) -> int:
    slug = plan["slug"]
    is_first = cur.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    plan_id = cur.execute(
        "INSERT INTO plans (slug, title, context, is_current) VALUES (?, ?, ?, ?) RETURNING id",
        [slug, plan["title"], plan.get("context", ""), is_first],
    ).fetchone()[0]
    orientations = plan.get("orientations") or {}
    for strategy in orientations.get("strategies", []):
        strategy_id = cur.execute(
            "INSERT INTO strategies (plan_id, year, number, name, gloss) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [plan_id, orientations["year"], strategy["number"], strategy["name"], strategy.get("gloss", "")],
        ).fetchone()[0]
        for item in strategy.get("items", []):
            cur.execute(
                "INSERT INTO strategy_items (strategy_id, letter, label) VALUES (?, ?, ?)",
                [strategy_id, item["letter"], item["label"]],
            )
    for axis in plan["axes"]:
        axis_key = f"{slug}:{axis['number']}"
        axis_id = cur.execute(
            "INSERT INTO axes (plan_id, number, name, objective, seed_key) VALUES (?, ?, ?, ?, ?) RETURNING id",
            [plan_id, axis["number"], axis["name"], axis.get("objective", ""), axis_key],
        ).fetchone()[0]
        for a_pos, action in enumerate(axis["actions"], start=1):
            action_key = f"{axis_key}.{a_pos}"
            action_id = cur.execute(
                "INSERT INTO actions (axis_id, position, title, seed_key) VALUES (?, ?, ?, ?) RETURNING id",
                [axis_id, a_pos, action["title"], action_key],
            ).fetchone()[0]
            for m_pos, means in enumerate(action["means"], start=1):
                means_id = cur.execute(
                    "INSERT INTO means (action_id, position, text, period_label, indicator,"
                    " responsible_label, seed_key) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    [action_id, m_pos, means["text"], means.get("period", ""), means.get("indicator", ""),
                     means.get("responsible", ""), f"{action_key}.{m_pos}"],
                ).fetchone()[0]
                for party in parse_parties(means.get("responsible", "")):
                    cur.execute("INSERT INTO means_parties (means_id, party) VALUES (?, ?)", [means_id, party])
    cur.execute(
        "INSERT INTO audit_log (actor, action, entity, entity_id) VALUES ('seed', 'seed.plan', 'plan', ?)",
        [str(plan_id)],
    )
    return plan_id


CAMPAIGN_TEXT_FIELDS = (
    "name", "agreement_title", "slogan", "organiser", "ambassador_status", "purpose", "website",
    "agreement_start", "report_request", "questionnaire_invitation", "questionnaire_label",
    "reach_title", "reach_note", "organiser_commitments_intro", "diffusion_intro",
    "commitments_intro", "checklist_instruction",
)


def insert_campaign(cur, campaign: dict, *, actor: str) -> int:
    """Insert a whole campaign (channels, moments, commitments) from seed-shaped data.

    Used by seeding and by staff when they create or copy a campaign. Runs inside the
    caller's transaction; returns the new campaign id.
    """
    contact = campaign.get("contact") or {}
    columns = ["slug", *CAMPAIGN_TEXT_FIELDS, "starts_on", "valid_until", "report_due",
               "contact_name", "contact_title", "contact_email", "created_by"]
    values = [campaign["slug"], *(campaign.get(f) or "" for f in CAMPAIGN_TEXT_FIELDS),
              campaign.get("starts_on"), campaign.get("valid_until"), campaign.get("report_due"),
              contact.get("name", ""), contact.get("title", ""), contact.get("email", ""), actor]
    placeholders = ", ".join("?" for _ in columns)
    campaign_id = cur.execute(
        f"INSERT INTO campaigns ({', '.join(columns)}) VALUES ({placeholders}) RETURNING id", values
    ).fetchone()[0]
    for position, channel in enumerate(campaign.get("channels", []), start=1):
        cur.execute(
            "INSERT INTO campaign_channels (campaign_id, position, key, label, audience, as_of)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [campaign_id, position, channel["key"], channel["label"], channel.get("audience"),
             channel.get("as_of", campaign.get("reach_as_of"))],
        )
    for position, moment in enumerate(campaign.get("moments", []), start=1):
        cur.execute(
            "INSERT INTO campaign_moments (campaign_id, position, key, kind, when_label, starts_on, ends_on,"
            " description, checklist_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [campaign_id, position, moment["key"], moment["kind"], moment.get("when", ""),
             moment["starts_on"], moment["ends_on"], moment.get("description", ""),
             moment.get("checklist_label", "")],
        )
    for position, commitment in enumerate(campaign.get("commitments", []), start=1):
        cur.execute(
            "INSERT INTO commitment_types (campaign_id, position, key, label, with_moments) VALUES (?, ?, ?, ?, ?)",
            [campaign_id, position, commitment["key"], commitment["label"], bool(commitment.get("with_moments"))],
        )
    for position, text in enumerate(campaign.get("organiser_commitments", []), start=1):
        cur.execute(
            "INSERT INTO organiser_commitments (campaign_id, position, text) VALUES (?, ?, ?)",
            [campaign_id, position, text],
        )
    cur.execute(
        "INSERT INTO audit_log (actor, action, entity, entity_id) VALUES (?, 'campaign.create', 'campaign', ?)",
        [actor, str(campaign_id)],
    )
    return campaign_id
