"""The gettext catalogues: every text the code marks (Babel's extraction with babel.cfg, the
README's `pybabel extract`) has a real English translation in
lib/core/locales/en/LC_MESSAGES/messages.po, with the same placeholders and its plural forms;
the committed template and catalogue follow the code (so contributors re-run the README's
extract and update commands); the .mo is compiled from the .po without any command."""
from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import shutil
import tempfile

import pytest

from lib.campaign import charts, impact_reports
from lib.core import audit, i18n, roles
from lib.core.messages import Message, PluralMessage, translate_message
from lib.plan import items, overview, tracking
from lib.plan.updates import list_updates
from lib.ui import campaign_widgets, navigation
from tests.catalogue_helpers import (
    POT_PATH,
    ROOT,
    english,
    extracted,
    extracted_from,
    extracted_template,
    is_translated,
    placeholders,
    translated,
)


def test_the_committed_template_is_what_the_code_extracts():
    committed = POT_PATH.read_text(encoding="utf-8")
    fresh = extracted_template()
    diff = "".join(difflib.unified_diff(committed.splitlines(True), fresh.splitlines(True), "messages.pot (committed)",
                                        "messages.pot (extracted now)", n=1))
    assert committed == fresh, "Re-run the README's pybabel extract and update commands:\n" + diff[:4000]


def test_the_english_catalogue_has_exactly_the_template_messages():
    template = {(m.id, m.context) for m in extracted() if m.id}
    catalogue = {(m.id, m.context) for m in english() if m.id}  # obsolete (#~) entries are not messages
    assert sorted(template - catalogue, key=str) == [], "run the README's pybabel update command"
    assert sorted(catalogue - template, key=str) == [], "run the README's pybabel update command"


def test_every_extracted_message_has_a_real_english_translation():
    untranslated = [m.id for m in extracted() if m.id and not is_translated(english().get(m.id, m.context))]
    assert untranslated == [], "empty or fuzzy in messages.po: " + repr(untranslated)


def test_translations_keep_the_placeholders_of_their_msgid_and_every_plural_form():
    for entry in english():
        if not entry.id:
            continue
        french = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.pluralizable:
            assert len(forms) == english().num_plurals, entry.id
        expected = placeholders(french[-1])
        assert [placeholders(text) for text in french + forms] == [expected] * (len(french) + len(forms)), entry.id


def test_the_extraction_sees_every_kind_of_marker():
    found = {m.id for m in extracted()}
    assert "Sauvegarde écrite et vérifiée : {name}" in found  # t()
    assert "Moments forts et nombre d’ambassadeurs engagés (ambassadeurs approuvés)" in found  # translate()
    assert "{label} : ce champ est obligatoire." in found  # Message()
    assert ("{row} : champ manquant ({fields}).", "{row} : champs manquants ({fields}).") in found  # PluralMessage()
    assert ("{n} ambassadeur", "{n} ambassadeurs") in found  # ngettext()
    assert ("{n} moyen sur {total}", "{n} moyens sur {total}") in found  # nt()
    assert "Administrateur" in found and "Rapport de retombées soumis" in found  # N_() in constants
    assert "Axe enregistré." in found  # _saved()
    assert "Décision inconnue." in found and "Ce plan n’existe pas." in found  # the error classes


def test_labels_kept_in_constants_are_translated():
    labels = [spec.title_fr for spec in (*navigation.PAGES, *navigation.SIGNED_OUT_PAGES, navigation.FIRST_RUN_PAGE)]
    labels += [*roles.ROLE_LABELS_FR.values(), *audit.ACTION_LABELS_FR.values(), *audit.ACTION_GROUPS_FR.values()]
    labels += [*impact_reports.STATUS_LABELS_FR.values(), *impact_reports.REACH_METRIC_LABELS.values(),
               *impact_reports.REACH_METRIC_NOUNS_FR.values(), *impact_reports.ACTIVITY_COLUMNS_FR.values()]
    labels += [label for _, label, _ in campaign_widgets.CAMPAIGN_FIELDS]
    labels += [word for key, word, _ in charts.GRID_STATES if key != "none"]
    labels += [*overview.HEADERS_FR, *overview.VALUES_FR]
    assert [label for label in labels if not translated(label)] == []


def test_every_header_and_word_of_the_plan_tables_is_translated(db):
    plan_id = items.current_plan_id(db)
    today = dt.date(2026, 11, 23)
    status = tracking.plan_status(db, plan_id, today)
    updates = list_updates(db, plan_id=plan_id)
    tables = [overview.axis_progress(status), overview.status_breakdown(status), overview.late_items(status),
              overview.due_soon(status, today), overview.party_load(status), overview.latest_updates(updates, status),
              overview.item_history(updates), overview.find_table(status),
              *(overview.quantities_table([(today, 2.0)], kind, "month") for kind in ("count_by", "frequency", "done"))]
    headers = {column for table in tables for column in table.columns if column != "id"}
    assert sorted(h for h in headers if not translated(h)) == []
    words = set(overview.find_table(status)["En retard"]) | set(overview.find_table(status)["Statut"])
    assert sorted(w for w in words if not translated(w)) == []


def test_texts_passed_to_functions_that_translate_later_are_marked():
    # Babel reads positional arguments only: a French text given as empty_fr= must be wrapped in N_().
    unmarked = [f"{path.relative_to(ROOT)}:{number}"
                for path in [ROOT / "app.py", *(ROOT / "pages").rglob("*.py"), *(ROOT / "lib").rglob("*.py")]
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if re.search(r"\bempty_fr=[\"']", line)]
    assert unmarked == []
    assert "Aucun moyen en retard." in extracted_from("pages/plan/vue_ensemble.py")


@pytest.mark.parametrize("n, french, english_text", [
    (0, "0 moyen sur 5", "0 means out of 5"),
    (1, "1 moyen sur 5", "1 means out of 5"),
    (2, "2 moyens sur 5", "2 means out of 5"),
])
def test_plural_forms_follow_each_language(n, french, english_text):
    assert i18n.ngettext("{n} moyen sur {total}", "{n} moyens sur {total}", n, "fr", total=5) == french
    assert i18n.ngettext("{n} moyen sur {total}", "{n} moyens sur {total}", n, "en", total=5) == english_text


def test_the_count_in_a_plural_is_written_in_the_language():
    assert i18n.ngettext("{n} moyen sur {total}", "{n} moyens sur {total}", 1100, "fr", total=5) == (
        "1\xa0100 moyens sur 5")
    assert i18n.ngettext("{n} moyen sur {total}", "{n} moyens sur {total}", 1100, "en", total=5) == (
        "1,100 means out of 5")


def test_english_plural_and_french_fallback_rules():
    assert [i18n.ngettext("{n} ambassadeur", "{n} ambassadeurs", n, "en") for n in (0, 1, 2)] == [
        "0 ambassadors", "1 ambassador", "2 ambassadors"]
    # An untranslated pair falls back to French, with the French rule (0 is singular).
    assert [i18n.ngettext("{n} chose", "{n} choses", n, "en") for n in (0, 1, 2)] == ["0 chose", "1 chose", "2 choses"]


def test_a_plural_message_is_its_french_text_and_translates_through_both_forms():
    one = PluralMessage("{row} : champ manquant ({fields}).", "{row} : champs manquants ({fields}).", 1,
                        row=Message("Canal {index}", index=2), fields="key")
    two = PluralMessage("{row} : champ manquant ({fields}).", "{row} : champs manquants ({fields}).", 2,
                        row=Message("Canal {index}", index=2), fields="key, label")
    assert (one, two) == ("Canal 2 : champ manquant (key).", "Canal 2 : champs manquants (key, label).")
    assert translate_message(one, "fr") == one
    assert translate_message(two, "en") == "Channel 2: missing fields (key, label)."


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """lib.core.i18n reading a copy of the catalogues in tmp_path (no .mo yet)."""
    shutil.copytree(i18n.LOCALE_DIR / "en", tmp_path / "en", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    yield tmp_path / "en" / "LC_MESSAGES"
    i18n.translations.cache_clear()


def test_the_mo_is_compiled_on_first_use_and_again_when_the_po_is_newer(locale_copy):
    mo = locale_copy / "messages.mo"
    assert not mo.exists()
    assert i18n.translate("Se déconnecter", "en") == "Sign out"
    assert mo.exists()
    po = locale_copy / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Sign out"', 'msgstr "Log out"'), encoding="utf-8")
    earlier = po.stat().st_mtime - 60
    os.utime(mo, (earlier, earlier))  # the .mo of an older .po
    i18n.translations.cache_clear()
    assert i18n.translate("Se déconnecter", "en") == "Log out"
    assert mo.stat().st_mtime >= po.stat().st_mtime


def test_a_read_only_checkout_compiles_in_memory(locale_copy, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert i18n.translate("Se déconnecter", "en") == "Sign out"
    assert not (locale_copy / "messages.mo").exists()


def test_fuzzy_and_empty_translations_fall_back_to_french(locale_copy):
    po = locale_copy / "messages.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgid "Se déconnecter"\nmsgstr "Sign out"', 'msgid "Se déconnecter"\nmsgstr ""')
    text = text.replace('msgid "Se connecter"\n', '#, fuzzy\nmsgid "Se connecter"\n')
    po.write_text(text, encoding="utf-8")
    assert i18n.translate("Se déconnecter", "en") == "Se déconnecter"
    assert i18n.translate("Se connecter", "en") == "Se connecter"
    assert i18n.translate("Mot de passe", "en") == "Password"
