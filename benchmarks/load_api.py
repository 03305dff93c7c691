"""Load test: concurrent readers and writers against `openitu serve` on PostgreSQL.

Starts the real service (uvicorn, several worker processes) on a free loopback port
against a fresh PostgreSQL database (created next to OPENITU_TEST_POSTGRESQL_URL's and
dropped afterwards), loads the reference data, and drives it over loopback:

- readers: ``GET /api/allocations/at?frequency=2450MHz&region=1`` (anonymous);
- writers: ``POST /api/auth/tokens`` as an administrator (a row and an audit entry).

Bounded in time (``--duration``) and count (``--max-requests``); reports throughput,
median and 99th-percentile latency and errors per kind, as one JSON document.

    .venv/bin/python benchmarks/load_api.py --duration 30 --readers 48 --writers 8

The load generator (a minimal asyncio HTTP/1.1 client, one process) shares the
same two cores as the server; both report the CPU they spent per request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parents[1]
POSTGRESQL_URL = os.environ.get(
    "OPENITU_TEST_POSTGRESQL_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
READ_PATH = "/api/allocations/at?frequency=2450MHz&region=1"
WRITE_PATH = "/api/auth/tokens"


@dataclass
class Tally:
    latencies_s: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def add_error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what[:200])

    def report(self, elapsed_s: float) -> dict[str, Any]:
        done = sorted(self.latencies_s)
        count = len(done)
        return {
            "requests": count,
            "per_second": round(count / elapsed_s, 1) if elapsed_s else 0.0,
            "median_ms": round(statistics.median(done) * 1e3, 2) if done else None,
            "p99_ms": round(done[min(count - 1, int(0.99 * count))] * 1e3, 2) if done else None,
            "errors": self.errors,
            "error_samples": self.error_samples,
        }


class Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator must cost far less CPU
    than the service it measures (httpx spends about 5 ms per request here)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        try:
            self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            payload = await self.reader.readexactly(length)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            self.close()
            raise
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@contextmanager
def fresh_postgresql() -> Iterator[str]:
    name = f"openitu_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRESQL_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRESQL_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def prepare(database_url: str, *, areas: tuple[str, ...] | None = None) -> str:
    """Migrate, load the reference data (of ``areas`` only, if given), create an
    administrator; return its token."""
    import importlib

    from openitu.accounts.rights import Principal, Role
    from openitu.store import migrate
    from openitu.store.db import make_engine, session_factory, unit_of_work
    from openitu.store.reference import load_reference_data
    from openitu.usecases import accounts

    engine = make_engine(database_url)
    migrate.upgrade(engine)
    factory = session_factory(engine)
    if areas is None:
        for _ in load_reference_data(factory):
            pass
    else:
        for area in areas:
            for _ in importlib.import_module(f"openitu.store.loaders.{area}").load(factory):
                pass
    cli = Principal(role=Role.ADMIN, username="cli:load", via="cli")
    with unit_of_work(factory) as session:
        accounts.create_user(
            session,
            principal=cli,
            username="load-admin",
            password="load test password",
            role="admin",
        )
        secret, _ = accounts.create_token(session, principal=cli, username="load-admin")
    engine.dispose()
    return secret


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def group_cpu_s(pgid: int) -> float:
    """CPU seconds (user + system) used so far by every process of a process group."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state (stat field 3): pgrp is field 5, utime 14, stime 15.
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


@contextmanager
def serve(database_url: str, workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = {
        **os.environ,
        "OPENITU_DATABASE_URL": database_url,
        # The rate limits protect a public service; this test is its own single client.
        "OPENITU_API_RATE_PER_S": "1000000",
        "OPENITU_API_BURST": "1000000",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "openitu.cli", "serve", "--port", str(port),
         "--workers", str(workers)],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"openitu serve exited with {process.returncode}")
            try:
                if httpx.get(base_url + READ_PATH, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("openitu serve did not answer in time")
            time.sleep(0.2)
        yield base_url, process.pid
    finally:
        import signal

        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


async def drive(
    base_url: str,
    token: str,
    *,
    readers: int,
    writers: int,
    duration_s: float,
    max_requests: int,
    pgid: int | None = None,
    warmup_s: float = 2.0,
) -> dict[str, Any]:
    reads, writes = Tally(), Tally()
    issued = [0]
    url = httpx.URL(base_url)
    host, port = str(url.host), int(url.port or 80)
    # Warm every worker (first requests load the allocation table into its cache).
    warm = [Connection(host, port) for _ in range(8)]
    warm_until = time.monotonic() + warmup_s
    while time.monotonic() < warm_until:
        await asyncio.gather(*(c.request("GET", READ_PATH) for c in warm))
    for connection in warm:
        connection.close()
    cpu_before = group_cpu_s(pgid) if pgid is not None else 0.0
    client_cpu_before = time.process_time()
    stop_at = time.monotonic() + duration_s
    started = time.perf_counter()

    async def user(tally: Tally, method: str, expected: int, k: int) -> None:
        connection = Connection(host, port)
        headers = {"Authorization": f"Bearer {token}"} if method == "POST" else {}
        n = 0
        while time.monotonic() < stop_at and issued[0] < max_requests:
            issued[0] += 1
            n += 1
            body = json.dumps({"name": f"load-{k}-{n}"}).encode() if method == "POST" else b""
            path = WRITE_PATH if method == "POST" else READ_PATH
            t0 = time.perf_counter()
            try:
                status, payload = await connection.request(method, path, body=body, headers=headers)
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                tally.add_error(repr(exc))
                continue
            if status == expected:
                tally.latencies_s.append(time.perf_counter() - t0)
            else:
                tally.add_error(f"{status} {payload[:200]!r}")
        connection.close()

    await asyncio.gather(
        *(user(reads, "GET", 200, k) for k in range(readers)),
        *(user(writes, "POST", 201, k) for k in range(writers)),
    )
    elapsed = time.perf_counter() - started
    server_cpu_s = group_cpu_s(pgid) - cpu_before if pgid is not None else None
    client_cpu_s = time.process_time() - client_cpu_before
    served = len(reads.latencies_s) + len(writes.latencies_s)
    return {
        "elapsed_s": round(elapsed, 2),
        # What the service itself spent per answered request (all its processes).
        "server_cpu_ms_per_request": (
            round(server_cpu_s * 1e3 / served, 2) if served and server_cpu_s is not None else None
        ),
        # And what this load generator spent (it shares the same cores).
        "client_cpu_ms_per_request": round(client_cpu_s * 1e3 / served, 2) if served else None,
        "reads": reads.report(elapsed),
        "writes": writes.report(elapsed),
    }


def run(
    *,
    workers: int = 2,
    readers: int = 32,
    writers: int = 8,
    duration_s: float = 20.0,
    max_requests: int = 200_000,
    database_url: str | None = None,
    areas: tuple[str, ...] | None = None,
) -> dict[str, Any]:
    """Prepare, serve and drive; returns the report (also usable from a test)."""
    with fresh_postgresql() if database_url is None else _given(database_url) as url:
        token = prepare(url, areas=areas)
        with serve(url, workers) as (base_url, pgid):
            load_before = os.getloadavg()[0]
            result = _run_in_own_thread(
                lambda: drive(
                    base_url,
                    token,
                    readers=readers,
                    writers=writers,
                    duration_s=duration_s,
                    max_requests=max_requests,
                    pgid=pgid,
                )
            )
            load_after = os.getloadavg()[0]
    return {
        "server": f"openitu serve --workers {workers} (uvicorn) on PostgreSQL, loopback",
        "readers": readers,
        "writers": writers,
        "read": f"GET {READ_PATH}",
        "write": f"POST {WRITE_PATH} (token row + audit entry)",
        **result,
        # How busy the machine was with other work: on a shared machine the throughput
        # is bounded by this process group's share of the cores.
        "machine_load_average": [round(load_before, 2), round(load_after, 2)],
        "cpu_cores": os.cpu_count(),
    }


def _run_in_own_thread(make: Any) -> Any:
    """asyncio.run in a thread of its own (a caller may already run an event loop)."""
    import threading

    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = asyncio.run(make())
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds (bound)")
    parser.add_argument("--max-requests", type=int, default=200_000, help="count (bound)")
    args = parser.parse_args()
    report = run(
        workers=args.workers,
        readers=args.readers,
        writers=args.writers,
        duration_s=args.duration,
        max_requests=args.max_requests,
    )
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
