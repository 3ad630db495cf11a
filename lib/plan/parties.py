"""Responsible parties: from the plan's label ("DG + CA + membres") to a clean list.

The label is always kept as written; the list is what filters and the load per party
use, so spelling variants of one party ("stagiaire", "stagiaires") count as one.
"""
from __future__ import annotations

import re

# Variants seen in the plan, mapped to one name per party.
_CANONICAL = {
    "stagiaires": "Stagiaire",
    "membres": "Membres",
    "dg": "DG",
    "ca": "CA",
    "dg membres": "DG membres",
}
_FOR_SUFFIX = re.compile(r"\s+pour\s+l[’']organisation$", re.IGNORECASE)


def parse_parties(label: str) -> list[str]:
    """The distinct parties named in `label`, in order of appearance.

    "DG + CA + membres" -> ["DG", "CA", "Membres"];
    "Membres + formateur + DG et stagiaire pour l’organisation" ->
    ["Membres", "Formateur", "DG", "Stagiaire"]; "" -> [].
    """
    parties: list[str] = []
    for chunk in re.split(r"\s*\+\s*", label or ""):
        chunk = _FOR_SUFFIX.sub("", chunk.strip().rstrip("?").strip())
        for name in re.split(r"\s+et\s+", chunk) if chunk.startswith("DG et ") else [chunk]:
            name = canonical_party(name)
            if name and name not in parties:
                parties.append(name)
    return parties


def canonical_party(name: str) -> str:
    """One spelling per party: known variants mapped, first letter upper-cased."""
    name = re.sub(r"\s+", " ", name).strip()
    if not name:
        return ""
    return _CANONICAL.get(name.lower(), name[0].upper() + name[1:])
