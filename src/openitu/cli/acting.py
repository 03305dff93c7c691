"""Who a CLI write acts as: the account of an API token, or else the operator.

Whoever can run the CLI against the database is trusted, as for `openitu db` and
`openitu backup`: without a token, a write acts as the secretariat (``cli:<os user>`` in
the audit log), or, where an area says so, as a notifying officer of the administration
the action concerns (space filings). An account's holder acts with exactly its own rights
by giving its API token (``--token-stdin`` or ``OPENITU_API_TOKEN``).
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from openitu.accounts import Principal, Role
from openitu.errors import InvalidInput, NotAuthenticated

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def operator_name() -> str:
    """How the audit log names the person running the CLI: ``cli:<os user>``."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return f"cli:{who}"[:128]


def secretariat() -> Principal:
    return Principal(role=Role.SECRETARIAT, username=operator_name(), via="cli")


def officer_of(administration: str) -> Principal:
    return Principal(
        role=Role.NOTIFYING_OFFICER,
        username=operator_name(),
        administration=administration,
        via="cli",
    )


def _token(from_stdin: bool) -> str | None:
    if from_stdin:
        line = sys.stdin.readline().strip()
        if not line:
            raise InvalidInput("token", "no API token on standard input")
        return line
    return os.environ.get("OPENITU_API_TOKEN", "").strip() or None


def acting(
    from_stdin: bool,
    *,
    needs_token: str | None = None,
    otherwise: Principal | None = None,
) -> Principal:
    """The token's account; without a token, ``otherwise`` (default: the secretariat).
    ``needs_token`` names an action only an account's holder may take (a ballot), which
    refuses to run without a token."""
    from openitu.cli.common import context
    from openitu.store import accounts

    secret = _token(from_stdin)
    if secret is None:
        if needs_token:
            raise InvalidInput(
                "token",
                f"{needs_token}: give the account's API token with --token-stdin or "
                "OPENITU_API_TOKEN",
            )
        return otherwise if otherwise is not None else secretariat()
    # Resolved in a transaction of its own, before the write takes its lock.
    with context().sessions() as session:
        principal = accounts.principal_for_token(session, secret)
    if principal is None:
        raise NotAuthenticated("the API token is unknown, expired or revoked")
    return principal


@contextmanager
def writing(
    from_stdin: bool, *, needs_token: str | None = None
) -> Iterator[tuple[Session, Principal]]:
    """One write: the principal `acting` names (resolved first, in a transaction of its
    own), and the transaction the write runs in, committed when the block ends."""
    from openitu.cli.common import context
    from openitu.store.db import unit_of_work

    principal = acting(from_stdin, needs_token=needs_token)
    with unit_of_work(context().sessions) as session:
        yield session, principal
