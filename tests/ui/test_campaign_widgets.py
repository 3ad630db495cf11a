"""lib.ui.campaign_widgets alone (AppTest.from_function): the agreement's fields and its
display, the impact report's fields and its display, a chart with its data, the campaign
editor. The input widgets' return value is kept in session_state["typed"] to be read back."""
from lib.campaign import ambassadors, campaigns
from lib.campaign import impact_reports as reports
from tests.ambassador_helpers import approved
from tests.campaign.test_impact_reports import filled
from tests.table_helpers import tables

OWNER = "smo-outaouais"
CHANNEL_KEYS = [key for key, _ in ambassadors.CHANNELS]


def agreement_form(ambassador_id):
    """The sign-up fields ("signup" form), or an agreement's fields prefilled ("edit") when given one."""
    import streamlit as st

    from lib.campaign import ambassadors, campaigns
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    campaign = campaigns.current_campaign(db)
    types, moments = campaigns.list_commitment_types(db, campaign.id), campaigns.list_moments(db, campaign.id)
    if ambassador_id is None:
        st.session_state["typed"] = campaign_widgets.agreement_inputs("signup", types, moments)
    else:
        agreement = ambassadors.get_agreement(db, ambassador_id)
        st.session_state["typed"] = campaign_widgets.agreement_inputs("edit", types, moments, logo_required=False,
                                                                      agreement=agreement)


def agreement_shown(ambassador_id):
    from lib.campaign import ambassadors, campaigns
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    agreement = ambassadors.get_agreement(db, ambassador_id)
    campaign = campaigns.current_campaign(db)
    campaign_widgets.show_agreement(agreement, campaign, campaigns.list_commitment_types(db, campaign.id),
                                    campaigns.list_moments(db, campaign.id))


def report_form(ambassador_id, disabled):
    import streamlit as st

    from lib.campaign import ambassadors, impact_reports
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    agreement = ambassadors.get_agreement(db, ambassador_id)
    st.session_state["typed"] = campaign_widgets.report_inputs(
        f"report{ambassador_id}", impact_reports.report_items(db, agreement), impact_reports.form_data(db, agreement),
        disabled=disabled)


def report_shown(ambassador_id):
    from lib.campaign import ambassadors, impact_reports
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    agreement = ambassadors.get_agreement(db, ambassador_id)
    campaign_widgets.show_report(impact_reports.get_report(db, ambassador_id),
                                 impact_reports.report_items(db, agreement))


def reach_chart():
    from lib.campaign import campaigns, charts
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    campaign = campaigns.current_campaign(db)
    campaign_widgets.show_chart(charts.organiser_reach(campaigns.list_channels(db, campaign.id), campaign.organiser,
                                                       session.language()), "campaign.reach", caption="Au 7 avril 2021")


def campaign_form():
    import streamlit as st

    from lib.campaign import campaigns
    from lib.ui import campaign_widgets, session

    db = session.get_db()
    data = campaigns.campaign_as_data(db, campaigns.current_campaign(db).id)
    st.session_state["typed"] = campaign_widgets.campaign_editor("edit", data)


def keys(widgets) -> list[str]:
    return [widget.key for widget in widgets]


# --------------------------------------------------------------------------- the agreement

def test_the_agreement_fields_are_the_forms_fields_keyed_by_form_and_field(widget_app, file_db):
    app = widget_app(agreement_form, None).run()
    assert not app.exception, app.exception
    assert [h.value for h in app.subheader] == ["1. L’organisation", "2. Votre auditoire (facultatif)",
                                                "3. Pourquoi vous joignez le mouvement", "4. Vos engagements",
                                                "5. Signature"]
    assert sorted(keys(app.text_input)) == sorted([  # in two columns: the tree lists each column in turn
        "signup.organisation", "signup.contact_name", "signup.email", "signup.phone", "signup.website",
        "signup.signer_name", "signup.signer_title"])
    assert sorted(keys(app.number_input)) == sorted(f"signup.audience_{key}" for key in CHANNEL_KEYS)
    assert keys(app.text_area) == ["signup.why_text"]
    assert app.file_uploader(key="signup.logo").label == "Logo (PNG ou JPEG, 2 Mo au plus)"
    types = campaigns.list_commitment_types(file_db, campaigns.current_campaign(file_db).id)
    assert keys(app.checkbox) == [f"signup.commitment_{key}" for key in types["key"]]
    assert "0 mot (environ 100 demandés, 150 au plus)" in [c.value for c in app.caption]


def test_the_agreement_fields_return_what_was_typed_and_show_moments_once_asked_for(widget_app):
    app = widget_app(agreement_form, None).run()
    app.text_input(key="signup.organisation").input("Santé mentale Outaouais")
    app.number_input(key="signup.audience_facebook").set_value(2500)
    app.text_area(key="signup.why_text").input("Nous croyons à la santé mentale.")
    app.checkbox(key="signup.commitment_moments-forts").check().run()
    moments = [c for c in app.checkbox if c.key.startswith("signup.moment_")]
    assert len(moments) == 8
    app.checkbox(key="signup.moment_lancement").check().run()
    typed = app.session_state["typed"]
    assert typed["organisation"] == "Santé mentale Outaouais" and typed["email"] == ""
    assert typed["audiences"] == {"facebook": 2500, "instagram": None, "linkedin": None, "x": None,
                                  "newsletter": None, "website": None}
    assert (typed["commitments"], typed["moments"], typed["logo"]) == (["moments-forts"], ["lancement"], None)
    assert "6 mots (environ 100 demandés, 150 au plus)" in [c.value for c in app.caption]


def test_the_agreement_fields_of_an_existing_agreement_are_prefilled(widget_app, file_db):
    ambassador_id = approved(file_db)
    agreement = ambassadors.get_agreement(file_db, ambassador_id)
    app = widget_app(agreement_form, ambassador_id).run()
    assert not app.exception, app.exception
    assert app.text_input(key="edit.organisation").value == "Santé mentale Outaouais"
    assert app.number_input(key="edit.audience_facebook").value == 2500
    assert app.number_input(key="edit.audience_instagram").value is None
    assert app.file_uploader(key="edit.logo").label.startswith("Remplacer le logo")
    ticked = [c.key for c in app.checkbox if c.value]
    assert ticked == [f"edit.commitment_{key}" for key in ["partager-publications", "moments-forts"]] + [
        f"edit.moment_{key}" for key in agreement.moments] + ["edit.commitment_organiser-activite"]
    assert app.session_state["typed"]["commitments"] == list(agreement.commitments)


def test_the_signed_agreement_is_shown_as_text_with_its_declared_audience(widget_app, file_db):
    app = widget_app(agreement_shown, approved(file_db)).run()
    assert not app.exception, app.exception
    markdown = [m.value for m in app.markdown]
    assert markdown[0] == "**Statut** : Approuvé"
    assert "**Engagements** (3)" in markdown and "**Moments forts choisis** (2)" in markdown
    texts = [t.value for t in app.text]
    assert "Santé mentale Outaouais" in texts and "Bienvenue" in texts
    audience = app.dataframe[0].value
    assert list(audience.columns) == ["Canal", "Auditoire déclaré"]
    assert list(audience["Canal"]) == [label for _, label in ambassadors.CHANNELS]
    declared = [value.replace("\u202f", " ").replace("\xa0", " ") for value in audience["Auditoire déclaré"]]
    assert declared == ["2 500", "—", "300", "—", "800", "12 000"]


# --------------------------------------------------------------------------- the impact report

def test_the_report_fields_follow_the_ambassadors_commitments(widget_app, file_db):
    ambassador_id = approved(file_db)
    items = reports.report_items(file_db, ambassadors.get_agreement(file_db, ambassador_id))
    form = f"report{ambassador_id}"
    app = widget_app(report_form, ambassador_id, False).run()
    assert not app.exception, app.exception
    assert keys(app.checkbox) == [f"{form}.{item.kind}_{item.key}.done" for item in items]
    reach = [f"{form}.reach_{channel}_{metric}" for channel in CHANNEL_KEYS for metric, _ in reports.REACH_METRICS]
    assert [key for key in keys(app.number_input) if ".reach_" in key] == reach
    assert [w.key for w in app.text_area][-3:] == [f"{form}.what_worked", f"{form}.suggestions", f"{form}.comments"]
    assert not [key for key in keys(app.text_input) if ".activity" in key]
    app.number_input(key=f"{form}.activity_count").set_value(2).run()
    assert [key for key in keys(app.text_input) if key.endswith("_type")] == [f"{form}.activity0_type",
                                                                              f"{form}.activity1_type"]
    assert len(app.session_state["typed"]["activities"]) == 2


def test_what_the_report_fields_return_saves_and_comes_back_prefilled(widget_app, file_db):
    ambassador_id = approved(file_db)
    form = f"report{ambassador_id}"
    app = widget_app(report_form, ambassador_id, False).run()
    app.checkbox(key=f"{form}.moment_lancement.done").check()
    app.number_input(key=f"{form}.moment_lancement.times").set_value(3)
    app.number_input(key=f"{form}.reach_facebook_people_reached").set_value(1200)
    app.text_area(key=f"{form}.what_worked").input("Les capsules « CHOISIR »")
    app.run()
    typed = app.session_state["typed"]
    assert typed["actions"][("moment", "lancement")] == {"done": True, "times": 3, "when": "", "links": ""}
    assert typed["reach"]["facebook"]["people_reached"] == 1200
    assert reports.save_report(file_db, ambassador_id, typed, actor=OWNER) == "draft"
    again = widget_app(report_form, ambassador_id, False).run()
    assert again.checkbox(key=f"{form}.moment_lancement.done").value is True
    assert again.number_input(key=f"{form}.moment_lancement.times").value == 3
    assert again.number_input(key=f"{form}.reach_facebook_people_reached").value == 1200
    assert again.text_area(key=f"{form}.what_worked").value == "Les capsules « CHOISIR »"


def test_the_report_fields_can_all_be_disabled(widget_app, file_db):
    ambassador_id = approved(file_db)
    app = widget_app(report_form, ambassador_id, True).run()
    widgets = [*app.checkbox, *app.number_input, *app.text_input, *app.text_area]
    assert widgets and all(widget.disabled for widget in widgets)


def test_a_report_is_shown_read_only_or_said_not_started(widget_app, file_db):
    ambassador_id = approved(file_db)
    app = widget_app(report_shown, ambassador_id).run()
    assert [info.value for info in app.info] == ["Aucun rapport n’a encore été commencé."]
    reports.save_report(file_db, ambassador_id, filled(file_db, ambassador_id), actor=OWNER, submit=True)
    app.run()
    assert not app.exception, app.exception
    assert app.markdown[0].value.startswith("**Rapport** : Soumis · ")
    actions, reach, activities = tables(app)  # static tables: the ambassador's words wrap whole
    assert list(actions.columns) == ["Élément", "Fait", "Nombre de fois", "Quand", "Liens"]
    # Two actions ticked, and "Organiser une activité" done by the kiosk reported under "Activités organisées".
    assert actions.set_index("Élément")["Fait"].value_counts().to_dict() == {"oui": 3, "non": len(actions) - 3}
    assert list(reach.columns) == ["Canal", "Publications", "Vues", "Partages", "Personnes jointes"]
    assert reach.set_index("Canal").loc["Facebook", "Personnes jointes"] == "1\u00a0500"  # as French writes it
    assert list(activities["Participants"]) == ["40"]
    assert "Les capsules 🌱 « CHOISIR »" in [t.value for t in app.text]


# --------------------------------------------------------------------------- a chart, the campaign editor

def test_a_chart_comes_with_its_caption_its_table_and_a_csv_download(widget_app, file_db):
    app = widget_app(reach_chart).run()
    assert not app.exception, app.exception
    assert len(app.get("plotly_chart")) == 1
    assert [c.value for c in app.caption] == ["Au 7 avril 2021"]
    assert app.expander[0].label.startswith("Tableau des données : ")
    table = tables(app)[0]
    channels = campaigns.list_channels(file_db, campaigns.current_campaign(file_db).id)
    assert len(table) == len(channels) == 5
    assert "1\u00a0315\u00a0000" in table.to_numpy().ravel().tolist()  # 1315000 as French writes it
    assert [(b.key, b.label) for b in app.get("download_button")] == [
        ("campaign.reach.csv", "Télécharger ce tableau (CSV)")]


def test_the_campaign_editor_is_prefilled_and_returns_the_campaign_unchanged_or_as_edited(widget_app, file_db):
    data = campaigns.campaign_as_data(file_db, campaigns.current_campaign(file_db).id)
    app = widget_app(campaign_form).run()
    assert not app.exception, app.exception
    assert app.text_input(key="edit.slug").value == "choisir-2022-2023"
    assert app.text_input(key="edit.slogan").value == "CHOISIR, c'est ouvrir une porte"
    assert keys(app.text_area) == ["edit.purpose", "edit.report_request"]
    assert keys(app.date_input) == ["edit.starts_on", "edit.report_due", "edit.valid_until"]
    assert app.session_state["typed"] == data
    assert campaigns.validate_campaign(app.session_state["typed"]) == []
    app.text_input(key="edit.name").input("Campagne 2023-2024").run()
    assert app.session_state["typed"] == {**data, "name": "Campagne 2023-2024"}


def test_the_campaign_editor_names_every_column_in_french():
    from lib.campaign import campaigns
    from lib.ui import campaign_widgets

    columns = campaign_widgets._editor_columns()
    frames = campaigns.editor_frames(campaigns.empty_campaign_data())
    names = {name for frame in frames.values() for name in frame.columns}
    assert names <= set(columns)
    labels = {name: columns[name]["label"] for name in names}
    assert not [name for name, label in labels.items() if label == name or "_" in label], labels
    assert labels["starts_on"] == "Début" and labels["kind"] == "Type"


def test_the_ambassador_tables_fit_1400_pixels():
    from lib.ui import campaign_widgets

    for columns in (campaign_widgets.SIGNUP_COLUMNS, campaign_widgets.FOLLOW_UP_COLUMNS):
        assert sum(width for _, _, width in columns) <= 920
    assert "email" not in [name for name, _, _ in campaign_widgets.SIGNUP_COLUMNS]  # shown in the agreement below
