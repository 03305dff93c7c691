"""Passwords: argon2id hashes.

Parameters are OWASP's first recommendation for argon2id (19 MiB of memory, two
passes, one lane): costly for an attacker with a stolen database, yet cheap enough
(tens of milliseconds) that sign-in bursts do not starve a two-core server. Hashes made
with other parameters still verify, and :func:`needs_rehash` says when to re-hash.
"""

from __future__ import annotations

from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from openitu.errors import InvalidInput

MIN_LENGTH: Final = 12
MAX_LENGTH: Final = 1024
_hasher: Final = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the user does not exist, so that an unknown name costs as long as a
# wrong password and timing does not reveal which usernames exist.
_DUMMY_HASH: Final = _hasher.hash("openitu-not-a-real-password")


def check_password_policy(password: str, *, field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(field, f"must have at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(field, f"must have at most {MAX_LENGTH} characters")
    if password.strip() == "":
        raise InvalidInput(field, "must not be blank")


def hash_password(password: str) -> str:
    check_password_policy(password)
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; an absent hash still costs one verification."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash uses weaker parameters than today's."""
    return _hasher.check_needs_rehash(password_hash)
