"""Accounts, roles and rights (pure: no database, no HTTP).

- :mod:`openitu.accounts.rights`: the roles, the rights table and :func:`authorize`.
- :mod:`openitu.accounts.passwords`: argon2id password hashes.
- :mod:`openitu.accounts.tokens`: API-token and session secrets, stored as digests.
"""

from openitu.accounts.model import ApiToken, User
from openitu.accounts.rights import (
    PERMISSIONS,
    RIGHTS,
    Principal,
    Right,
    Role,
    authorize,
    check_role,
    normalise_administration,
    rights_of,
)

__all__ = [
    "PERMISSIONS",
    "RIGHTS",
    "ApiToken",
    "Principal",
    "Right",
    "Role",
    "User",
    "authorize",
    "check_role",
    "normalise_administration",
    "rights_of",
]
