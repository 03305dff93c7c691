"""The command line imports what a command uses, and its table cache follows the data.

Structural checks, not timings (those are in benchmarks/bench_cli.py): which modules a
read command imports, that the allocation table kept between commands answers exactly as
the database does, and that it is rebuilt exactly when the spectrum area's version moves
(docs/design.md, "One write path, and caches every process sees").
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from openitu.cli import common
from openitu.cli.main import area_names
from openitu.settings import Settings
from openitu.store import migrate, reference
from openitu.store.db import make_engine, session_factory

# What a read command must not pay for: the web service, the migrations, the ORM, the
# settings machinery, backups, and the other areas' commands.
HEAVY = (
    "fastapi",
    "starlette",
    "alembic",
    "sqlalchemy",
    "pydantic",
    "pydantic_settings",
    "openitu.service",
    "openitu.store.backup",
    "openitu.cli.commands.governance",
    "openitu.cli.commands.users",
    "openitu.cli.commands.radio",
)


def _run(
    url: str, cache: Path | None, *args: str, importtime: bool = False
) -> subprocess.CompletedProcess[str]:
    """`openitu ARGS` in a new process; ``cache`` None: keep no cache files."""
    folder = "" if cache is None else str(cache)
    env = {**os.environ, "OPENITU_DATABASE_URL": url, "OPENITU_CACHE_DIR": folder}
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "openitu.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def _imported(stderr: str) -> set[str]:
    """Module names from `python -X importtime`'s lines."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY))


@pytest.fixture()
def own_database(tmp_path: Path) -> str:
    """A loaded SQLite file this module may change behind the application's back."""
    url = f"sqlite:///{tmp_path / 'db' / 'openitu.sqlite3'}"
    _loaded_file(url)
    return url


AT = ("allocations", "at", "2450MHz", "--region", "1", "--json")
PARSE = ("numbering", "parse", "+41227305111", "--json")


def test_allocations_at_imports_neither_the_service_nor_the_orm(
    loaded_sqlite_url: str, tmp_path: Path
) -> None:
    first = _run(loaded_sqlite_url, tmp_path, *AT)  # builds the table through the engine
    second = _run(loaded_sqlite_url, tmp_path, *AT, importtime=True)  # from the cache
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert second.stdout == first.stdout
    imported = _imported(second.stderr)
    assert "openitu.spectrum.queries" in imported  # the check sees the command's imports
    assert _heavy(imported) == []


def test_numbering_parse_needs_no_database_library_and_no_e212_register(
    loaded_sqlite_url: str, tmp_path: Path
) -> None:
    _run(loaded_sqlite_url, tmp_path, *PARSE)  # a first command asks Alembic for the heads once
    done = _run(loaded_sqlite_url, tmp_path, *PARSE, importtime=True)
    assert done.returncode == 0, done.stderr
    # ITU-T E.164: +41 is Switzerland's country code; 22 is Geneva's area code.
    assert json.loads(done.stdout)["regions"] == ["CH"]
    imported = _imported(done.stderr)
    assert "openitu.numbering.e164" in imported
    assert _heavy(imported) == []
    assert "openitu.numbering.e212" not in imported


def test_the_cache_answers_as_the_database_does(loaded_sqlite_url: str, tmp_path: Path) -> None:
    commands = [
        AT,
        ("allocations", "at", "2450MHz", "--country", "DE", "--json"),
        (
            "allocations",
            "range",
            "--low",
            "2400MHz",
            "--high",
            "2500MHz",
            "--region",
            "2",
            "--json",
        ),
        (
            "allocations",
            "check",
            "--service",
            "fixed",
            "--low",
            "2450MHz",
            "--high",
            "2460MHz",
            "--country",
            "FR",
            "--json",
        ),
        ("allocations", "country", "CH", "--json"),
        ("allocations", "at", "2450MHz", "--region", "1", "--date", "2020-01-01", "--json"),
    ]
    for command in commands:
        without = _run(loaded_sqlite_url, None, *command)
        built = _run(loaded_sqlite_url, tmp_path, *command)
        kept = _run(loaded_sqlite_url, tmp_path, *command)
        assert without.returncode == 0, without.stderr
        assert without.stdout == built.stdout == kept.stdout, command


def _execute(path: str | Path, sql: str) -> None:
    """One statement, committed, on the file itself (behind the application's back)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(sql)
    finally:
        connection.close()


REWRITE_2450_REGION_1 = (
    "UPDATE spectrum_allocations SET service = 'radiolocation' WHERE position = 0 AND band_id"
    " IN (SELECT id FROM spectrum_bands WHERE region = 1 AND low_hz = 2450e6)"
)


def _kept(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.rglob("*.pickle") if p.parent.name.startswith("spectrum"))


def _first_service_at_2450_region_1(url: str, cache: Path) -> str:
    done = _run(url, cache, "allocations", "at", "2450MHz", "--region", "1", "--json")
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["allocations"][0]["service"])


def _spectrum_version(path: str) -> int:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version FROM area_versions WHERE area = 'spectrum'")
        return int(row.fetchone()[0])
    finally:
        connection.close()


def test_the_cache_is_rebuilt_exactly_when_the_spectrum_version_moves(
    own_database: str, tmp_path: Path
) -> None:
    path = own_database.removeprefix("sqlite:///")
    cache = tmp_path / "cache"
    version = _spectrum_version(path)  # one bump per edition the reference data loaded
    # RR Art. 5, 2450-2483.5 MHz in Region 1: FIXED is the first service listed.
    assert _first_service_at_2450_region_1(own_database, cache) == "fixed"
    kept = _kept(cache)
    assert kept and all(name.startswith(f"v{version}-") for name in kept)

    # Changed behind the write path: the version stays, so the kept table answers.
    _execute(path, REWRITE_2450_REGION_1)
    assert _first_service_at_2450_region_1(own_database, cache) == "fixed"
    assert _kept(cache) == kept
    # Another area's write leaves the spectrum table kept.
    _execute(path, "UPDATE area_versions SET version = version + 1 WHERE area = 'numbering'")
    assert _first_service_at_2450_region_1(own_database, cache) == "fixed"
    assert _kept(cache) == kept
    # The write path bumps the area's version with the change (store/versions.bump).
    _execute(path, "UPDATE area_versions SET version = version + 1 WHERE area = 'spectrum'")
    assert _first_service_at_2450_region_1(own_database, cache) == "radiolocation"
    kept = _kept(cache)
    # The old version's files are gone.
    assert kept and all(name.startswith(f"v{version + 1}-") for name in kept)


def _loaded_file(url: str) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    for _ in reference.load_reference_data(session_factory(engine)):
        pass
    engine.dispose()


def test_a_database_made_again_at_the_same_url_is_not_answered_from_the_cache(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'again.sqlite3'}"
    cache = tmp_path / "cache"
    _loaded_file(url)
    assert _first_service_at_2450_region_1(url, cache) == "fixed"
    path = Path(url.removeprefix("sqlite:///"))
    path.rename(tmp_path / "holder.sqlite3")  # the old file keeps its inode: the new one differs
    _loaded_file(url)
    _execute(path, REWRITE_2450_REGION_1)
    # Same URL, same spectrum version: only the file's identity tells them apart.
    assert _first_service_at_2450_region_1(url, cache) == "radiolocation"


def test_schema_heads_are_alembics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENITU_CACHE_DIR", str(tmp_path))
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    expected = migrate.head_revisions(engine)
    assert reference.schema_heads() == expected  # asked from Alembic, then kept
    assert list(tmp_path.glob("schema/*.pickle"))
    assert reference.schema_heads() == expected  # read back from the file
    assert reference.schema_is_current(f"sqlite:///{tmp_path / 'x.sqlite3'}") is None
    migrate.upgrade(engine)
    assert reference.schema_is_current(f"sqlite:///{tmp_path / 'x.sqlite3'}") is True
    engine.dispose()


@pytest.mark.parametrize(
    "environment",
    [
        {},
        {"OPENITU_DATABASE_URL": "sqlite:////tmp/elsewhere.sqlite3"},
        {"openitu_database_url": "postgresql://localhost/openitu"},
    ],
)
def test_the_database_url_is_the_settings(
    environment: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.lower() in {"openitu_database_url", "openitu_settings_file"}:
            monkeypatch.delenv(name)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    common.database_url.cache_clear()
    try:
        assert common.database_url() == Settings().database_url
    finally:
        common.database_url.cache_clear()


def test_every_area_module_names_its_group_after_itself() -> None:
    import importlib

    for name in area_names():
        module = importlib.import_module(f"openitu.cli.commands.{name}")
        assert name == module.NAME


def test_help_lists_every_area_with_its_help_line(loaded_sqlite_url: str, tmp_path: Path) -> None:
    import importlib

    done = _run(loaded_sqlite_url, tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for name in area_names():
        help_line = importlib.import_module(f"openitu.cli.commands.{name}").app.info.help
        assert any(name in line and str(help_line)[:30] in line for line in lines), name
