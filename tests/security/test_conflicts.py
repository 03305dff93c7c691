"""A clash with a stored record is a 409 problem, rolled back, wherever the database
finds it: at a flush inside the route or only when the request's transaction commits."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict
from openitu.service.auth import public
from openitu.service.deps import ContextDep, SessionDep
from openitu.store.db import unit_of_work
from openitu.store.tables.accounts import SecretRow


def _stored(sessions: sessionmaker[Session], name: str) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(SecretRow.value).where(SecretRow.name == name)))


def _assert_conflict_problem(response: object, *, path: str) -> None:
    import httpx

    assert isinstance(response, httpx.Response)
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "https://openitu.org/problems/conflict"
    assert body["title"] == "Conflict"
    assert body["status"] == 409
    assert body["instance"] == path
    # What clashed is named; the clashing value (it may be a secret's digest) is not.
    assert body["entity"] == "account_secrets"
    assert body["fields"] == ["name"]
    assert "account_secrets with the same name exists already" in body["detail"]
    assert "Traceback" not in response.text and "IntegrityError" not in response.text
    assert "first-value" not in response.text and "second-value" not in response.text


def test_a_clash_found_only_at_commit_is_409_and_rolled_back(
    app: FastAPI, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        session.add(SecretRow(name="conflict-commit", value="first-value"))

    @app.post("/api/conflict-test/commit", dependencies=[public])
    def create_without_checking(session: SessionDep) -> dict[str, str]:
        # No pre-check and no flush: the duplicate primary key is only found when
        # SessionDep commits, after this function has returned.
        session.add(SecretRow(name="other-row-of-the-same-request", value="x"))
        session.add(SecretRow(name="conflict-commit", value="second-value"))
        return {"status": "written"}

    @app.get("/api/conflict-test/count", dependencies=[public])
    def count(session: SessionDep) -> dict[str, int]:
        return {"rows": session.scalar(select(func.count()).select_from(SecretRow)) or 0}

    with TestClient(app, raise_server_exceptions=False) as client:
        before = client.get("/api/conflict-test/count").json()["rows"]
        response = client.post("/api/conflict-test/commit")
        _assert_conflict_problem(response, path="/api/conflict-test/commit")
        # The whole request was rolled back (its other row too), and the service
        # goes on answering with a clean session.
        after = client.get("/api/conflict-test/count")
    assert after.status_code == 200 and after.json()["rows"] == before
    assert _stored(sessions, "conflict-commit") == ["first-value"]
    assert _stored(sessions, "other-row-of-the-same-request") == []


def test_a_clash_found_at_a_flush_in_the_route_is_409(
    app: FastAPI, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        session.add(SecretRow(name="conflict-flush", value="first-value"))

    @app.post("/api/conflict-test/flush", dependencies=[public])
    def create_and_flush(session: SessionDep) -> dict[str, str]:
        session.add(SecretRow(name="conflict-flush", value="second-value"))
        session.flush()
        return {"status": "written"}

    @app.post("/api/conflict-test/own-session", dependencies=[public])
    def create_in_own_session(context: ContextDep) -> dict[str, str]:
        # A route that opens a session itself: the error handler maps the clash.
        with context.sessions() as session, session.begin():
            session.add(SecretRow(name="conflict-flush", value="second-value"))
        return {"status": "written"}

    with TestClient(app, raise_server_exceptions=False) as client:
        for path in ("/api/conflict-test/flush", "/api/conflict-test/own-session"):
            _assert_conflict_problem(client.post(path), path=path)
    assert _stored(sessions, "conflict-flush") == ["first-value"]


def test_a_page_gets_an_error_page_for_a_clash(
    app: FastAPI, sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        session.add(SecretRow(name="conflict-page", value="first-value"))

    @app.get("/conflict-test-page", dependencies=[public])
    def page(session: SessionDep) -> dict[str, str]:
        session.add(SecretRow(name="conflict-page", value="second-value"))
        return {"status": "written"}

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/conflict-test-page", headers={"Accept": "text/html"})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("text/html")
    assert "Traceback" not in response.text


def test_the_cli_unit_of_work_turns_a_clash_into_a_conflict(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        session.add(SecretRow(name="conflict-cli", value="first-value"))
    with pytest.raises(Conflict) as raised, unit_of_work(sessions) as session:
        session.add(SecretRow(name="conflict-cli", value="second-value"))
    assert raised.value.entity == "account_secrets"
    assert raised.value.fields == ("name",)
    assert _stored(sessions, "conflict-cli") == ["first-value"]


def test_two_concurrent_creates_of_one_name_give_one_201_and_one_409(
    fresh_postgresql_url: str,
) -> None:
    """A real race on PostgreSQL: both requests are inside their transactions before
    either writes, so no check the route could make would see the other. (SQLite admits
    one writer at a time: a use case takes the write lock first, audit.begin_write, and
    the second request then sees the first's row; the tests above cover its clash.)"""
    import threading

    from openitu.service.app import create_app
    from openitu.service.context import AppContext
    from openitu.settings import Settings
    from openitu.store import migrate
    from openitu.store.db import make_engine

    engine = make_engine(fresh_postgresql_url)
    migrate.upgrade(engine)
    engine.dispose()
    context = AppContext.from_settings(Settings(database_url=fresh_postgresql_url))
    app = create_app(context=context)
    both_inside = threading.Barrier(2)

    @app.post("/api/conflict-test/race", status_code=201, dependencies=[public])
    def create(session: SessionDep) -> dict[str, str]:
        session.execute(select(SecretRow.name).limit(1)).all()  # the transaction has begun
        both_inside.wait(timeout=30)
        session.add(SecretRow(name="raced-name", value=threading.current_thread().name))
        return {"status": "created"}

    answers: list[object] = []

    def request() -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            answers.append(client.post("/api/conflict-test/race"))

    threads = [threading.Thread(target=request) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(a.status_code for a in answers)  # type: ignore[attr-defined]
        assert statuses == [201, 409], [a.text for a in answers]  # type: ignore[attr-defined]
        _assert_conflict_problem(
            next(a for a in answers if a.status_code == 409),  # type: ignore[attr-defined]
            path="/api/conflict-test/race",
        )
        with context.sessions() as session:
            assert (
                len(session.scalars(select(SecretRow).where(SecretRow.name == "raced-name")).all())
                == 1
            )
    finally:
        context.engine.dispose()
