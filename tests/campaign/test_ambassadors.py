"""Public sign-up: every field's validation, hostile text, duplicates, logos, rate limit."""
import datetime as dt
import shutil

import pytest

from lib.accounts import users
from lib.campaign import ambassadors, campaigns, listings, logos, signup
from lib.campaign.agreement_form import validate_signup
from lib.campaign.ambassadors import AmbassadorError
from lib.core.db import connect
from lib.core.errors import AccessDenied
from tests.ambassador_helpers import current_id, ensure_staff, image_bytes, signed_up, signup_data


@pytest.fixture(autouse=True)
def staff_account(request):
    """Approvals and reopening are staff actions: the account "staff-test" exists in the
    test's database (a test that only validates a form has none)."""
    if "db" in request.fixturenames:
        return ensure_staff(request.getfixturevalue("db"))
    return None


@pytest.fixture(scope="module")
def seeded_choices(seeded_template, tmp_path_factory):
    """The seeded campaign's commitment types and moment keys, read once from a copy."""
    path = tmp_path_factory.mktemp("choices") / "rocsmo.duckdb"
    shutil.copyfile(seeded_template, path)
    database = connect(str(path))
    campaign_id = current_id(database)
    types = campaigns.list_commitment_types(database, campaign_id)
    moments = list(campaigns.list_moments(database, campaign_id)["key"])
    database.close()
    shutil.rmtree(path.parent)
    return types, moments


@pytest.fixture
def choices(seeded_choices):
    """What validate_signup checks the form against; each test gets its own copy."""
    types, moments = seeded_choices
    return types.copy(), list(moments)


def errors_for(choices, **overrides):
    return validate_signup(signup_data(**overrides), *choices)


def test_a_complete_signup_is_valid(choices):
    assert errors_for(choices) == []


@pytest.mark.parametrize("field, value, expected", [
    ("organisation", "", "Organisation : ce champ est obligatoire."),
    ("organisation", "   ", "Organisation : ce champ est obligatoire."),
    ("organisation", "x" * 201, "Organisation : 200 caractères au plus"),
    ("organisation", "Nom\x00caché", "Organisation : contient des caractères de contrôle"),
    ("contact_name", "", "Personne-ressource : ce champ est obligatoire."),
    ("contact_name", "y" * 121, "Personne-ressource : 120 caractères au plus"),
    ("email", "", "Courriel : ce champ est obligatoire."),
    ("email", "julie.example.org", "Courriel : l’adresse n’est pas valide"),
    ("email", "<script>@x.org", "Courriel : l’adresse n’est pas valide"),
    ("email", "a@" + "b" * 260 + ".org", "Courriel : l’adresse n’est pas valide"),
    ("phone", "", "Téléphone : ce champ est obligatoire."),
    ("phone", "555", "Téléphone : le numéro n’est pas valide"),
    ("phone", "appelez-moi", "Téléphone : le numéro n’est pas valide"),
    ("website", "javascript:alert(1)", "Site Web : l’adresse n’est pas valide"),
    ("website", "pas un site", "Site Web : l’adresse n’est pas valide"),
    ("why_text", "", "Pourquoi nous joignons le mouvement : ce texte est obligatoire"),
    ("why_text", "mot " * 151, "Pourquoi nous joignons le mouvement : 151 mots; la limite est de 150 mots."),
    ("why_text", "x" * 10_000, "Pourquoi nous joignons le mouvement : 2\u00a0000 caractères au plus"),
    ("logo", None, "Logo : le logo est obligatoire"),
    ("commitments", [], "Engagements : cochez au moins un engagement."),
    ("commitments", ["inventé"], "Engagements : choix inconnu."),
    ("signer_name", "", "Signature — nom : ce champ est obligatoire."),
    ("signer_title", "", "Signature — titre : ce champ est obligatoire."),
    ("accepted", False, "Signature : cochez la case pour accepter l’entente."),
    ("username", "A", "Nom d’utilisateur : de 3 à 40 caractères"),
    ("username", "<b>org</b>", "Nom d’utilisateur : de 3 à 40 caractères"),
    ("password", "court", "Le mot de passe doit contenir au moins 12 caractères."),
])
def test_each_invalid_field_has_its_own_french_message(choices, field, value, expected):
    errors = errors_for(choices, **{field: value})
    assert any(message.startswith(expected) for message in errors), errors


def test_all_errors_are_reported_at_once(choices):
    errors = errors_for(choices, organisation="", email="non", phone="", accepted=False, password="x")
    assert len(errors) >= 5


def test_150_words_are_accepted_and_151_refused(choices):
    assert errors_for(choices, why_text="mot " * 150) == []
    assert errors_for(choices, why_text="mot " * 151)


def test_audiences_are_optional_whole_numbers(choices):
    assert errors_for(choices, audiences={"facebook": None, "x": 0}) == []
    assert errors_for(choices, audiences={"facebook": -1})
    assert errors_for(choices, audiences={"facebook": 1.5})
    assert errors_for(choices, audiences={"facebook": 10 ** 12})
    assert errors_for(choices, audiences={"tiktok": 5})


def test_moments_go_with_the_moments_forts_commitment(choices):
    assert any("Moments forts : choisissez" in e for e in errors_for(choices, moments=[]))
    only_share = errors_for(choices, commitments=["partager-publications"])
    assert any("Moments forts : cochez" in e for e in only_share)
    assert errors_for(choices, commitments=["partager-publications"], moments=[]) == []
    assert errors_for(choices, moments=["moment-inventé"]) == ["Engagements : choix inconnu."]


def test_passwords_must_match(choices):
    assert errors_for(choices, password_confirm="Autre-Chose-Encore-9") == [
        "Mot de passe : les deux mots de passe ne sont pas identiques."]


def test_logo_must_really_be_a_png_or_jpeg_of_at_most_2_mb():
    assert logos.check(image_bytes("PNG")) == []
    assert logos.check(image_bytes("JPEG")) == []
    assert "PNG et JPEG" in logos.check(image_bytes("GIF"))[0]
    assert "pas une image" in logos.check(b"%PDF-1.4 not an image")[0]
    assert "pas une image" in logos.check(b"<svg onload=alert(1)></svg>")[0]
    assert "pas une image" in logos.check(image_bytes("PNG")[:60])[0]  # truncated
    too_big = image_bytes("PNG") + b"\0" * (2 * 1024 * 1024)
    assert "la limite est de 2 Mo" in logos.check(too_big)[0]


HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)> & \"guillemets\" 'apostrophes'",
    "Organisme 🌱💚 « Santé » — l’Outaouais",
    "**gras** [lien](javascript:alert(1)) <b>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_exactly_as_typed(db, text):
    ambassador_id = signed_up(db, organisation=text, contact_name=text[:120], why_text=text,
                              signer_title=text[:120])
    agreement = ambassadors.get_agreement(db, ambassador_id)
    assert agreement.organisation == text
    assert agreement.why_text == text
    assert agreement.signer_title == text[:120]
    assert users.get_user(db, "smo-outaouais").organisation == text


def test_a_10000_character_text_is_refused_not_truncated(db):
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, organisation="o" * 10_000)
    assert any(m.startswith("Organisation : 200 caractères au plus") for m in error.value.messages)
    assert db.scalar("SELECT count(*) FROM ambassadors") == 0


def test_signup_creates_a_pending_agreement_and_an_ambassador_account(db):
    ambassador_id = signed_up(db)
    agreement = ambassadors.get_agreement(db, ambassador_id)
    assert agreement.status == "pending"
    assert agreement.signed_on == ambassadors.clock.today()
    assert agreement.commitments == ("partager-publications", "moments-forts", "organiser-activite")
    assert agreement.moments == ("lancement", "semaine-sante-mentale")
    assert agreement.audiences == {"facebook": 2500, "linkedin": 300, "newsletter": 800, "website": 12000}
    assert agreement.website == "https://smo.example.org"
    account = users.get_user(db, "smo-outaouais")
    assert account.role == "ambassador" and account.is_active
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'ambassador.signup'") == 1


def test_the_role_cannot_be_chosen_by_the_form(db):
    signed_up(db, role="admin")
    assert users.get_user(db, "smo-outaouais").role == "ambassador"


@pytest.mark.parametrize("overrides, expected", [
    ({"organisation": "  SANTÉ mentale   outaouais ", "email": "autre@x.org", "username": "autre-org"},
     "Organisation : cette organisation est déjà inscrite"),
    ({"organisation": "Autre organisme", "email": "JULIE@smo.example.org", "username": "autre-org"},
     "Courriel : cette adresse a déjà servi"),
    ({"organisation": "Autre organisme", "email": "autre@x.org"},
     "Nom d’utilisateur : ce nom d’utilisateur est déjà pris."),
])
def test_a_second_signup_of_the_same_organisation_email_or_username_is_refused(db, overrides, expected):
    signed_up(db)
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, **overrides)
    assert any(m.startswith(expected) for m in error.value.messages), error.value.messages
    assert db.scalar("SELECT count(*) FROM ambassadors") == 1
    assert db.scalar("SELECT count(*) FROM users WHERE role = 'ambassador'") == 1  # refused account rolled back


def test_the_same_organisation_may_join_another_campaign(db):
    signed_up(db)
    new_id = campaigns.copy_campaign(db, current_id(db), actor=ensure_staff(db), make_current=True)
    signup.sign_up(db, new_id, signup_data(username="smo-2023"), session_id="s2")
    assert db.scalar("SELECT count(*) FROM ambassadors") == 2


def test_the_rate_limit_counts_refused_and_accepted_sends_per_browser_session(db):
    for _ in range(signup.MAX_ATTEMPTS_PER_SESSION):
        with pytest.raises(AmbassadorError):
            signed_up(db, session_id="bot", email="invalide")
    with pytest.raises(AmbassadorError) as error:
        signed_up(db, session_id="bot")
    assert error.value.messages == ["Trop d’envois depuis ce navigateur. Réessayez dans une heure."]
    assert signed_up(db, session_id="someone-else")  # other browsers are not blocked


def test_the_rate_limit_expires_after_an_hour(db, monkeypatch):
    for _ in range(signup.MAX_ATTEMPTS_PER_SESSION):
        with pytest.raises(AmbassadorError):
            signed_up(db, session_id="bot", email="invalide")
    later = ambassadors.clock.utcnow() + dt.timedelta(hours=1, minutes=1)
    assert signup.rate_limit_message(db, "bot", now=later) is None


def test_decline_needs_a_note_and_approval_is_audited(db):
    ambassador_id = signed_up(db)
    with pytest.raises(AmbassadorError):
        ambassadors.decide(db, ambassador_id, "declined", " ", actor="staff-test")
    ambassadors.decide(db, ambassador_id, "declined", "Hors territoire", actor="staff-test")
    agreement = ambassadors.get_agreement(db, ambassador_id)
    assert (agreement.status, agreement.status_note, agreement.decided_by) == ("declined", "Hors territoire",
                                                                               "staff-test")
    ambassadors.decide(db, ambassador_id, "approved", "", actor="staff-test")
    actions = [r[0] for r in db.query("SELECT action FROM audit_log WHERE entity = 'ambassador' ORDER BY id")]
    assert actions[-2:] == ["ambassador.declined", "ambassador.approved"]


def test_staff_edit_an_agreement_and_keep_the_logo(db):
    ambassador_id = signed_up(db)
    before = ambassadors.get_agreement(db, ambassador_id)
    data = ambassadors.agreement_as_form_data(before)
    data.update(organisation="SMO (nouveau nom)", commitments=["billet-blogue"], moments=[],
                audiences={"facebook": 3000})
    ambassadors.update_agreement(db, ambassador_id, data, actor="staff-test")
    after = ambassadors.get_agreement(db, ambassador_id)
    assert after.organisation == "SMO (nouveau nom)"
    assert after.commitments == ("billet-blogue",) and after.moments == ()
    assert after.audiences == {"facebook": 3000}
    assert after.logo == before.logo
    assert db.scalar("SELECT updated_by FROM ambassadors WHERE id = ?", [ambassador_id]) == "staff-test"


def test_an_edit_cannot_take_another_organisations_name(db):
    first = signed_up(db)
    second = signed_up(db, organisation="Deuxième", email="deux@x.org", username="deuxieme")
    data = ambassadors.agreement_as_form_data(ambassadors.get_agreement(db, second))
    data["organisation"] = "santé mentale outaouais"
    with pytest.raises(AmbassadorError):
        ambassadors.update_agreement(db, second, data, actor="staff-test")
    assert first


def test_microsite_listing_and_logos_zip_hold_only_approved_ambassadors(db):
    import io
    import zipfile

    approved_id = signed_up(db)
    ambassadors.decide(db, approved_id, "approved", "", actor="staff-test")
    signed_up(db, organisation="En attente", email="attente@x.org", username="attente", logo=image_bytes("JPEG"))
    listing = listings.microsite_frame(db, current_id(db))
    assert list(listing["organisation"]) == ["Santé mentale Outaouais"]
    assert listing.loc[0, "logo"] == f"sante-mentale-outaouais-{approved_id}.png"
    names = zipfile.ZipFile(io.BytesIO(listings.logos_zip(db, current_id(db)))).namelist()
    assert names == [f"sante-mentale-outaouais-{approved_id}.png"]


def test_logo_file_names_are_safe(db):
    assert listings.logo_filename("../../etc/passwd <script>", 3, "jpeg") == "etc-passwd-script-3.jpg"
    assert listings.logo_filename("🌱", 4, "png") == "organisation-4.png"


def test_only_staff_may_approve_or_edit(db):
    ambassador_id = signed_up(db)
    with pytest.raises(AccessDenied, match="réservée à l’équipe"):
        ambassadors.decide(db, ambassador_id, "approved", "", actor="smo-outaouais")
    data = ambassadors.agreement_as_form_data(ambassadors.get_agreement(db, ambassador_id))
    with pytest.raises(AccessDenied, match="réservée à l’équipe"):
        ambassadors.update_agreement(db, ambassador_id, data, actor="smo-outaouais")
    assert ambassadors.get_agreement(db, ambassador_id).status == "pending"


def test_duplicate_checks_without_a_cursor_close_the_cursor_they_open(db, monkeypatch):
    opened = []
    real_cursor = db.cursor

    def tracked_cursor():
        opened.append(real_cursor())
        return opened[-1]

    monkeypatch.setattr(db, "cursor", tracked_cursor)
    ambassadors.duplicate_errors(db, current_id(db), "Santé mentale Outaouais", "julie@smo.example.org")
    assert opened
    for cur in opened:
        with pytest.raises(Exception, match="(?i)closed"):
            cur.execute("SELECT 1")


def test_the_password_is_hashed_before_the_signup_transaction_opens(db, monkeypatch):
    from lib.accounts import passwords

    in_transaction, hashed_inside = [False], []
    real_transaction, real_hash = db.transaction, passwords.hash_password

    def transaction(work, **kwargs):
        in_transaction[0] = True
        try:
            return real_transaction(work, **kwargs)
        finally:
            in_transaction[0] = False

    def hash_password(password):
        hashed_inside.append(in_transaction[0])
        return real_hash(password)

    monkeypatch.setattr(db, "transaction", transaction)
    monkeypatch.setattr(passwords, "hash_password", hash_password)
    monkeypatch.setattr(users, "hash_password", hash_password)
    signed_up(db)
    assert hashed_inside == [False]
    password_hash = db.scalar("SELECT password_hash FROM users WHERE username = 'smo-outaouais'")
    assert passwords.check_password(signup_data()["password"], password_hash)


def test_a_returning_ambassador_joins_next_years_campaign_with_its_account(db):
    ensure_staff(db)
    first = signed_up(db)
    ambassadors.decide(db, first, "approved", "", actor="staff-test")
    new_id = campaigns.copy_campaign(db, current_id(db), actor=ensure_staff(db), make_current=True)
    previous = signup.join_form_agreement(db, "smo-outaouais", new_id)
    assert previous.id == first
    data = ambassadors.agreement_as_form_data(previous)
    joined = signup.join_campaign(db, new_id, data, actor="smo-outaouais")
    agreement = ambassadors.get_agreement(db, joined)
    assert (agreement.campaign_id, agreement.username, agreement.status) == (new_id, "smo-outaouais", "pending")
    assert agreement.logo == previous.logo and agreement.commitments == previous.commitments
    assert db.scalar("SELECT count(*) FROM users") == 2  # staff-test and the ambassador: no new account
    assert users.get_user(db, "smo-outaouais").role == "ambassador"
    assert ambassadors.get_agreement(db, first).status == "approved"  # last year's agreement untouched
    assert signup.join_form_agreement(db, "smo-outaouais", new_id) is None
    with pytest.raises(AmbassadorError, match="déjà une entente"):
        signup.join_campaign(db, new_id, data, actor="smo-outaouais")


def test_only_an_ambassador_account_joins_a_campaign(db):
    signed_up(db)
    new_id = campaigns.copy_campaign(db, current_id(db), actor=ensure_staff(db), make_current=True)
    data = ambassadors.agreement_as_form_data(ambassadors.agreement_for_user(db, "smo-outaouais"))
    with pytest.raises(AmbassadorError, match="Seul un compte d’ambassadeur"):
        signup.join_campaign(db, new_id, data, actor=ensure_staff(db))
