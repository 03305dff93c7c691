"""Governance fixtures: real accounts and API tokens, the secretariat's principal, and
fresh committed databases with `openitu serve` running on them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from governance_helpers import ADMIN, PASSWORD, ServerFor, TokenFor
from sqlalchemy.orm import Session, sessionmaker

from databases import fresh_database
from openitu.accounts import Principal, Role
from openitu.store import accounts, migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import governance as governance_loader


@pytest.fixture
def secretariat() -> Principal:
    return Principal(role=Role.SECRETARIAT, username="conference-secretary", via="cli")


@pytest.fixture
def token_for(sessions: sessionmaker[Session]) -> TokenFor:
    """token_for(username, role, administration=None, proxy_for=None) -> auth headers."""

    def issue(
        username: str, role: Role, administration: str | None = None, proxy_for: str | None = None
    ) -> dict[str, str]:
        with sessions() as session, session.begin():
            accounts.create_user(
                session,
                actor=ADMIN,
                username=username,
                password=PASSWORD,
                role=role,
                administration=administration,
                proxy_for=proxy_for,
            )
            secret, _ = accounts.create_token(session, actor=ADMIN, username=username)
        return {"Authorization": f"Bearer {secret}"}

    return issue


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for tests whose clients commit for real (parametrise with
    indirect=True: "sqlite" or "postgresql"), migrated, Member States loaded."""
    backend = getattr(request, "param", "sqlite")
    with fresh_database(backend, tmp_path, label="gov") as url:
        engine = make_engine(url)
        try:
            migrate.upgrade(engine)
            for _ in governance_loader.load(session_factory(engine)):
                pass
            engine.dispose()
            yield url
        finally:
            engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server_for() -> Iterator[ServerFor]:
    """server_for(database_url) starts `openitu serve --workers 2` on it; returns its URL."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(url: str) -> str:
        port = _free_port()
        env = {**os.environ, "OPENITU_DATABASE_URL": url, "OPENITU_API_RATE_PER_S": "10000"}
        process = subprocess.Popen(
            [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port), "--workers", "2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    return base
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("openitu serve did not start")
            time.sleep(0.2)

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(timeout=5)
