"""The Table's use cases on both databases: a new edition from an amendment file (one
transaction, audited, refused whole when one amendment is bad), and a diff that cites the
source of each change; through the API and the CLI too."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.errors import Forbidden, InvalidInput
from openitu.service.context import AppContext
from openitu.store import audit
from openitu.store import spectrum as repository
from openitu.usecases import spectrum as usecases

SECRETARIAT = Principal(role=Role.SECRETARIAT, username="table-keeper", via="cli")
OFFICER = Principal(role=Role.NOTIFYING_OFFICER, username="officer", administration="FR")

FILE: dict[str, Any] = {
    "format": "openitu-table-amendments/1",
    "edition": {
        "id": "RR-TEST",
        "title": "A test edition",
        "entry_into_force": "2014-01-01",
        "based_on": "RR-2012",
    },
    "conference": "WRC-TEST",
    "amendments": [
        {
            "op": "add_allocation",
            "region": 1,
            "low": "3300 MHz",
            "high": "3400 MHz",
            "service": "mobile except aeronautical mobile",
            "category": "primary",
            "source": "test document, p. 7",
        },
        {
            "op": "change_category",
            "region": 2,
            "low": "3300 MHz",
            "high": "3400 MHz",
            "service": "amateur",
            "category": "primary",
            "source": "test document, p. 8",
        },
    ],
}


def test_an_amendment_file_makes_an_edition_in_force_from_its_date(
    sessions: sessionmaker[Session], app_context: AppContext
) -> None:
    with sessions() as session, session.begin():
        result = usecases.amend_table(session, principal=SECRETARIAT, document=FILE)
    assert result["edition"] == "RR-TEST" and result["based_on"] == "RR-2012"
    new = app_context.allocation_table(on=date(2014, 6, 1))
    old = app_context.allocation_table(on=date(2013, 6, 1))
    assert (new.edition.id, old.edition.id) == ("RR-TEST", "RR-2012")
    with sessions() as session:
        changes = usecases.edition_diff(session, old=old, new=new)
        entries = audit.entries(session, entity="spectrum_edition", entity_id="RR-TEST")
    assert [e.action for e in entries] == ["spectrum.edition.amend"]
    assert entries[0].actor == "table-keeper"
    by_region = {c["region"]: c for c in changes["bands"]}
    assert set(by_region) == {1, 2}
    assert [s["source"] for s in by_region[1]["sources"]] == ["test document, p. 7"]
    assert [s["source"] for s in by_region[2]["sources"]] == ["test document, p. 8"]
    assert {s["conference"] for c in changes["bands"] for s in c["sources"]} == {"WRC-TEST"}


def test_a_bad_amendment_refuses_the_whole_file(sessions: sessionmaker[Session]) -> None:
    document = copy.deepcopy(FILE)
    document["amendments"][1]["service"] = "radio astronomy"  # not allocated there
    with sessions() as session, pytest.raises(InvalidInput) as refused, session.begin():
        usecases.amend_table(session, principal=SECRETARIAT, document=document)
    assert refused.value.field == "amendments[1].service"
    with sessions() as session:
        assert "RR-TEST" not in repository.edition_ids(session)
        assert repository.edition_amendments(session, ["RR-TEST"]) == []


def test_only_the_secretariat_amends_the_table(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(Forbidden), session.begin():
        usecases.amend_table(session, principal=OFFICER, document=FILE)


def test_the_api_refuses_an_anonymous_amendment_and_cites_sources(client: TestClient) -> None:
    refused = client.post("/api/allocations/editions", json=FILE)
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("application/problem+json")
    diff = client.get("/api/allocations/diff", params={"from": "RR-2012", "to": "RR-2012"})
    assert diff.status_code == 200
    assert diff.json()["bands"] == []


def test_the_cli_loads_a_file_and_refuses_a_bad_one_in_one_line(
    run_cli: Callable[..., Any], tmp_path: Path
) -> None:
    path = tmp_path / "amend.json"
    bad = copy.deepcopy(FILE)
    bad["amendments"][0]["high"] = "3000 MHz"
    bad["edition"]["id"] = "RR-CLI-BAD"
    path.write_text(json.dumps(bad), encoding="utf-8")
    done = run_cli("allocations", "amend", str(path), "--json")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "amendments[0].low" in done.stderr
    good = copy.deepcopy(FILE)
    good["edition"]["id"] = "RR-CLI"
    path.write_text(json.dumps(good), encoding="utf-8")
    done = run_cli("allocations", "amend", str(path), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["edition"] == "RR-CLI"
    diff = run_cli("allocations", "diff", "--from", "RR-2012", "--to", "RR-CLI", "--json")
    document = json.loads(diff.stdout)
    assert {c["region"] for c in document["bands"]} == {1, 2}
    assert all(c["sources"] for c in document["bands"])
