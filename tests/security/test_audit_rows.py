"""The audit log vouches for the data: `openitu audit verify --rows` recomputes the digest
of every audited row and names each one changed outside the application (table, primary
key, the audit entry that last recorded it), on SQLite and PostgreSQL.

The application's own changes run through the real HTTP API (governance: a conference,
delegations, a vote with its ballots, closed; numbering: an application taken through
the TSB's steps, a change notice, returned by its holder), so that rows the application
updates later (a ballot counted at close, an application moved on) must verify clean.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from security_support import run_openitu
from sqlalchemy import Engine, create_engine, text

from openitu.accounts.rights import Principal, Role
from openitu.service.app import create_app
from openitu.settings import Settings
from openitu.store import audit, migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.store.loaders import governance as governance_loader
from openitu.store.loaders import numbering as numbering_loader
from openitu.usecases import accounts as account_usecases

ADMIN = Principal(role=Role.ADMIN, username="cli:rows", via="cli")
GOV = "/api/governance"
STATES = ("FR", "DE", "BR")


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


@dataclass
class Written:
    url: str
    engine: Engine
    vote_id: int
    ballot_ids: list[int]
    application_id: int
    officer: str


def _token(engine: Engine, username: str, role: Role, administration: str | None) -> dict[str, str]:
    with unit_of_work(session_factory(engine)) as session:
        account_usecases.create_user(
            session,
            principal=ADMIN,
            username=username,
            password="a long enough pass",
            role=role,
            administration=administration,
        )
        secret, _ = account_usecases.create_token(session, principal=ADMIN, username=username)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def written(fresh_database_url: str) -> Iterator[Written]:
    """A database the application has written for real through its API."""
    engine = make_engine(fresh_database_url)
    migrate.upgrade(engine)
    for loader in (governance_loader, numbering_loader):
        for _ in loader.load(session_factory(engine)):
            pass
    settings = Settings(
        database_url=fresh_database_url, api_rate_per_s=10_000, api_burst=100_000, redis_url=None
    )
    sec = _token(engine, "rows-secretary", Role.SECRETARIAT, None)
    officer = _token(engine, "rows-officer", Role.NOTIFYING_OFFICER, "IN")
    delegates = {s: _token(engine, f"rows-{s.lower()}", Role.DELEGATE, s) for s in STATES}
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        _ok(client.post(f"{GOV}/conferences", headers=sec,
                        json={"code": "WRC-R", "kind": "WRC", "title": "Rows test",
                              "place": "Geneva", "starts": "2026-09-01",
                              "ends": "2026-09-20"}), 201)  # fmt: skip
        _ok(client.post(f"{GOV}/conferences/WRC-R/agenda", headers=sec,
                        json={"number": "1", "title": "Allocations"}), 201)  # fmt: skip
        for state in STATES:
            _ok(client.post(f"{GOV}/conferences/WRC-R/delegations", headers=sec,
                            json={"member": state, "credentials_accepted": True,
                                  "present": True}), 201)  # fmt: skip
        vote = _ok(client.post(f"{GOV}/conferences/WRC-R/votes", headers=sec,
                               json={"question": "Adopt?"}), 201)  # fmt: skip
        ballot_ids = []
        for state, choice in zip(STATES, ("for", "for", "against"), strict=True):
            ballot = _ok(client.post(f"{GOV}/votes/{vote['id']}/ballots",
                                     headers=delegates[state],
                                     json={"state": state, "choice": choice}), 201)  # fmt: skip
            ballot_ids.append(ballot.get("ballot_id") or ballot.get("id"))
        _ok(client.post(f"{GOV}/votes/{vote['id']}/close", headers=sec))
        free = _ok(client.get("/api/numbering/free", params={"plan": "405", "length": 3}))
        body = {"administration": "IN", "kind": "mnc", "code": f"405-{free['free'][0]}",
                "holder": "Rows Test Net"}  # fmt: skip
        application = _ok(client.post("/api/numbering/applications", json=body,
                                      headers=officer), 201)  # fmt: skip
        for step in ("check", "reserve", "assign"):
            _ok(client.post(f"/api/numbering/applications/{application['id']}/{step}",
                            headers=sec))  # fmt: skip
        _ok(client.post("/api/numbering/notices", headers=sec), 201)
        _ok(client.post(f"/api/numbering/applications/{application['id']}/return",
                        headers=officer))  # fmt: skip
    with engine.connect() as connection:
        ids = list(
            connection.execute(
                text("SELECT id FROM governance_ballots WHERE vote_id = :v ORDER BY id"),
                {"v": vote["id"]},
            ).scalars()
        )
    try:
        yield Written(
            fresh_database_url, engine, int(vote["id"]), ids, int(application["id"]), "rows-officer"
        )
    finally:
        engine.dispose()


def _verify_rows(url: str) -> Any:
    return run_openitu(url, "audit", "verify", "--rows", "--json")


def _last_entry_about(engine: Engine, entity: str, entity_id: str) -> int:
    """The newest entry that names the entity (found by its name, not its digests)."""
    with unit_of_work(session_factory(engine)) as session:
        found = audit.entries(session, entity=entity, entity_id=entity_id, limit=1000)
    assert found, f"no audit entry about {entity} {entity_id}"
    return found[-1].seq


def test_a_database_written_by_the_application_verifies_clean(written: Written) -> None:
    done = _verify_rows(written.url)
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(done.stdout)
    assert document["intact"] is True and document["changed_rows"] == []
    plain = run_openitu(written.url, "audit", "verify", "--rows")
    assert plain.returncode == 0
    assert plain.stdout.startswith("audit chain intact and every audited row:")


def test_rows_changed_or_deleted_with_raw_sql_are_named(written: Written) -> None:
    ballot, deleted = written.ballot_ids[0], written.ballot_ids[-1]
    raw = create_engine(written.url)
    with raw.begin() as connection:
        connection.execute(
            text("UPDATE governance_ballots SET choice = 'against' WHERE id = :id"), {"id": ballot}
        )
        connection.execute(text("DELETE FROM governance_ballots WHERE id = :id"), {"id": deleted})
        connection.execute(
            text("UPDATE numbering_applications SET holder = 'Mallory Net' WHERE id = :id"),
            {"id": written.application_id},
        )
        connection.execute(
            text("UPDATE account_users SET role = 'admin' WHERE username = :u"),
            {"u": written.officer},
        )
    raw.dispose()
    # The chain alone still verifies: it proves the log, not the data.
    chain_only = run_openitu(written.url, "audit", "verify", "--json")
    assert chain_only.returncode == 0
    assert "changed_rows" not in json.loads(chain_only.stdout)
    done = _verify_rows(written.url)
    assert done.returncode == 1, done.stdout
    changed = {
        (row["table"], tuple(row["key"])): (row["audit_entry"], row["reason"])
        for row in json.loads(done.stdout)["changed_rows"]
    }
    # The ballots were last recorded when their vote was closed, the application when
    # its holder returned it, the account when it was created.
    vote_closed = _last_entry_about(written.engine, "governance_vote", str(written.vote_id))
    changed_reason = "changed outside the application"
    assert changed == {
        ("governance_ballots", (ballot,)): (vote_closed, changed_reason),
        ("governance_ballots", (deleted,)): (vote_closed, "deleted outside the application"),
        ("numbering_applications", (written.application_id,)): (
            _last_entry_about(written.engine, "numbering_application", str(written.application_id)),
            changed_reason,
        ),
        ("account_users", (_user_id(written.engine, written.officer),)): (
            _last_entry_about(written.engine, "account", written.officer),
            changed_reason,
        ),
    }
    document = json.loads(done.stdout)
    assert document["intact"] is False and document["broken_at"] is None
    plain = run_openitu(written.url, "audit", "verify", "--rows")
    assert plain.returncode == 1
    assert plain.stderr.strip().startswith("error: 4 audited row(s) changed outside")
    assert f"changed row: governance_ballots [{ballot}]: changed outside" in plain.stdout


def test_rewriting_a_recorded_digest_breaks_the_chain(written: Written) -> None:
    raw = create_engine(written.url)
    with raw.begin() as connection:
        seq = connection.execute(
            text("SELECT max(seq) FROM audit_entries WHERE rows IS NOT NULL")
        ).scalar_one()
        connection.execute(text("UPDATE audit_entries SET rows = '{}' WHERE seq = :s"), {"s": seq})
    raw.dispose()
    done = _verify_rows(written.url)
    assert done.returncode == 1
    assert json.loads(done.stdout)["broken_at"] == seq


def _user_id(engine: Engine, username: str) -> int:
    with engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT id FROM account_users WHERE username = :u"), {"u": username}
            ).scalar_one()
        )


def test_a_space_filing_and_its_beams_are_vouched_for(sessions: Any) -> None:
    """In the test's own transaction (SQLite and PostgreSQL): the registry covers the
    space area's entity too, its beams and steps included."""
    import sys
    from datetime import date
    from pathlib import Path

    from openitu.usecases import space as space_usecases

    sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
    from space_documents import network_document

    officer = Principal(
        role=Role.NOTIFYING_OFFICER, username="rows-officer-fr", administration="FR", via="cli"
    )
    with sessions() as session, session.begin():
        filed = space_usecases.submit_network(
            session,
            principal=officer,
            document=network_document(),
            date_of_receipt=date(2021, 6, 1),
        )
    network = int(filed["network_id"])
    with sessions() as session, session.begin():
        assert audit.verify_rows(session) == []
        beam = session.execute(
            text("SELECT min(id) FROM space_beams WHERE network_id = :n"), {"n": network}
        ).scalar_one()
        session.execute(
            text("UPDATE space_beams SET power_density_dbw_hz = 0 WHERE id = :b"), {"b": beam}
        )
        session.execute(
            text("UPDATE space_networks SET administration = 'DE' WHERE id = :n"), {"n": network}
        )
        found = {(c.table, c.key, c.reason) for c in audit.verify_rows(session)}
    assert found == {
        ("space_beams", (beam,), "changed outside the application"),
        ("space_networks", (network,), "changed outside the application"),
    }
