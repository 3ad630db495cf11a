"""The campaign pages read through lib.ui.campaign_views' caches: a write shows on the next
rerun (every write is audited, which moves the data version), and a wall of many ambassadors
comes in pages."""
import datetime as dt

from lib import demo
from lib.campaign import ambassadors, campaigns, wall
from tests.ambassador_helpers import approved, ensure_staff, signed_up
from tests.table_helpers import tables


def _shown_in_a_table(app, text: str) -> bool:
    """In a grid or a static table (lib.ui.tables) of the page."""
    frames = [frame.value for frame in app.dataframe] + tables(app)
    return any(text in str(frame.to_numpy().tolist()) for frame in frames)


def test_a_decision_shows_on_the_next_rerun_of_the_cached_pages(app_for, file_db):
    pending = signed_up(file_db)
    staff = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert staff.metric[0].value == "0"  # approved ambassadors
    board = app_for("board", "pages/campaign/campagne.py")
    assert not _shown_in_a_table(board, "Santé mentale Outaouais")
    wall_app = app_for(None, "pages/campaign/nos_ambassadeurs.py")
    assert not [s for s in wall_app.subheader if "Santé mentale" in s.value]

    ambassadors.decide(file_db, pending, "approved", "Bienvenue", actor=ensure_staff(file_db))
    for app in (staff, board, wall_app):
        app.run()
        assert not app.exception, app.exception
    assert staff.metric[0].value == "1"
    assert _shown_in_a_table(board, "Santé mentale Outaouais")  # its declared audience
    assert [s for s in wall_app.subheader if s.value == "Santé mentale Outaouais"]


def test_a_wall_of_many_ambassadors_comes_in_pages(app_for, file_db):
    count, _ = demo.write_synthetic_campaign(file_db, 40, dt.date(2026, 11, 23), seed=3)
    shown = len(wall.wall_entries(file_db))
    assert count == 40 and wall.PAGE_SIZE < shown <= 40
    app = app_for(None, "pages/campaign/nos_ambassadeurs.py")
    assert not app.exception, app.exception
    assert len(app.subheader) == wall.PAGE_SIZE
    app.selectbox(key="wall.page").select(2).run()
    assert len(app.subheader) == shown - wall.PAGE_SIZE
    assert app.selectbox(key="wall.page").options == ["Page 1 de 2", "Page 2 de 2"]


def test_a_wall_page_holds_its_share_and_out_of_range_pages_fall_back():
    entries = [wall.WallEntry(f"Organisme {n}", "", "", None, "") for n in range(50)]
    assert wall.page_count(0) == 1 and wall.page_count(24) == 1 and wall.page_count(25) == 2
    assert [e.organisation for e in wall.wall_page(entries, 3)] == [f"Organisme {n}" for n in range(48, 50)]
    assert wall.wall_page(entries, 9) == wall.wall_page(entries, 3)
    assert wall.wall_page(entries, 0) == entries[:24]


def test_the_due_messages_follow_a_write(app_for, file_db):
    campaign = campaigns.current_campaign(file_db)
    file_db.transaction(lambda cur: cur.execute(  # sign-ups open, the report due in a week
        "UPDATE campaigns SET valid_until = ?, report_due = ? WHERE id = ?",
        [dt.date.today() + dt.timedelta(days=60), dt.date.today() + dt.timedelta(days=7), campaign.id]))
    app = app_for("staff", "pages/campaign/envois.py")
    before = [text.value for text in app.markdown if "à mettre en file" in text.value]
    approved(file_db, organisation="Organisme relancé", email="relance@example.org", username="relance")
    app.run()
    after = [text.value for text in app.markdown if "à mettre en file" in text.value]
    assert before and after and before != after


def test_the_wall_resizes_each_logo_once_whatever_else_changes(db):
    approved(db)
    wall.resize_logo.cache_clear()
    first = wall.wall_entries(db)
    signed_up(db, organisation="Autre organisme", email="autre@example.org", username="autre-organisme")
    again = wall.wall_entries(db)  # the data changed (a new sign-up): the logo is not decoded again
    assert first == again and first[0].logo
    assert wall.resize_logo.cache_info().misses == 1 and wall.resize_logo.cache_info().hits == 1
