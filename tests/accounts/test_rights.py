"""The rights table and authorize(): every role against every permission."""

from __future__ import annotations

import pytest

from openitu.accounts import passwords, tokens
from openitu.accounts.ratelimit import TokenBuckets
from openitu.accounts.rights import (
    PERMISSIONS,
    RIGHTS,
    Principal,
    Role,
    authorize,
    rights_of,
)
from openitu.errors import Forbidden, InvalidInput, NotAuthenticated

OFFICER_FR = Principal(role=Role.NOTIFYING_OFFICER, username="fr-officer", administration="FR")
DELEGATE_DE = Principal(
    role=Role.DELEGATE, username="de-delegate", administration="DE", proxy_for="AT"
)
SECRETARIAT = Principal(role=Role.SECRETARIAT, username="bureau")
ADMIN = Principal(role=Role.ADMIN, username="root")
PUBLIC = Principal.public()


def test_every_permission_is_named_once_and_held_by_someone() -> None:
    names = [right.permission for right in RIGHTS]
    assert len(names) == len(set(names))
    for right in RIGHTS:
        assert right.roles, right.permission
        if right.proxy_counts:
            assert right.per_administration


def test_the_public_reads_and_nothing_else() -> None:
    assert rights_of(Role.PUBLIC) == {"public.read"}
    for permission in PERMISSIONS - {"public.read"}:
        with pytest.raises(NotAuthenticated):
            authorize(PUBLIC, permission, administration="FR")


@pytest.mark.parametrize(
    "permission",
    [r.permission for r in RIGHTS if r.per_administration and r.roles == {Role.NOTIFYING_OFFICER}],
)
def test_an_officer_acts_only_for_their_own_administration(permission: str) -> None:
    authorize(OFFICER_FR, permission, administration="FR")
    authorize(OFFICER_FR, permission, administration="fr")  # codes are case-blind
    with pytest.raises(Forbidden, match="may not act for DE"):
        authorize(OFFICER_FR, permission, administration="DE")
    for other in (SECRETARIAT, ADMIN, DELEGATE_DE):
        with pytest.raises(Forbidden):
            authorize(other, permission, administration=other.administration or "FR")


def test_a_delegate_votes_for_their_state_and_the_proxy_held_only() -> None:
    authorize(DELEGATE_DE, "votes.cast", administration="DE")
    authorize(DELEGATE_DE, "votes.cast", administration="AT", proxy_held="AT")
    with pytest.raises(Forbidden):
        authorize(DELEGATE_DE, "votes.cast", administration="FR", proxy_held="AT")
    # The proxy counted is the one the conference records, not the account's field.
    with pytest.raises(Forbidden, match="may not act for AT"):
        authorize(DELEGATE_DE, "votes.cast", administration="AT")
    with pytest.raises(Forbidden):
        authorize(OFFICER_FR, "votes.cast", administration="FR")
    # A proxy counts for votes, not for acting as a notifying officer.
    with pytest.raises(Forbidden):
        authorize(DELEGATE_DE, "numbering.apply", administration="DE")


def test_secretariat_and_admin_rights_are_separate() -> None:
    for permission in ("examinations.run", "findings.record", "numbering.administer"):
        authorize(SECRETARIAT, permission)
        with pytest.raises(Forbidden):
            authorize(ADMIN, permission)
    authorize(ADMIN, "accounts.manage")
    with pytest.raises(Forbidden):
        authorize(SECRETARIAT, "accounts.manage")


def test_a_per_administration_check_without_the_administration_is_a_bug() -> None:
    with pytest.raises(ValueError, match="per administration"):
        authorize(OFFICER_FR, "numbering.apply")
    with pytest.raises(ValueError, match="unknown permission"):
        authorize(ADMIN, "accounts.destroy")


def test_a_token_is_limited_to_its_scopes() -> None:
    scoped = Principal(
        role=Role.NOTIFYING_OFFICER,
        username="fr-bot",
        administration="FR",
        scopes=frozenset({"public.read", "numbering.apply"}),
        via="token",
    )
    authorize(scoped, "numbering.apply", administration="FR")
    with pytest.raises(Forbidden, match="scopes"):
        authorize(scoped, "numbering.withdraw", administration="FR")
    assert tokens.parse_scopes(None, Role.ADMIN) == rights_of(Role.ADMIN)
    with pytest.raises(InvalidInput, match="does not hold"):
        tokens.parse_scopes(["accounts.manage"], Role.SECRETARIAT)
    with pytest.raises(InvalidInput, match="unknown"):
        tokens.parse_scopes("public.read everything", Role.SECRETARIAT)


def test_bad_administration_codes_are_refused() -> None:
    for code in ("FRA", "F", "1A", "", "F R"):
        with pytest.raises(InvalidInput):
            authorize(OFFICER_FR, "numbering.apply", administration=code)


def test_passwords_are_argon2id_and_checked() -> None:
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "correct horse battery")
    assert not passwords.verify_password(stored, "correct horse batterY")
    assert not passwords.verify_password(None, "correct horse battery")
    assert not passwords.verify_password("not a hash", "x")
    assert not passwords.needs_rehash(stored)
    with pytest.raises(InvalidInput, match="at least 12"):
        passwords.hash_password("short")


def test_token_secrets_are_random_and_stored_as_digests() -> None:
    first, second = tokens.issue(), tokens.issue()
    assert first.secret != second.secret
    assert first.secret.startswith("oitu_") and len(first.secret) >= 45
    assert first.digest == tokens.digest(first.secret) != first.secret
    assert len(first.digest) == 64
    assert first.secret.startswith(first.prefix)


def test_token_buckets_refill_at_their_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate_per_s=2.0, burst=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)  # one token comes back in 1/2 s
    assert buckets.take("b") == 0.0  # buckets are per key
    now[0] = 0.5
    assert buckets.take("a") == 0.0
    now[0] = 100.0
    assert [buckets.take("a") for _ in range(4)][-1] > 0  # never more than the burst


def test_token_buckets_forget_the_oldest_keys_first() -> None:
    buckets = TokenBuckets(rate_per_s=1.0, burst=1, max_keys=2, clock=lambda: 0.0)
    buckets.take("a")
    buckets.take("b")
    buckets.take("c")  # "a" is forgotten: a fresh bucket
    assert buckets.take("a") == 0.0
    assert buckets.take("c") > 0
