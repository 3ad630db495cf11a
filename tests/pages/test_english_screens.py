"""English screens get English: counts through their plural forms, values through templates
(never French punctuation around an English label), lib's messages through their template."""
import pytest
from streamlit.testing.v1 import AppTest

from lib.core.messages import translate_message
from lib.plan import items
from tests.conftest import APP_TIMEOUT, ROOT, make_user, sign_in_state
from tests.table_helpers import tables

pytestmark = pytest.mark.page  # every test here drives the app through english_app (an AppTest)


def english_app(file_db, role: str, page: str) -> AppTest:
    user = make_user(file_db, role, f"{role}-en")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=APP_TIMEOUT)
    sign_in_state(app, user)
    app.session_state["lang"] = "en"
    app.run()
    app.switch_page(page)
    app.run()
    assert not app.exception
    return app


def test_the_updates_page_counts_and_labels_in_english(file_db):
    means_id = file_db.scalar("SELECT min(id) FROM means")
    file_db.transaction(lambda cur: cur.execute("UPDATE means SET period_label = 'Quand le vent tourne' WHERE id = ?",
                                                [means_id]))
    app = english_app(file_db, "staff", "pages/plan/mises_a_jour.py")
    total = file_db.scalar("SELECT count(*) FROM means")
    assert any(w.value.startswith("1 means has a period the app cannot read") for w in app.warning)
    assert any(c.value == f"{total} means out of {total}" for c in app.caption)
    assert any(x.value.endswith(": “Quand le vent tourne”") for x in app.text)
    assert any(x.value == "To do · 0%" for x in app.text)
    assert any(c.value.startswith("Target: ") for c in app.caption)


def test_the_plan_page_counts_and_labels_in_english(file_db):
    app = english_app(file_db, "board", "pages/plan/plan_action.py")
    means = file_db.scalar("SELECT count(*) FROM means")
    assert any(c.value.endswith(f" actions · {means} means") for c in app.caption)
    markdown = [m.value for m in app.markdown]
    assert any(m.startswith("**Objective**: ") for m in markdown)
    assert "**Status**: To do" in markdown
    assert any(m.startswith("**Progress toward the target**: Not done") for m in markdown)


def test_plan_errors_built_from_values_read_in_english(db):
    staff = make_user(db, "staff", "staff-en")
    plan_id = items.current_plan_id(db)
    with pytest.raises(items.PlanError) as error:
        items.add_axis(db, staff, plan_id, "x" * (items.NAME_MAX_CHARS + 1), "y" * (items.TEXT_MAX_CHARS + 1))
    assert error.value.messages == ["Le nom de l’axe dépasse 500 caractères.", "L’objectif dépasse 2000 caractères."]
    assert [translate_message(m, "en") for m in error.value.messages] == [
        "The axis name: 500 characters at most.", "The objective: 2000 characters at most."]
    with pytest.raises(items.PlanError) as error:
        items.add_axis(db, staff, plan_id, " ")
    assert [translate_message(m, "en") for m in error.value.messages] == ["The axis name is required."]


def _monthly_first_means(file_db) -> int:
    means_id = file_db.scalar("SELECT min(id) FROM means")
    file_db.transaction(lambda cur: cur.execute("UPDATE means SET period_label = 'Mensuellement' WHERE id = ?",
                                                [means_id]))
    return means_id


def test_the_plan_page_shows_late_reasons_and_schedules_in_english(file_db):
    _monthly_first_means(file_db)  # never updated: its previous month is late
    app = english_app(file_db, "board", "pages/plan/plan_action.py")
    errors = [e.value for e in app.error]
    assert any(e.startswith("Late — Cycle ") and "was due on" in e and "no update" in e for e in errors), errors
    assert not any(word in e for e in errors for word in (" échu ", "aucune mise à jour", "janvier", "février"))
    captions = [c.value for c in app.caption]
    assert "Monthly" in captions
    assert not any(c.startswith(("Mensuel", "Une fois", "Chaque année", "En continu")) for c in captions)


def test_the_updates_page_shows_late_reasons_and_schedules_in_english(file_db):
    _monthly_first_means(file_db)
    app = english_app(file_db, "staff", "pages/plan/mises_a_jour.py")
    errors = [e.value for e in app.error]
    assert any(e.startswith("Cycle ") and "was due on" in e for e in errors), errors
    assert any(c.value == "Monthly" for c in app.caption)


def test_the_overview_tables_show_late_reasons_in_english(file_db):
    _monthly_first_means(file_db)
    app = english_app(file_db, "board", "pages/plan/vue_ensemble.py")
    late = next(frame for frame in tables(app) if "Why" in frame.columns)
    reasons = [str(r) for r in late["Why"]]
    assert reasons and not any(" échu" in r or "échéance du" in r or "Aucune mise à jour" in r for r in reasons)
    assert any(r.startswith("Cycle ") and "was due on" in r for r in reasons)
