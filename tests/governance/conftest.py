"""Governance fixtures: fresh committed databases with `openitu serve` running on them
(accounts, API tokens and the secretariat's principal are tests/conftest.py's)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from governance_helpers import ServerFor
from openitu.store import migrate
from openitu.store.db import make_engine, session_factory
from openitu.store.loaders import governance as governance_loader

POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for tests whose clients commit for real (parametrise with
    indirect=True: "sqlite" or "postgresql"), migrated, Member States loaded."""
    backend = getattr(request, "param", "sqlite")
    admin = None
    name = f"openitu_gov_{uuid.uuid4().hex[:10]}"
    if backend == "postgresql":
        try:
            admin = create_engine(
                POSTGRESQL_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:
            if os.environ.get("OPENITU_REQUIRE_POSTGRESQL") == "1":
                pytest.fail(f"PostgreSQL is required but unavailable: {exc}")
            pytest.skip(f"PostgreSQL unavailable: {str(exc).splitlines()[0]}")
        url = make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'governance.sqlite3'}"
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        for _ in governance_loader.load(session_factory(engine)):
            pass
        engine.dispose()
        yield url
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


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
