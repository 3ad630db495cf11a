"""Roles: the one type, the sets of roles pages and writes allow, and the one check.

The database stores a role as its value ("admin", …); a `Role` compares equal to that text.
"""
from __future__ import annotations

from enum import StrEnum

from lib.core.errors import AccessDenied
from lib.core.i18n import N_


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    BOARD = "board"
    AMBASSADOR = "ambassador"


ROLES: tuple[Role, ...] = tuple(Role)
ROLE_LABELS_FR = {Role.ADMIN: N_("Administrateur"), Role.STAFF: N_("Équipe"), Role.BOARD: N_("Membre du CA"),
                  Role.AMBASSADOR: N_("Ambassadeur")}

EVERYONE = frozenset(Role)
READERS = frozenset({Role.ADMIN, Role.STAFF, Role.BOARD})        # the plan and the campaign's results
STAFF = frozenset({Role.ADMIN, Role.STAFF})                      # updates, plan editing, ambassadors
ADMINS = frozenset({Role.ADMIN})                                 # accounts, journal, backups, settings
AMBASSADORS = frozenset({Role.AMBASSADOR})                       # own agreement and impact report

_REFUSALS_FR = {
    STAFF: N_("Cette action est réservée à l’équipe."),
    ADMINS: N_("Cette action est réservée aux administrateurs."),
}


def is_allowed(account, roles: frozenset) -> bool:
    """Whether `account` (anything with .role and .is_active, or None) is active in `roles`."""
    return (account is not None and bool(getattr(account, "is_active", False))
            and getattr(account, "role", None) in roles)


def require(account, roles: frozenset):
    """`account` if it is active with one of `roles`; else AccessDenied (French message).

    Domain writes call this themselves, so a page that forgot its own check, or code
    calling lib directly, still cannot act for a lesser role.
    """
    if not is_allowed(account, roles):
        raise AccessDenied(_REFUSALS_FR.get(roles, N_("Cette action n’est pas permise avec votre compte.")))
    return account
