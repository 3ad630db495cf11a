"""The audit log: who did what, when, from which browser session."""
from __future__ import annotations

import json

import pandas as pd

from lib.core import clock
from lib.core.db import Database
from lib.core.i18n import format_datetime, translate


def record(cur, actor: str, action: str, *, entity: str = "", entity_id: str | int = "",
           details: dict | str = "", session_id: str = "") -> None:
    """Append one audit row inside the caller's transaction (`cur`)."""
    text = details if isinstance(details, str) else json.dumps(details, ensure_ascii=False, default=str)
    cur.execute(
        "INSERT INTO audit_log (happened_at, actor, session_id, action, entity, entity_id, details)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [clock.utcnow(), actor, session_id, action, entity, str(entity_id), text],
    )


ACTION_GROUPS_FR = {
    "": "Tous", "auth.": "Connexions", "user.": "Comptes", "plan.": "Plan d’action",
    "campaign.": "Campagnes", "ambassador.": "Ambassadeurs", "report.": "Rapports de retombées",
    "settings.": "Paramètres", "backup.": "Sauvegardes",
}
ACTION_LABELS_FR = {
    "auth.sign_in": "Connexion",
    "auth.sign_out": "Déconnexion",
    "auth.failure": "Échec de connexion",
    "auth.lockout": "Connexion refusée (verrouillage)",
    "user.create": "Compte créé",
    "user.role": "Rôle changé",
    "user.activate": "Compte réactivé",
    "user.deactivate": "Compte désactivé",
    "user.password_reset": "Mot de passe réinitialisé",
    "user.password_change": "Mot de passe changé",
    "user.profile": "Profil modifié",
    "settings.change": "Paramètre modifié",
    "backup.create": "Sauvegarde",
    "seed.plan": "Plan initial chargé",
    "campaign.create": "Campagne créée",
    "campaign.set_current": "Campagne courante changée",
    "plan.update.record": "Mise à jour d’un moyen",
    "plan.update.correct": "Correction d’une mise à jour",
    "plan.schedule.set": "Échéancier fixé à la main",
    "plan.schedule.clear": "Échéancier rendu à la période écrite",
    "plan.target.set": "Cible d’indicateur corrigée",
    "plan.target.clear": "Cible d’indicateur rendue au calcul",
    "plan.axis.add": "Axe ajouté",
    "plan.axis.edit": "Axe modifié",
    "plan.axis.archive": "Axe archivé",
    "plan.axis.restore": "Axe restauré",
    "plan.action.add": "Action ajoutée",
    "plan.action.edit": "Action modifiée",
    "plan.action.archive": "Action archivée",
    "plan.action.restore": "Action restaurée",
    "plan.means.add": "Moyen ajouté",
    "plan.means.edit": "Moyen modifié",
    "plan.means.archive": "Moyen archivé",
    "plan.means.restore": "Moyen restauré",
    "plan.means.delete": "Moyen supprimé (sans mise à jour)",
    "ambassador.signup": "Inscription d’un ambassadeur",
    "ambassador.signup_refused": "Inscription refusée (limite)",
    "ambassador.update": "Entente modifiée",
    "ambassador.approved": "Ambassadeur approuvé",
    "ambassador.declined": "Ambassadeur refusé",
    "ambassador.pending": "Ambassadeur remis en attente",
    "report.save_draft": "Rapport de retombées enregistré (brouillon)",
    "report.submit": "Rapport de retombées soumis",
    "report.reopen": "Rapport de retombées rouvert",
    "demo.history": "Historique de démonstration",
    "demo.synth": "Données synthétiques",
}


def list_events(db: Database, *, action_prefix: str = "", actor: str = "", limit: int = 500,
                lang: str = "fr") -> pd.DataFrame:
    """The newest audit rows first, filtered by action prefix and actor when given; times
    in Québec local time, with a readable label for the known actions."""
    events = _query_events(db, action_prefix, actor, limit)
    events["happened_at"] = [format_datetime(moment, lang) for moment in clock.to_local_series(events["happened_at"])]
    events.insert(2, "label", events["action"].map(
        lambda action: translate(ACTION_LABELS_FR[action], lang) if action in ACTION_LABELS_FR else action))
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
