"""lib.ui.plan_views alone (AppTest.from_function): a chart with its table and CSV download,
item tables or their empty notice, cached reads that follow every write, in both languages."""
from datetime import date

from lib.plan import items, tracking, updates
from tests.conftest import make_user
from tests.table_helpers import tables

AS_OF = date(2026, 11, 23)
AXES = ["1. MOBILISATION", "2. FORMATION", "3. REPRÉSENTATION", "4. COMMUNICATION ET PROMOTION",
        "5. SOUTIEN AUX MEMBRES", "6. GESTION ET GOUVERNANCE"]


def overview_blocks():
    """The overview's progress chart, its late items and its latest updates, as of 23 November 2026."""
    from datetime import date

    from lib.plan import items
    from lib.ui import plan_views, session

    plan_id = items.current_plan_id(session.get_db())
    as_of = date(2026, 11, 23)
    tables = plan_views.overview_tables(plan_id, as_of)
    figures = plan_views.overview_figures(plan_id, as_of, session.language())
    plan_views.chart_with_table(figures["progress"], tables["progress"], "overview.progress", "avancement-par-axe",
                                alt="Avancement de chaque axe")
    plan_views.item_table(tables["late"], "overview.late", "moyens-en-retard", empty_fr="Aucun moyen en retard.")
    plan_views.item_table(tables["latest"], "overview.latest", "dernieres-mises-a-jour",
                          empty_fr="Aucune mise à jour n’a encore été enregistrée.")


def downloads(app) -> list[tuple[str, str]]:
    return [(button.key, button.label) for button in app.get("download_button")]


def test_a_chart_comes_with_its_table_in_a_second_tab_and_a_csv_download(widget_app):
    app = widget_app(overview_blocks).run()
    assert not app.exception, app.exception
    assert [tab.label for tab in app.tabs] == ["Graphique", "Tableau"]
    assert len(app.get("plotly_chart")) == 1
    assert [caption.value for caption in app.caption] == ["Avancement de chaque axe"]
    progress = app.dataframe[0].value
    assert list(progress.columns) == ["Axe", "Moyens", "Comptés", "Réalisés ou en bonne voie", "En retard",
                                      "Cibles manquées", "Avancement"]
    assert list(progress["Axe"]) == AXES
    assert list(progress["Moyens"]) == ["12", "6", "10", "10", "7", "10"]  # numbers as the language writes them
    assert ("overview.progress.csv", "Télécharger (CSV)") in downloads(app)


def test_an_item_table_lists_every_item_or_says_there_is_none(widget_app, file_db):
    late_count = int(tracking.plan_status(file_db, items.current_plan_id(file_db), AS_OF)["late"].sum())
    assert late_count > 0  # nothing done on the fresh plan: most items are late by 2026
    app = widget_app(overview_blocks).run()
    late = tables(app)[0]  # a static table: the essentials first, the id left out
    assert list(late.columns) == ["Moyen", "Statut", "Responsables", "En retard depuis", "Pourquoi", "Axe", "Action"]
    assert len(late) == late_count
    assert [info.value for info in app.info] == ["Aucune mise à jour n’a encore été enregistrée."]
    assert [key for key, _ in downloads(app)] == ["overview.progress.csv", "overview.late.csv"]


def test_a_write_shows_on_the_next_rerun_despite_the_cache(widget_app, file_db):
    app = widget_app(overview_blocks).run()
    assert len(app.dataframe) == 1 and len(app.table) == 1  # progress and late items; no update yet
    staff = make_user(file_db, "staff")
    means_id = file_db.scalar("SELECT id FROM means WHERE text = 'Mettre en place un comité de travail ouvert'")
    updates.record_update(file_db, staff, means_id, updates.UpdateInput("realise", 100, date(2021, 4, 20),
                                                                          "Comité formé"), today=AS_OF)
    app.run()
    assert not app.info
    latest = tables(app)[1]
    assert len(latest) == 1 and latest.iloc[0]["Moyen"] == "Mettre en place un comité de travail ouvert"
    assert app.dataframe[0].value.set_index("Axe").loc["1. MOBILISATION", "Réalisés ou en bonne voie"] == "2"
    assert [key for key, _ in downloads(app)][-1] == "overview.latest.csv"


def test_the_same_blocks_speak_english(widget_app):
    app = widget_app(overview_blocks)
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception, app.exception
    assert [tab.label for tab in app.tabs] == ["Chart", "Table"]
    assert list(app.dataframe[0].value.columns) == ["Axis", "Means", "Counted", "Done or on track", "Late",
                                                    "Missed targets", "Progress"]
    assert [info.value for info in app.info] == ["No update has been recorded yet."]
    assert ("overview.progress.csv", "Download (CSV)") in downloads(app)


# The essentials of each item table (what, status, who, when, by whom, why) fit the 920 px a
# wide page gives a table at 1400 px: ordered first, with widths that add up to no more.
ESSENTIALS = {
    "late": ["Moyen", "Statut", "Responsables", "En retard depuis", "Pourquoi"],
    "soon": ["Moyen", "Statut", "Responsables", "Échéance", "Échéancier"],
    "latest": ["Moyen", "Statut", "Avancement (%)", "Date du travail", "Enregistrée le", "Par"],
    "history": ["N°", "Statut", "Avancement (%)", "Date du travail", "Enregistrée le", "Par"],
    "find": ["N°", "Moyen", "Statut", "Avancement (%)", "Responsables", "Échéance", "En retard"],
}


def test_the_essential_columns_of_every_item_table_fit_1400_pixels(db):
    from lib.plan import overview
    from lib.ui import plan_views

    status = tracking.plan_status(db, items.current_plan_id(db), AS_OF)
    history = overview.item_history(updates.list_updates(db, means_id=int(status["means_id"].iloc[0])))
    tables = {"late": overview.late_items(status), "soon": overview.due_soon(status, AS_OF),
              "latest": overview.latest_updates(updates.list_updates(db), status), "history": history,
              "find": overview.find_table(status)}
    for name, table in tables.items():
        order = plan_views.column_order(table, "fr")
        essentials = ESSENTIALS[name]
        assert order[:len(essentials)] == essentials, (name, order)
        assert sum(plan_views.COLUMN_WIDTHS[c] for c in essentials) <= 920, name
        assert "id" not in order
