"""Caches that every process sees: two real `openitu serve` processes on one database
(a SQLite file, a PostgreSQL database of its own).

Process A answers what the Table allocates at 3 350 MHz in Region 1 on a day after the
entry into force of a WRC's Final Acts, so that its cache holds the edition in force
before them (RR Article 5 as of 2012: radiolocation primary, no mobile allocation).
The Final Acts, adding a primary mobile allocation in 3 300-3 400 MHz in Region 1, are
then signed through process B. Without restarting, A answers the new edition for a day
after their entry into force and the old one for a day before: the write bumped the
spectrum area's version in the database (`openitu.usecases.write`), and A's cache
(`AppContext.cached`) is keyed by that version.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from databases import fresh_database
from governance_helpers import ADD_MOBILE, ADMIN, PASSWORD, ServerFor, adopt_at_a_wrc
from openitu.accounts import Principal, Role
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.loaders import governance as governance_loader
from openitu.store.loaders import spectrum as spectrum_loader
from openitu.usecases import accounts as account_usecases

SECRETARIAT = Principal(role=Role.SECRETARIAT, username="cache-secretary", via="cli")
IN_FORCE = date(2027, 1, 1)  # after the conference (5-30 October 2026)
AFTER, BEFORE = "2027-06-01", "2026-12-31"
MOBILE = (ADD_MOBILE["service"], ADD_MOBILE["category"])


@pytest.fixture(params=["sqlite", "postgresql"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of this test's own, committed to for real: migrated, with the Table
    (RR 2012) and the Member States loaded."""
    with fresh_database(request.param, tmp_path, label="cache") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for loader in (spectrum_loader, governance_loader):
                for _ in loader.load(session_factory(engine)):
                    pass
            engine.dispose()
            yield url
        finally:
            engine.dispose()


def _allocations(base: str, on: str) -> set[tuple[str, str]]:
    response = httpx.get(
        f"{base}/api/allocations/at",
        params={"frequency": "3350MHz", "region": 1, "date": on},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return {(a["service"], a["category"]) for a in body["allocations"]}


def _adopted_and_a_secretariat_token(url: str) -> str:
    """A WRC whose one proposal (`ADD_MOBILE`) is adopted, its Final Acts not yet signed,
    and a secretariat account; returns the account's API token."""
    engine = make_engine(url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            closed = adopt_at_a_wrc(
                session, secretariat=SECRETARIAT, code="WRC-C", amendments=[ADD_MOBILE]
            )
            assert closed["result"]["outcome"] == "adopted"
            account_usecases.create_user(
                session, principal=ADMIN, username="cache-secretary", password=PASSWORD,
                role=Role.SECRETARIAT,
            )  # fmt: skip
            secret, _ = account_usecases.create_token(
                session, principal=ADMIN, username="cache-secretary"
            )
    finally:
        engine.dispose()
    return secret


def test_final_acts_signed_through_one_process_reach_the_other(
    shared_url: str, server_for: ServerFor
) -> None:
    a, b = server_for(shared_url, workers=1), server_for(shared_url, workers=1)
    old = _allocations(a, AFTER)  # A caches the edition in force on that day: RR 2012
    assert ("radiolocation", "primary") in old
    assert MOBILE not in old
    assert _allocations(a, AFTER) == old  # answered again, from A's cache

    secret = _adopted_and_a_secretariat_token(shared_url)
    signed = httpx.post(
        f"{b}/api/governance/conferences/WRC-C/final-acts",
        headers={"Authorization": f"Bearer {secret}"},
        json={"edition_id": "RR-WRC-C", "title": "RR as amended by WRC-C",
              "entry_into_force": IN_FORCE.isoformat()},
        timeout=60,
    )  # fmt: skip
    assert signed.status_code == 201, signed.text

    new = _allocations(a, AFTER)
    assert MOBILE in new
    assert new - {MOBILE} == old
    assert _allocations(a, BEFORE) == old
