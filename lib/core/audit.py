"""The audit log: who did what, when, from which browser session."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from lib.core import clock
from lib.core.db import Database
from lib.core.i18n import N_, format_datetime, translate


def record(cur, actor: str, action: str, *, entity: str = "", entity_id: str | int = "",
           details: dict | str = "", session_id: str = "") -> None:
    """Append one audit row inside the caller's transaction (`cur`)."""
    text = details if isinstance(details, str) else json.dumps(details, ensure_ascii=False, default=str)
    cur.execute(
        "INSERT INTO audit_log (happened_at, actor, session_id, action, entity, entity_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [clock.utcnow(), actor, session_id, action, entity, str(entity_id), text],
    )


# Audited events that change nothing a page shows from its caches: signing in and out, one-click
# links, backups, and the board packs' own archive rows (their list is read afresh).
_NOT_DATA_PREFIXES = ("auth.", "backup.", "link.")
_NOT_DATA_ACTIONS = ("board.pack",)
_NOT_DATA_SQL = ("NOT (" + " OR ".join(["starts_with(action, ?)"] * len(_NOT_DATA_PREFIXES))
                 + " OR action IN (" + ", ".join(["?"] * len(_NOT_DATA_ACTIONS)) + "))")


def data_version(db: Database) -> int:
    """A number that changes whenever data the pages show change (every write is audited), for
    cache keys: the last audit row's id, sign-ins, links, backups and packs left out, so that a
    board member signing in does not empty every cache. Reads the last 1 000 rows (the id's zone
    maps skip the rest), and the whole log only when those hold no data event. No side effects."""
    values = [*_NOT_DATA_PREFIXES, *_NOT_DATA_ACTIONS]
    recent = db.scalar(
        "WITH last AS (SELECT max(id) AS top FROM audit_log)"
        f" SELECT max(id) FROM audit_log, last WHERE id > last.top - 1000 AND {_NOT_DATA_SQL}", values)
    if recent is None:
        recent = db.scalar(f"SELECT max(id) FROM audit_log WHERE {_NOT_DATA_SQL}", values)
    return int(recent or 0)


def record_repeated(cur, actor: str, action: str, *, entity: str, entity_id: str, key: str,
                    window: dt.timedelta, session_id: str = "") -> None:
    """Count one more occurrence of a repeated event (a refused sign-in) inside the caller's
    transaction: one row per action, entity_id and `key` (the client) per `window`, whose
    details hold the key, the count and the last time. A flood of refusals thus adds a row an
    hour, not a row a try, and real events stay on the Journal's first screen."""
    now = clock.utcnow()
    prefix = json.dumps({"client": key}, ensure_ascii=False)[:-1] + ","  # how the row below starts
    row = cur.execute(
        "SELECT id, details FROM audit_log WHERE action = ? AND entity_id = ? AND happened_at > ?"
        " AND starts_with(details, ?) ORDER BY id DESC LIMIT 1",
        [action, str(entity_id), now - window, prefix]).fetchone()
    if row is None:
        record(cur, actor, action, entity=entity, entity_id=entity_id, session_id=session_id,
               details={"client": key, "count": 1, "last": now.isoformat(timespec="seconds")})
        return
    details = json.loads(row[1])
    details.update(count=int(details.get("count", 1)) + 1, last=now.isoformat(timespec="seconds"))
    cur.execute("UPDATE audit_log SET details = ? WHERE id = ?", [json.dumps(details, ensure_ascii=False), row[0]])


ACTION_GROUPS_FR = {
    "": N_("Tous"), "auth.": N_("Connexions"), "user.": N_("Comptes"), "plan.": N_("Plan d’action"),
    "campaign.": N_("Campagnes"), "ambassador.": N_("Ambassadeurs"), "report.": N_("Rapports de retombées"),
    "settings.": N_("Paramètres"), "backup.": N_("Sauvegardes"),
    "meeting.": N_("Rencontres du CA"), "board.": N_("Documents du CA"),
    "link.": N_("Liens en un clic"),
    "outbox.": N_("Envois"),
}
ACTION_LABELS_FR = {
    "auth.sign_in": N_("Connexion"),
    "auth.sign_out": N_("Déconnexion"),
    "auth.failure": N_("Échec de connexion"),
    "auth.lockout": N_("Connexion refusée (verrouillage)"),
    "auth.captcha": N_("Connexion refusée (CAPTCHA demandé)"),
    "user.create": N_("Compte créé"),
    "user.role": N_("Rôle changé"),
    "user.activate": N_("Compte réactivé"),
    "user.deactivate": N_("Compte désactivé"),
    "user.password_reset": N_("Mot de passe réinitialisé"),
    "user.password_change": N_("Mot de passe changé"),
    "user.profile": N_("Profil modifié"),
    "settings.change": N_("Paramètre modifié"),
    "backup.create": N_("Sauvegarde"),
    "backup.daily": N_("Sauvegarde quotidienne"),
    "backup.rotate": N_("Anciennes sauvegardes supprimées"),
    "seed.plan": N_("Plan initial chargé"),
    "campaign.create": N_("Campagne créée"),
    "campaign.set_current": N_("Campagne courante changée"),
    "plan.update.record": N_("Mise à jour d’un moyen"),
    "plan.update.correct": N_("Correction d’une mise à jour"),
    "plan.schedule.set": N_("Échéancier fixé à la main"),
    "plan.schedule.clear": N_("Échéancier rendu à la période écrite"),
    "plan.target.set": N_("Cible d’indicateur corrigée"),
    "plan.target.clear": N_("Cible d’indicateur rendue au calcul"),
    "plan.axis.add": N_("Axe ajouté"),
    "plan.axis.edit": N_("Axe modifié"),
    "plan.axis.archive": N_("Axe archivé"),
    "plan.axis.restore": N_("Axe restauré"),
    "plan.action.add": N_("Action ajoutée"),
    "plan.action.edit": N_("Action modifiée"),
    "plan.action.archive": N_("Action archivée"),
    "plan.action.restore": N_("Action restaurée"),
    "plan.means.add": N_("Moyen ajouté"),
    "plan.means.edit": N_("Moyen modifié"),
    "plan.means.archive": N_("Moyen archivé"),
    "plan.means.restore": N_("Moyen restauré"),
    "plan.means.delete": N_("Moyen supprimé (sans mise à jour)"),
    "ambassador.signup": N_("Inscription d’un ambassadeur"),
    "ambassador.signup_refused": N_("Inscription refusée (limite)"),
    "ambassador.update": N_("Entente modifiée"),
    "ambassador.approved": N_("Ambassadeur approuvé"),
    "ambassador.declined": N_("Ambassadeur refusé"),
    "ambassador.pending": N_("Ambassadeur remis en attente"),
    "report.save_draft": N_("Rapport de retombées enregistré (brouillon)"),
    "report.submit": N_("Rapport de retombées soumis"),
    "report.reopen": N_("Rapport de retombées rouvert"),
    "meeting.add": N_("Rencontre ajoutée"),
    "meeting.edit": N_("Rencontre modifiée"),
    "meeting.delete": N_("Rencontre supprimée"),
    "board.pack": N_("Document du CA produit"),
    "plan.figure.set": N_("Moyen lié à un chiffre de la campagne"),
    "plan.figure.clear": N_("Lien avec la campagne retiré"),
    "link.use": N_("Lien en un clic utilisé"),
    "link.refused": N_("Lien en un clic refusé"),
    "outbox.sent": N_("Courriel envoyé"),
    "outbox.retry": N_("Courriel remis en file"),
    "outreach.kind": N_("Sorte de message activée ou désactivée"),
    "demo.history": N_("Historique de démonstration"),
    "demo.synth": N_("Données synthétiques"),
}

# What an audit row is about (its `entity`), as the journal names it.
ENTITY_LABELS_FR = {
    "user": N_("Compte"), "plan": N_("Plan d’action"), "means": N_("Moyen"), "backup": N_("Sauvegarde"),
    "campaign": N_("Campagne"), "ambassador": N_("Ambassadeur"), "impact_report": N_("Rapport de retombées"),
    "meeting": N_("Rencontre du CA"), "meetings": N_("Rencontres du CA"), "board_pack": N_("Document du CA"),
    "link": N_("Lien en un clic"), "outbox": N_("Courriel"), "outreach_kind": N_("Sorte de message"),
    "setting": N_("Paramètre"),
}


def _label(labels: dict, key: str, lang: str) -> str:
    return translate(labels[key], lang) if key in labels else key


def list_events(db: Database, *, action_prefix: str = "", actor: str = "", limit: int = 500,
                lang: str = "fr") -> pd.DataFrame:
    """The newest audit rows first, filtered by action prefix and actor when given; times
    in Québec local time, a readable label for the known actions and entities in `lang` (the
    action's code is kept in "action")."""
    events = _query_events(db, action_prefix, actor, limit)
    events["happened_at"] = [format_datetime(moment, lang) for moment in clock.to_local_series(events["happened_at"])]
    events.insert(2, "label", events["action"].map(lambda action: _label(ACTION_LABELS_FR, action, lang)))
    events["entity"] = events["entity"].map(lambda entity: _label(ENTITY_LABELS_FR, entity, lang))
    return events


def _query_events(db: Database, action_prefix: str, actor: str, limit: int) -> pd.DataFrame:
    return db.query_df(
        """
        SELECT happened_at, actor, action, entity, entity_id, details, session_id
        FROM audit_log
        WHERE (? = '' OR action LIKE ? || '%') AND (? = '' OR actor = ?)
        ORDER BY happened_at DESC, id DESC LIMIT ?
        """,
        [action_prefix, action_prefix, actor, actor, limit],
    )
