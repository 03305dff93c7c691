"""Crash: SIGKILL the running service in the middle of a stream of writes, restart it.

Every write acknowledged before the kill must be there, none half-written (each
token row has its audit entry and each entry its row), and the audit chain verifies.
"""

from __future__ import annotations

import threading
import time

import httpx
from security_support import Server
from sqlalchemy import create_engine, text

from openitu.accounts.rights import Principal, Role
from openitu.store import audit, migrate
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases

ADMIN_PASSWORD = "crash test password"
CLI = Principal(role=Role.ADMIN, username="cli:crash-test", via="cli")
WRITERS = 3
KILL_AFTER = 30  # acknowledged writes before the kill


def _setup(database_url: str) -> str:
    """Migrate, create an administrator and a token for it."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with unit_of_work(session_factory(engine)) as session:
        account_usecases.create_user(
            session, principal=CLI, username="root", password=ADMIN_PASSWORD, role="admin"
        )
        secret, _ = account_usecases.create_token(session, principal=CLI, username="root")
    engine.dispose()
    return secret


def test_acknowledged_writes_survive_sigkill(fresh_database_url: str) -> None:
    token = _setup(fresh_database_url)
    headers = {"Authorization": f"Bearer {token}"}
    server = Server(fresh_database_url, api_rate_per_s="100000", api_burst="100000")
    server.start()
    acknowledged: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()
    failures_after_kill = [0]

    def writer(k: int) -> None:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as client:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    response = client.post("/api/auth/tokens", json={"name": f"w{k}-{n}"})
                except httpx.HTTPError:
                    failures_after_kill[0] += 1  # in flight at the kill: not acknowledged
                    time.sleep(0.05)
                    continue
                assert response.status_code == 201, response.text
                with lock:
                    acknowledged.append(int(response.json()["id"]))

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # mid-stream: the writers are still posting
        with lock:
            acknowledged_at_kill = set(acknowledged)
        time.sleep(0.3)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.kill()
    assert len(acknowledged_at_kill) >= KILL_AFTER
    assert failures_after_kill[0] >= 1, "the kill should have caught writes in flight"

    server.start()
    try:
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=10) as client:
            listed = client.get("/api/auth/tokens")
            assert listed.status_code == 200
            present = {t["id"] for t in listed.json()}
            assert acknowledged_at_kill <= present, "an acknowledged write was lost"
            # The service goes on writing after the restart.
            assert client.post("/api/auth/tokens", json={"name": "after"}).status_code == 201
    finally:
        server.stop()

    engine = create_engine(fresh_database_url)
    with engine.connect() as connection:
        rows = {r[0] for r in connection.execute(text("SELECT id FROM account_tokens"))}
        audited = {
            int(r[0])
            for r in connection.execute(
                text("SELECT entity_id FROM audit_entries WHERE action = 'token.create'")
            )
        }
    engine.dispose()
    assert rows == audited, "a write and its audit entry were not committed together"
    engine = make_engine(fresh_database_url)
    with session_factory(engine)() as session:
        assert audit.verify(session) is None
    engine.dispose()
