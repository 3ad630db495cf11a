"""The one error family for people: what a request got wrong, as French messages for its form.

A `FormError` carries a list of messages (str, or `lib.core.messages.Message` when built from
values); pages show them with `lib.ui.feedback.show_errors`, in the reader's language. Domain
errors (PlanError, CampaignError, …) subclass it so a page can catch the area it calls.
`AccessDenied` is also a PermissionError: a role check that refuses is never a form problem
the user can fix, but it is shown the same way.
"""
from __future__ import annotations

from lib.core.i18n import N_


class FormError(ValueError):
    """A request that cannot be honoured; `messages` are French, one per problem."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(self.messages))


class AccessDenied(FormError, PermissionError):
    """The acting account may not do this (wrong role, inactive or unknown)."""


class StorageError(FormError):
    """The database file could not be written (disk full, I/O error): nothing was changed.

    Raised by lib.core.db's transactions in place of DuckDB's own error, so that every form
    shows it like any other refusal and keeps what the person typed."""

    def __init__(self):
        super().__init__(N_("L’enregistrement n’a pas pu être écrit sur le disque (espace plein ou erreur "
                            "d’écriture). Rien n’a été modifié et les données déjà enregistrées sont intactes. "
                            "Gardez votre saisie, réessayez dans un moment et prévenez l’administrateur "
                            "si le problème continue."))
