"""Rate limits: 429 with Retry-After, and buckets shared through Redis by every instance."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from openitu.accounts.ratelimit import RedisBuckets, TokenBuckets
from openitu.service.app import create_app
from openitu.service.context import AppContext
from openitu.settings import Settings


def _app(app_context: AppContext, **settings: Any) -> FastAPI:
    """Another instance of the application on the same database, with other settings."""
    changed = Settings(**{**app_context.settings.model_dump(), **settings})
    return create_app(
        context=AppContext(
            settings=changed, engine=app_context.engine, sessions=app_context.sessions
        )
    )


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own in Redis, cleaned up afterwards."""
    import redis

    prefix = f"openitu-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def _assert_limited(response: Any, *, retry_after: str, slack_s: int = 1) -> None:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "https://openitu.org/problems/rate-limited"
    # RFC 9110: delay-seconds, a whole number; rounded up, so a client that waits
    # that long is never refused again for waiting too little. The seconds the requests
    # themselves took (``slack_s`` at most, on a busy machine) have already passed.
    told = response.headers["Retry-After"]
    assert told.isdigit() and int(retry_after) - slack_s <= int(told) <= int(retry_after)
    assert f"retry in {told} s" in response.json()["detail"]


def test_a_429_says_when_to_retry(app_context: AppContext) -> None:
    # 0.3 requests/s after a burst of 2: the third waits 1/0.3 = 3.33 s, so 4.
    app = _app(app_context, api_rate_per_s=0.3, api_burst=2)
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = [client.get("/api/health").status_code for _ in range(2)]
        limited = client.get("/api/health")
    assert statuses == [200, 200]
    _assert_limited(limited, retry_after="4")


def test_without_redis_each_instance_keeps_its_own_buckets(app_context: AppContext) -> None:
    # The contrast to the shared test below: two instances, twice the burst.
    first = _app(app_context, api_rate_per_s=0.01, api_burst=3)
    second = _app(app_context, api_rate_per_s=0.01, api_burst=3)
    with (
        TestClient(first, raise_server_exceptions=False) as a,
        TestClient(second, raise_server_exceptions=False) as b,
    ):
        statuses = [c.get("/api/health").status_code for c in (a, b, a, b, a, b)]
        assert statuses == [200] * 6
        assert a.get("/api/health").status_code == 429
        assert b.get("/api/health").status_code == 429


def test_two_instances_with_one_redis_share_the_limit(
    app_context: AppContext, redis_url: str, redis_prefix: str
) -> None:
    settings = {
        "api_rate_per_s": 0.01,
        "api_burst": 3,
        "redis_url": redis_url,
        "redis_prefix": redis_prefix,
    }
    first = _app(app_context, **settings)
    second = _app(app_context, **settings)
    with (
        TestClient(first, raise_server_exceptions=False) as a,
        TestClient(second, raise_server_exceptions=False) as b,
    ):
        statuses = [c.get("/api/health").status_code for c in (a, b, a)]
        # The burst of 3 is spent across both instances: each refuses the 4th request.
        from_b = b.get("/api/health")
        from_a = a.get("/api/health")
    assert statuses == [200, 200, 200]
    # One token every 100 s: the next is about 100 s away.
    _assert_limited(from_b, retry_after="100", slack_s=10)
    _assert_limited(from_a, retry_after="100", slack_s=10)
    assert isinstance(first.state.rate_limits["api"], RedisBuckets)


def test_the_redis_buckets_are_atomic_under_concurrent_takes(
    redis_url: str, redis_prefix: str
) -> None:
    buckets = [
        RedisBuckets(url=redis_url, name="api", rate_per_s=0.001, burst=50, prefix=redis_prefix)
        for _ in range(4)  # as if four worker processes
    ]
    allowed: list[int] = []
    start = threading.Barrier(8)

    def worker(index: int) -> None:
        start.wait()
        mine = buckets[index % 4]
        allowed.append(sum(1 for _ in range(25) if mine.take("addr:192.0.2.1") == 0.0))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for bucket in buckets:
        bucket.close()
    # 200 attempts on one bucket of 50: exactly 50 pass, none lost or doubled by a race.
    assert sum(allowed) == 50


def test_a_redis_outage_falls_back_to_limits_in_the_process(app_context: AppContext) -> None:
    import socket

    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    app = _app(
        app_context,
        api_rate_per_s=0.3,
        api_burst=2,
        redis_url=f"redis://127.0.0.1:{dead_port}/0",
    )
    with TestClient(app, raise_server_exceptions=False) as client:
        statuses = [client.get("/api/health").status_code for _ in range(2)]
        limited = client.get("/api/health")
    # Neither down (fail closed) nor unlimited (fail open): this process's buckets.
    assert statuses == [200, 200]
    _assert_limited(limited, retry_after="4")
    limiter = app.state.rate_limits["api"]
    assert isinstance(limiter, RedisBuckets)
    assert isinstance(limiter.fallback, TokenBuckets)


def test_the_workers_of_openitu_serve_share_the_limit_through_redis(
    loaded_sqlite_url: str, redis_url: str, redis_prefix: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import httpx
    from security_support import Server

    server = Server(
        loaded_sqlite_url,
        workers=2,
        redis_url=redis_url,
        redis_prefix=redis_prefix,
        api_rate_per_s="0.01",
        api_burst="6",
    )
    server.start()  # its one successful probe of /api/health took a token

    def get(_: int) -> int:
        return httpx.get(f"{server.base_url}/api/health", timeout=30).status_code

    try:
        # 40 connections at once: the kernel hands them to both workers.
        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = list(pool.map(get, range(40)))
    finally:
        server.stop()
    assert set(statuses) <= {200, 429}
    # One bucket of 6 for both workers (each keeping its own would let up to 11 pass).
    assert 1 <= statuses.count(200) <= 5
