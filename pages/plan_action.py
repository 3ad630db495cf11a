"""Plan d’action: the plan read-only, axis -> action -> means."""
import streamlit as st

from lib import plan, session

user = session.require_role("board", "staff", "admin")
t = session.t
db = session.get_db()

plan_id = plan.current_plan_id(db)
if plan_id is None:
    st.warning(t("Aucun plan d’action n’est encore enregistré."))
    st.stop()
current = plan.get_plan(db, plan_id)
items = plan.list_plan_items(db, plan_id)

st.title(current["title"])
st.caption(t("{axes} axes · {actions} actions · {means} moyens", axes=items["axis_id"].nunique(),
             actions=items["action_id"].nunique(), means=len(items)))

with st.expander(t("Mise en contexte et orientations stratégiques de 2018")):
    st.text(current["context"])
    for (number, name, gloss), rows in plan.list_strategies(db, plan_id).groupby(["number", "name", "gloss"]):
        st.markdown(f"**{number}. {name}** ({gloss})")
        st.text("\n".join(f"{row.letter}. {row.label}" for row in rows.itertuples()))

for (axis_number, axis_name, objective), axis_items in items.groupby(["axis_number", "axis_name", "objective"]):
    st.header(t("Axe {number} : {name}", number=axis_number, name=axis_name), divider="gray")
    st.markdown(f"**{t('Objectif')}** : {objective}")
    for action_title, action_items in axis_items.groupby("action_title", sort=False):
        with st.expander(f"{action_title} ({len(action_items)})", expanded=False):
            st.dataframe(
                action_items[["text", "period_label", "indicator", "responsible_label"]],
                hide_index=True, width="stretch",
                column_config={
                    "text": st.column_config.TextColumn(t("Moyen"), width="large"),
                    "period_label": t("Période de réalisation"),
                    "indicator": st.column_config.TextColumn(t("Indicateur de réussite"), width="large"),
                    "responsible_label": t("Responsables et partenaires"),
                },
            )
