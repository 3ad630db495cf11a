"""The plan's progress per axis month by month, aggregated in DuckDB SQL (issue 13, item 8)."""
from datetime import date

from lib.plan import charts, items, timeline, updates
from tests.conftest import make_user


def test_monthly_progress_per_axis_follows_the_history(db):
    staff = make_user(db, "staff")
    plan_id = items.current_plan_id(db)
    means_id = db.scalar("SELECT id FROM means WHERE text = 'Mettre en place un comité de travail ouvert'")
    axis = db.scalar("SELECT ax.number FROM means m JOIN actions ac ON ac.id = m.action_id"
                     " JOIN axes ax ON ax.id = ac.axis_id WHERE m.id = ?", [means_id])
    size = db.scalar("SELECT count(*) FROM means m JOIN actions ac ON ac.id = m.action_id"
                     " JOIN axes ax ON ax.id = ac.axis_id WHERE ax.number = ? AND ax.plan_id = ?", [axis, plan_id])
    updates.record_update(db, staff, means_id, updates.UpdateInput("en_cours", 50, date(2021, 3, 10)),
                          today=date(2021, 6, 1))
    done = updates.record_update(db, staff, means_id, updates.UpdateInput("realise", 100, date(2021, 4, 20)),
                                 today=date(2021, 6, 1))
    assert timeline.first_work_date(db, plan_id) == date(2021, 3, 10)
    frame = timeline.monthly_axis_progress(db, plan_id, date(2021, 2, 1), date(2021, 5, 15))
    rows = frame[frame["axis_number"] == axis].set_index("month_end")
    assert list(rows.index) == [date(2021, 2, 28), date(2021, 3, 31), date(2021, 4, 30), date(2021, 5, 15)]
    assert rows["average_progress"].round(6).tolist() == [0, round(50 / size, 6), round(100 / size, 6),
                                                         round(100 / size, 6)]
    assert rows["done"].tolist() == [0, 0, 1, 1]
    # A corrected update no longer counts.
    updates.record_update(db, staff, means_id, updates.UpdateInput("en_cours", 80, date(2021, 4, 20),
                                                                   corrects_id=done), today=date(2021, 6, 1))
    again = timeline.monthly_axis_progress(db, plan_id, date(2021, 4, 1), date(2021, 4, 30))
    assert again[again["axis_number"] == axis]["done"].tolist() == [0]
    table = timeline.history_table(frame)
    figure = charts.axis_history_figure(table)
    assert len(figure.data) == frame["axis_number"].nunique()
    assert len({trace.marker.symbol for trace in figure.data}) == len(figure.data)  # not colour alone
