"""Pages show staff's English texts of the plan and the campaign to readers of English only:
the overview, the plan, the Rapports pack, the campaign and the sign-up."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.campaign import campaigns
from lib.plan import items
from tests.ambassador_helpers import approved, ensure_staff, open_signups
from tests.board.history_helpers import build_history
from tests.conftest import APP_TIMEOUT, ROOT, make_user, sign_in_state
from tests.table_helpers import tables

pytestmark = pytest.mark.page  # every test here drives the app through _app (an AppTest)

AXIS_EN = "MOBILIZATION OF MEMBERS"
LAUNCH_EN = "At the launch of the campaign"


def _app(file_db, role: str | None, page: str, lang: str, username: str | None = None, **state) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    if role is not None:
        sign_in_state(app, make_user(file_db, role, username or f"{role}-{lang}"))
    app.session_state["lang"] = lang
    for key, value in state.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception, app.exception
    return app


def _name_axis_one_in_english(db) -> None:
    staff = make_user(db, "staff", "staff-writer")
    axis_id = db.scalar("SELECT id FROM axes WHERE number = 1")
    items.update_axis(db, staff, axis_id, "MOBILISATION", db.scalar("SELECT objective FROM axes WHERE id = ?",
                                                                     [axis_id]), name_en=AXIS_EN)


def _cells(app) -> set[str]:
    """Every cell of the page's grids and static tables (lib.ui.tables), as text."""
    frames = [frame.value for frame in app.dataframe] + tables(app)
    return {str(v) for frame in frames for v in frame.to_numpy().ravel()}


def test_an_english_board_member_sees_the_english_axis_name_on_the_overview_and_a_french_one_does_not(file_db):
    _name_axis_one_in_english(file_db)
    english = _app(file_db, "board", "pages/plan/vue_ensemble.py", "en")
    assert f"1. {AXIS_EN}" in _cells(english)
    assert "1. MOBILISATION" not in _cells(english)
    french = _app(file_db, "board", "pages/plan/vue_ensemble.py", "fr")
    assert "1. MOBILISATION" in _cells(french)
    assert not any(AXIS_EN in cell for cell in _cells(french))


def test_the_plan_page_and_its_document_view_name_the_axis_in_english(file_db):
    _name_axis_one_in_english(file_db)
    app = _app(file_db, "board", "pages/plan/plan_action.py", "en")
    assert app.selectbox(key="plan.axis").options[0] == f"1. {AXIS_EN}"
    assert any(AXIS_EN in h.value for h in app.header)
    app.button_group(key="plan.view").set_value("document").run()
    assert not app.exception
    assert any(AXIS_EN in h.value for h in app.subheader)


def test_the_rapports_pack_names_the_axis_in_english_for_an_english_reader_only(file_db, monkeypatch):
    story = build_history(file_db, monkeypatch)
    _name_axis_one_in_english(file_db)
    english = _app(file_db, "board", "pages/plan/rapports.py", "en", **{"packs.meeting": story["dec"].id})
    assert f"1. {AXIS_EN}" in _cells(english)
    french = _app(file_db, "board", "pages/plan/rapports.py", "fr", **{"packs.meeting": story["dec"].id})
    assert "1. MOBILISATION" in _cells(french) and not any(AXIS_EN in cell for cell in _cells(french))


def test_the_sign_up_offers_the_moments_in_english_to_an_english_visitor(file_db):
    ensure_staff(file_db)
    cid = open_signups(file_db)
    row = campaigns.list_moments(file_db, cid).set_index("key").loc["lancement"]
    campaigns.update_campaign_details(file_db, cid, actor="staff-test", moments=[
        {"key": "lancement", "when": row["when_label"], "starts_on": row["starts_on"], "ends_on": row["ends_on"],
         "checklist_label_en": LAUNCH_EN}])
    for lang in ("en", "fr"):
        app = _app(file_db, None, "pages/campaign/devenir_ambassadeur.py", lang)
        app.checkbox(key="signup.commitment_moments-forts").check().run()
        label = app.checkbox(key="signup.moment_lancement").label
        assert (label == LAUNCH_EN) is (lang == "en"), label


def test_the_campaign_page_names_moments_and_commitments_in_english_for_an_english_reader_only(file_db):
    approved(file_db)  # who ticked the commitment: its chart and table show
    cid = campaigns.current_campaign(file_db).id
    row = campaigns.list_moments(file_db, cid).set_index("key").loc["lancement"]
    campaigns.update_campaign_details(
        file_db, cid, actor="staff-test",
        moments=[{"key": "lancement", "when": row["when_label"], "starts_on": row["starts_on"],
                  "ends_on": row["ends_on"], "checklist_label_en": LAUNCH_EN}],
        commitments=[{"key": "partager-publications", "label_en": "Share the Movement's posts"}])
    english = _cells(_app(file_db, "board", "pages/campaign/campagne.py", "en"))
    assert any(LAUNCH_EN in cell for cell in english)
    assert any("Share the Movement's posts" in cell for cell in english)
    french = _cells(_app(file_db, "board", "pages/campaign/campagne.py", "fr"))
    assert not any(LAUNCH_EN in cell or "Share the Movement" in cell for cell in french)
    assert any(str(row["checklist_label"]) in cell for cell in french)
