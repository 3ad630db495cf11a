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
MAX_BYTES = 72  # bcrypt reads no further: a longer password is refused rather than cut
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
    if len(password.encode("utf-8")) > MAX_BYTES:
        errors.append(Message("Le mot de passe ne doit pas dépasser {maximum} octets (environ {maximum} caractères "
                              "sans accents, moins avec des accents); choisissez-en un plus court.", maximum=MAX_BYTES))
    if username and username.strip().lower() in password.lower():
        errors.append(N_("Le mot de passe ne doit pas contenir le nom d’utilisateur."))
    if password.lower() in common_passwords():
        errors.append(N_("Ce mot de passe est trop courant; choisissez-en un autre."))
    elif len(set(password)) <= 2 and password:
        errors.append(N_("Le mot de passe ne doit pas répéter un ou deux caractères seulement."))
    return errors


def hash_password(password: str) -> str:
    """A bcrypt hash of `password`'s first 72 bytes (all bcrypt reads; validate_password
    refuses longer ones, and check_password reads the same bytes, so an account made before
    that rule still signs in with the password it was given)."""
    return bcrypt.hashpw(password.encode("utf-8")[:MAX_BYTES], bcrypt.gensalt(bcrypt_rounds())).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    """Whether `password` matches the bcrypt `password_hash` (the first 72 bytes, as hashed).

    This is the only check of a password at sign-in: streamlit-authenticator's own check
    passes the whole password to bcrypt 5, which raises beyond 72 bytes."""
    try:
        return bcrypt.checkpw(password.encode("utf-8")[:MAX_BYTES], password_hash.encode("ascii"))
    except ValueError:
        return False


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds)).decode("ascii")


def dummy_hash() -> str:
    """A hash no password matches, at the current cost: checked against when the username is
    unknown or inactive, so that such an attempt costs the same bcrypt run as a wrong password."""
    return _dummy_hash(bcrypt_rounds())


def generate_password(length: int = 16) -> str:
    """A random password that passes the rules (letters and digits, no look-alikes)."""
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "O0Il1")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if not validate_password(candidate):
            return candidate
