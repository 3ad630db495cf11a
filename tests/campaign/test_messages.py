"""Validation and error messages of the campaign code: French in lib/, English on an
English screen, even when they carry values (a label, a count, a limit)."""
import ast
from pathlib import Path

from lib.campaign import agreement_form, campaigns, impact_reports
from lib.core.messages import Message, translate_message
from tests.ambassador_helpers import signup_data
from tests.catalogue_helpers import english_entry, extracted_from, extracted_ids, is_translated, placeholders

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("lib/campaign/ambassadors.py", "lib/campaign/agreement_form.py", "lib/campaign/signup.py",
           "lib/campaign/listings.py", "lib/campaign/impact_reports.py", "lib/campaign/campaigns.py")
MESSAGE_CALLS = ("Message", "AmbassadorError", "ReportError", "CampaignError", "append")
LABEL_CALLS = ("_text_errors", "_text_error", "_count_error")


def message_texts() -> set[str]:
    """Every literal message (or template, or field label) the campaign modules show people: the
    net that catches a message left unmarked (Babel's extraction, which the catalogue follows,
    only sees marked ones)."""
    found = set()
    for module in MODULES:
        for node in ast.walk(ast.parse((ROOT / module).read_text(encoding="utf-8"))):
            candidates = []
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", None))
                if name in MESSAGE_CALLS and node.args:
                    candidates.append(node.args[0])
                if name in LABEL_CALLS and len(node.args) > 1:
                    candidates.append(node.args[1])
            if isinstance(node, ast.Return) and node.value is not None:  # sentences returned as messages
                candidates += [n for n in ast.walk(node.value) if isinstance(n, ast.Constant)
                               and isinstance(n.value, str) and " " in n.value and n.value.endswith(".")]
            found |= {n.value for n in candidates if isinstance(n, ast.Constant) and isinstance(n.value, str)
                      and n.value.strip() and not n.value.lstrip().startswith(("SELECT", "INSERT", "UPDATE"))}
    return found


def test_every_campaign_message_has_english_with_the_same_placeholders():
    texts = message_texts()
    assert "{label} : ce champ est obligatoire." in texts  # the scan finds the templates
    assert "{label} : ce champ est obligatoire." in extracted_from("lib/campaign/agreement_form.py")  # so does Babel
    unmarked = sorted(texts - extracted_ids())  # mark them (or list them in lib/core/locales/unmarked.py)
    assert not unmarked, unmarked
    missing = sorted(text for text in texts if not is_translated(english_entry(text)))
    assert not missing, missing
    for text in texts:
        entry = english_entry(text)
        for form in entry.string if isinstance(entry.string, tuple) else (entry.string,):
            assert placeholders(text) == placeholders(form), text


def test_a_message_is_its_french_text_and_translates_through_its_template():
    message = Message("{label} : ce champ est obligatoire.", label="Signature — nom")
    assert message == "Signature — nom : ce champ est obligatoire."
    assert translate_message(message, "fr") == message
    assert translate_message(message, "en") == "Signature — name: this field is required."


def test_signup_errors_read_in_english_on_an_english_screen(db):
    types = campaigns.list_commitment_types(db, campaigns.current_campaign(db).id)
    errors = agreement_form.validate_signup(signup_data(signer_name="", why_text="mot " * 151, commitments=[]),
                                         types, [])
    english = [translate_message(message, "en") for message in errors]
    assert "Signature — name: this field is required." in english
    assert "Why we join the movement: 151 words; the limit is 150 words." in english
    assert "Commitments: tick at least one commitment." in english


def test_report_and_campaign_errors_with_values_read_in_english():
    report = impact_reports.validate_report({"activities": [{"type": "", "participants": -1}]}, [])
    assert "Activity 1: give the type (webinar, booth, talk…)." in [translate_message(m, "en") for m in report]
    assert "Activity 1 — participants: a whole number from 0 to 10 000 000." in [
        translate_message(m, "en") for m in report]
    errors = campaigns.validate_campaign({"slug": "ok-slug", "name": "X", "moments": [{"kind": "date"}]})
    english = [translate_message(m, "en") for m in errors]
    assert "The start date is required." in english
    assert "Key moment 1: missing fields (key, when, starts_on, ends_on)." in english
