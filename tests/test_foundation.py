"""The foundation: errors, settings, migrations, the service shell, the CLI contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

import openitu.api
from openitu.errors import InvalidInput, OpenITUError
from openitu.store import migrate
from openitu.units import day_text, format_frequency, parse_frequency_hz


def test_public_api_is_sorted_and_resolves() -> None:
    exported = openitu.api.__all__
    assert exported == sorted(exported)
    for name in exported:
        assert getattr(openitu.api, name) is not None


@pytest.mark.parametrize(
    ("text", "expected_hz"),
    [
        ("2.45GHz", 2.45e9),
        ("2450 MHz", 2.45e9),
        ("2450000000", 2.45e9),
        ("8.3 kHz", 8300.0),
        ("1e3Hz", 1000.0),
        (" 14.5ghz ", 14.5e9),
    ],
)
def test_frequencies_are_read_as_people_write_them(text: str, expected_hz: float) -> None:
    assert parse_frequency_hz(text) == pytest.approx(expected_hz, rel=1e-12)


@pytest.mark.parametrize("text", ["", "abc", "-5 MHz", "5 furlongs", "nan", "1e400 Hz", "5..1MHz"])
def test_bad_frequencies_name_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_frequency_hz(text, field="low")
    assert caught.value.field == "low"
    assert caught.value.reason


def test_frequency_formatting_follows_article_5_units() -> None:
    assert format_frequency(8300) == "8.3 kHz"
    assert format_frequency(27.5e6) == "27500 kHz"
    assert format_frequency(2.45e9) == "2450 MHz"
    assert format_frequency(14.5e9) == "14.5 GHz"


def test_days_read_in_words_in_utc() -> None:
    assert day_text("2026-12-07") == "7 December 2026"
    assert day_text("2027-01-15T23:30:00-02:00") == "16 January 2027"  # 01:30 UTC
    assert day_text("2026-03-01T10:00:00") == "1 March 2026"  # the store's naive UTC
    assert day_text(None) == ""


def test_every_error_class_has_status_slug_and_exit_code() -> None:
    classes = [OpenITUError, *OpenITUError.__subclasses__()]
    slugs = {cls.type_slug for cls in classes}
    assert len(slugs) == len(classes)
    for cls in classes:
        assert 400 <= cls.status < 600
        assert cls.exit_code in (1, 2)
    assert InvalidInput.status == 422


def test_migrations_reach_head(engine: Engine) -> None:
    assert migrate.current_revisions(engine) == migrate.head_revisions(engine)


def test_health_answers_with_the_database(client: TestClient, engine: Engine) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json()["database"] == engine.dialect.name


def test_openapi_is_published(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert "/api/health" in document["paths"]


def test_unknown_api_route_is_problem_json(client: TestClient) -> None:
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_web_shell_lists_the_areas(client: TestClient) -> None:
    page = client.get("/", headers={"accept": "text/html"})
    assert page.status_code == 200
    for title in ("Spectrum", "Numbering", "Governance"):
        assert title in page.text


def test_cli_usage_error_is_one_line_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "openitu.cli", "--no-such-option"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def _openitu(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "OPENITU_DATABASE_URL": database_url},
        timeout=180,
    )


def test_a_first_command_on_a_new_database_prepares_it(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    answer = _openitu(database_url, "allocations", "at", "2450MHz", "--region", "1", "--json")
    assert answer.returncode == 0, answer.stderr
    document = json.loads(answer.stdout)
    assert document["band"]["low_hz"] <= 2.45e9 < document["band"]["high_hz"]
    assert document["allocations"]
    members = _openitu(database_url, "governance", "members", "--kind", "member-state", "--json")
    assert members.returncode == 0, members.stderr
    assert len(json.loads(members.stdout)) == 194
    state = _openitu(database_url, "db", "current", "--json")
    revisions = json.loads(state.stdout)
    assert revisions["current"] == revisions["heads"]


def test_commands_without_the_database_leave_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "untouched.sqlite3"
    answer = _openitu(f"sqlite:///{path}", "radio", "emission", "16K0F3E", "--json")
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout)["necessary_bandwidth_hz"] == 16_000
    assert not path.exists()
