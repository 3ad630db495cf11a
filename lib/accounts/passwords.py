"""Password rules, hashing and generated passwords."""
from __future__ import annotations

import os
import secrets
import string
from functools import lru_cache
from pathlib import Path

import bcrypt

from lib.core.i18n import N_
from lib.core.messages import Message

MIN_LENGTH = 12
DEFAULT_ROUNDS = 12


def bcrypt_rounds() -> int:
    """bcrypt's cost: 12, unless $ROCSMO_BCRYPT_ROUNDS lowers it (the test suite does, to
    stay fast; never below bcrypt's minimum of 4)."""
    try:
        return max(4, min(DEFAULT_ROUNDS, int(os.environ.get("ROCSMO_BCRYPT_ROUNDS", DEFAULT_ROUNDS))))
    except ValueError:
        return DEFAULT_ROUNDS
_COMMON_FILE = Path(__file__).resolve().parent / "data" / "common_passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The lower-cased passwords refused for being common."""
    lines = _COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def validate_password(password: str, username: str = "") -> list[str]:
    """The French messages for each rule `password` breaks; [] when it is acceptable."""
    errors = []
    if len(password) < MIN_LENGTH:
        errors.append(Message("Le mot de passe doit contenir au moins {minimum} caractères.", minimum=MIN_LENGTH))
    if username and username.strip().lower() in password.lower():
        errors.append(N_("Le mot de passe ne doit pas contenir le nom d’utilisateur."))
    if password.lower() in common_passwords():
        errors.append(N_("Ce mot de passe est trop courant; choisissez-en un autre."))
    elif len(set(password)) <= 2 and password:
        errors.append(N_("Le mot de passe ne doit pas répéter un ou deux caractères seulement."))
    return errors


def hash_password(password: str) -> str:
    """A bcrypt hash of `password` (bcrypt reads at most 72 bytes)."""
    return bcrypt.hashpw(password.encode("utf-8")[:72], bcrypt.gensalt(bcrypt_rounds())).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    """Whether `password` matches the bcrypt `password_hash`."""
    try:
        return bcrypt.checkpw(password.encode("utf-8")[:72], password_hash.encode("ascii"))
    except ValueError:
        return False


def generate_password(length: int = 16) -> str:
    """A random password that passes the rules (letters and digits, no look-alikes)."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "O0Il1")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if not validate_password(candidate):
            return candidate
