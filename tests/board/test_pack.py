"""The board pack for a fixed history (tests/board/history_helpers.py): exact content in French
and English, the PDF and the workbook read back, and the archive giving the same bytes again."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from pypdf import PdfReader

from lib.board import archive, pack, pdf, workbook
from lib.campaign import ambassadors, impact_reports
from lib.core import clock
from lib.plan import history
from lib.plan.updates import UpdateInput, record_update
from tests.ambassador_helpers import approved
from tests.board.history_helpers import COUNTED, NOW, SEPT, build_history

# The target "d'ici 2024" is judged at its deadline: members recruited in 2026 count apart.
MISSED = "0 / 10 nouveaux membres d’ici 2024 : cible manquée au 31 décembre 2024"


@pytest.fixture
def story(db, monkeypatch):
    return build_history(db, monkeypatch)


def _pack(db, story, lang="fr"):
    return pack.build_pack(db, story["dec"], story["sept"], made_by="Marie Tremblay", lang=lang,
                           next_meeting=story["feb"], now=NOW)


def _section(built, key):
    return next(s for s in built.sections if s.key == key)


def _rows(built, key, index, columns=None):
    frame = _section(built, key).tables[index].frame
    return [tuple(row) for row in (frame[columns] if columns else frame).itertuples(index=False)]


def test_the_previous_meeting_shows_what_the_board_was_told_then(db, story):
    told = history.state_at(db, SEPT).set_index("means_id")
    rewritten = history.state_at(db, SEPT, NOW).set_index("means_id")
    # A target "d'ici 2024" is judged at its deadline (issue 13): members recruited in 2026 show apart.
    assert told.at[COUNTED, "target_progress_fr"] == f"{MISSED} (+4 depuis)"
    assert rewritten.at[COUNTED, "target_progress_fr"] == f"{MISSED} (+5 depuis)"
    assert story["new_means"] not in told.index  # added on 5 October


def test_french_pack_holds_exactly_what_changed(db, story):
    built = _pack(db, story)
    assert [s.key for s in built.sections] == ["cover", "summary", "progress", "changes", "late", "due",
                                               "needs_update", "campaign"]
    assert _section(built, "summary").paragraphs == [
        "Au 1er décembre 2026 : 7\u00a0% des moyens réalisés ou en bonne voie, 51 moyens en retard.",
        "Depuis le CA du 15 septembre 2026 : 1 moyen réalisé, 1 nouveau retard, 1 moyen n’est plus en retard, "
        "l’axe 1 passe de 25\u00a0% à 31\u00a0%.",
        "Suivi du plan : 3 mises à jour enregistrées, 1 élément ajouté au plan, 1 élément archivé.",
        "Campagne : 0 nouvel ambassadeur, 0 rapport de retombées reçu.",
    ]
    assert _rows(built, "changes", 0, ["N°", "Cycle"]) == [("1.2.2", "avril 2021")]
    assert _rows(built, "changes", 1, ["N°", "Pourquoi"]) == [
        ("1.1.1", "Aucune mise à jour depuis 122 jours (dernière le 1er août 2026; attendue tous les 90 jours)")]
    assert _rows(built, "changes", 2, ["N°", "Statut"]) == [("1.2.2", "Réalisé")]
    assert _rows(built, "changes", 3, ["N°", "Avant", "Maintenant"]) == [("1.2.2", "En cours", "Réalisé")]
    assert _rows(built, "changes", 4, ["N°", "Avant", "Maintenant"]) == [
        ("1.4.3", f"{MISSED} (+4 depuis)", f"{MISSED} (+7 depuis)")]
    # The correction recorded on 20 September is news for this meeting; the 2 December update is not.
    assert _rows(built, "changes", 5, ["N°", "Note", "Corrige"]) == [
        ("1.4.3", "5 nouveaux membres (correction).", "3"), ("1.2.2", "Comité en place, mandat adopté.", ""),
        ("1.4.3", "2 nouveaux membres.", "")]
    assert _rows(built, "changes", 6, ["Quoi", "Élément"]) == [
        ("Moyen ajouté", "1.2.3 Tenir un forum régional des membres"),
        ("Moyen archivé", "6.4.2 Faire l’achat de l’équipement pour le bon fonctionnement")]
    late = _rows(built, "late", 0, ["N°"])
    assert len(late) == 51 and ("1.1.1",) in late and ("1.2.2",) not in late
    assert _rows(built, "due", 0, ["N°", "Échéance"]) == [("1.2.3", "31 décembre 2026"), ("1.4.3", "3 février 2027")]
    needs = dict(_rows(built, "needs_update", 0, ["N°", "Raison"]))
    assert needs["1.1.1"] == "Aucune nouvelle depuis 122 jours"
    assert needs["1.4.2"] == "Cycle mars 2026 passé sans mise à jour"
    assert "1.4.3" not in needs and "1.2.2" not in needs
    assert _rows(built, "needs_update", 1)[0] == ("DG", "31")
    cover = dict(_rows(built, "cover", 0))
    assert cover["Période couverte"] == "Du 15 septembre 2026 au 1er décembre 2026"
    assert cover["Mises à jour connues jusqu’au"] == "1er décembre 2026, 23 h 59"
    assert cover["Par"] == "Marie Tremblay"


def test_english_pack_says_the_same_in_english(db, story):
    built = _pack(db, story, "en")
    assert built.title == "Board pack — Board meeting of December 1, 2026"
    assert built.footer == "Confidential — for the board’s internal use"
    assert _section(built, "summary").paragraphs == [
        "As of December 1, 2026: 7% of the means done or on track, 51 means late.",
        "Since the board meeting of September 15, 2026: 1 means done, 1 newly late, 1 means no longer late, "
        "axis 1 goes from 25% to 31%.",
        "Plan tracking: 3 updates recorded, 1 item added to the plan, 1 item archived.",
        "Campaign: 0 new ambassadors, 0 impact reports received.",
    ]
    changes = _section(built, "changes")
    assert [t.title for t in changes.tables] == ["Means done", "Newly late", "No longer late", "Status changes",
                                                 "Indicator progress", "New updates", "Changes to the plan"]
    assert list(changes.tables[3].frame.columns) == ["No.", "Means", "Before", "Now"]
    assert _rows(built, "changes", 3, ["No.", "Before", "Now"]) == [("1.2.2", "In progress", "Done")]
    assert _rows(built, "changes", 6, ["What"]) == [("Item added",), ("Item archived",)]
    assert dict(_rows(built, "needs_update", 0, ["No.", "Reason"]))["1.1.1"] == "No news for 122 days"


def _squeeze(text) -> str:
    return "".join(str(text).split())


def _cell(value) -> str:
    """A cell as compared with the workbook, which keeps counts as numbers ("1 315 000" or
    "1,315,000" on screen and in print is 1315000 there)."""
    squeezed = _squeeze(value)
    return squeezed.replace(",", "") if squeezed.replace(",", "").isdigit() else squeezed


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_and_workbook_hold_what_the_screen_shows(db, story, lang):
    built = _pack(db, story, lang)
    reader = PdfReader(io.BytesIO(pdf.render_pdf(built)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 2
    assert [float(v) for v in reader.pages[0].mediabox[2:]] == [612.0, 792.0]  # US Letter
    for number, text in enumerate(pages, start=1):
        assert _squeeze(built.footer) in _squeeze(text)
        assert _squeeze(("Page {n} de {total}" if lang == "fr" else "Page {n} of {total}").format(
            n=number, total=len(pages))) in _squeeze(text)
    everything = _squeeze("".join(pages))
    sheets = openpyxl.load_workbook(io.BytesIO(workbook.render_xlsx(built)))
    assert sheets.sheetnames == [s.title for s in built.sections]
    for section in built.sections:
        cells = {_cell(c) for row in sheets[section.title].iter_rows(values_only=True) for c in row if c is not None}
        titles = [section.title] if section.key != "cover" else []  # the cover is the first page, untitled
        for text in [*titles, *section.paragraphs, *(t.title for t in section.tables)]:
            assert _squeeze(text) in everything
            assert _cell(text) in cells
        assert _cell(section.title) in cells
        for table in section.tables:
            if table.frame.empty:  # the table's "nothing" sentence stands in for it everywhere
                assert _squeeze(table.empty) in everything and _cell(table.empty) in cells
                continue
            for value in [*table.frame.columns, *table.frame.to_numpy().ravel()]:
                if value != "":
                    assert _squeeze(value) in everything, value
                    assert _cell(value) in cells, value
    organiser = [row for row in sheets[built.sections[-1].title].iter_rows(values_only=True) if row[0] == "Facebook"]
    assert organiser[0][1] == 1315000  # a count stays a number in the workbook


def test_an_archived_pack_downloads_byte_for_byte(db, story, monkeypatch):
    made = archive.make_pack(db, story["staff"], story["dec"], story["sept"], next_meeting=story["feb"], now=NOW)
    again = archive.get_pack(db, made.id)
    assert (again.pdf, again.xlsx) == (made.pdf, made.xlsx)
    assert again.pdf.startswith(b"%PDF") and again.file_stem == "document-ca-2026-12-01"
    assert PdfReader(io.BytesIO(again.pdf)).pages[0].extract_text().startswith("Document du CA")
    # Asked again on the same data: the archived pack, not a near-copy.
    assert archive.make_pack(db, story["staff"], story["dec"], story["sept"], now=NOW).id == made.id
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'board.pack'") == 1
    record_update(db, story["staff"], COUNTED, UpdateInput("en_cours", 60, NOW.date(), note="Relance."))
    newer = archive.make_pack(db, story["staff"], story["dec"], story["sept"], now=NOW)
    assert newer.id != made.id
    assert list(archive.list_packs(db)["id"]) == [newer.id, made.id]
    assert archive.get_pack(db, made.id).pdf == made.pdf


def test_the_campaign_part_counts_new_ambassadors_reports_and_labelled_reach(db, story, monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 9, 1, 15))
    early = approved(db)  # before the September meeting: not new in December
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 10, 10, 15))
    approved(db, organisation="Maison Réalité", email="info@realite.example.org", username="maison-realite",
             contact_name="Luc Gagnon", signer_name="Luc Gagnon")
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 11, 20, 15))
    agreement = ambassadors.get_agreement(db, early)
    data = impact_reports.form_data(db, agreement)
    data["reach"]["facebook"].update({"posts": 3, "views": 4000, "people_reached": 1200})
    impact_reports.save_report(db, early, data, actor=agreement.username, submit=True, today=date(2026, 11, 20))
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)

    built = _pack(db, story)
    assert _section(built, "summary").paragraphs[-1] == (
        "Campagne : 1 nouvel ambassadeur, 1 rapport de retombées reçu, "
        "1\u00a0200 personnes jointes selon ces rapports.")
    campaign = _section(built, "campaign")
    assert [t.title for t in campaign.tables] == [
        "Ambassadeurs", "Nouveaux ambassadeurs (depuis la rencontre précédente)",
        "Engagements choisis (ambassadeurs approuvés)", "Rapports de retombées reçus et manquants",
        "Auditoire propre de l’organisateur", "Auditoire déclaré par les ambassadeurs",
        "Portée rapportée dans les rapports de retombées"]
    assert _rows(built, "campaign", 1, ["Organisation"]) == [("Maison Réalité",)]
    assert _rows(built, "campaign", 3, ["Organisation", "Statut du rapport"]) == [
        ("Maison Réalité", "Non commencé"), ("Santé mentale Outaouais", "Soumis")]
    assert _rows(built, "campaign", 5)[0] == ("Facebook", "5\u00a0000")  # 2 500 declared by each
    assert _rows(built, "campaign", 6, ["Canal", "Personnes jointes"]) == [("Facebook", "1\u00a0200")]
