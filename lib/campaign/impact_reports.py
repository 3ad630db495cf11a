"""Impact reports (rapports de retombées): one per ambassador, built from its commitments.

Life of a report: none -> draft (saved, not sent) -> submitted (late when sent after
the campaign's report due date) -> reopened by staff (editable again, like a draft)
-> submitted again. Only submitted reports count in the campaign's figures.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from lib.accounts import users
from lib.campaign import agreement_form, ambassadors, campaigns
from lib.campaign.agreement_form import CHANNEL_LABELS, CHANNELS
from lib.core import audit, clock, roles, validators
from lib.core.db import Database
from lib.core.errors import FormError
from lib.core.i18n import N_, translate
from lib.core.messages import LocalNumber, Message

REACH_METRICS = (("posts", N_("Publications")), ("views", N_("Vues")), ("shares", N_("Partages")),
                 ("people_reached", N_("Personnes jointes")))
REACH_METRIC_LABELS = dict(REACH_METRICS)
# The same measures inside a sentence ("Portée Facebook — vues").
REACH_METRIC_NOUNS_FR = {"posts": N_("publications"), "views": N_("vues"), "shares": N_("partages"),
                         "people_reached": N_("personnes jointes")}
STATUS_LABELS_FR = {"none": N_("Non commencé"), "draft": N_("Brouillon"), "submitted": N_("Soumis"),
                    "reopened": N_("Rouvert par l’équipe")}
MAX_COUNT = 10_000_000_000
MAX_TIMES = 10_000
MAX_LINKS = 20
MAX_COMMENT = 5000
MAX_SHORT = 300
MAX_ACTIVITIES = 50


class ReportError(FormError):
    """A report request that cannot be honoured; `messages` are in French."""


@dataclass(frozen=True)
class ReportItem:
    """One line of the report form: a committed action or a chosen moment fort."""
    kind: str  # 'commitment' or 'moment'
    key: str
    label: str


def report_items(db: Database, agreement: ambassadors.Agreement, lang: str = "fr") -> list[ReportItem]:
    """What the report asks about: each commitment ticked (the 'moments forts' one is
    asked per moment instead), then each moment fort chosen, in the document's order; labels
    as a reader of `lang` sees them."""
    return items_for(campaigns.list_commitment_types(db, agreement.campaign_id, lang),
                     campaigns.list_moments(db, agreement.campaign_id, lang), agreement.commitments, agreement.moments)


def items_for(types: pd.DataFrame, moments: pd.DataFrame, commitments, chosen_moments) -> list[ReportItem]:
    """report_items from the campaign's checklist (`types`), its `moments` and an agreement's
    ticked `commitments` and `chosen_moments` (keys). Pure."""
    items = [ReportItem("commitment", row.key, row.label) for row in types.itertuples()
             if row.key in commitments and not (row.with_moments and chosen_moments)]
    items += [ReportItem("moment", row.key, campaigns.moment_name(row.checklist_label, row.when_label))
              for row in moments.itertuples() if row.key in chosen_moments]
    return items


def get_report(db: Database, ambassador_id: int) -> dict | None:
    """The saved report of `ambassador_id` (fields, actions, reach, activities), or None."""
    row = db.query_one(
        "SELECT id, status, newsletter_recipients, intranet_recipients, what_worked, suggestions, comments,"
        " submitted_at, submitted_late, reopened_at, reopened_by, reopen_note, updated_at"
        " FROM impact_reports WHERE ambassador_id = ?", [ambassador_id])
    if row is None:
        return None
    keys = ("id", "status", "newsletter_recipients", "intranet_recipients", "what_worked", "suggestions",
            "comments", "submitted_at", "submitted_late", "reopened_at", "reopened_by", "reopen_note", "updated_at")
    report = dict(zip(keys, row))
    report["actions"] = {
        (kind, key): {"done": done, "times": times, "when": when, "links": links}
        for kind, key, done, times, when, links in db.query(
            "SELECT item_kind, item_key, done, times, when_text, links FROM impact_report_actions"
            " WHERE report_id = ?", [report["id"]])}
    report["reach"] = {
        key: {"posts": p, "views": v, "shares": s, "people_reached": r}
        for key, p, v, s, r in db.query(
            "SELECT channel_key, posts, views, shares, people_reached FROM impact_report_reach WHERE report_id = ?",
            [report["id"]])}
    report["activities"] = [
        {"type": kind, "held_on": held_on, "participants": participants, "description": description}
        for kind, held_on, participants, description in db.query(
            "SELECT activity_type, held_on, participants, description FROM impact_report_activities"
            " WHERE report_id = ? ORDER BY position", [report["id"]])]
    return report


def is_editable(report: dict | None) -> bool:
    """A report can be changed by its ambassador until it is submitted (or once reopened)."""
    return report is None or report["status"] in ("draft", "reopened")


def is_late(due: dt.date | None, day: dt.date) -> bool:
    """Sent on `day`, is a report due on `due` late? (Due that day is still on time.)"""
    return due is not None and day > due


def days_until_due(due: dt.date | None, today: dt.date) -> int | None:
    """Days from `today` to the due date (negative once it has passed)."""
    return None if due is None else (due - today).days


def _count_error(value, label: str, maximum: int = MAX_COUNT) -> list[str]:
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        return [Message("{label} : un nombre entier de 0 à {maximum}.", label=label,
                        maximum=f"{maximum:,}".replace(",", " "))]
    return []


def _text_error(value, label: str, maximum: int) -> list[str]:
    text = value or ""
    if not isinstance(text, str):
        return [Message("{label} : texte attendu.", label=label)]
    if len(text) > maximum:
        return [Message("{label} : {maximum} caractères au plus ({typed} saisis).", label=label,
                        maximum=LocalNumber(maximum), typed=LocalNumber(len(text)))]
    control = validators.control_character_error(text, label, multiline=True)
    return [control] if control else []


def split_links(text: str) -> list[str]:
    """The links of a 'links' field: one per line (or separated by spaces)."""
    return [part for part in re.split(r"\s+", text or "") if part]


def validate_report(data: dict, items: list[ReportItem]) -> list[str]:
    """French messages for every invalid field of report `data`; [] when valid.

    `data` holds actions {(kind, key): {done, times, when, links}}, reach {channel:
    {posts, views, shares, people_reached}}, activities [{type, held_on, participants,
    description}], newsletter_recipients, intranet_recipients, what_worked, suggestions
    and comments.
    """
    errors = []
    labels = {(item.kind, item.key): item.label for item in items}
    for item_id, action in (data.get("actions") or {}).items():
        if item_id not in labels:
            errors.append(N_("Actions : élément inconnu (il ne fait pas partie de vos engagements)."))
            continue
        short = labels[item_id][:60]
        errors += _count_error(action.get("times"), Message("« {item} » — nombre de fois", item=short), MAX_TIMES)
        errors += _text_error(action.get("when"), Message("« {item} » — quand", item=short), MAX_SHORT)
        errors += _text_error(action.get("links"), Message("« {item} » — liens", item=short), MAX_COMMENT)
        links = split_links(action.get("links"))
        if len(links) > MAX_LINKS:
            errors.append(Message("« {item} » — liens : {maximum} liens au plus.", item=short, maximum=MAX_LINKS))
        bad = [link for link in links if not validators.is_web_address(link)]
        if bad:
            errors.append(Message("« {item} » — liens : chaque lien doit commencer par https:// ou http://.",
                                  item=short))
    for key, reach in (data.get("reach") or {}).items():
        if key not in CHANNEL_LABELS:
            errors.append(N_("Portée : canal inconnu."))
            continue
        for metric, _ in REACH_METRICS:
            label = Message("Portée {channel} — {metric}", channel=CHANNEL_LABELS[key],
                            metric=REACH_METRIC_NOUNS_FR[metric])
            errors += _count_error(reach.get(metric), label)
    activities = data.get("activities") or []
    if len(activities) > MAX_ACTIVITIES:
        errors.append(Message("Activités : {maximum} activités au plus.", maximum=MAX_ACTIVITIES))
    for index, activity in enumerate(activities, start=1):
        if not (activity.get("type") or "").strip():
            errors.append(Message("Activité {index} : indiquez le type (webinaire, kiosque, conférence…).",
                                  index=index))
        errors += _text_error(activity.get("type"), Message("Activité {index} — type", index=index), MAX_SHORT)
        errors += _text_error(activity.get("description"), Message("Activité {index} — description", index=index),
                              MAX_COMMENT)
        errors += _count_error(activity.get("participants"), Message("Activité {index} — participants", index=index),
                               10_000_000)
        held_on = activity.get("held_on")
        if held_on is not None and not isinstance(held_on, dt.date):
            errors.append(Message("Activité {index} — date : date attendue.", index=index))
    errors += _count_error(data.get("newsletter_recipients"), N_("Destinataires de l’infolettre"))
    errors += _count_error(data.get("intranet_recipients"), N_("Destinataires de l’intranet"))
    for key, label in (("what_worked", N_("Ce qui a bien fonctionné")), ("suggestions", N_("Suggestions")),
                       ("comments", N_("Autres commentaires"))):
        errors += _text_error(data.get(key), label, MAX_COMMENT)
    return errors


# The commitment that "Activités organisées" reports on (its key in the seed and in every copy).
ACTIVITY_COMMITMENT = "organiser-activite"


def reported_activities_count(data: dict) -> int:
    """How many activities `data` reports under "Activités organisées" (those with a type)."""
    return sum(1 for a in data.get("activities") or [] if (a.get("type") or "").strip())


def reconciled(data: dict, items: list[ReportItem]) -> dict:
    """`data` with its parts agreeing: activities reported under "Activités organisées" mark the
    commitment "Organiser une activité" done, its count at least their number. Unchanged when
    the ambassador did not take that commitment or reports no activity. Pure (a new dict)."""
    count = reported_activities_count(data)
    key = ("commitment", ACTIVITY_COMMITMENT)
    if not count or key not in {(i.kind, i.key) for i in items}:
        return data
    actions = dict(data.get("actions") or {})
    action = dict(actions.get(key) or {})
    action["done"] = True
    action["times"] = max(int(action.get("times") or 0), count)
    actions[key] = action
    return {**data, "actions": actions}


def save_report(db: Database, ambassador_id: int, data: dict, *, actor: str, submit: bool = False,
                today: dt.date | None = None) -> str:
    """Save the ambassador's report as a draft, or submit it; returns the new status.

    Only the ambassador's own account may write it, only once approved, and only while
    it is a draft or reopened. Activities reported mark "Organiser une activité" done
    (`reconciled`). Submitting after the due date is accepted and marked
    late; a reopened report keeps the lateness of its first submission (staff reopening
    it after the due date does not make an on-time report late). One transaction with
    an audit row (report.save_draft / report.submit).
    Raises ReportError with French messages.
    """
    agreement = ambassadors.get_agreement(db, ambassador_id)
    if agreement is None or agreement.username != actor:
        raise ReportError("Ce rapport n’appartient pas à votre organisation.")
    if agreement.status != "approved":
        raise ReportError("Le rapport de retombées sera disponible quand votre entente sera approuvée.")
    items = report_items(db, agreement)
    errors = validate_report(data, items)
    if errors:
        raise ReportError(errors)
    data = reconciled(data, items)
    campaign = campaigns.get_campaign(db, agreement.campaign_id)
    day = today or clock.today()

    def write(cur):
        row = cur.execute("SELECT id, status, submitted_late FROM impact_reports WHERE ambassador_id = ?",
                          [ambassador_id]).fetchone()
        if row is not None and row[1] == "submitted":
            raise ReportError("Ce rapport est déjà soumis. Demandez à l’équipe de le rouvrir pour le modifier.")
        now = clock.utcnow()
        fields = [data.get("newsletter_recipients"), data.get("intranet_recipients"),
                  (data.get("what_worked") or "").strip(), (data.get("suggestions") or "").strip(),
                  (data.get("comments") or "").strip()]
        if row is None:
            report_id = cur.execute(
                "INSERT INTO impact_reports (ambassador_id, campaign_id, newsletter_recipients, intranet_recipients,"
                " what_worked, suggestions, comments, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id", [ambassador_id, agreement.campaign_id, *fields, now, actor]).fetchone()[0]
            status = "draft"
        else:
            report_id, status, _ = row
            cur.execute("UPDATE impact_reports SET newsletter_recipients = ?, intranet_recipients = ?,"
                        " what_worked = ?, suggestions = ?, comments = ?, updated_at = ?, updated_by = ?"
                        " WHERE id = ?", [*fields, now, actor, report_id])
        # Only a submitted report can be reopened, so "reopened" means it was submitted
        # once: its first submission decides whether it was late.
        late = bool(row[2]) if row is not None and row[1] == "reopened" else is_late(campaign.report_due, day)
        if submit:
            status = "submitted"
            cur.execute("UPDATE impact_reports SET status = 'submitted', submitted_at = ?, submitted_late = ?"
                        " WHERE id = ?", [now, late, report_id])
        _write_details(cur, report_id, data)
        audit.record(cur, actor, "report.submit" if submit else "report.save_draft", entity="impact_report",
                     entity_id=report_id, details={"late": late} if submit else {})
        return status

    return db.transaction(write)


def _write_details(cur, report_id: int, data: dict) -> None:
    for table in ("impact_report_actions", "impact_report_reach", "impact_report_activities"):
        cur.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
    for (kind, key), action in (data.get("actions") or {}).items():
        cur.execute("INSERT INTO impact_report_actions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [report_id, kind, key, bool(action.get("done")), action.get("times"),
                     (action.get("when") or "").strip(), "\n".join(split_links(action.get("links")))])
    for key, reach in (data.get("reach") or {}).items():
        values = [reach.get(metric) for metric, _ in REACH_METRICS]
        if any(value is not None for value in values):
            cur.execute("INSERT INTO impact_report_reach VALUES (?, ?, ?, ?, ?, ?)", [report_id, key, *values])
    for position, activity in enumerate(data.get("activities") or [], start=1):
        cur.execute("INSERT INTO impact_report_activities VALUES (?, ?, ?, ?, ?, ?)",
                    [report_id, position, activity["type"].strip(), activity.get("held_on"),
                     activity.get("participants"), (activity.get("description") or "").strip()])


ACTIVITY_COLUMNS_FR = {"type": N_("Type"), "held_on": N_("Date"), "participants": N_("Participants"),
                       "description": N_("Description")}


def activities_table(activities: list[dict], lang: str = "fr") -> pd.DataFrame:
    """A report's activities for display: one row each, headers in `lang`."""
    frame = pd.DataFrame(activities, columns=list(ACTIVITY_COLUMNS_FR))
    return frame.rename(columns={column: translate(label, lang) for column, label in ACTIVITY_COLUMNS_FR.items()})


def reopen_report(db: Database, ambassador_id: int, note: str, *, actor: str) -> None:
    """Staff send a submitted report back to its ambassador (editable again). Audited.

    Raises ReportError when there is no submitted report or the actor is not staff.
    """
    try:
        roles.require(users.get_user(db, actor), roles.STAFF)
    except ambassadors.AmbassadorError as error:
        raise ReportError(error.messages) from None
    note = (note or "").strip()
    if len(note) > agreement_form.MAX_NOTE:
        raise ReportError(Message("Note : {maximum} caractères au plus ({typed} saisis).",
                                  maximum=LocalNumber(agreement_form.MAX_NOTE), typed=LocalNumber(len(note))))
    if validators.has_control_characters(note, multiline=True):
        raise ReportError(N_("Note : contient des caractères de contrôle non permis."))

    def update(cur):
        row = cur.execute("SELECT id, status FROM impact_reports WHERE ambassador_id = ?", [ambassador_id]).fetchone()
        if row is None or row[1] != "submitted":
            raise ReportError("Seul un rapport soumis peut être rouvert.")
        now = clock.utcnow()
        cur.execute("UPDATE impact_reports SET status = 'reopened', reopened_at = ?, reopened_by = ?,"
                    " reopen_note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                    [now, actor, note, now, actor, row[0]])
        audit.record(cur, actor, "report.reopen", entity="impact_report", entity_id=row[0], details={"note": note})

    db.transaction(update)


def empty_form_data(items: list[ReportItem]) -> dict:
    """The report form's starting values when nothing has been saved yet."""
    return {"actions": {(i.kind, i.key): {"done": False, "times": None, "when": "", "links": ""} for i in items},
            "reach": {key: {metric: None for metric, _ in REACH_METRICS} for key, _ in CHANNELS},
            "activities": [], "newsletter_recipients": None, "intranet_recipients": None,
            "what_worked": "", "suggestions": "", "comments": ""}


def form_data(db: Database, agreement: ambassadors.Agreement, items: list[ReportItem] | None = None,
              saved: dict | None = None) -> dict:
    """The report form's values: what was saved, on top of the empty form. `items` and `saved`
    (report_items, get_report) when the caller has read them already; else they are read."""
    items = report_items(db, agreement) if items is None else items
    data = empty_form_data(items)
    saved = get_report(db, agreement.id) if saved is None else saved
    if saved is None:
        return data
    for item_id in data["actions"]:
        data["actions"][item_id].update(saved["actions"].get(item_id, {}))
    for key in data["reach"]:
        data["reach"][key].update(saved["reach"].get(key, {}))
    data["activities"] = saved["activities"]
    for key in ("newsletter_recipients", "intranet_recipients", "what_worked", "suggestions", "comments"):
        data[key] = saved[key]
    return data
