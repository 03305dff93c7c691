"""Sign-in's per-address limit cannot be escaped by rotating X-Forwarded-For: proxy
headers are believed only from the addresses OPENITU_TRUSTED_PROXIES names (none by
default), on a real `openitu serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi.testclient import TestClient

from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.settings import Settings

ATTEMPTS = 4
PER_MINUTE = 3  # the per-address budget under test: the 4th attempt is over it


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _serve(database_url: str, **settings: str) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "OPENITU_DATABASE_URL": database_url,
        "OPENITU_SIGN_IN_PER_MINUTE": str(PER_MINUTE),
        **{f"OPENITU_{name.upper()}": value for name, value in settings.items()},
    }
    env.pop("OPENITU_REDIS_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("openitu serve did not start")
            time.sleep(0.2)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _rotating_attempts(base_url: str) -> list[int]:
    """Wrong passwords, each under another username and another claimed address (so that
    only the per-address bucket can stop them)."""
    statuses = []
    for attempt in range(ATTEMPTS):
        answer = httpx.post(
            f"{base_url}/api/auth/token",
            json={"username": f"nobody-{attempt}", "password": "not the password"},
            headers={"X-Forwarded-For": f"203.0.113.{attempt + 1}"},
            timeout=10,
        )
        statuses.append(answer.status_code)
    return statuses


def test_rotating_x_forwarded_for_does_not_escape_the_limit_by_default(
    loaded_sqlite_url: str,
) -> None:
    with _serve(loaded_sqlite_url) as base_url:
        statuses = _rotating_attempts(base_url)
    assert statuses == [401] * PER_MINUTE + [429]


def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_budget(
    loaded_sqlite_url: str,
) -> None:
    with _serve(loaded_sqlite_url, trusted_proxies="127.0.0.1") as base_url:
        statuses = _rotating_attempts(base_url)
    assert statuses == [401] * ATTEMPTS


@pytest.mark.parametrize(
    ("forwarded", "limited_after"),
    [
        # The client's own claim sits left of what the trusted proxy appended: ignored.
        (["198.51.100.7, 203.0.113.1", "198.51.100.8, 203.0.113.1"], PER_MINUTE),
        # A chain of trusted proxies (10.0.0.0/8) is skipped to the first untrusted hop.
        (["203.0.113.1, 10.1.2.3", "203.0.113.2, 10.1.2.3"], None),
    ],
)
def test_only_the_hops_appended_by_trusted_proxies_count(
    app_context: AppContext, forwarded: list[str], limited_after: int | None
) -> None:
    settings = Settings(
        **{
            **app_context.settings.model_dump(),
            "sign_in_per_minute": PER_MINUTE,
            "trusted_proxies": "127.0.0.1, 10.0.0.0/8",
            "redis_url": None,
        }
    )
    app = create_app(
        context=AppContext(
            settings=settings, engine=app_context.engine, sessions=app_context.sessions
        )
    )
    statuses = []
    with TestClient(app, raise_server_exceptions=False, client=("127.0.0.1", 50000)) as client:
        for attempt in range(ATTEMPTS):
            answer = client.post(
                "/api/auth/token",
                json={"username": f"nobody-{attempt}", "password": "not the password"},
                headers={"X-Forwarded-For": forwarded[attempt % 2]},
            )
            statuses.append(answer.status_code)
    if limited_after is None:
        assert statuses == [401] * ATTEMPTS
    else:
        assert statuses == [401] * limited_after + [429] * (ATTEMPTS - limited_after)


def test_an_unreadable_trusted_proxy_is_named() -> None:
    from openitu.errors import InvalidInput
    from openitu.service.auth import trusted_proxies

    with pytest.raises(InvalidInput) as raised:
        trusted_proxies("10.0.0.1, proxy.example")
    assert raised.value.field == "OPENITU_TRUSTED_PROXIES"
    assert "proxy.example" in raised.value.reason
