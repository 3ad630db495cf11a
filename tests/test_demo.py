"""Demo and synthetic databases: new files only, a plausible history, N copies of the plan."""
from datetime import date

import pytest

from lib import cli, demo
from lib.core.db import connect
from lib.plan import items, overview, tracking
from lib.seed import open_seeded_database

UNTIL = date(2026, 11, 23)


def test_demo_writes_a_lived_in_history_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "demo.duckdb"
    summary = demo.build_demo(path, until=UNTIL, seed=7)
    assert summary.items == 55 and summary.updates > 500
    with pytest.raises(FileExistsError):
        demo.build_demo(path, until=UNTIL)
    db = open_seeded_database(str(path))
    try:
        first, last = db.query_one("SELECT min(work_date), max(work_date) FROM means_updates")
        assert first.year == 2021 and last <= UNTIL
        # Typed after the work was done (in Québec time: UTC - 5 h in winter, - 4 h in summer).
        assert db.scalar("SELECT count(*) FROM means_updates WHERE recorded_at < work_date + INTERVAL 4 HOUR") == 0
        status = tracking.plan_status(db, items.current_plan_id(db), UNTIL)
        assert status["updates_count"].gt(0).mean() > 0.9
        assert 0 < status["late"].sum() < len(status) / 2  # some late, most on track
        assert {"en_cours", "realise"} <= set(status["status"])
        assert 0.4 < overview.overall_progress(status) < 1
        assert db.scalar("SELECT count(*) FROM means_updates WHERE corrects_id IS NOT NULL") >= 1
    finally:
        db.close()


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a = demo.build_demo(tmp_path / "a.duckdb", until=UNTIL, seed=3)
    b = demo.build_demo(tmp_path / "b.duckdb", until=UNTIL, seed=3)
    assert a.updates == b.updates


def test_synth_multiplies_the_plan(tmp_path):
    summary = demo.build_synthetic(tmp_path / "s.duckdb", 3, until=UNTIL)
    assert summary.items == 3 * 55
    assert summary.ambassadors == 3 * demo.SYNTH_PER_SCALE and 0 < summary.reports < summary.ambassadors
    db = open_seeded_database(str(summary.path))
    try:
        assert db.scalar("SELECT count(*) FROM axes") == 18
        assert db.scalar("SELECT count(DISTINCT means_id) FROM means_updates") > 150
    finally:
        db.close()
    with pytest.raises(ValueError):
        demo.build_synthetic(tmp_path / "t.duckdb", 0)


def test_cli_demo_and_synth_refuse_existing_files(tmp_path, capsys):
    path = tmp_path / "x.duckdb"
    assert cli.main(["demo", "-o", str(path), "--until", "2022-06-30"]) == 0
    assert "streamlit run app.py" in capsys.readouterr().out
    assert cli.main(["demo", "-o", str(path)]) == 1
    assert cli.main(["synth", "--scale", "2", "-o", str(path)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert cli.main(["synth", "--scale", "0", "-o", str(tmp_path / "y.duckdb")]) == 2


@pytest.mark.parametrize("command", ["demo", "synth"])
def test_cli_commands_have_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert "-o OUTPUT" in capsys.readouterr().out


def test_the_demo_gives_the_campaign_a_life_up_to_the_current_year(db):
    import datetime as dt

    from lib import demo
    from lib.accounts import users
    from lib.campaign import campaigns

    seeded = campaigns.campaign_as_data(db, campaigns.current_campaign(db).id)
    added, agreements = demo.write_campaign_life(db, dt.date(2026, 12, 4), seed=3)
    assert added == 4 and agreements > 50
    current = campaigns.current_campaign(db)
    assert current.slug == "choisir-2026-2027" and current.starts_on == dt.date(2026, 3, 13)
    assert campaigns.campaign_as_data(db, campaigns.get_campaign_by_slug(db, "choisir-2022-2023").id) == seeded

    def states(slug):
        return {row for row in db.query(
            "SELECT a.status, coalesce(r.status, 'none'), coalesce(r.submitted_late, false) FROM ambassadors a"
            " JOIN campaigns c ON c.id = a.campaign_id LEFT JOIN impact_reports r ON r.ambassador_id = a.id"
            " WHERE c.slug = ?", [slug])}

    now, before = states("choisir-2026-2027"), states("choisir-2025-2026")
    assert {status for status, _, _ in now} == {"pending", "approved", "declined"}
    assert {report for _, report, _ in now} >= {"none", "draft", "submitted"}
    assert not [late for _, _, late in now if late]  # due 15 February 2027: nothing can be late yet
    assert {("approved", "submitted", True), ("approved", "reopened", False), ("approved", "draft", False),
            ("approved", "none", False)} <= before
    assert db.scalar("SELECT count(*) FROM impact_report_reach WHERE people_reached IS NULL") > 0
    assert users.count_active_users(db) == 0  # the first start still asks for the administrator


def test_the_demo_history_finishes_no_work_in_a_bunch_on_its_last_day(tmp_path):
    """Work is finished near its due date: a cycle due after the demo's last day is not marked
    done on that day (it once was, so the overview said "6 moyens réalisés" since a meeting held
    three days before)."""
    until = date(2026, 12, 4)
    demo.build_synthetic(tmp_path / "d.duckdb", 1, until=until)
    db = connect(str(tmp_path / "d.duckdb"), read_only=True)
    done_on_last_day = db.scalar("SELECT count(*) FROM means_updates WHERE status = 'realise' AND work_date = ?",
                                 [until])
    db.close()
    assert done_on_last_day <= 1


def test_the_demo_names_every_seeded_axis_in_english_and_leaves_the_french_as_written(db):
    plan_id = items.current_plan_id(db)
    french = items.list_axes(db, plan_id)[["number", "name", "objective"]]
    assert demo.write_english_texts(db, plan_id) == 6
    assert items.list_axes(db, plan_id)[["number", "name", "objective"]].equals(french)  # the seed as written
    english = items.list_axes(db, plan_id, lang="en").set_index("number")
    assert english.loc[1, "name"] == "MOBILIZATION" and english.loc[6, "name"] == "MANAGEMENT AND GOVERNANCE"
    assert english["objective"].str.len().gt(30).all()
    assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'demo.history'") == 1


def test_synth_writes_the_current_campaigns_ambassadors_in_every_state_and_whole(db):
    from lib.campaign import ambassadors, campaigns, impact_reports

    campaign = campaigns.current_campaign(db)
    agreements, reports = demo.write_synthetic_campaign(db, 60, UNTIL, seed=5)
    assert agreements == 60 and reports == db.scalar("SELECT count(*) FROM impact_reports") > 20
    assert db.scalar("SELECT count(*) FROM ambassadors WHERE campaign_id = ?", [campaign.id]) == 60
    states = {row for row in db.query(
        "SELECT a.status, coalesce(r.status, 'none'), coalesce(r.submitted_late, false) FROM ambassadors a"
        " LEFT JOIN impact_reports r ON r.ambassador_id = a.id")}
    assert {status for status, _, _ in states} == {"pending", "approved", "declined"}
    assert {("approved", "none", False), ("approved", "draft", False), ("approved", "submitted", False),
            ("approved", "submitted", True), ("approved", "reopened", False)} <= states
    assert {report for status, report, _ in states if status != "approved"} == {"none"}
    # Late with metrics left empty; none late that was sent by the due date, none on time after it.
    assert db.scalar("SELECT count(*) FROM impact_reports r JOIN impact_report_reach h ON h.report_id = r.id"
                     " WHERE r.submitted_late AND h.shares IS NULL") > 0
    assert db.query("SELECT id FROM impact_reports WHERE submitted_at IS NOT NULL"
                    " AND submitted_late <> (CAST(submitted_at AS DATE) > ?)", [campaign.report_due]) == []
    # Nothing half-written: the app's own invariants (tests/reliability/test_crash_safety.py).
    halves = db.query(
        """
        SELECT a.id FROM ambassadors a
        WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.username = a.username AND u.role = 'ambassador'
                          AND NOT u.is_active)
           OR (SELECT count(*) FROM ambassador_commitments c JOIN commitment_types t
               ON t.campaign_id = a.campaign_id AND t.key = c.commitment_key WHERE c.ambassador_id = a.id) < 2
           OR (SELECT count(*) FROM ambassador_moments m JOIN campaign_moments k
               ON k.campaign_id = a.campaign_id AND k.key = m.moment_key WHERE m.ambassador_id = a.id) < 1
           OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'ambassador.signup'
                          AND l.entity_id = CAST(a.id AS VARCHAR))
           OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'user.create' AND l.entity_id = a.username)
           OR (a.status <> 'pending') <> (a.decided_at IS NOT NULL AND a.decided_at >= a.created_at
               AND EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'ambassador.' || a.status
                           AND l.entity_id = CAST(a.id AS VARCHAR)))
        """)
    assert halves == []
    assert db.query(
        """
        SELECT r.id FROM impact_reports r JOIN ambassadors a ON a.id = r.ambassador_id
        WHERE a.status <> 'approved' OR r.campaign_id <> a.campaign_id
           OR (r.status = 'draft') <> (r.submitted_at IS NULL)
           OR (r.status = 'reopened') <> (r.reopened_at IS NOT NULL AND r.reopened_by IS NOT NULL)
           OR NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.entity = 'impact_report'
                          AND l.entity_id = CAST(r.id AS VARCHAR)
                          AND l.action = CASE r.status WHEN 'draft' THEN 'report.save_draft' ELSE 'report.submit' END)
        """) == []
    # Each report answers exactly its ambassador's items, and reads back as a valid form.
    for (ambassador_id,) in db.query("SELECT ambassador_id FROM impact_reports"):
        agreement = ambassadors.get_agreement(db, ambassador_id)
        items = impact_reports.report_items(db, agreement)
        saved = impact_reports.get_report(db, ambassador_id)
        assert set(saved["actions"]) == {(item.kind, item.key) for item in items}
        assert impact_reports.validate_report(impact_reports.form_data(db, agreement), items) == []
    # The audit rows follow the events in time; the sequences go on after the bulk rows.
    times = [row[0] for row in db.query("SELECT happened_at FROM audit_log WHERE actor LIKE 'synth.%' ORDER BY id")]
    assert times == sorted(times)
    assert db.scalar("SELECT nextval('ambassadors_id_seq')") > db.scalar("SELECT max(id) FROM ambassadors")
    assert db.scalar("SELECT nextval('impact_reports_id_seq')") > db.scalar("SELECT max(id) FROM impact_reports")
    assert len(ambassadors.list_ambassadors(db, campaign.id)) == 60
