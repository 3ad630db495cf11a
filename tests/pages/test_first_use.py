"""What a first-time user tripped on (issue 11): one section's failure never takes another,
one idea of the current campaign everywhere, and a confirmation where the user looks after
a save."""
from __future__ import annotations

import logging

from lib.campaign import ambassadors, campaigns
from lib.core import clock
from lib.plan import statuses
from tests.ambassador_helpers import ensure_staff, open_signups, signed_up

SECTION_FAILED = "n’a pas pu s’afficher"


def _flat(node) -> list:
    """The elements under `node` in the order they are drawn."""
    children = getattr(node, "children", None)
    if not children:
        return [node]
    return [leaf for child in children.values() for leaf in _flat(child)]


# -- 1. one section's failure stays its own -----------------------------------------------

def test_a_failing_section_of_campagne_leaves_the_campaign_management_usable(app_for, monkeypatch, caplog):
    from lib.campaign import report_figures

    def broken(*args, **kwargs):
        raise TypeError("boolean value of NA is ambiguous")

    monkeypatch.setattr(report_figures, "reported_reach", broken)
    with caplog.at_level(logging.ERROR, logger="rocsmo.ui"):
        app = app_for("staff", "pages/campaign/campagne.py")
    assert not app.exception, app.exception
    assert [e.value for e in app.error if SECTION_FAILED in e.value]
    assert [e for e in app.expander if e.label == "Créer une campagne"]  # the "Gérer les campagnes" tab is still there
    assert app.selectbox(key="current.slug")
    assert any("campaign.reported" in record.getMessage() for record in caplog.records)


def test_a_failing_tab_of_ambassadeurs_leaves_the_other_tabs(app_for, monkeypatch):
    from lib.campaign import report_figures

    monkeypatch.setattr(report_figures, "follow_up", lambda *args, **kwargs: 1 / 0)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    assert not app.exception, app.exception
    assert [e.value for e in app.error if SECTION_FAILED in e.value]
    assert [e for e in _flat(app.main) if getattr(e, "label", None) == "Ambassadeurs (CSV)"]  # the exports tab


# -- 2. the current campaign ----------------------------------------------------------------

def test_ambassadeurs_opens_on_the_current_campaign_marked_as_such(app_for, file_db):
    current = campaigns.current_campaign(file_db)
    newer = campaigns.copy_campaign(file_db, current.id, actor=ensure_staff(file_db))  # newest, but not current
    signed_up(file_db)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    selector = app.selectbox(key="ambassadors.campaign")
    assert selector.value == current.id
    assert "★" in selector.format_func(current.id) and "★" not in selector.format_func(newer)
    assert not [i for i in app.info if "Aucune inscription" in i.value]


def test_staff_are_warned_when_the_current_campaign_has_ended(app_for):
    for page in ("pages/campaign/campagne.py", "pages/campaign/ambassadeurs.py"):
        app = app_for("staff", page)
        assert any("a pris fin le 28 février 2023" in w.value for w in app.warning), page


def test_staff_are_not_warned_while_the_current_campaign_runs(app_for, file_db):
    open_signups(file_db)
    app = app_for("staff", "pages/campaign/campagne.py")
    assert not [w for w in app.warning if "a pris fin" in w.value]


def test_a_signed_out_visitor_is_told_sign_ups_are_closed(app_for):
    app = app_for(None, "pages/campaign/devenir_ambassadeur.py")
    assert any("sont fermées depuis le 28 février 2023" in i.value for i in app.info)
    assert not [b for b in app.button if b.key == "signup.submit"]


def test_sign_ups_are_open_during_the_campaign(app_for, file_db):
    open_signups(file_db)
    app = app_for(None, "pages/campaign/devenir_ambassadeur.py")
    assert app.button(key="signup.submit")
    assert not [i for i in app.info if "sont fermées" in i.value]


def test_a_campaign_just_created_is_shown_and_confirmed_at_once(app_for, file_db):
    app = app_for("staff", "pages/campaign/campagne.py")
    app.session_state["newcampaign.open"] = True  # "Créer une campagne" opened
    app.run()
    app.button(key="newcampaign.create").click().run()
    assert not app.exception, app.exception
    created = campaigns.get_campaign_by_slug(file_db, "choisir-2023-2024")
    assert app.selectbox(key="campaign.selected").value == created.id
    assert any("créée" in s.value for s in app.success)
    order = _flat(app.main)
    success = next(i for i, e in enumerate(order) if getattr(e, "type", "") == "success" and "créée" in e.value)
    assert success > next(i for i, e in enumerate(order) if getattr(e, "key", None) == "current.slug")
    app.switch_page("pages/campaign/ambassadeurs.py").run()
    assert created.name in app.selectbox(key="ambassadors.campaign").options


# -- 3. after saving ------------------------------------------------------------------------

def test_after_an_update_the_confirmation_is_under_the_form_and_the_form_is_fresh(app_for, file_db):
    app = app_for("staff", "pages/plan/mises_a_jour.py")
    app.selectbox(key="update.status").set_value("en_cours")
    app.slider(key="update.progress").set_value(40)
    app.text_area(key="update.note").input("Rencontre tenue")
    next(b for b in app.button if b.label == "Enregistrer la mise à jour").click().run()
    assert not app.exception, app.exception
    day = clock.today()
    confirmations = [s.value for s in app.success]
    assert len(confirmations) == 1 and confirmations[0].startswith("Mise à jour enregistrée : En cours, 40 %")
    assert app.text_area(key="update.note").value == ""
    order = _flat(app.main)
    submit = next(i for i, e in enumerate(order) if getattr(e, "label", None) == "Enregistrer la mise à jour")
    success = next(i for i, e in enumerate(order) if getattr(e, "type", "") == "success"
                   and "enregistrée" in e.value)
    assert success > submit  # where the user is looking, not at the top of the page
    assert file_db.scalar("SELECT count(*) FROM means_updates WHERE work_date = ?", [day]) == 1
    assert statuses.STATUS_LABELS_FR["en_cours"] == "En cours"


def test_approving_confirms_and_the_selector_says_approved(app_for, file_db):
    ambassador_id = signed_up(file_db)
    app = app_for("staff", "pages/campaign/ambassadeurs.py")
    app.radio(key=f"decision{ambassador_id}.0.status").set_value("approved")
    next(b for b in app.button if b.label == "Enregistrer la décision").click().run()
    assert not app.exception, app.exception
    assert ambassadors.get_agreement(file_db, ambassador_id).status == "approved"
    assert any(s.value.startswith("Décision enregistrée") and "Approuvé" in s.value for s in app.success)
    selector = app.selectbox(key="ambassadors.selected")
    assert selector.format_func(ambassador_id).endswith("Approuvé")


# -- 11. an ambassador account made by an administrator -----------------------------------

def test_an_ambassador_account_without_agreement_is_told_how_and_can_fill_one(app_for, file_db):
    open_signups(file_db)
    app = app_for("ambassador", "pages/campaign/mon_entente.py")
    assert not app.exception, app.exception
    assert any("naît d’habitude de l’inscription publique" in i.value for i in app.info)
    assert app.button(key="join.submit")  # the current campaign's agreement, to link the account
    assert app.text_input(key="join.organisation").value == ""


def test_an_ambassador_account_without_agreement_is_told_when_sign_ups_are_closed(app_for):
    app = app_for("ambassador", "pages/campaign/mon_entente.py")
    assert any("inscriptions sont fermées" in i.value for i in app.info)
    assert not [b for b in app.button if b.key == "join.submit"]


# -- 8. charts with nothing to show ----------------------------------------------------------

def test_campaign_charts_with_nothing_to_show_say_so_in_words(app_for):
    app = app_for("board", "pages/campaign/campagne.py")  # no ambassador yet
    assert not app.exception, app.exception
    empty = [i.value for i in app.info if "aucune donnée pour l’instant" in i.value]
    assert len(empty) == 2, empty  # the declared audiences and the commitments chosen
    assert len(app.get("plotly_chart")) == 2  # the organiser's audience and the moments' timeline still inform


def test_the_load_chart_draws_every_party(file_db):
    from lib.plan import charts, overview, tracking
    from lib.plan.items import current_plan_id

    table = overview.party_load(tracking.plan_status(file_db, current_plan_id(file_db), clock.today()))
    assert len(table) > 12
    assert len(charts.party_load_figure(table).data[0].y) == len(table)


# -- 7. the same figure written the same way -------------------------------------------------

def test_the_overview_table_writes_whole_percentages_as_its_chart_does(app_for):
    app = app_for("board", "pages/plan/vue_ensemble.py")
    progress = app.dataframe[0].value
    assert "Avancement" not in progress.columns
    shares = [value for value in progress["Avancement (%)"] if value is not None and value == value]
    assert shares and all(float(value).is_integer() and 0 <= value <= 100 for value in shares)


def test_with_percent_rounds_a_share_to_a_whole_percentage():
    import pandas as pd

    from lib.plan import overview

    table = pd.DataFrame({"Axe": ["1", "2", "3"], "Avancement": [4 / 7, 0.9166, None], "En retard": [1, 0, 0]})
    shown = overview.with_percent(table)
    assert list(shown.columns) == ["Axe", "Avancement (%)", "En retard"]
    assert shown["Avancement (%)"].tolist()[:2] == [57, 92] and shown["Avancement (%)"].isna().tolist()[2]
    assert table["Avancement"].tolist()[0] == 4 / 7  # the cached table is left as it was
