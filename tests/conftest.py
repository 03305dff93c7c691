"""Shared fixtures: a migrated database per backend, a per-test transaction, the app.

The ``engine`` fixture is parametrised over SQLite and PostgreSQL. PostgreSQL runs in a
database of its own, created for this pytest run next to ``test`` and dropped after it,
so that concurrent runs never see each other's rows.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from databases import POSTGRESQL_URL, REQUIRE_POSTGRESQL, fresh_database, postgresql_problem
from governance_helpers import ADMIN, PASSWORD, ServerFor, TokenFor
from openitu.accounts import Principal, Role
from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.settings import Settings
from openitu.store import migrate
from openitu.store.db import make_engine
from openitu.usecases import accounts as account_usecases

# Fixtures an area's tests share across the layers' folders (tests/usecases, service, web).
pytest_plugins = ["numbering_fixtures"]

_PG_PROBLEM = postgresql_problem()


def pytest_report_header(config: pytest.Config) -> str:
    if _PG_PROBLEM is None:
        return f"postgresql: {POSTGRESQL_URL}"
    return f"WARNING postgresql unavailable, its tests will SKIP: {_PG_PROBLEM}"


def pytest_sessionstart(session: pytest.Session) -> None:
    if _PG_PROBLEM is not None:
        if REQUIRE_POSTGRESQL:
            raise pytest.UsageError(f"PostgreSQL is required here but unavailable: {_PG_PROBLEM}")
        warnings.warn(f"PostgreSQL unavailable, PostgreSQL tests skip: {_PG_PROBLEM}", stacklevel=1)


@pytest.fixture(scope="session")
def postgresql_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh PostgreSQL database for this run (migrated by `engine`), dropped afterwards."""
    with fresh_database("postgresql", tmp_path_factory.getbasetemp(), label="test") as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("sqlite") / "openitu.sqlite3"
    return f"sqlite:///{path}"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        return str(request.getfixturevalue("postgresql_url"))
    return str(request.getfixturevalue("sqlite_url"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """A database at the newest migration, with the reference data loaded."""
    from openitu.store.db import session_factory
    from openitu.store.reference import load_reference_data

    engine = make_engine(database_url)
    migrate.upgrade(engine)
    for _ in load_reference_data(session_factory(engine)):
        pass
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """An outer transaction rolled back after the test: tests never see each other."""
    with engine.connect() as connection:
        outer = connection.begin()
        try:
            yield connection
        finally:
            if outer.is_active:
                outer.rollback()


@pytest.fixture
def sessions(connection: Connection) -> sessionmaker[Session]:
    """Sessions that commit into savepoints of the test's outer transaction."""
    return sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def app_context(engine: Engine, sessions: sessionmaker[Session]) -> AppContext:
    settings = Settings(database_url=engine.url.render_as_string(hide_password=False))
    return AppContext(settings=settings, engine=engine, sessions=sessions)


@pytest.fixture
def app(app_context: AppContext) -> FastAPI:
    return create_app(context=app_context)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """In-process HTTP client (httpx under the hood) against the real application."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def pages(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client that asks for pages as a browser does (over HTTPS, so that
    Secure cookies travel; redirects are not followed, so that a test sees them)."""
    with TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False, follow_redirects=False
    ) as client:
        client.headers["accept"] = "text/html"
        yield client


# --- Accounts: the secretariat's principal, accounts with API tokens -------------------


@pytest.fixture
def secretariat() -> Principal:
    return Principal(role=Role.SECRETARIAT, username="conference-secretary", via="cli")


@pytest.fixture
def token_for(sessions: sessionmaker[Session]) -> TokenFor:
    """token_for(username, role, administration=None, proxy_for=None, scopes=None) -> auth
    headers (a token scoped to ``scopes``, all the role's rights when None)."""

    def issue(
        username: str,
        role: Role,
        administration: str | None = None,
        proxy_for: str | None = None,
        scopes: list[str] | None = None,
    ) -> dict[str, str]:
        with sessions() as session, session.begin():
            account_usecases.create_user(
                session,
                principal=ADMIN,
                username=username,
                password=PASSWORD,
                role=role,
                administration=administration,
                proxy_for=proxy_for,
            )
            secret, _ = account_usecases.create_token(
                session, principal=ADMIN, username=username, scopes=scopes
            )
        return {"Authorization": f"Bearer {secret}"}

    return issue


# --- Real processes: the CLI, a running server, a headless browser -------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def loaded_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file at the newest migration with the reference data, for subprocesses."""
    from openitu.store.db import session_factory
    from openitu.store.reference import load_reference_data

    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'openitu.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    for _ in load_reference_data(session_factory(engine)):
        pass
    engine.dispose()
    return url


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="session")
def run_cli(loaded_sqlite_url: str) -> Callable[..., CliResult]:
    """Run the real `openitu` command in a subprocess against the loaded database."""

    def run(*args: str) -> CliResult:
        env = {**os.environ, "OPENITU_DATABASE_URL": loaded_sqlite_url}
        done = subprocess.run(
            [sys.executable, "-m", "openitu.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=120,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_server(
    url: str, *, args: Sequence[str] = (), env: Mapping[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """`openitu serve` on ``url`` and a free port, once it answers; (base URL, process)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port), *args],
        env={**os.environ, "OPENITU_DATABASE_URL": url, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return base_url, process
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            _stop_server(process)
            raise RuntimeError("openitu serve did not start")
        time.sleep(0.2)


def _stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait(timeout=5)


@pytest.fixture(scope="session")
def live_server(loaded_sqlite_url: str) -> Iterator[str]:
    """`openitu serve` running for real on a free port; yields its base URL."""
    base_url, process = _start_server(loaded_sqlite_url)
    try:
        yield base_url
    finally:
        _stop_server(process)


@pytest.fixture
def server_for() -> Iterator[ServerFor]:
    """server_for(database_url, workers=2) starts `openitu serve --workers N` on a
    database of a test's own (API rate limit lifted); returns its URL."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(url: str, workers: int = 2) -> str:
        base_url, process = _start_server(
            url, args=("--workers", str(workers)), env={"OPENITU_API_RATE_PER_S": "10000"}
        )
        processes.append(process)
        return base_url

    yield start
    for process in processes:
        _stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page in a browser context of its own (no cookies shared), closed after the test."""
    context = browser.new_context()
    try:
        yield context.new_page()
    finally:
        context.close()
