"""Streamlit pieces of the Rapports page: choosing the meetings, the pack on screen, its
downloads (built and archived only when clicked), the archive, and staff's meeting form."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lib.board import archive, pack
from lib.core import audit, clock, roles
from lib.core.errors import FormError
from lib.core.i18n import format_date, format_datetime
from lib.core.messages import translate_message
from lib.plan import meetings
from lib.plan.meetings import Meeting
from lib.ui import session
from lib.ui.feedback import show_errors
from lib.ui.layout import escape_markdown
from lib.ui.plan_views import flash

_NONE = -1


def choose_meetings(all_meetings: list[Meeting], today: date) -> tuple[Meeting, Meeting | None, Meeting | None]:
    """The meeting (default: the next one, else the last) and the previous one (default: the
    one before it; may be none), chosen in two selectboxes; also the meeting after the chosen one."""
    t, lang = session.t, session.language()
    by_id = {m.id: m for m in all_meetings}
    coming = [m for m in all_meetings if m.held_on >= today]
    default = coming[0] if coming else all_meetings[-1]
    ids = [m.id for m in reversed(all_meetings)]
    left, right = st.columns(2)
    chosen = by_id[left.selectbox(t("Rencontre"), ids, index=ids.index(default.id), key="packs.meeting",
                                  format_func=lambda i: translate_message(by_id[i].label(), lang))]
    earlier = [m.id for m in reversed(all_meetings) if (m.held_on, m.id) < (chosen.held_on, chosen.id)]
    options = [*earlier, _NONE]
    if st.session_state.get("packs.previous") not in options:
        st.session_state["packs.previous"] = options[0]
    previous_id = right.selectbox(t("Comparée à"), options, key="packs.previous",
                                  format_func=lambda i: t("Aucune (sans comparaison)") if i == _NONE
                                  else translate_message(by_id[i].label(), lang))
    return chosen, by_id.get(previous_id), meetings.meeting_after(all_meetings, chosen)


@st.cache_resource(show_spinner=False, max_entries=8)
def _screen_pack(db_path: str, version: int, meeting: Meeting, previous: Meeting | None, following: Meeting | None,
                 lang: str, made_by: str) -> pack.BoardPack:
    return pack.build_pack(session.get_db(), meeting, previous, made_by=made_by, lang=lang, next_meeting=following)


@st.cache_resource(show_spinner=False, max_entries=8)
def _since_last(db_path: str, version: int, today: date, lang: str) -> str | None:
    db = session.get_db()
    last = meetings.last_meeting(db, today)
    return translate_message(pack.since_last_meeting(db, last), lang) if last else None


def since_last_meeting() -> str | None:
    """"Depuis le CA du 15 septembre 2026 : …" in the session's language (None: no meeting yet),
    cached until the next write."""
    db = session.get_db()
    return _since_last(db.path, audit.data_version(db), clock.today(), session.language())


def screen_pack(meeting: Meeting, previous: Meeting | None, following: Meeting | None, user) -> pack.BoardPack:
    """The pack as shown on screen, rebuilt when anything is recorded (cached until then)."""
    db = session.get_db()
    with st.spinner(session.t("Préparation du document…")):
        return _screen_pack(db.path, audit.data_version(db), meeting, previous, following, session.language(),
                            user.display_name or user.username)


def download_buttons(user, meeting: Meeting, previous: Meeting | None, following: Meeting | None) -> None:
    """PDF and Excel buttons: the pack is built, archived and sent only when one is clicked."""
    db, lang, t = session.get_db(), session.language(), session.t
    sid = session.session_id()

    def archived() -> archive.ArchivedPack:  # runs on click, outside the script run: no st.* here
        return archive.make_pack(db, user, meeting, previous, lang=lang, next_meeting=following, session_id=sid)

    stem = archive.file_stem(lang, meeting.held_on)
    pdf_col, xlsx_col = st.columns(2)
    pdf_col.download_button(t("Télécharger le document (PDF)"), data=lambda: archived().pdf, file_name=f"{stem}.pdf",
                            mime="application/pdf", key="packs.pdf", icon=":material/picture_as_pdf:",
                            on_click="ignore", type="primary")
    xlsx_col.download_button(t("Télécharger le document (Excel)"), data=lambda: archived().xlsx,
                             file_name=f"{stem}.xlsx", key="packs.xlsx", icon=":material/table:", on_click="ignore",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.caption(t("Chaque document téléchargé est conservé tel quel dans les archives ci-dessous."))


def show_pack(board_pack: pack.BoardPack) -> None:
    """Every section of the pack: titles, sentences (escaped: they hold typed names), tables."""
    for section in board_pack.sections:
        st.header(section.title, divider="gray")
        for paragraph in section.paragraphs:
            st.markdown(escape_markdown(paragraph))
        if section.chart is not None:
            st.subheader(section.chart.title)
            st.bar_chart(_chart_frame(section.chart), horizontal=True, stack=False, y_label="",
                         x_label=section.chart.title)
        for table in section.tables:
            st.subheader(table.title)
            if table.frame.empty:
                st.info(table.empty)
            else:
                st.dataframe(table.frame, hide_index=True, width="stretch", placeholder="—",
                             column_config=_column_widths(table.frame))


def _column_widths(frame: pd.DataFrame) -> dict:
    """Short columns narrow and long texts wide, so a board member reads the text without scrolling."""
    widths = {}
    for column in frame.columns:
        longest = max([len(str(column)), *(len(str(value)) for value in frame[column].head(200))])
        widths[column] = st.column_config.Column(width="small" if longest <= 14 else
                                                 "large" if longest >= 60 else "medium")
    return widths


def _chart_frame(chart: pack.Bars) -> pd.DataFrame:
    return pd.DataFrame({name: [round(100 * v) if v is not None else None for v in values]
                         for name, values in chart.series},
                        index=[session.t("Axe {number}", number=label) for label in chart.labels])


def archive_list() -> None:
    """The packs made, and both files of the chosen one as they were made."""
    db, t, lang = session.get_db(), session.t, session.language()
    made = archive.list_packs(db)
    if made.empty:
        st.info(t("Aucun document n’a encore été produit."))
        return
    labels = {int(r.id): t("{meeting} — produit le {when} par {who} ({language})",
                          meeting=format_date(r.meeting_on, lang),
                          when=format_datetime(clock.to_local(r.made_at.to_pydatetime()), lang), who=r.made_by,
                          language=r.lang.upper()) for r in made.itertuples()}
    chosen = st.selectbox(t("Document archivé"), list(labels), format_func=labels.get, key="packs.archived")
    stored = archive.get_pack(db, chosen)
    pdf_col, xlsx_col = st.columns(2)
    pdf_col.download_button(t("PDF archivé"), stored.pdf, file_name=f"{stored.file_stem}.pdf",
                            mime="application/pdf", key="packs.archived.pdf", on_click="ignore")
    xlsx_col.download_button(t("Excel archivé"), stored.xlsx, file_name=f"{stored.file_stem}.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             key="packs.archived.xlsx", on_click="ignore")


KIND_OPTIONS = list(meetings.KINDS)


def meetings_form(user) -> None:
    """Staff: add a meeting, or change or delete one (staff and admin only)."""
    if not roles.is_allowed(user, roles.STAFF):
        return
    db, t, lang = session.get_db(), session.t, session.language()
    flash()
    with st.expander(t("Gérer les rencontres du CA et l’AGA"), icon=":material/event:"):
        existing = meetings.list_meetings(db)
        by_id = {m.id: m for m in existing}
        choice = st.selectbox(t("Rencontre à modifier"), [_NONE, *[m.id for m in reversed(existing)]],
                              key="meetings.choice", format_func=lambda i: t("Nouvelle rencontre") if i == _NONE
                              else translate_message(by_id[i].label(), lang))
        current = by_id.get(choice)
        with st.form("meetings.form", clear_on_submit=False):
            held_on = st.date_input(t("Date"), value=current.held_on if current else None,
                                    key=f"meetings.date.{choice}", format="YYYY-MM-DD", min_value=meetings.EARLIEST)
            kind = st.radio(t("Type"), KIND_OPTIONS, index=KIND_OPTIONS.index(current.kind) if current else 0,
                            format_func=lambda k: t(meetings.KIND_NAMES_FR[k]), horizontal=True,
                            key=f"meetings.kind.{choice}")
            note = st.text_input(t("Note (facultative)"), value=current.note if current else "",
                                 key=f"meetings.note.{choice}")
            save = st.form_submit_button(t("Enregistrer la rencontre"), type="primary")
        delete = current is not None and st.button(t("Supprimer cette rencontre"), key="meetings.delete")
    try:
        if save and current is None:
            meetings.add_meeting(db, user, held_on, kind, note, session_id=session.session_id())
            flash(t("Rencontre ajoutée."))
            st.rerun()
        elif save:
            meetings.update_meeting(db, user, current.id, held_on, kind, note, session_id=session.session_id())
            flash(t("Rencontre modifiée."))
            st.rerun()
        elif delete:
            meetings.delete_meeting(db, user, current.id, session_id=session.session_id())
            st.session_state.pop("meetings.choice", None)
            flash(t("Rencontre supprimée."))
            st.rerun()
    except FormError as error:
        show_errors(error)

