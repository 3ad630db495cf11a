"""The statuses of a plan item, and their French labels: the vocabulary every plan module shares."""
from __future__ import annotations

STATUSES = ("a_venir", "en_cours", "realise", "reporte", "abandonne")


DONE_STATUSES = frozenset({"realise", "abandonne"})


STATUS_LABELS_FR = {
    "a_venir": "À venir",
    "en_cours": "En cours",
    "realise": "Réalisé",
    "reporte": "Reporté",
    "abandonne": "Abandonné",
}
