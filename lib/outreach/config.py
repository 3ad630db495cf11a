"""Where email goes: the SMTP settings, from the secrets' [smtp] section or $ROCSMO_SMTP_*.

Same order as the cookie key (lib.accounts.auth.cookie_key): a value in .streamlit/secrets.toml
wins over the environment. No host configured means no SMTP: messages wait in the outbox and
the app says where they would go.
"""
from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lib.core.db import PROJECT_ROOT
from lib.core.validators import is_email

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
SECURITIES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
FIELDS = ("host", "port", "security", "user", "password", "sender")


class SmtpConfigurationError(ValueError):
    """The SMTP settings are present but unusable; the message says which one, in French and English."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str            # 'starttls', 'ssl' or 'none'
    sender: str              # the From address
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0

    def describe(self) -> str:
        """'smtp.example.org:587 (starttls), from noreply@example.org' — no password."""
        return f"{self.host}:{self.port} ({self.security}), {self.sender}"


def read_secrets_section(name: str, path: Path = SECRETS_FILE) -> dict:
    """The `[name]` table of the secrets file (for the CLI, which has no st.secrets); {} when
    the file or the table is missing."""
    try:
        with path.open("rb") as handle:
            return dict(tomllib.load(handle).get(name, {}))
    except FileNotFoundError:
        return {}


def smtp_config(secrets_smtp: Mapping | None = None, environ: Mapping | None = None) -> SmtpConfig | None:
    """The SMTP settings: each of host, port, security, user, password, sender from the secrets'
    [smtp] table, else $ROCSMO_SMTP_<NAME>; None when no host is configured.

    Raises SmtpConfigurationError for an unknown security, a port that is not a number, or a
    missing or invalid sender address.
    """
    secrets_smtp = secrets_smtp or {}
    environ = os.environ if environ is None else environ
    values = {name: str(secrets_smtp.get(name) or environ.get(f"ROCSMO_SMTP_{name.upper()}") or "").strip()
              for name in FIELDS}
    if not values["host"]:
        return None
    security = (values["security"] or "starttls").lower()
    if security not in SECURITIES:
        raise SmtpConfigurationError(
            f"SMTP : « security » doit valoir starttls, ssl ou none (lu : {security}). / "
            f"SMTP security must be starttls, ssl or none (got {security}).")
    port = values["port"] or str(DEFAULT_PORTS[security])
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise SmtpConfigurationError(f"SMTP : port invalide ({port}). / Invalid SMTP port ({port}).")
    if not is_email(values["sender"]):
        raise SmtpConfigurationError(
            "SMTP : indiquez l’adresse d’expédition (sender), par exemple tableau@rocsmo.org. / "
            "SMTP sender address missing or invalid.")
    return SmtpConfig(host=values["host"], port=int(port), security=security, sender=values["sender"],
                      user=values["user"], password=values["password"])
