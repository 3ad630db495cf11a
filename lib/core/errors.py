"""The one error family for people: what a request got wrong, as French messages for its form.

A `FormError` carries a list of messages (str, or `lib.core.messages.Message` when built from
values); pages show them with `lib.ui.feedback.show_errors`, in the reader's language. Domain
errors (PlanError, CampaignError, …) subclass it so a page can catch the area it calls.
`AccessDenied` is also a PermissionError: a role check that refuses is never a form problem
the user can fix, but it is shown the same way.
"""
from __future__ import annotations


class FormError(ValueError):
    """A request that cannot be honoured; `messages` are French, one per problem."""

    def __init__(self, messages: list[str] | str):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__(" ".join(self.messages))


class AccessDenied(FormError, PermissionError):
    """The acting account may not do this (wrong role, inactive or unknown)."""
