"""Shared builders for the ambassador tests: a valid sign-up, images, an approved ambassador."""
from __future__ import annotations

import io

from PIL import Image

from lib.accounts import users
from lib.campaign import ambassadors, campaigns, signup

SIGNUP_PASSWORD = "Porte-Ouverte-Choisir-7"


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 20)) -> bytes:
    """A small real image in `fmt`."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=fmt)
    return buffer.getvalue()


def signup_data(**overrides) -> dict:
    """A valid sign-up for the seeded CHOISIR campaign; `overrides` replace fields."""
    data = {
        "organisation": "Santé mentale Outaouais", "contact_name": "Julie Tremblay",
        "email": "julie@smo.example.org", "phone": "819 555-1234", "website": "smo.example.org",
        "audiences": {"facebook": 2500, "instagram": None, "linkedin": 300, "x": None, "newsletter": 800,
                      "website": 12000},
        "why_text": "Nous croyons que la santé mentale se cultive ensemble, dans nos milieux de vie.",
        "logo": image_bytes(), "commitments": ["partager-publications", "moments-forts", "organiser-activite"],
        "moments": ["lancement", "semaine-sante-mentale"], "signer_name": "Julie Tremblay",
        "signer_title": "Directrice générale", "accepted": True, "username": "smo-outaouais",
        "password": SIGNUP_PASSWORD, "password_confirm": SIGNUP_PASSWORD,
    }
    data.update(overrides)
    return data


def open_signups(db) -> int:
    """Copy the seeded campaign a year on up to this year and make that edition current, so
    that the public sign-up is open (the seeded 2022-2023 campaign has ended); returns its id."""
    from lib import demo
    from lib.core import clock

    demo.copy_campaigns_up_to(db, clock.today(), actor=ensure_staff(db))
    return current_id(db)


def current_id(db) -> int:
    return campaigns.current_campaign(db).id


def signed_up(db, session_id: str = "tests", client: str = "", **overrides) -> int:
    """Sign an organisation up for the current campaign (from browser session `session_id`
    at address `client`); returns the ambassador id."""
    return signup.sign_up(db, current_id(db), signup_data(**overrides), session_id=session_id, client=client)


def ensure_staff(db, username: str = "staff-test") -> str:
    """A staff account `username` (created once); returns its username."""
    if users.get_user(db, username) is None:
        users.create_user(db, username=username, role="staff", display_name="Équipe test",
                          email=f"{username}@example.org", password="Correct-Cheval-Pile-42", actor="tests")
    return username


def approved(db, **overrides) -> int:
    """A signed-up and approved ambassador; returns its id."""
    ensure_staff(db)
    ambassador_id = signed_up(db, **overrides)
    ambassadors.decide(db, ambassador_id, "approved", "Bienvenue", actor="staff-test")
    return ambassador_id
