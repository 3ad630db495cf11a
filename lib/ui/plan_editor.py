"""The staff editing views of the Mises à jour page: the "Modifier le plan" screen (add, edit,
archive/restore axes, actions and means; delete a means that has no update), and the forms
that set an item's schedule by hand or correct its indicator target.

A Streamlit view over lib.plan's write functions, which check the role, validate, audit and
raise PlanError with French messages; what staff typed stays in the form after an error.
Widget keys are "<form>.<field>".
"""
from __future__ import annotations

import streamlit as st

from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, month_name
from lib.plan import campaign_figures, items, statuses, updates
from lib.ui import feedback, plan_views, session

_UNCHANGED = N_("Rien n’a changé : rien n’a été enregistré.")


def _saved(message_fr: str, *clear: str) -> None:
    plan_views.clear_fields(*clear)
    plan_views.flash(session.t(message_fr))
    st.rerun()


def _archive_button(db: Database, user, entity: str, entity_id: int, archived: bool, key: str, sid: str) -> None:
    t = session.t
    label = t("Rétablir") if archived else t("Archiver")
    if st.button(label, key=key, icon=":material/unarchive:" if archived else ":material/archive:"):
        items.set_archived(db, user, entity, entity_id, not archived, session_id=sid)
        if archived:
            _saved("Élément rétabli.")
        else:
            _saved("Élément archivé.")


def render(db: Database, user, plan_id: int, sid: str) -> None:
    """Draw the plan editor for `plan_id`, acting as `user`. Writes go through lib.plan."""
    t = session.t
    level = st.segmented_control(t("Élément"), ["axis", "action", "means"], key="editor.level", default="means",
                                 format_func={"axis": t("Axes"), "action": t("Actions"), "means": t("Moyens")}.get)
    if level == "axis":
        _axes(db, user, plan_id, sid)
    elif level == "action":
        _actions(db, user, plan_id, sid)
    elif level == "means":
        _means(db, user, plan_id, sid)


def _text(value) -> str:
    """A stored text as a widget's value (an absent English text is an empty field)."""
    return value if isinstance(value, str) else ""


def _english_input(widget, label_fr: str, key: str):
    """The optional English text beside a French field: what English screens and packs show
    (blank: the French is shown)."""
    t = session.t
    return widget(t("{field} — texte anglais (facultatif)", field=t(label_fr)), key=key,
                  help=t("Montré aux personnes qui lisent l’application en anglais; vide : le texte français."))


def _axis_fields(form: str) -> dict:
    t = session.t
    left, right = st.columns(2)
    with left:
        name = st.text_input(t("Nom de l’axe"), key=f"{form}.name")
        objective = st.text_area(t("Objectif"), key=f"{form}.objective")
    with right:
        name_en = _english_input(st.text_input, N_("Nom de l’axe"), f"{form}.name_en")
        objective_en = _english_input(st.text_area, N_("Objectif"), f"{form}.objective_en")
    return {"name": name, "objective": objective, "name_en": name_en, "objective_en": objective_en}


def _axes(db: Database, user, plan_id: int, sid: str) -> None:
    t = session.t
    axes = items.list_axes(db, plan_id, include_archived=True)
    labels = {r.id: f"{r.number}. {r.name}" + (" (" + t("archivé") + ")" if r.archived else "")
              for r in axes.itertuples()}
    axis_id = st.selectbox(t("Axe à modifier"), list(labels), format_func=labels.get, key="axis_edit.axis")
    if axis_id is not None:
        row = axes.set_index("id").loc[axis_id]
        plan_views.prefill("axis_edit", axis_id,
                           {f"axis_edit.{field}": _text(row[field])
                            for field in ("name", "objective", "name_en", "objective_en")})
        with st.form("axis_edit", enter_to_submit=False):
            fields = _axis_fields("axis_edit")
            if st.form_submit_button(t("Enregistrer l’axe")):
                try:
                    if items.update_axis(db, user, int(axis_id), **fields, session_id=sid):
                        _saved("Axe enregistré.", "axis_edit.loaded_for")
                    _saved(_UNCHANGED, "axis_edit.loaded_for")
                except FormError as error:
                    feedback.show_errors(error)
        _archive_button(db, user, "axis", int(axis_id), bool(row["archived"]), "axis_edit.archive", sid)
    with st.expander(t("Ajouter un axe")):
        with st.form("axis_add", enter_to_submit=False):
            fields = _axis_fields("axis_add")
            if st.form_submit_button(t("Ajouter l’axe")):
                try:
                    items.add_axis(db, user, plan_id, **fields, session_id=sid)
                    _saved("Axe ajouté.", *(f"axis_add.{field}" for field in fields))
                except FormError as error:
                    feedback.show_errors(error)


def _actions(db: Database, user, plan_id: int, sid: str) -> None:
    t = session.t
    actions = items.list_actions(db, plan_id, include_archived=True)
    labels = {r.id: f"{r.axis_number}.{r.position} {r.title}" + (" (" + t("archivée") + ")" if r.archived else "")
              for r in actions.itertuples()}
    action_id = st.selectbox(t("Action à modifier"), list(labels), format_func=labels.get, key="action_edit.action")
    if action_id is not None:
        row = actions.set_index("id").loc[action_id]
        plan_views.prefill("action_edit", action_id, {"action_edit.title": row["title"],
                                                      "action_edit.title_en": _text(row["title_en"])})
        with st.form("action_edit", enter_to_submit=False):
            title, title_en = _action_fields("action_edit")
            if st.form_submit_button(t("Enregistrer l’action")):
                try:
                    if items.update_action(db, user, int(action_id), title, title_en=title_en, session_id=sid):
                        _saved("Action enregistrée.", "action_edit.loaded_for")
                    _saved(_UNCHANGED, "action_edit.loaded_for")
                except FormError as error:
                    feedback.show_errors(error)
        _archive_button(db, user, "action", int(action_id), bool(row["archived"]), "action_edit.archive", sid)
    axes = items.list_axes(db, plan_id)
    axis_labels = {r.id: f"{r.number}. {r.name}" for r in axes.itertuples()}
    with st.expander(t("Ajouter une action")):
        with st.form("action_add", enter_to_submit=False):
            axis_id = st.selectbox(t("Axe"), list(axis_labels), format_func=axis_labels.get, key="action_add.axis")
            title, title_en = _action_fields("action_add")
            if st.form_submit_button(t("Ajouter l’action")):
                try:
                    items.add_action(db, user, int(axis_id), title, title_en=title_en, session_id=sid)
                    _saved("Action ajoutée.", "action_add.title", "action_add.title_en")
                except FormError as error:
                    feedback.show_errors(error)


def _action_fields(form: str) -> tuple[str, str]:
    t = session.t
    left, right = st.columns(2)
    title = left.text_area(t("Titre de l’action"), key=f"{form}.title")
    with right:
        title_en = _english_input(st.text_area, N_("Titre de l’action"), f"{form}.title_en")
    return title, title_en


_MEANS_FIELDS = ("text", "period_label", "indicator", "responsible_label")


def _means_fields(form: str) -> tuple[tuple[str, str, str, str], str]:
    """The means' French fields (text, period, indicator, responsible) and its English text."""
    t = session.t
    left, right = st.columns(2)
    text = left.text_area(t("Moyen"), key=f"{form}.text")
    with right:
        text_en = _english_input(st.text_area, N_("Moyen"), f"{form}.text_en")
    period = st.text_input(t("Période de réalisation"), key=f"{form}.period_label",
                           help=t("Écrite comme au plan, par ex. « Annuellement au mois de janvier »."))
    indicator = st.text_area(t("Indicateur de réussite"), key=f"{form}.indicator")
    responsible = st.text_input(t("Responsables et partenaires"), key=f"{form}.responsible_label",
                                help=t("Séparés par « + », par ex. « DG + CA + membres »."))
    return (text, period, indicator, responsible), text_en


def _means(db: Database, user, plan_id: int, sid: str) -> None:
    t = session.t
    rows = items.list_plan_items(db, plan_id, include_archived=True)
    labels = {r.means_id: f"{r.axis_number}.{r.action_position}.{r.means_position} {r.text}"
              + (" (" + t("archivé") + ")" if r.archived else "") for r in rows.itertuples()}
    means_id = st.selectbox(t("Moyen à modifier"), list(labels), format_func=labels.get, key="means_edit.means")
    if means_id is not None:
        row = rows.set_index("means_id").loc[means_id]
        plan_views.prefill("means_edit", means_id, {**{f"means_edit.{f}": row[f] for f in _MEANS_FIELDS},
                                                    "means_edit.text_en": _text(row["text_en"])})
        with st.form("means_edit", enter_to_submit=False):
            values, text_en = _means_fields("means_edit")
            if st.form_submit_button(t("Enregistrer le moyen")):
                try:
                    if items.update_means(db, user, int(means_id), *values, text_en=text_en, session_id=sid):
                        _saved("Moyen enregistré.", "means_edit.loaded_for")
                    _saved(_UNCHANGED, "means_edit.loaded_for")
                except FormError as error:
                    feedback.show_errors(error)
        col_archive, col_delete = st.columns([1, 4])
        with col_archive:
            _archive_button(db, user, "means", int(means_id), bool(row["archived"]), "means_edit.archive", sid)
        with col_delete:
            if st.button(t("Supprimer (seulement sans mise à jour)"), key="means_edit.delete",
                         icon=":material/delete:"):
                try:
                    items.delete_means(db, user, int(means_id), session_id=sid)
                    _saved("Moyen supprimé.", "means_edit.loaded_for", "means_edit.means")
                except FormError as error:
                    feedback.show_errors(error)
    actions = items.list_actions(db, plan_id)
    action_labels = {r.id: f"{r.axis_number}.{r.position} {r.title}" for r in actions.itertuples()}
    with st.expander(t("Ajouter un moyen")):
        with st.form("means_add", enter_to_submit=False):
            action_id = st.selectbox(t("Action"), list(action_labels), format_func=action_labels.get,
                                     key="means_add.action")
            values, text_en = _means_fields("means_add")
            if st.form_submit_button(t("Ajouter le moyen")):
                try:
                    items.add_means(db, user, int(action_id), *values, text_en=text_en, session_id=sid)
                    _saved("Moyen ajouté.", *(f"means_add.{f}" for f in (*_MEANS_FIELDS, "text_en")))
                except FormError as error:
                    feedback.show_errors(error)


def schedule_form(db: Database, user, means_id: int, *, overridden: bool, sid: str) -> None:
    """The form that sets an item's schedule by hand (the period label stays as written),
    and the button that goes back to reading the label. Writes go through lib.plan.updates."""
    t = session.t
    st.caption(t("Pour une période que l’application ne sait pas lire, ou lit mal. "
                 "La période écrite au plan reste affichée."))
    with st.form("schedule", enter_to_submit=False):
        kind = st.selectbox(t("Type d’échéancier"), list(statuses.SCHEDULE_KIND_LABELS_FR), key="schedule.kind",
                            format_func=lambda k: t(statuses.SCHEDULE_KIND_LABELS_FR[k]))
        months = st.multiselect(t("Mois d’échéance (chaque année)"), list(range(1, 13)), key="schedule.months",
                                format_func=lambda m: month_name(m, session.language()).capitalize(), placeholder="—")
        col_due, col_start = st.columns(2)
        due = col_due.date_input(t("Échéance (une fois)"), value=None, key="schedule.due", format="YYYY-MM-DD")
        start = col_start.date_input(t("Début (facultatif)"), value=None, key="schedule.start", format="YYYY-MM-DD")
        submitted = st.form_submit_button(t("Enregistrer l’échéancier"))
    if submitted:
        try:
            updates.set_schedule_override(db, user, means_id, kind, months=months, due=due, start=start,
                                           session_id=sid)
        except FormError as error:
            feedback.show_errors(error)
        else:
            _saved("Échéancier enregistré.")
    if overridden and st.button(t("Revenir à la période du plan"), key="schedule.clear"):
        updates.clear_schedule_override(db, user, means_id, session_id=sid)
        _saved("L’échéancier est de nouveau lu dans la période du plan.")


def target_form(db: Database, user, means_id: int, *, overridden: bool, sid: str) -> None:
    """The form that corrects an item's indicator target (the indicator stays as written), and
    the button that goes back to the target read from the indicator. Writes go through lib.plan.updates."""
    t = session.t
    st.caption(t("Corrigez la cible lue dans l’indicateur ; le texte de l’indicateur reste tel qu’écrit."))
    with st.form("target", enter_to_submit=False):
        kind = st.selectbox(t("Type de cible"), list(statuses.TARGET_KINDS), key="target.kind",
                            format_func=lambda k: t(statuses.TARGET_KIND_LABELS_FR[k]))
        col_q, col_u, col_p, col_d = st.columns(4)
        quantity = col_q.number_input(t("Quantité visée"), value=None, step=1.0, key="target.quantity")
        unit = col_u.text_input(t("Unité (ex. : rencontres)"), key="target.unit")
        per = col_p.selectbox(t("Période"), [None, *statuses.PER_LABELS_FR], key="target.per",
                              format_func=lambda p: "—" if p is None else t(statuses.PER_LABELS_FR[p]))
        deadline = col_d.date_input(t("Date limite"), value=None, key="target.deadline", format="YYYY-MM-DD")
        submitted = st.form_submit_button(t("Enregistrer la cible"))
    if submitted:
        try:
            updates.set_target_override(db, user, means_id, kind, quantity=quantity, per=per, deadline=deadline,
                                         unit_fr=unit, session_id=sid)
        except FormError as error:
            feedback.show_errors(error)
        else:
            _saved("Cible enregistrée.")
    if overridden and st.button(t("Revenir à la cible lue dans l’indicateur"), key="target.clear"):
        updates.clear_target_override(db, user, means_id, session_id=sid)
        _saved("La cible est de nouveau lue dans l’indicateur.")


def figure_form(db: Database, user, means_id: int, *, sid: str) -> None:
    """The choice of a campaign figure that the item's indicator follows (or none: the quantities
    of its updates). Writes go through lib.plan.campaign_figures."""
    t = session.t
    current = campaign_figures.linked_figures(db).get(means_id)
    st.caption(t("Liez ce moyen à un chiffre de la campagne : sa progression vers la cible suit alors la campagne "
                 "(sans double saisie) au lieu des quantités des mises à jour."))
    options = [None, *campaign_figures.FIGURES]
    chosen = st.selectbox(t("Chiffre de la campagne"), options, index=options.index(current),
                          key=f"figure.{means_id}",
                          format_func=lambda f: t("Aucun : les quantités des mises à jour") if f is None
                          else t(campaign_figures.FIGURE_LABELS_FR[f]).capitalize())
    if chosen != current and st.button(t("Enregistrer le lien"), key="figure.save"):
        try:
            campaign_figures.set_figure(db, user, means_id, chosen, session_id=sid)
        except FormError as error:
            feedback.show_errors(error)
        else:
            _saved("Lien avec la campagne enregistré.")
