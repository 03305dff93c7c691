"""`openitu backup` / `openitu restore`: round trips on SQLite and PostgreSQL, and across.

The copy must hold every row of every table unchanged, continue its id sequences,
and keep an intact audit chain; an altered or truncated backup, or one whose audit
chain was rewritten, must be refused without touching the database.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from security_support import run_openitu
from sqlalchemy import Engine, select

import openitu.store.models  # noqa: F401
from openitu.accounts.rights import Principal, Role
from openitu.errors import Conflict, InvalidInput
from openitu.store import accounts, audit, migrate
from openitu.store.backup import restore_backup, write_backup
from openitu.store.base import Base
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases

CLI = Principal(role=Role.ADMIN, username="cli:backup-test", via="cli")


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).replace(tzinfo=None)
    return value


def _content(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order, comparable across backends."""
    content = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = connection.execute(select(table).order_by(*order))
            content[table.name] = [tuple(_normal(v) for v in row) for row in rows]
    return content


def _populate(engine: Engine) -> None:
    migrate.upgrade(engine)
    factory = session_factory(engine)
    with unit_of_work(factory) as session:
        account_usecases.create_user(
            session, principal=CLI, username="root", password="backup password 1", role="admin"
        )
        account_usecases.create_user(
            session,
            principal=CLI,
            username="de-delegate",
            password="backup password 2",
            role="delegate",
            administration="DE",
            proxy_for="AT",
        )
        account_usecases.create_token(
            session, principal=CLI, username="root", scopes=["audit.read"]
        )
        _, revoked = account_usecases.create_token(session, principal=CLI, username="de-delegate")
        account_usecases.revoke_token(session, principal=CLI, token_id=revoked.id)
        audit.record(
            session,
            actor="cli:backup-test",
            action="demo.note",
            entity="demo",
            entity_id="ü-1",
            payload={"text": "Fréquences 5 725–5 875 MHz", "n": 1.5, "list": [1, None, True]},
        )


def test_round_trip_through_the_commands_on_sqlite(tmp_path: Path) -> None:
    source_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    target_url = f"sqlite:///{tmp_path / 'copy.sqlite3'}"
    source = make_engine(source_url)
    _populate(source)
    backup = tmp_path / "openitu.backup.jsonl"
    made = run_openitu(source_url, "backup", str(backup), "--json")
    assert made.returncode == 0, made.stderr
    summary = json.loads(made.stdout)
    assert summary["audit_entries"] == 6
    again = run_openitu(source_url, "backup", str(backup))
    assert again.returncode == 2 and "--force" in again.stderr  # never overwrites silently
    restored = run_openitu(target_url, "restore", str(backup), "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["rows"] == summary["rows"]
    _check_copy(source, make_engine(target_url))


def test_round_trip_on_postgresql(
    fresh_postgresql_url: str, second_postgresql_url: str, tmp_path: Path
) -> None:
    _round_trip(fresh_postgresql_url, second_postgresql_url, tmp_path)


def test_round_trip_from_sqlite_to_postgresql(fresh_postgresql_url: str, tmp_path: Path) -> None:
    _round_trip(f"sqlite:///{tmp_path / 'source.sqlite3'}", fresh_postgresql_url, tmp_path)


def _round_trip(source_url: str, target_url: str, tmp_path: Path) -> None:
    source = make_engine(source_url)
    _populate(source)
    backup = tmp_path / "openitu.backup.jsonl"
    summary = write_backup(source_url, backup)
    assert summary.audit_entries == 6
    assert restore_backup(target_url, backup).rows == summary.rows
    _check_copy(source, make_engine(target_url))


def _check_copy(source: Engine, target: Engine) -> None:
    assert _content(target) == _content(source)
    # The copy goes on: new ids follow the restored ones, the chain extends and verifies.
    with unit_of_work(session_factory(target)) as session:
        user = account_usecases.create_user(
            session, principal=CLI, username="after", password="backup password 3", role="admin"
        )
    assert user.id == 3
    with session_factory(target)() as session:
        assert audit.verify(session) is None
        assert audit.head(session)[0] == 7
    source.dispose()
    target.dispose()


@pytest.fixture
def backup_file(tmp_path: Path) -> Path:
    source_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    _populate(make_engine(source_url))
    return write_backup(source_url, tmp_path / "b.jsonl").path


def test_an_altered_or_truncated_backup_is_refused(backup_file: Path, tmp_path: Path) -> None:
    target_url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    lines = backup_file.read_text(encoding="utf-8").splitlines(keepends=True)
    altered = tmp_path / "altered.jsonl"
    altered.write_text(
        "".join(line.replace('"de-delegate"', '"de-delegat3"', 1) for line in lines),
        encoding="utf-8",
    )
    truncated = tmp_path / "truncated.jsonl"
    truncated.write_text("".join(lines[:-3]), encoding="utf-8")
    for bad, message in ((altered, "checksum"), (truncated, "truncated")):
        with pytest.raises(InvalidInput, match=message):
            restore_backup(target_url, bad)
    assert not (tmp_path / "target.sqlite3").exists()  # refused before touching anything
    assert restore_backup(target_url, backup_file).audit_entries == 6


def test_a_backup_with_a_rewritten_audit_entry_is_refused(
    fresh_database_url: str, backup_file: Path, tmp_path: Path
) -> None:
    """Even with its checksum recomputed, an altered entry breaks the restored chain."""
    lines = backup_file.read_text(encoding="utf-8").splitlines(keepends=True)
    body = [
        line.replace("DE", "FR") if line.startswith('{"t":"audit_entries"') else line
        for line in lines[:-1]
    ]
    digest = hashlib.sha256("".join(body).encode("utf-8")).hexdigest()
    end = json.loads(lines[-1])
    forged = tmp_path / "forged.jsonl"
    forged.write_text(
        "".join(body) + json.dumps({**end, "sha256": digest}) + "\n", encoding="utf-8"
    )
    refused = run_openitu(fresh_database_url, "restore", str(forged))
    assert refused.returncode == 1
    assert "audit chain is broken at audit entry 2" in refused.stderr
    engine = make_engine(fresh_database_url)
    with session_factory(engine)() as session:
        assert audit.head(session)[0] == 0  # rolled back whole
        assert accounts.list_users(session) == []
    engine.dispose()


def test_restore_does_not_overwrite_records_unless_told(backup_file: Path, tmp_path: Path) -> None:
    target_url = f"sqlite:///{tmp_path / 'target.sqlite3'}"
    target = make_engine(target_url)
    migrate.upgrade(target)
    with unit_of_work(session_factory(target)) as session:
        account_usecases.create_user(
            session, principal=CLI, username="extra", password="backup password 4", role="admin"
        )
    with pytest.raises(Conflict, match="--replace"):
        restore_backup(target_url, backup_file)
    restore_backup(target_url, backup_file, replace=True)
    with session_factory(target)() as session:
        assert [u.username for u in accounts.list_users(session)] == ["de-delegate", "root"]
    target.dispose()
