"""A 2xx answer means the write is committed: the request's transaction ends before the
response is sent, so a commit that fails can never have been acknowledged."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.service.auth import public
from openitu.service.deps import SessionDep
from openitu.store.tables.accounts import SecretRow


def test_a_commit_that_fails_is_never_acknowledged(
    app: FastAPI, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        session.add(SecretRow(name="commit-test", value="first"))

    @app.post("/api/commit-test", dependencies=[public])
    def write_twice(session: SessionDep) -> dict[str, str]:
        # Not flushed: the duplicate key only fails when the transaction commits.
        session.add(SecretRow(name="commit-test", value="second"))
        return {"status": "written"}

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/api/commit-test")
    # Refused as the clash it is (tests/security/test_conflicts.py), never acknowledged.
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    with sessions() as session:
        stored = session.scalar(
            select(func.count()).select_from(SecretRow).where(SecretRow.name == "commit-test")
        )
    assert stored == 1
