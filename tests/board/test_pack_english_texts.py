"""The board pack shows staff's English texts of the plan in English, never in French: on
screen (the pack's tables), in the PDF (text extraction) and in the workbook (openpyxl)."""
from __future__ import annotations

import io

import openpyxl
import pytest
from pypdf import PdfReader

from lib.board import pack, pdf, workbook
from lib.plan import items
from tests.board.history_helpers import NOW, ONE_OFF, build_history

AXIS_EN = "MOBILIZATION OF MEMBERS"
MEANS_EN = "Set up an open working committee"


@pytest.fixture
def story(db, monkeypatch):
    built = build_history(db, monkeypatch)
    staff = built["staff"]
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 1")
    items.update_axis(db, staff, axis_id, "MOBILISATION", db.scalar("SELECT objective FROM axes WHERE id = ?",
                                                                     [axis_id]), name_en=AXIS_EN)
    text, period, indicator, responsible = db.query_one(
        "SELECT text, period_label, indicator, responsible_label FROM means WHERE id = ?", [ONE_OFF])
    items.update_means(db, staff, ONE_OFF, text, period, indicator, responsible, text_en=MEANS_EN)
    return {**built, "means_fr": text}


def _pack(db, story, lang):
    return pack.build_pack(db, story["dec"], story["sept"], made_by="Marie Tremblay", lang=lang,
                           next_meeting=story["feb"], now=NOW)


def _squeeze(text) -> str:
    return "".join(str(text).split())


def test_the_english_pack_names_the_axis_and_the_means_in_english(db, story):
    built = _pack(db, story, "en")
    progress = next(s for s in built.sections if s.key == "progress").tables[0].frame
    assert progress.iloc[0]["Axis"] == f"1. {AXIS_EN}"
    done = next(s for s in built.sections if s.key == "changes").tables[0].frame
    assert list(done["Means"]) == [MEANS_EN]  # 1.2.2, done since September
    text = pack.pack_text(built)
    assert story["means_fr"] not in text and "1. MOBILISATION" not in text


def test_the_french_pack_never_shows_the_english_texts(db, story):
    text = pack.pack_text(_pack(db, story, "fr"))
    assert "1. MOBILISATION" in text and story["means_fr"] in text
    assert AXIS_EN not in text and MEANS_EN not in text


def test_the_english_pdf_and_workbook_hold_the_english_texts(db, story):
    built = _pack(db, story, "en")
    pages = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.render_pdf(built))).pages)
    assert _squeeze(AXIS_EN) in _squeeze(pages) and _squeeze(MEANS_EN) in _squeeze(pages)
    assert _squeeze(story["means_fr"]) not in _squeeze(pages)
    sheets = openpyxl.load_workbook(io.BytesIO(workbook.render_xlsx(built)))
    cells = {str(c) for sheet in sheets for row in sheet.iter_rows(values_only=True) for c in row if c is not None}
    assert f"1. {AXIS_EN}" in cells and MEANS_EN in cells
    assert story["means_fr"] not in cells
