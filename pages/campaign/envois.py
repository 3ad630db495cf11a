"""Envois: which messages go out, a preview of each, the outbox, and (admins) sending now."""
import streamlit as st

from lib.core import roles
from lib.core.errors import FormError
from lib.outreach import outbox, reminders
from lib.outreach.config import SmtpConfigurationError
from lib.outreach.templates import KIND_LABELS_FR, LINK_PLACEHOLDER, LINK_SHOWN
from lib.ui import campaign_views, feedback, session

user = session.require_role(roles.STAFF)
t, nt = session.t, session.nt
db = session.get_db()
lang = session.language()

st.title(t("Envois"))
try:
    config = session.smtp_settings()
except SmtpConfigurationError as error:
    config = None
    st.error(str(error))
if config is not None:
    st.success(t("Les courriels partent par le serveur {server}.", server=config.describe()))
else:
    st.warning(t("Aucun serveur SMTP n’est configuré : les messages restent dans la boîte d’envoi, aux adresses "
                 "indiquées ci-dessous. Voyez la section « smtp » de .streamlit/secrets.toml.example."))

kinds_tab, due_tab, box_tab = st.tabs([t("Sortes de messages"), t("À envoyer"), t("Boîte d’envoi")])
with kinds_tab:
    enabled = outbox.enabled_kinds(db)
    for kind, label in KIND_LABELS_FR.items():
        wanted = st.toggle(t(label), value=enabled[kind], key=f"kinds.{kind}")
        if wanted != enabled[kind]:
            outbox.set_kind_enabled(db, kind, wanted, actor=user.username)
            st.rerun()
    st.caption(t("Les messages au CA (dossier de la prochaine rencontre) viendront avec les rencontres du CA."))
    st.subheader(t("Exemple de message"))
    left, right = st.columns([3, 1])
    sample_kind = left.selectbox(t("Sorte"), list(KIND_LABELS_FR), format_func=lambda k: t(KIND_LABELS_FR[k]),
                                 key="kinds.sample")
    sample_lang = right.radio(t("Langue"), ["fr", "en"], horizontal=True, key="kinds.sample_lang",
                              format_func={"fr": "Français", "en": "English"}.get)
    sample = campaign_views.sample_draft(sample_kind, sample_lang)
    st.text(t("Objet : {subject}", subject=sample.subject))
    st.text(sample.body_text.replace(LINK_PLACEHOLDER, LINK_SHOWN))

with due_tab:
    due = campaign_views.due_drafts()  # cached until the next write or the next day
    queued = outbox.already_queued(db, due)
    fresh = [d for d in due if (d.purpose, d.recipient.strip().lower(), d.subject_key) not in queued]
    st.write(nt("{n} message à mettre en file maintenant.", "{n} messages à mettre en file maintenant.", len(fresh)))
    if fresh:
        st.dataframe([{t("Sorte"): t(KIND_LABELS_FR[d.purpose]), t("Destinataire"): d.recipient,
                       t("Langue"): d.language, t("Objet"): d.subject} for d in fresh], hide_index=True)
        chosen = st.selectbox(t("Aperçu"), range(len(fresh)), key="due.preview",
                              format_func=lambda i: f"{fresh[i].recipient} — {fresh[i].subject}")
        st.text(fresh[chosen].body_text.replace(LINK_PLACEHOLDER, LINK_SHOWN))
    if user.role == "admin":
        if st.button(t("Envoyer maintenant"), type="primary", key="due.send_now", icon=":material/send:"):
            result = reminders.run(db, config, actor=user.username)
            st.session_state["envois.notice"] = (len(result.queued), len(result.send.sent), len(result.send.failed))
            st.rerun()
    else:
        st.caption(t("Les envois partent à chaque passage de la tâche planifiée; un administrateur peut aussi "
                     "les envoyer tout de suite."))
    if notice := st.session_state.pop("envois.notice", None):
        st.success(t("Mis en file : {queued} · envoyés : {sent} · en échec : {failed}", queued=notice[0],
                     sent=notice[1], failed=notice[2]))

with box_tab:
    counts = outbox.counts(db)
    cols = st.columns(4)
    for col, status in zip(cols, outbox.STATUSES):
        col.metric(t(outbox.STATUS_LABELS_FR[status]), counts[status])
    left, middle, right = st.columns(3)
    status = left.selectbox(t("Statut"), ["", *outbox.STATUSES], key="box.status",
                            format_func=lambda s: t(outbox.STATUS_LABELS_FR[s]) if s else t("Tous"))
    purpose = middle.selectbox(t("Sorte"), ["", *KIND_LABELS_FR], key="box.purpose",
                               format_func=lambda p: t(KIND_LABELS_FR[p]) if p else t("Toutes"))
    search = right.text_input(t("Destinataire ou objet contient"), key="box.search")
    rows = outbox.list_outbox(db, status=status, purpose=purpose, search=search.strip(), lang=lang)
    st.dataframe(rows[["id", "queued_at", "kind", "recipient", "subject", "status_label", "attempts", "sent_at",
                       "server_reply"]], hide_index=True,
                 column_config={"id": t("N°"), "queued_at": t("Mis en file"), "kind": t("Sorte"),
                                "recipient": t("Destinataire"), "subject": t("Objet"), "status_label": t("Statut"),
                                "attempts": t("Essais"), "sent_at": t("Envoyé le"),
                                "server_reply": t("Réponse du serveur")})
    if not rows.empty:
        chosen = st.selectbox(t("Message"), list(rows["id"]), key="box.message",
                              format_func=dict(zip(rows["id"], rows["recipient"] + " — " + rows["subject"])).get)
        message = outbox.get_message(db, int(chosen))
        st.text(message["body_text"])
        if message["status"] == "failed" and st.button(t("Réessayer au prochain envoi"), key="box.retry"):
            try:
                outbox.retry(db, int(chosen), actor=user.username)
                st.rerun()
            except FormError as error:
                feedback.show_errors(error)
