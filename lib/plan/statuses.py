"""The statuses of a plan item, and their French labels: the vocabulary every plan module shares."""
from __future__ import annotations

from lib.core.i18n import N_

STATUSES = ("a_venir", "en_cours", "realise", "reporte", "abandonne")


DONE_STATUSES = frozenset({"realise", "abandonne"})


STATUS_LABELS_FR = {
    "a_venir": N_("À venir"),
    "en_cours": N_("En cours"),
    "realise": N_("Réalisé"),
    "reporte": N_("Reporté"),
    "abandonne": N_("Abandonné"),
}


TARGET_KINDS = ("done", "count_by", "frequency", "threshold")


TARGET_KIND_LABELS_FR = {
    "done": N_("Réalisé ou non"),
    "count_by": N_("Un total à atteindre d’ici une date"),
    "frequency": N_("Un nombre par période"),
    "threshold": N_("Un minimum à maintenir par période"),
}


PER_LABELS_FR = {"year": N_("par année"), "month": N_("par mois"), "week": N_("par semaine")}


SCHEDULE_KIND_LABELS_FR = {
    "once": N_("Une fois (échéance)"),
    "yearly": N_("Chaque année (mois choisis)"),
    "monthly": N_("Chaque mois"),
    "continuous": N_("En continu"),
    "event": N_("Lors d’événements (sans échéance)"),
}


ON_TRACK_EXPLANATION_FR = N_(
    "Avancement d’un axe : part de ses moyens réalisés ou en bonne voie. Un moyen compte s’il est "
    "réalisé (pour le cycle en cours s’il revient chaque année ou chaque mois), ou s’il n’est pas en "
    "retard et n’a pas été reporté. Les moyens abandonnés ne sont pas comptés."
)


def counts_as_on_track(status: str, late: bool) -> bool:
    """The one definition behind every progress bar (see ON_TRACK_EXPLANATION_FR): done, or
    neither late nor postponed. Abandoned items are left out by the callers (`counted`)."""
    return status == "realise" or (not late and status != "reporte")
