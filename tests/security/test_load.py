"""Load, short form: concurrent readers and writers against `openitu serve --workers 2`
on PostgreSQL, a few seconds, no errors. The full run and its figures: docs/performance.md.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from sqlalchemy import create_engine, text

from openitu.store import audit
from openitu.store.db import make_engine, session_factory

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "load_api.py"


def _load_api() -> ModuleType:
    spec = importlib.util.spec_from_file_location("load_api", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_api"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_concurrent_readers_and_writers_get_no_errors(fresh_postgresql_url: str) -> None:
    load_api = _load_api()
    report = load_api.run(
        workers=2,
        readers=12,
        writers=4,
        duration_s=4.0,
        max_requests=5_000,
        database_url=fresh_postgresql_url,
        areas=("spectrum",),  # the read is an allocation lookup
    )
    reads, writes = report["reads"], report["writes"]
    assert reads["errors"] == 0, reads["error_samples"]
    assert writes["errors"] == 0, writes["error_samples"]
    assert reads["requests"] > 0 and writes["requests"] > 0
    assert reads["requests"] + writes["requests"] <= 5_000  # bounded in count
    assert report["elapsed_s"] < 30  # and in time
    assert reads["p99_ms"] >= reads["median_ms"] > 0
    # Every acknowledged write is one token row and one audit entry, and the chain holds.
    engine = create_engine(fresh_postgresql_url)
    with engine.connect() as connection:
        tokens = connection.scalar(text("SELECT COUNT(*) FROM account_tokens"))
    engine.dispose()
    assert tokens == writes["requests"] + 1  # + the administrator's own
    engine = make_engine(fresh_postgresql_url)
    with session_factory(engine)() as session:
        assert audit.verify(session) is None
    engine.dispose()
