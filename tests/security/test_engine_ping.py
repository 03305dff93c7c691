"""PostgreSQL connections idle in the pool are pinged before reuse, busy ones are not
(src/openitu/store/db.py explains the trade-off against pool_pre_ping)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from openitu.store.db import make_engine


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(url: str, pid: int) -> None:
    """What a PostgreSQL restart or a firewall does to a pooled connection."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
    admin.dispose()


def test_an_idle_connection_that_died_is_replaced_before_use(postgresql_url: str) -> None:
    engine = make_engine(postgresql_url, ping_after_idle_s=0.0)  # every reuse counts as idle
    try:
        first = _backend_pid(engine)
        _terminate(postgresql_url, first)
        # The ping finds the dead connection; the request gets a fresh one, no error.
        second = _backend_pid(engine)
        assert second != first
    finally:
        engine.dispose()


def test_a_busy_connection_is_not_pinged(postgresql_url: str) -> None:
    # Reused within the idle time: no ping, so a connection killed meanwhile is found
    # by the request itself (this is the round trip the pool saves under load) ...
    engine = make_engine(postgresql_url, ping_after_idle_s=3600.0)
    try:
        first = _backend_pid(engine)
        _terminate(postgresql_url, first)
        with pytest.raises(OperationalError):
            _backend_pid(engine)
        # ... and the pool then drops it: the next checkout works again.
        assert _backend_pid(engine) != first
    finally:
        engine.dispose()
