"""Streamlit pieces shared by the campaign pages: the agreement's inputs and its display,
and a chart shown with its table alternative and CSV download.

What organisations type is shown with st.text, st.dataframe or escape_markdown, never
as HTML.
"""
from __future__ import annotations

import html

import pandas as pd
import pyarrow as pa
import streamlit as st

from lib.campaign import agreement_form, agreement_text, ambassadors, campaigns, charts, impact_reports, logos
from lib.campaign.agreement_form import CHANNELS
from lib.campaign.campaigns import Campaign
from lib.campaign.charts import ChartView
from lib.core import spreadsheets
from lib.core.clock import to_local
from lib.core.errors import FormError
from lib.core.i18n import N_, format_date, format_datetime, format_number
from lib.core.messages import translate_message
from lib.ui import tables
from lib.ui.feedback import show_errors
from lib.ui.layout import escape_markdown, plain_label
from lib.ui.session import language, nt, t


def campaign_selector(db, key: str, label: str | None = None) -> Campaign | None:
    """A selectbox of the campaigns (newest first) that opens on the current one, marked
    "★ courante" (the same idea on every page); returns the chosen campaign (None: none yet).
    A campaign just created is chosen by setting `<key>.next` before the rerun."""
    listed = campaigns.list_campaigns(db)
    if listed.empty:
        return None
    ids = [int(i) for i in listed["id"]]
    if (chosen := st.session_state.pop(f"{key}.next", None)) in ids:
        st.session_state[key] = chosen
    if st.session_state.get(key) not in ids:
        current = listed.index[listed["is_current"]]
        st.session_state[key] = ids[current[0]] if len(current) else ids[0]
    names = {int(row.id): row.name + (" ★ " + t("(campagne courante)") if row.is_current else "")
             for row in listed.itertuples()}
    return campaigns.get_campaign(db, st.selectbox(label or t("Campagne"), ids, key=key, format_func=names.get))


def ended_campaign_warning(campaign: Campaign | None, today) -> None:
    """For staff: a warning when the current campaign has ended (sign-ups are then closed),
    or when no campaign is current."""
    if campaign is None:
        st.warning(t("Aucune campagne courante : les inscriptions sont fermées. Choisissez ou créez la campagne de "
                     "l’année à la page « Campagne », onglet « Gérer les campagnes »."), icon=":material/event_busy:")
    elif campaigns.has_ended(campaign, today):
        st.warning(t("La campagne courante, « {name} », a pris fin le {day} : les inscriptions sont fermées. Créez "
                     "la campagne de l’année (une copie décalée d’un an) à la page « Campagne », onglet « Gérer les "
                     "campagnes ».", name=escape_markdown(campaign.name),
                     day=format_date(campaign.valid_until, language())),
                   icon=":material/event_busy:")


# The staff's tables of ambassadors: (column, French header, width in pixels), what fits in the
# 920 px a wide page gives a table at 1400 px; the rest of an agreement is shown below the table.
SIGNUP_COLUMNS = (("organisation", N_("Organisation"), 290), ("contact_name", N_("Personne-ressource"), 170),
                  ("status_label", N_("Statut"), 100), ("report_label", N_("Rapport"), 120),
                  ("commitments", N_("Engagements"), 105), ("moments", N_("Moments forts"), 110))
FOLLOW_UP_COLUMNS = (("organisation", N_("Organisation"), 260), ("contact_name", N_("Personne-ressource"), 150),
                     ("email", N_("Courriel"), 250), ("report_status", N_("Rapport"), 120),
                     ("phone", N_("Téléphone"), 120))


REPORT_STATUS_COLUMNS = (("organisation", N_("Organisation"), 390), ("status_label", N_("Rapport"), 160),
                         ("submitted_label", N_("Soumis le"), 230), ("late", N_("En retard"), 110))
MICROSITE_COLUMNS = (("organisation", N_("Organisation"), 230), ("site_web", N_("Site Web"), 200),
                     ("texte", N_("Texte"), 320), ("logo", N_("Fichier du logo"), 150))


def fitted_table(frame: pd.DataFrame | pa.Table, columns: tuple, *, key: str | None = None, select: bool = False):
    """`frame`'s `columns` only, in that order, with French headers and fixed widths (an Arrow
    table already holding just those columns is shown as it is); with `select`, a click on a
    row selects it (returns the selection event)."""
    names = [name for name, _, _ in columns]
    shown = frame if isinstance(frame, pa.Table) and frame.column_names == names else frame[names]
    options = {"key": key, "on_select": "rerun", "selection_mode": "single-row"} if select else {"key": key}
    return st.dataframe(shown, hide_index=True, placeholder="—", width="stretch",
                        column_config={name: st.column_config.Column(t(header), width=width)
                                       for name, header, width in columns}, **options)


def microsite_table(frame: pd.DataFrame, key: str) -> None:
    """The microsite listing as a grid that fits the page (each text cut to its column), and
    below it the whole text of the row clicked (the first one until then), as typed."""
    event = fitted_table(frame, MICROSITE_COLUMNS, key=key, select=True)
    if frame.empty:
        return
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    row = frame.iloc[rows[0] if rows and rows[0] < len(frame) else 0]
    st.caption(t("Cliquez sur une ligne pour lire son texte en entier ci-dessous."))
    with st.container(border=True):
        st.markdown("**" + t("Texte de {organisation}", organisation=escape_markdown(row["organisation"])) + "**")
        st.text(row["texte"] or "—")


def show_chart(view: ChartView, key: str, caption: str = "", *, when_empty: bool = False,
               readable: pd.DataFrame | None = None, has_data: bool | None = None) -> None:
    """The figure, then its numbers as a static table (in an expander; lib.ui.tables: wrapped,
    escaped, in the session's language) and as a CSV download (plain values); a chart
    with nothing to show (lib.campaign.charts.has_data) says so in words instead, unless
    `when_empty` (a chart that still informs with zeros, like the moments' timeline).
    `readable`, `has_data`: the table already made for reading (lib.ui.tables.for_reading), and has_data's answer
    (lib.ui.campaign_views caches both)."""
    title = html.unescape(view.figure.layout.title.text or "")
    if not when_empty and not (charts.has_data(view) if has_data is None else has_data):
        st.info(t("{title} : aucune donnée pour l’instant.", title=escape_markdown(title)),
                icon=":material/bar_chart:")
        return
    st.plotly_chart(view.figure, key=f"{key}.chart", config={"displaylogo": False}, alt=title)
    if caption or view.note:
        st.caption(" ".join(text for text in (caption, view.note) if text))
    with st.expander(t("Tableau des données : {title}", title=escape_markdown(title))):
        if readable is None:
            tables.static_table(view.table)  # wrapped: long moment names and organisations read whole
        else:
            tables.show_readable(readable)
        st.download_button(t("Télécharger ce tableau (CSV)"), lambda: spreadsheets.to_csv_bytes(view.table),
                           file_name=f"{view.name}.csv", mime="text/csv", key=f"{key}.csv",
                           icon=":material/download:")


def show_cached_chart(chart, key: str, *, when_empty: bool = False) -> None:
    """show_chart of a lib.ui.campaign_views.ShownChart: its figure, readable table and has_data
    as cached."""
    show_chart(chart.view, key, when_empty=when_empty, readable=chart.readable, has_data=chart.has_data)


def word_count_caption(text: str) -> None:
    """'42 mots (environ 100 demandés, 150 au plus)', in red over the limit."""
    words = agreement_form.count_words(text)
    message = nt("{n} mot (environ {target} demandés, {limit} au plus)",
                 "{n} mots (environ {target} demandés, {limit} au plus)", words,
                 target=agreement_form.TARGET_WORDS, limit=agreement_form.MAX_WORDS)
    if words > agreement_form.MAX_WORDS:
        too_long = t("trop long")
        st.markdown(f":red[**{message} — {too_long}**]")
    else:
        st.caption(message)


def _marked(segments: agreement_text.Segments) -> str:
    """Markdown of (text, bold) segments: each text escaped, the bold ones between ** **."""
    parts = []
    for text, bold in segments:
        if bold and text.strip():
            lead, core, trail = text[:len(text) - len(text.lstrip())], text.strip(), text[len(text.rstrip()):]
            parts.append(f"{lead}**{escape_markdown(core)}**{trail}")
        else:
            parts.append(escape_markdown(text))
    return "".join(parts)


def show_whole_agreement(campaign: Campaign, channels: pd.DataFrame, moments: pd.DataFrame,
                         organiser_commitments: list[str]) -> None:
    """The whole agreement in the document's words and emphasis, before anyone signs: purpose,
    validity, the status granted, the organiser's commitments, its reach per channel (with the
    date of the figures), the plan de diffusion (each moment's full text and the dates the app
    uses), and the impact report asked for (due date, questionnaire, contact). Staff's texts are
    escaped; only the document's emphasis is markup."""
    lang = language()
    bold = [agreement_text.astuce(campaign.slogan)]
    st.markdown(f"**{escape_markdown(campaign.agreement_title)}**")
    st.markdown(f"*{escape_markdown(campaign.slogan)}*")
    st.markdown(_marked(agreement_text.emphasised(campaign.purpose, bold)))
    st.markdown(t("La présente entente entrera en vigueur {start} et sera valide jusqu’au **{date}**.",
                  start=escape_markdown(campaign.agreement_start), date=format_date(campaign.valid_until, lang)))
    st.markdown("**" + t("Partenariat de promotion") + "**")
    st.markdown(t("Nous accordons par la présente le statut d’**{status}** à :",
                  status=escape_markdown(campaign.ambassador_status))
                + "  \n:gray[" + t("votre organisation (section 1 du formulaire ci-dessous)") + "]")
    st.markdown(escape_markdown(campaign.organiser_commitments_intro))
    st.markdown("\n".join(f"- {escape_markdown(text)}" for text in organiser_commitments))

    if len(channels):
        title = escape_markdown(campaign.reach_title)  # the document's footnote mark sits after "portée"
        st.markdown(f"**{title.replace('portée', 'portée¹', 1) if 'portée' in title else title + '¹'}**")
        st.markdown("\n".join(f"- {escape_markdown(row.label)} {format_number(row.audience, lang) or '—'}"
                               for row in channels.itertuples()))
        if campaign.reach_note:
            st.caption("¹ " + escape_markdown(campaign.reach_note))

    if len(moments):
        st.markdown("**" + t("Plan de diffusion du {organiser}", organiser=escape_markdown(campaign.organiser)) + "**")
        st.markdown(escape_markdown(campaign.diffusion_intro))
        lines = []
        for row in moments.itertuples():
            sentence = _marked(agreement_text.moment_sentence(row.when_label, row.description, bold))
            used = agreement_text.used_dates(row.when_label, row.kind, _as_date(row.starts_on), _as_date(row.ends_on))
            note = f"  \n  :gray[{escape_markdown(translate_message(used, lang))}]" if used else ""
            lines.append(f"- ↘ {sentence}{note}")
        st.markdown("\n".join(lines))

    st.markdown("**" + t("Rapport de retombées") + "**")
    due = format_date(campaign.report_due, "fr") if campaign.report_due else ""
    st.markdown(_marked(agreement_text.emphasised(campaign.report_request, [due])))
    if campaign.questionnaire_invitation or campaign.questionnaire_label:
        label = escape_markdown(campaign.questionnaire_label or t("Questionnaire"))
        # The address between < >: a valid one may hold ")", which would close a bare link early
        # and let the rest of it be read as Markdown (an image from elsewhere); < and > it cannot hold.
        link = (f"[{label}](<{campaign.questionnaire_url}>)" if campaign.questionnaire_url
                else label + " " + t("(lien pas encore fourni par l’organisateur)"))
        st.markdown(escape_markdown(campaign.questionnaire_invitation) + " " + link)
    if campaign.contact_name:
        contact = f"**{escape_markdown(campaign.contact_name)}**"
        if campaign.contact_title:
            contact += "  \n" + escape_markdown(campaign.contact_title)
        if campaign.contact_email:
            contact += "  \n" + escape_markdown(campaign.contact_email)
        st.markdown(contact)


def agreement_inputs(form: str, types: pd.DataFrame, moments: pd.DataFrame, *, logo_required: bool = True,
                     agreement: ambassadors.Agreement | None = None) -> dict:
    """The agreement's widgets (keys '<form>.<field>'), prefilled from `agreement` when
    given; returns what is typed, in the shape lib.campaign.ambassadors validates. Widget values
    live in st.session_state, so nothing typed is lost when the page shows errors."""
    data: dict = {}

    # No max_chars on free text: Streamlit drops a paste longer than it whole and says nothing; the
    # lib refuses what is too long with a French message naming the limit, and the text stays here.
    def text(where, label: str, field: str, **options) -> None:
        value = getattr(agreement, field) if agreement else ""
        data[field] = where.text_input(t(label), value=value, key=f"{form}.{field}", **options)

    st.subheader(t("1. L’organisation"))
    left, right = st.columns(2)
    text(left, N_("Nom de l’organisation"), "organisation")
    text(right, N_("Personne-ressource"), "contact_name")
    text(left, N_("Courriel"), "email", autocomplete="email")
    text(right, N_("Téléphone"), "phone", placeholder="819 555-1234", autocomplete="tel")
    text(left, N_("Site Web"), "website", placeholder="https://organisme.org", autocomplete="url")

    st.subheader(t("2. Votre auditoire (facultatif)"))
    st.caption(t("Le nombre d’abonnés ou de visiteurs de votre organisation sur chaque canal, s’il est connu."))
    columns = st.columns(3)
    data["audiences"] = {
        key: columns[index % 3].number_input(t(label), min_value=0, max_value=agreement_form.MAX_AUDIENCE,
                                             value=agreement.audiences.get(key) if agreement else None,
                                             step=1, key=f"{form}.audience_{key}")
        for index, (key, label) in enumerate(CHANNELS)}

    st.subheader(t("3. Pourquoi vous joignez le mouvement"))
    data["why_text"] = st.text_area(
        t("Ce texte paraîtra avec votre logo sur le microsite (environ 100 mots)"),
        value=agreement.why_text if agreement else "", key=f"{form}.why_text", height=160)
    word_count_caption(data["why_text"])
    upload = st.file_uploader(
        t("Logo (PNG ou JPEG, 2 Mo au plus)") if logo_required
        else t("Remplacer le logo (PNG ou JPEG, 2 Mo au plus; laisser vide pour garder l’actuel)"),
        type=["png", "jpg", "jpeg"], key=f"{form}.logo", max_upload_size=2)
    data["logo"] = upload.getvalue() if upload is not None else None

    st.subheader(t("4. Vos engagements"))
    st.caption(t("Selon vos capacités et votre intérêt, cochez vos choix de promotion."))
    data["commitments"], data["moments"] = [], []
    for row in types.itertuples():
        # The campaign's own wording, typed by staff: plain_label keeps it as typed (never an image
        # or a link) and reads an ordinary sentence to screen readers without backslashes.
        if st.checkbox(plain_label(row.label), value=bool(agreement and row.key in agreement.commitments),
                       key=f"{form}.commitment_{row.key}"):
            data["commitments"].append(row.key)
        if row.with_moments and row.key in data["commitments"]:
            with st.container(border=True):
                for moment in moments.itertuples():
                    if st.checkbox(plain_label(campaigns.moment_name(moment.checklist_label, moment.when_label)),
                                   help=escape_markdown(campaigns.moment_detail(moment.when_label,
                                                                                moment.description)),
                                   value=bool(agreement and moment.key in agreement.moments),
                                   key=f"{form}.moment_{moment.key}"):
                        data["moments"].append(moment.key)

    st.subheader(t("5. Signature"))
    left, right = st.columns(2)
    text(left, N_("Nom de la personne qui signe"), "signer_name")
    text(right, N_("Titre ou fonction"), "signer_title")
    return data


def show_agreement(agreement: ambassadors.Agreement, campaign: Campaign, types: pd.DataFrame,
                   moments: pd.DataFrame) -> None:
    """The agreement as signed: the organisation, its choices, its audience and its text."""
    lang = language()
    status = t(ambassadors.STATUS_LABELS_FR[agreement.status])
    st.markdown(t("**{label}** : {value}", label=t("Statut"), value=status))
    if agreement.status_note:
        st.markdown(t("**{label}** :", label=t("Note de l’équipe")))
        st.text(agreement.status_note)
    left, right = st.columns([2, 1])
    with left:
        st.markdown("**" + t("Organisation") + "**")
        st.text(agreement.organisation)
        st.markdown("**" + t("Personne-ressource") + "**")
        st.text(f"{agreement.contact_name}\n{agreement.email}\n{agreement.phone}\n{agreement.website}".strip())
    logo = logos.readable(agreement.logo)
    if logo:
        right.image(logo, caption=t("Logo"), width=180,
                    alt=t("Logo de {organisation}", organisation=agreement.organisation))
    elif agreement.logo:
        right.caption(t("Le logo enregistré est illisible : il n’est pas affiché."))
    st.markdown("**" + t("Pourquoi nous joignons le mouvement") + "**")
    st.text(agreement.why_text)
    chosen = [row.label for row in types.itertuples() if row.key in agreement.commitments]
    st.markdown("**" + t("Engagements") + f"** ({len(chosen)})")
    st.text("\n".join(f"☑ {label}" for label in chosen) or t("Aucun"))
    picked = [row.checklist_label or row.when_label for row in moments.itertuples() if row.key in agreement.moments]
    if picked:
        st.markdown("**" + t("Moments forts choisis") + f"** ({len(picked)})")
        st.text("\n".join(f"☑ {label}" for label in picked))
    audience = pd.DataFrame({t("Canal"): [t(label) for _, label in CHANNELS],
                             t("Auditoire déclaré"): [format_number(agreement.audiences.get(key), lang) or "—"
                                                      for key, _ in CHANNELS]})
    st.markdown("**" + t("Auditoire déclaré par l’organisation") + "**")
    st.dataframe(audience, hide_index=True, placeholder="—")
    st.markdown("**" + t("Signature") + "**")
    st.text(t("{name}, {title} — signé le {date}", name=agreement.signer_name, title=agreement.signer_title,
              date=format_date(agreement.signed_on, lang)))
    st.caption(t("Inscrit le {date}. Entente valide jusqu’au {until}.",
                 date=format_datetime(to_local(agreement.created_at), lang),
                 until=format_date(campaign.valid_until, lang)))


def _typed(value) -> str:
    """A cell of a text column as typed ('' for an empty one)."""
    return value if isinstance(value, str) else ""


def _as_date(value):
    if value is None or pd.isna(value):
        return None
    return value.date() if hasattr(value, "hour") else value


def report_inputs(form: str, items, saved: dict, *, disabled: bool = False) -> dict:
    """The impact report's widgets, built from the ambassador's commitments (keys
    '<form>.<field>') and prefilled with `saved` (impact_reports.form_data); returns the
    typed report in the shape lib.campaign.impact_reports takes."""
    data: dict = {"actions": {}, "reach": {}, "activities": []}
    st.subheader(t("1. Vos actions"))
    st.caption(t("Pour chaque engagement et chaque moment fort choisi : fait ou non, combien de fois, quand, "
                 "et les liens vers vos publications (un par ligne)."))
    for item in items:
        prefix = f"{form}.{item.kind}_{item.key}"
        was = saved["actions"].get((item.kind, item.key), {})
        with st.container(border=True):
            done = st.checkbox(plain_label(item.label), value=bool(was.get("done")), key=f"{prefix}.done",
                               disabled=disabled)
            # Each field names its commitment: a screen reader hears the label alone, not the box around it.
            short = plain_label(item.label if len(item.label) <= 60 else item.label[:59].rstrip() + "…")
            left, middle = st.columns([1, 2])
            times = left.number_input(t("Nombre de fois — {item}", item=short), min_value=0,
                                      max_value=impact_reports.MAX_TIMES, value=was.get("times"), step=1,
                                      key=f"{prefix}.times", disabled=disabled)
            when = middle.text_input(t("Quand — {item}", item=short), value=was.get("when") or "",
                                     key=f"{prefix}.when", disabled=disabled,
                                     placeholder=t("ex. : le 13 mars et le 2 mai"))
            links = st.text_area(t("Liens (un par ligne) — {item}", item=short), value=was.get("links") or "",
                                 key=f"{prefix}.links", height=68, disabled=disabled)
            data["actions"][(item.kind, item.key)] = {"done": done, "times": times, "when": when, "links": links}

    st.subheader(t("2. Portée sur vos canaux"))
    st.caption(t("Ce que vos publications ont obtenu pendant la campagne. Laissez vide ce que vous ne savez pas."))
    metrics = impact_reports.REACH_METRICS
    header = st.columns([2, 1, 1, 1, 1])
    header[0].markdown("**" + t("Canal") + "**")
    for column, (_, label) in zip(header[1:], metrics):
        column.markdown(f"**{t(label)}**")
    for key, label in CHANNELS:
        row = st.columns([2, 1, 1, 1, 1], vertical_alignment="center")
        row[0].write(t(label))
        data["reach"][key] = {
            metric: column.number_input(f"{t(label)} — {t(metric_label)}", min_value=0,
                                        max_value=impact_reports.MAX_COUNT,
                                        value=saved["reach"].get(key, {}).get(metric), step=1,
                                        key=f"{form}.reach_{key}_{metric}", label_visibility="collapsed",
                                        disabled=disabled)
            for column, (metric, metric_label) in zip(row[1:], metrics)}
    left, right = st.columns(2)
    data["newsletter_recipients"] = left.number_input(
        t("Destinataires de votre infolettre"), min_value=0, max_value=impact_reports.MAX_COUNT,
        value=saved["newsletter_recipients"], step=1,
        key=f"{form}.newsletter_recipients", disabled=disabled)
    data["intranet_recipients"] = right.number_input(
        t("Destinataires de votre intranet"), min_value=0, max_value=impact_reports.MAX_COUNT,
        value=saved["intranet_recipients"], step=1,
        key=f"{form}.intranet_recipients", disabled=disabled)

    st.subheader(t("3. Activités organisées"))
    count = st.number_input(t("Nombre d’activités organisées (webinaire, kiosque, conférence, causerie…)"),
                            min_value=0, max_value=impact_reports.MAX_ACTIVITIES, step=1,
                            value=len(saved["activities"]), key=f"{form}.activity_count", disabled=disabled)
    for index in range(int(count or 0)):
        was = saved["activities"][index] if index < len(saved["activities"]) else {}
        with st.container(border=True):
            cols = st.columns([2, 1, 1])
            data["activities"].append({
                "type": cols[0].text_input(t("Activité {n} — type", n=index + 1), value=was.get("type") or "",
                                           key=f"{form}.activity{index}_type", disabled=disabled),
                "held_on": cols[1].date_input(t("Date"), value=_as_date(was.get("held_on")), format="YYYY-MM-DD",
                                              key=f"{form}.activity{index}_held_on", disabled=disabled),
                "participants": cols[2].number_input(t("Participants"), min_value=0, max_value=10_000_000,
                                                     value=was.get("participants"),
                                                     step=1, key=f"{form}.activity{index}_participants",
                                                     disabled=disabled),
                "description": st.text_input(t("Description (facultatif)"), value=was.get("description") or "",
                                             key=f"{form}.activity{index}_description", disabled=disabled),
            })

    reported = impact_reports.reported_activities_count(data)
    activity_key = ("commitment", impact_reports.ACTIVITY_COMMITMENT)
    if reported and activity_key in data["actions"] and not data["actions"][activity_key]["done"] and not disabled:
        label = next(item.label for item in items if (item.kind, item.key) == activity_key)
        st.info(nt("Vous déclarez {n} activité : « {label} » sera coché comme fait à l’enregistrement.",
                   "Vous déclarez {n} activités : « {label} » sera coché comme fait à l’enregistrement.",
                   reported, label=escape_markdown(label)), icon=":material/link:")

    st.subheader(t("4. Vos commentaires"))
    for key, label in (("what_worked", N_("Ce qui a bien fonctionné")),
                       ("suggestions", N_("Vos suggestions pour la prochaine campagne")),
                       ("comments", N_("Autres commentaires"))):
        data[key] = st.text_area(t(label), value=saved[key] or "", key=f"{form}.{key}", height=100,
                                 disabled=disabled)
    return data


def show_report(report: dict | None, items) -> None:
    """A saved report read-only (for staff): actions, reach, activities, comments."""
    lang = language()
    if report is None:
        st.info(t("Aucun rapport n’a encore été commencé."))
        return
    status_fr = impact_reports.STATUS_LABELS_FR[report["status"]]
    when = format_datetime(to_local(report["submitted_at"]), lang) if report["submitted_at"] else ""
    late = " — " + t("en retard") if report["submitted_late"] else ""
    value = t(status_fr) + (" · " + when if when else "") + late
    st.markdown(t("**{label}** : {value}", label=t("Rapport"), value=value))
    actions = pd.DataFrame([{
        t("Élément"): item.label,
        t("Fait"): t("oui") if report["actions"].get((item.kind, item.key), {}).get("done") else t("non"),
        t("Nombre de fois"): report["actions"].get((item.kind, item.key), {}).get("times"),
        t("Quand"): report["actions"].get((item.kind, item.key), {}).get("when", ""),
        t("Liens"): report["actions"].get((item.kind, item.key), {}).get("links", ""),
    } for item in items])
    # Static tables: the ambassador's words wrap whole (escaped), numbers and dates in the language.
    tables.static_table(actions)
    reach = pd.DataFrame([{t("Canal"): t(agreement_form.CHANNEL_LABELS[key]),
                           **{t(label): values.get(metric) for metric, label in impact_reports.REACH_METRICS}}
                          for key, values in report["reach"].items()])
    if not reach.empty:
        tables.static_table(reach)
    if report["activities"]:
        tables.static_table(impact_reports.activities_table(report["activities"], lang))
    for key, label in (("what_worked", N_("Ce qui a bien fonctionné")), ("suggestions", N_("Suggestions")),
                       ("comments", N_("Autres commentaires"))):
        if report[key]:
            st.markdown(f"**{t(label)}**")
            st.text(report[key])


CAMPAIGN_FIELDS = (  # (field, French label, multi-line)
    ("name", N_("Nom de la campagne"), False), ("slogan", N_("Slogan"), False),
    ("organiser", N_("Organisateur"), False), ("agreement_title", N_("Titre de l’entente"), False),
    ("ambassador_status", N_("Statut accordé"), False), ("purpose", N_("Objectif du partenariat"), True),
    ("website", N_("Site Web de la campagne"), False),
    ("report_request", N_("Demande de rapport de retombées"), True),
    ("questionnaire_url", N_("Lien du questionnaire sur les retombées (https://…)"), False),
    ("reach_title", N_("Titre de la portée"), False),
    ("reach_note", N_("Note sur la portée (date des données)"), False),
)


# The optional English texts of moments and commitments, beside their French column (headers).
ENGLISH_COLUMNS = {"when_en": N_("Quand (tel qu’écrit)"), "description_en": N_("Description"),
                   "checklist_label_en": N_("Libellé de la liste à cocher"), "label_en": N_("Libellé")}


def _english_help() -> str:
    return t("Montré aux personnes qui lisent l’application en anglais; vide : le texte français.")


def _editor_columns() -> dict:
    """The campaign editor's columns with French headers (the data keeps its field names). Text
    columns stay untyped (st.column_config.Column): an empty list is a column of floats to
    pandas, which a TextColumn refuses."""
    column = st.column_config
    return {
        "key": column.Column(t("Clé"), help=t("Minuscules, chiffres et tirets; sert dans les exports.")),
        "kind": column.SelectboxColumn(t("Type"), options=list(campaigns.MOMENT_KINDS),
                                       help=t("date : un jour; range : du début à la fin; month : un mois; "
                                              "season : une saison.")),
        "when": column.Column(t("Quand (tel qu’écrit)")),
        "starts_on": column.DateColumn(t("Début"), format="YYYY-MM-DD"),
        "ends_on": column.DateColumn(t("Fin"), format="YYYY-MM-DD"),
        "description": column.Column(t("Description")),
        "checklist_label": column.Column(t("Libellé de la liste à cocher")),
        "label": column.Column(t("Libellé")),
        **{key: column.Column(t("{field} — texte anglais (facultatif)", field=t(label)), help=_english_help())
           for key, label in ENGLISH_COLUMNS.items()},
        "with_moments": column.CheckboxColumn(t("Demande les moments forts")),
        "audience": column.NumberColumn(t("Auditoire"), min_value=0, step=1, format="%d"),
        "as_of": column.DateColumn(t("En date du"), format="YYYY-MM-DD"),
        "text": column.Column(t("Engagement de l’organisateur")),
    }


def campaign_editor(form: str, data: dict) -> dict:
    """Widgets for a whole campaign prefilled with seed-shaped `data` (keys '<form>.<field>');
    returns the edited seed-shaped data. The lists are edited as tables."""
    result = dict(data)
    result["slug"] = st.text_input(t("Identifiant (dans les adresses et exports)"), value=data.get("slug", ""),
                                   key=f"{form}.slug")
    for field, label, multiline in CAMPAIGN_FIELDS:
        widget = st.text_area if multiline else st.text_input
        result[field] = widget(t(label), value=data.get(field) or "", key=f"{form}.{field}")
    cols = st.columns(3)
    for column, (field, label) in zip(cols, (("starts_on", N_("Début de la campagne")),
                                             ("report_due", N_("Échéance du rapport")),
                                             ("valid_until", N_("Entente valide jusqu’au")))):
        result[field] = column.date_input(t(label), value=data.get(field), key=f"{form}.{field}", format="YYYY-MM-DD")
    contact = data.get("contact") or {}
    cols = st.columns(3)
    result["contact"] = {key: column.text_input(t(label), value=contact.get(key, ""), key=f"{form}.contact_{key}")
                         for column, (key, label) in zip(cols, (("name", N_("Personne-ressource")),
                                                                ("title", N_("Titre")), ("email", N_("Courriel"))))}
    frames = campaigns.editor_frames(data)
    edited = {}
    for name, label in (("moments", N_("Moments forts (type : date, range, month ou season)")),
                        ("commitments",
                         N_("Engagements proposés (with_moments : l’ambassadeur y choisit des moments)")),
                        ("channels", N_("Auditoire de l’organisateur par canal")),
                        ("organiser_commitments", N_("Engagements de l’organisateur"))):
        st.markdown(f"**{t(label)}**")
        edited[name] = st.data_editor(frames[name], num_rows="dynamic", hide_index=True, width="stretch",
                                      key=f"{form}.{name}", column_config=_editor_columns())
    result = campaigns.data_from_editors(result, edited)
    date_issues(result.get("moments", []), result.get("starts_on"), result.get("agreement_start", ""))
    return result


def date_issues(moments, starts_on, agreement_start: str) -> None:
    """What the app inferred or found inconsistent in a campaign's dates (lib.campaign.agreement_text),
    as a warning for staff; nothing when all is as written."""
    issues = agreement_text.date_issues(moments, starts_on, agreement_start)
    if issues:
        lang = language()
        st.warning("\n".join(f"- {escape_markdown(translate_message(issue, lang))}" for issue in issues),
                   icon=":material/event_busy:")


def campaign_details_form(db, campaign: Campaign, actor: str, session_id: str) -> None:
    """Staff's corrections of the shown campaign: the date issues, then its start, its
    questionnaire link, each moment's text and dates, the optional English texts of the moments
    and commitments (beside their French ones) and the organiser's reach, saved together (only
    what changed)."""
    lang = language()
    moments = campaigns.list_moments(db, campaign.id)
    st.markdown("**" + t("Dates, lien du questionnaire et auditoire de la campagne affichée") + "**")
    date_issues(moments.to_dict("records"), campaign.starts_on, campaign.agreement_start)
    frame = pd.DataFrame({
        "key": moments["key"], "when": moments["when_label"], "kind": moments["kind"],
        "starts_on": [_as_date(d) for d in moments["starts_on"]], "ends_on": [_as_date(d) for d in moments["ends_on"]],
        "used": [translate_message(agreement_text.used_dates(r.when_label, r.kind, _as_date(r.starts_on),
                                                             _as_date(r.ends_on)), lang)
                 for r in moments.itertuples()],
        # The other French texts (read-only here), each with its optional English text beside it.
        "when_en": moments["when_label_en"], "description": moments["description"],
        "description_en": moments["description_en"], "checklist_label": moments["checklist_label"],
        "checklist_label_en": moments["checklist_label_en"],
    }).astype({key: object for key in ("when_en", "description_en", "checklist_label_en")})
    types = campaigns.list_commitment_types(db, campaign.id)
    with st.form(f"campaign.details.{campaign.id}"):
        left, right = st.columns([1, 2])
        starts_on = left.date_input(t("Début de la campagne"), value=campaign.starts_on, format="YYYY-MM-DD",
                                    key=f"campaign.details.{campaign.id}.starts_on")
        url = right.text_input(t("Lien du questionnaire sur les retombées (https://…)"),
                               value=campaign.questionnaire_url,
                               key=f"campaign.details.{campaign.id}.questionnaire_url")
        english = {key: st.column_config.TextColumn(t("{field} — texte anglais (facultatif)", field=t(label)),
                                                    help=_english_help(), max_chars=campaigns.ENGLISH_MAX_CHARS)
                   for key, label in ENGLISH_COLUMNS.items()}
        edited = st.data_editor(frame, hide_index=True, width="stretch", num_rows="fixed",
                                key=f"campaign.details.{campaign.id}.moments",
                                disabled=["key", "kind", "used", "description", "checklist_label"],
                                column_order=["when", "when_en", "kind", "starts_on", "ends_on", "used",
                                              "checklist_label", "checklist_label_en", "description",
                                              "description_en"],
                                column_config={
                                    **{k: v for k, v in english.items() if k != "label_en"},
                                    "description": st.column_config.TextColumn(t("Description")),
                                    "checklist_label": st.column_config.TextColumn(t("Libellé de la liste à cocher")),
                                    "key": None, "when": st.column_config.TextColumn(t("Date telle qu’écrite")),
                                    "kind": st.column_config.TextColumn(t("Type")),
                                    "starts_on": st.column_config.DateColumn(t("Début"), format="YYYY-MM-DD"),
                                    "ends_on": st.column_config.DateColumn(t("Fin"), format="YYYY-MM-DD"),
                                    "used": st.column_config.TextColumn(t("Ce que l’application retient"),
                                                                        width="large")})
        st.markdown("**" + t("Engagements proposés aux ambassadeurs") + "**")
        commitments = st.data_editor(
            pd.DataFrame({"key": types["key"], "label": types["label"], "label_en": types["label_en"]})
            .astype({"label_en": object}),
            hide_index=True, width="stretch", num_rows="fixed", key=f"campaign.details.{campaign.id}.commitments",
            disabled=["key", "label"],
            column_config={"key": None, "label": st.column_config.TextColumn(t("Libellé")),
                           "label_en": english["label_en"]})
        channels = campaigns.list_channels(db, campaign.id)
        st.markdown("**" + t("Auditoire de l’organisateur par canal, avec la date des chiffres") + "**")
        reach = st.data_editor(
            pd.DataFrame({"key": channels["key"], "label": channels["label"], "audience": channels["audience"],
                          "as_of": [_as_date(d) for d in channels["as_of"]]}),
            hide_index=True, width="stretch", num_rows="fixed", key=f"campaign.details.{campaign.id}.channels",
            disabled=["key", "label"],
            column_config={"key": None, "label": st.column_config.TextColumn(t("Canal")),
                           "audience": st.column_config.NumberColumn(t("Auditoire"), min_value=0, step=1,
                                                                     format="%d"),
                           "as_of": st.column_config.DateColumn(t("Données au"), format="YYYY-MM-DD")})
        if st.form_submit_button(t("Enregistrer les dates, le lien et l’auditoire")):
            try:
                changed = campaigns.update_campaign_details(
                    db, campaign.id, actor=actor, starts_on=starts_on, questionnaire_url=url, session_id=session_id,
                    moments=[{"key": r["key"], "when": r["when"] or "", "starts_on": r["starts_on"],
                              "ends_on": r["ends_on"], "when_en": _typed(r["when_en"]),
                              "description_en": _typed(r["description_en"]),
                              "checklist_label_en": _typed(r["checklist_label_en"])}
                             for r in edited.to_dict("records")],
                    commitments=[{"key": r["key"], "label_en": _typed(r["label_en"])}
                                 for r in commitments.to_dict("records")],
                    channels=[{"key": r["key"], "audience": r["audience"], "as_of": r["as_of"]}
                              for r in reach.to_dict("records")])
            except FormError as error:
                show_errors(error)
            else:
                if changed:
                    st.success(nt("{n} modification enregistrée.", "{n} modifications enregistrées.", len(changed)))
                else:
                    st.info(t("Rien n’a changé : rien n’a été enregistré."))
