"""The board pack's content, read from the database and put in the reader's language: one
`BoardPack` (cover, sentences, sections of tables and bar charts) that the page, the PDF
(lib.board.pdf) and the workbook (lib.board.workbook) all draw, so the three hold the same.

Two moments are compared: the previous meeting, as the board was told it that day (updates
recorded by the end of that day, assessed as of that day), and the chosen meeting (or today,
if it is still to come), with everything recorded by then. See lib.plan.history.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from lib.board import changes
from lib.campaign import campaigns, listings, report_figures
from lib.campaign.agreement_form import CHANNELS
from lib.campaign.ambassadors import STATUS_LABELS_FR as AMBASSADOR_STATUS_FR
from lib.campaign.impact_reports import REACH_METRICS
from lib.campaign.impact_reports import STATUS_LABELS_FR as REPORT_STATUS_FR
from lib.core import clock
from lib.core.clock import to_local
from lib.core.db import Database
from lib.core.i18n import N_, format_date, format_datetime, format_number, format_pct, translate
from lib.core.messages import LocalDate, LocalNumber, Message, PluralMessage, translate_message
from lib.core.settings import load_settings
from lib.plan import history, items, meetings, overview, schedule, tracking
from lib.plan.meetings import Meeting
from lib.plan.updates import list_updates

ORGANISATION = N_("Regroupement des organismes communautaires en santé mentale de l’Outaouais (ROCSMO)")
CONFIDENTIAL = N_("Confidentiel — usage interne du CA")
DUE_WITHOUT_NEXT_MEETING_DAYS = 60
TOP_PARTIES = 5
# Columns whose cells are French labels or lib Messages, translated in the reader's language;
# the others (plan text, notes, names) stay as written.
HEADERS_FR = (  # the French headers of the pack's tables, marked for the catalogue
    N_("Champ"), N_("Valeur"), N_("N°"), N_("Moyen"), N_("Cycle"), N_("Responsables"), N_("Pourquoi"), N_("Statut"),
    N_("Avant"), N_("Maintenant"), N_("Axe"), N_("Moyens"), N_("Avancement avant"), N_("Avancement maintenant"),
    N_("En retard avant"), N_("En retard maintenant"), N_("Enregistrée le"), N_("Par"), N_("Date du travail"),
    N_("Note"), N_("Corrige"), N_("Quand"), N_("Quoi"), N_("Élément"), N_("Échéancier"), N_("Dernière mise à jour"),
    N_("Raison"), N_("Responsable"), N_("Moyens à mettre à jour"), N_("Organisation"), N_("Inscrit le"),
    N_("Ambassadeurs"), N_("Engagement"), N_("Statut du rapport"), N_("Soumis le"), N_("Canal"),
    N_("Auditoire propre de l’organisateur"), N_("Données au"), N_("Auditoire déclaré par les ambassadeurs"),
    N_("Échéance"), N_("En retard depuis"), N_("Action"),
)
_TRANSLATED = frozenset({"Statut", "Avant", "Maintenant", "Pourquoi", "Échéancier", "Cycle", "Quoi", "Raison",
                         "Statut du rapport", "En retard", "Champ", "Canal"})


@dataclass(frozen=True)
class Table:
    """A titled table, headers and cells already in the pack's language (text); `numbers` holds,
    where a cell is a count, the number itself (None elsewhere), so that a workbook can keep it
    a number while print and screen show "1 315 000" / "1,315,000"."""

    title: str
    frame: pd.DataFrame
    empty: str = ""
    note: str = ""
    wide: tuple[str, ...] = ()      # columns that get most of the width in print
    numbers: tuple[tuple, ...] = ()


@dataclass(frozen=True)
class Bars:
    """A grouped bar chart of shares (0..1): one bar per series for each label."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[float | None]]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chart: Bars | None = None


@dataclass(frozen=True)
class BoardPack:
    """Everything a pack shows, in `lang`. `moments` are the dates compared (for the archive)."""

    lang: str
    title: str
    subtitle: str
    made_at: datetime
    made_by: str
    sections: list[Section]
    as_of: date
    known_at: datetime
    footer: str


@dataclass(frozen=True)
class Moments:
    """The two states a pack compares: then (previous meeting) and now."""

    as_of: date
    known_at: datetime
    previous_as_of: date | None
    previous_known_at: datetime | None


def moments_for(meeting: Meeting, previous: Meeting | None, now: datetime) -> Moments:
    """As of the meeting's day (or today, before it), known at the end of that day (or now);
    the previous meeting as of its day, known at the end of its day. Pure."""
    today = to_local(now).date()
    as_of = min(meeting.held_on, today)
    known_at = min(meetings.end_of_day(meeting.held_on), now)
    if previous is None:
        return Moments(as_of, known_at, None, None)
    return Moments(as_of, known_at, previous.held_on, meetings.end_of_day(previous.held_on))


def _localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.drop(columns=[c for c in ("id",) if c in frame.columns]).copy()
    for column in out.columns:
        values = []
        for value in out[column].tolist():
            if isinstance(value, datetime):
                value = format_datetime(value, lang)
            elif isinstance(value, date):
                value = format_date(value, lang)
            elif isinstance(value, bool):
                value = translate("Oui", lang) if value else translate("Non", lang)
            elif isinstance(value, int | float) and value == value and not isinstance(value, bool):
                value = format_number(value, lang, decimals=0 if float(value).is_integer() else 1)
            elif column in _TRANSLATED and isinstance(value, str) and value:
                value = translate_message(value, lang)
            elif value is None or (isinstance(value, float) and value != value) or value is pd.NA:
                value = ""
            values.append(value)
        out[column] = pd.Series(values, index=out.index, dtype=object)
    return out.rename(columns={c: translate(c, lang) for c in out.columns}).reset_index(drop=True)


def _table(title_fr: str, frame: pd.DataFrame, lang: str, empty_fr: str, *, note: str = "",
           wide: tuple[str, ...] = ("Moyen",)) -> Table:
    shown = frame.drop(columns=[c for c in ("id",) if c in frame.columns])
    numbers = tuple(tuple(v if isinstance(v, int | float) and not isinstance(v, bool) and v == v else None
                          for v in row) for row in shown.astype(object).itertuples(index=False))
    return Table(translate_message(title_fr, lang), _localise(frame, lang), translate(empty_fr, lang), note,
                 tuple(translate(c, lang) for c in wide), numbers)


# --------------------------------------------------------------------------- plan sections

def _needs_update(db: Database, status: pd.DataFrame, updates: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Late items whose late comes from silence: a continuous item with no news for longer
    than the setting, or a recurring item whose missed cycle has no update at all."""
    late_days = load_settings(db).continuous_late_days
    kept = updates[updates["corrected_by_id"].isna()]
    work_days = {}
    for means_id, day in zip(kept["means_id"], kept["work_date"]):
        work_days.setdefault(int(means_id), []).append(pd.Timestamp(day).date())
    rows = []
    for row in status[status["late"]].itertuples(index=False):
        rules = tracking.item_rules_for(db, int(row.means_id))
        if rules is None or not rules.schedule.parts:
            continue
        tail = rules.schedule.parts[-1]
        last = row.last_work_date
        reason = None
        if tail.kind == "continuous" and (last is None or (as_of - last).days > late_days):
            since = last or rules.schedule.parts[0].start or load_settings(db).plan_start
            days = (as_of - since).days
            reason = PluralMessage("Aucune nouvelle depuis {count} jour", "Aucune nouvelle depuis {count} jours",
                                   days, count=LocalNumber(days))
        elif tail.kind in schedule.RECURRING_KINDS and row.late_since is not None:
            missed = schedule.cycle_at(rules.schedule, row.late_since)
            if missed is not None and not any(missed.start <= d <= missed.due
                                              for d in work_days.get(int(row.means_id), [])):
                reason = Message("Cycle {label} passé sans mise à jour", label=missed.label_fr)
        if reason is not None:
            rows.append({"N°": overview.item_code(row._asdict()), "Moyen": row.text, "Échéancier": row.schedule_fr,
                         "Dernière mise à jour": last, "Raison": reason, "Responsables": row.responsible_label,
                         "parties": list(row.parties)})
    frame = pd.DataFrame(rows, columns=["N°", "Moyen", "Échéancier", "Dernière mise à jour", "Raison", "Responsables",
                                        "parties"])
    for column in ("Échéancier", "Raison"):  # object columns keep the Messages (translated in the pack's language)
        frame[column] = pd.Series([row[column] for row in rows], index=frame.index, dtype=object)
    return frame


def _party_counts(needs: pd.DataFrame) -> pd.DataFrame:
    counts: dict[str, int] = {}
    for parties in needs["parties"]:
        for party in parties or ["(non précisé)"]:
            counts[party] = counts.get(party, 0) + 1
    frame = pd.DataFrame(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower())),
                         columns=["Responsable", "Moyens à mettre à jour"])
    return frame.head(TOP_PARTIES)


def _item_names(db: Database, plan_id: int, lang: str) -> dict[tuple[str, str], str]:
    every = items.list_plan_items(db, plan_id, include_archived=True, lang=lang)
    names = {("means", str(r.means_id)): f"{r.axis_number}.{r.action_position}.{r.means_position} {r.text}"
             for r in every.itertuples()}
    for r in items.list_actions(db, plan_id, include_archived=True, lang=lang).itertuples():
        names[("action", str(r.id))] = f"{r.axis_number}.{r.position} {r.title}"
    for r in items.list_axes(db, plan_id, include_archived=True, lang=lang).itertuples():
        names[("axis", str(r.id))] = f"{r.number}. {r.name}"
    return names


# --------------------------------------------------------------------------- campaign section

def _mask(frame: pd.DataFrame, flags: list[bool]) -> pd.Series:
    # A boolean Series (an empty plain list would select no columns instead of no rows).
    return pd.Series(flags, index=frame.index, dtype=bool)


def _report_label(received: bool, status) -> str:
    """A report's status at the pack's moment: submitted, else its draft state (a report
    submitted after that moment was still a draft then)."""
    if received:
        return REPORT_STATUS_FR["submitted"]
    if isinstance(status, str) and status in ("draft", "reopened"):
        return REPORT_STATUS_FR[status]
    return REPORT_STATUS_FR["draft"] if status == "submitted" else REPORT_STATUS_FR["none"]


def _campaign_part(db: Database, known_at: datetime, since: datetime | None, lang: str) -> tuple[Section | None, dict]:
    campaign = campaigns.current_campaign(db)
    if campaign is None:
        return None, {"new_ambassadors": 0, "reports_received": 0, "people_reached": None}
    cid = campaign.id
    known = db.query_df(
        """
        SELECT a.id, a.organisation, a.status, a.created_at, r.status AS report_status, r.submitted_at,
               (SELECT sum(x.people_reached) FROM impact_report_reach x WHERE x.report_id = r.id) AS people_reached
        FROM ambassadors a LEFT JOIN impact_reports r ON r.ambassador_id = a.id
        WHERE a.campaign_id = ? AND a.created_at <= ? ORDER BY lower(a.organisation)
        """, [cid, known_at])
    submitted = [s == "submitted" and t is not None and t == t and pd.Timestamp(t) <= pd.Timestamp(known_at)
                 for s, t in zip(known["report_status"], known["submitted_at"])]
    known["received"] = pd.Series(submitted, index=known.index, dtype=bool)
    approved = known[known["status"] == "approved"]
    new = known[_mask(known, [since is None or pd.Timestamp(c) > pd.Timestamp(since) for c in known["created_at"]])]
    received_new = approved[_mask(approved, [r and (since is None or pd.Timestamp(t) > pd.Timestamp(since))
                                             for r, t in zip(approved["received"], approved["submitted_at"])])]
    people = received_new["people_reached"].dropna().sum() if len(received_new) else 0
    figures = {"new_ambassadors": int((new["status"] == "approved").sum()) + int((new["status"] == "pending").sum()),
               "reports_received": len(received_new), "people_reached": float(people) if people else None}

    kinds = ("approved", "pending", "declined")
    counts = pd.DataFrame({"Statut": [AMBASSADOR_STATUS_FR[s] for s in kinds],
                           "Ambassadeurs": [int((known["status"] == s).sum()) for s in kinds]})
    commitments = listings.commitment_counts(db, cid, lang).rename(columns={"label": "Engagement", "ambassadors":
                                                                      "Ambassadeurs"})[["Engagement", "Ambassadeurs"]]
    reports = pd.DataFrame({
        "Organisation": approved["organisation"].to_numpy(),
        "Statut du rapport": [_report_label(r, s) for r, s in zip(approved["received"], approved["report_status"])],
        "Soumis le": [to_local(pd.Timestamp(t).to_pydatetime()) if r else None
                      for r, t in zip(approved["received"], approved["submitted_at"])],
    })
    new_table = pd.DataFrame({"Organisation": new["organisation"].to_numpy(),
                              "Inscrit le": [to_local(pd.Timestamp(c).to_pydatetime()) for c in new["created_at"]],
                              "Statut": [AMBASSADOR_STATUS_FR[s] for s in new["status"]]})
    channels = campaigns.list_channels(db, cid)
    organiser = pd.DataFrame({"Canal": channels["label"].to_numpy(),
                              "Auditoire propre de l’organisateur": channels["audience"].astype("Int64").to_numpy(),
                              "Données au": [pd.Timestamp(d).date() if d == d and d is not None else None
                                             for d in channels["as_of"]]})
    declared = listings.declared_audiences(db, cid)
    declared = declared[declared["organisation"].isin(approved["organisation"])]
    order = [label for _, label in CHANNELS]
    declared_sum = declared.groupby("channel", sort=False)["audience"].sum()
    declared_table = pd.DataFrame({"Canal": [c for c in order if c in declared_sum.index],
                                   "Auditoire déclaré par les ambassadeurs": [int(declared_sum[c]) for c in order
                                                                              if c in declared_sum.index]})
    reach = report_figures.reported_reach(db, cid)
    reach = reach[reach["organisation"].isin(approved[approved["received"]]["organisation"])]
    totals = report_figures.reach_totals(reach, "channel")
    reach_table = pd.DataFrame({"Canal": totals["channel"].to_numpy() if len(totals) else [],
                                **{label: totals[metric].astype("Int64").to_numpy() if len(totals) else []
                                   for metric, label in REACH_METRICS}})
    since_label = N_("depuis la rencontre précédente")
    t = translate
    section = Section("campaign", t("Campagne", lang), [translate_message(Message(
        "Campagne {name} : ambassadeurs inscrits jusqu’au {date}; les trois mesures d’auditoire ne s’additionnent "
        "pas (auditoire propre de l’organisateur, auditoire déclaré par les ambassadeurs, portée rapportée dans "
        "les rapports de retombées).", name=campaign.name, date=LocalDate(to_local(known_at).date())), lang)], [
        _table(N_("Ambassadeurs"), counts, lang, N_("Aucun ambassadeur."), wide=()),
        _table(Message("Nouveaux ambassadeurs ({since})", since=since_label), new_table, lang,
               N_("Aucun nouvel ambassadeur."), wide=("Organisation",)),
        _table(N_("Engagements choisis (ambassadeurs approuvés)"), commitments, lang, N_("Aucun engagement."),
               wide=("Engagement",)),
        _table(N_("Rapports de retombées reçus et manquants"), reports, lang, N_("Aucun ambassadeur approuvé."),
               wide=("Organisation",)),
        _table(N_("Auditoire propre de l’organisateur"), organiser, lang, N_("Aucun canal."), wide=("Canal",)),
        _table(N_("Auditoire déclaré par les ambassadeurs"), declared_table, lang, N_("Aucun auditoire déclaré."),
               wide=("Canal",)),
        _table(N_("Portée rapportée dans les rapports de retombées"), reach_table, lang,
               N_("Aucune portée rapportée."), wide=("Canal",)),
    ])
    return section, figures


# --------------------------------------------------------------------------- the pack

def build_pack(db: Database, meeting: Meeting, previous: Meeting | None, *, made_by: str, lang: str = "fr",
               next_meeting: Meeting | None = None, now: datetime | None = None) -> BoardPack:
    """The pack for `meeting` compared with `previous` (None: no comparison), in `lang`, made
    by `made_by` (a display name) at `now` (naive UTC, default: now). Reads only."""
    now = now or clock.utcnow()
    plan_id = items.current_plan_id(db)
    moments = moments_for(meeting, previous, now)
    t = translate
    # The plan's own texts as a reader of `lang` sees them (English where staff added it).
    state_now = history.state_at(db, moments.as_of, moments.known_at, plan_id=plan_id, lang=lang)
    if previous is not None:
        state_then = history.state_at(db, moments.previous_as_of, moments.previous_known_at, plan_id=plan_id,
                                      lang=lang)
    else:
        state_then = state_now.iloc[0:0]
    updates_all = list_updates(db, plan_id=plan_id) if plan_id is not None else pd.DataFrame(
        columns=["update_id", "means_id", "recorded_at", "corrected_by_id", "work_date"])
    updates_now = history.updates_known_at(updates_all, moments.known_at)

    done = changes.completed(state_then, state_now, updates_now, moments.previous_as_of, moments.as_of)
    late_new = changes.newly_late(state_then, state_now)
    late_gone = changes.no_longer_late(state_then, state_now)
    moved = changes.status_changes(state_then, state_now)
    indicators = changes.indicator_changes(state_then, state_now)
    axes = changes.axis_then_now(state_then, state_now) if previous is not None else \
        changes.axis_then_now(state_now, state_now)
    fresh = changes.new_updates(updates_now, state_now, moments.previous_known_at, moments.known_at)
    edits = history.plan_edits(db, plan_id, moments.previous_known_at, moments.known_at) if plan_id else \
        pd.DataFrame(columns=["happened_at", "actor", "action", "entity", "entity_id"])
    edits_table = changes.plan_edits_table(edits, _item_names(db, plan_id, lang) if plan_id else {})
    campaign_section, campaign = _campaign_part(db, moments.known_at, moments.previous_known_at, lang)

    sentences = changes.summary_sentences(previous=previous, as_of=moments.as_of, now=state_now, done=done,
                                          late_new=late_new, late_gone=late_gone, axes=axes, updates=fresh,
                                          edits=edits, **campaign)
    until = next_meeting.held_on if next_meeting else moments.as_of + timedelta(days=DUE_WITHOUT_NEXT_MEETING_DAYS)
    codes = {int(r["means_id"]): overview.item_code(r) for r in state_now.to_dict("records")}
    due = _with_codes(overview.due_soon(state_now, moments.as_of, max(0, (until - moments.as_of).days)), codes,
                      ["Échéance", "Échéancier", "Statut", "Responsables"])
    late = _with_codes(overview.late_items(state_now), codes, ["En retard depuis", "Pourquoi", "Responsables"])
    needs = _needs_update(db, state_now, updates_now, moments.as_of)

    meeting_label = translate_message(meeting.label(), lang)
    previous_label = translate_message(previous.label(), lang) if previous else "—"
    period = t("Du {start} au {end}", lang, start=format_date(moments.previous_as_of, lang),
               end=format_date(moments.as_of, lang)) if previous else t("Jusqu’au {end}", lang,
                                                                       end=format_date(moments.as_of, lang))
    cover = pd.DataFrame({"Champ": [N_("Organisation"), N_("Rencontre"), N_("Rencontre précédente"),
                                    N_("Période couverte"), N_("Mises à jour connues jusqu’au"), N_("Produit le"),
                                    N_("Par")],
                          "Valeur": [t(ORGANISATION, lang), meeting_label, previous_label, period,
                                     format_datetime(to_local(moments.known_at), lang),
                                     format_datetime(to_local(now), lang), made_by]})
    since_fr = previous.since() if previous else N_("depuis le début")
    wide_late = ("Moyen", "Pourquoi")
    sections = [
        Section("cover", t("Couverture", lang), [], [_table(N_("Document du CA"), cover, lang, "", wide=("Valeur",))]),
        Section("summary", t("Sommaire", lang), [translate_message(s, lang) for s in sentences]),
        Section("progress", t("Avancement par axe", lang), [t(
            "Part des moyens réalisés ou en bonne voie, à la rencontre précédente (telle que connue ce jour-là) "
            "et maintenant.", lang)],
            [_table(N_("Avancement par axe"), _progress_text(axes, lang), lang, N_("Aucun axe."), wide=("Axe",))],
            Bars(t("Réalisés ou en bonne voie, par axe", lang), [a.split(".")[0] for a in axes["Axe"]],
                 [(previous_label, list(axes["Avancement avant"])), (meeting_label if meeting.held_on <= moments.as_of
                                                                     else t("Aujourd’hui", lang),
                                                                     list(axes["Avancement maintenant"]))]
                 if previous else [(t("Maintenant", lang), list(axes["Avancement maintenant"]))])),
        Section("changes", t("Ce qui a changé", lang), [translate_message(Message("Changements {since}.",
                                                                                   since=since_fr), lang)], [
            _table(N_("Moyens réalisés"), done, lang, N_("Aucun moyen réalisé.")),
            _table(N_("Nouveaux retards"), late_new, lang, N_("Aucun nouveau retard."), wide=wide_late),
            _table(N_("Ne sont plus en retard"), late_gone, lang, N_("Aucun.")),
            _table(N_("Changements de statut"), moved, lang, N_("Aucun changement de statut.")),
            _table(N_("Progression des indicateurs"), indicators, lang, N_("Aucune progression d’indicateur."),
                   wide=("Moyen", "Avant", "Maintenant")),
            _table(N_("Nouvelles mises à jour"), fresh, lang, N_("Aucune nouvelle mise à jour."),
                   wide=("Moyen", "Note")),
            _table(N_("Modifications du plan"), edits_table, lang, N_("Aucune modification du plan."),
                   wide=("Élément",)),
        ]),
        Section("late", t("En retard", lang), [], [_table(N_("Moyens en retard, et pourquoi"), late, lang,
                                                          N_("Aucun moyen en retard."), wide=wide_late)]),
        Section("due", t("Prochaines échéances", lang),
                [t("Échéances jusqu’au {date}.", lang, date=format_date(until, lang))],
                [_table(N_("Moyens à échéance avant la prochaine rencontre"), due, lang,
                        N_("Aucune échéance avant la prochaine rencontre."), wide=("Moyen", "Échéancier"))]),
        Section("needs_update", t("Mises à jour attendues", lang), [t(
            "Moyens en continu restés sans nouvelle plus longtemps que le délai fixé, et moyens récurrents dont "
            "le cycle est passé sans aucune mise à jour.", lang)], [
            _table(N_("Moyens à mettre à jour"), needs.drop(columns=["parties"]), lang,
                   N_("Aucun moyen n’attend de mise à jour."), wide=("Moyen", "Échéancier")),
            _table(N_("Responsables ayant le plus de moyens à mettre à jour"), _party_counts(needs), lang,
                   N_("Aucun."), wide=("Responsable",)),
        ]),
    ]
    if campaign_section is not None:
        sections.append(campaign_section)
    return BoardPack(lang=lang, title=t("Document du CA — {meeting}", lang, meeting=meeting_label), subtitle=period,
                     made_at=now, made_by=made_by, sections=sections, as_of=moments.as_of, known_at=moments.known_at,
                     footer=t(CONFIDENTIAL, lang))


def since_last_meeting(db: Database, last: Meeting, now: datetime | None = None) -> Message:
    """"Depuis le CA du 15 septembre 2026 : 3 moyens réalisés, 1 nouveau retard, l’axe 5 passe
    de 43 % à 57 %." for the overview: today's plan against the plan as known at `last`. Reads only."""
    now = now or clock.utcnow()
    today = to_local(now).date()
    then = history.state_at(db, last.held_on, meetings.end_of_day(last.held_on))
    current = history.state_at(db, today, now)
    updates = history.updates_known_at(list_updates(db), now)
    sentences = changes.summary_sentences(
        previous=last, as_of=today, now=current, done=changes.completed(then, current, updates, last.held_on, today),
        late_new=changes.newly_late(then, current), late_gone=changes.no_longer_late(then, current),
        axes=changes.axis_then_now(then, current), updates=updates.iloc[0:0], edits=pd.DataFrame(columns=["action"]),
        new_ambassadors=0, reports_received=0, people_reached=None)
    return sentences[1]


def _with_codes(table: pd.DataFrame, codes: dict[int, str], columns: list[str]) -> pd.DataFrame:
    """An overview item table for print: N° (3.2.1), Moyen and `columns` (the action and axis
    are in the code)."""
    out = pd.DataFrame({"N°": [codes[int(i)] for i in table["id"]], "Moyen": table["Moyen"].to_numpy()})
    for column in columns:
        out[column] = pd.Series(table[column].tolist(), dtype=object)
    return out


def _progress_text(axes: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "Axe": axes["Axe"], "Moyens": [int(v) if v is not pd.NA else "" for v in axes["Moyens"]],
        "Avancement avant": [format_pct(v, lang) or "—" for v in axes["Avancement avant"]],
        "Avancement maintenant": [format_pct(v, lang) or "—" for v in axes["Avancement maintenant"]],
        "En retard avant": [int(v) if v is not pd.NA else "" for v in axes["En retard avant"]],
        "En retard maintenant": [int(v) if v is not pd.NA else "" for v in axes["En retard maintenant"]],
    })


def pack_text(pack: BoardPack) -> str:
    """Every sentence, title and cell of the pack as plain lines (for tests and searching). Pure."""
    lines = [pack.title, pack.subtitle]
    for section in pack.sections:
        lines += [section.title, *section.paragraphs]
        for table in section.tables:
            lines.append(table.title)
            lines.append(" | ".join(map(str, table.frame.columns)))
            lines += [" | ".join(str(v) for v in row) for row in table.frame.itertuples(index=False)]
    return "\n".join(lines)

