"""`POST /api/register/imports/fcc`: an FCC ULS licence register notified through the API,
on SQLite and PostgreSQL, with real ULS records (tests/reference/fcc-uls: the whole Sunday
file of ../shared/reference/fcc-uls-microwave and two single-licence extracts of it).

Expected counts are read from the raw FR tables here, independently of the reader.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from openitu.accounts import Role

TokenFor = Callable[..., dict[str, str]]
EXTRACT = Path(__file__).resolve().parents[1] / "reference" / "fcc-uls"
API = "/api/register/imports/fcc"


def _fr_rows(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read("FR.dat").decode("latin-1")
    return len([line for line in text.replace("\r\n", "\n").split("\n") if line])


def _tables(content: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def _upload(files: list[tuple[str, bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "application/octet-stream")) for name, data in files]


def _problem(response: Any, status: int = 422) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    document: dict[str, Any] = response.json()
    return document


def test_zip_files_import_with_every_fr_row_accounted_for(
    client: TestClient, token_for: TokenFor
) -> None:
    us = token_for("us-officer", Role.NOTIFYING_OFFICER, "US")
    names = ["l_mw_mon-WQHI631.zip", "l_mw_tue-WQRV536.zip"]
    files = [(name, (EXTRACT / name).read_bytes()) for name in names]
    response = client.post(API, headers=us, files=_upload(files))
    assert response.status_code == 200, response.text
    answer = response.json()
    expected = {name: _fr_rows(data) for name, data in files}
    assert answer["fr_rows"] == sum(expected.values())
    assert answer["accepted_count"] + answer["rejected_count"] == answer["fr_rows"]
    assert answer["accepted_count"] == len(answer["accepted"]) > 0
    for name, rows in expected.items():
        seen = [e["row"] for e in answer["accepted"] + answer["rejected"] if e["source"] == name]
        assert sorted(seen) == list(range(1, rows + 1))  # each FR row once, in one list
    # The notices are in the register as the United States', with their dates of receipt.
    first = answer["accepted"][0]
    shown = client.get(f"/api/register/notices/{first['notice_id']}").json()
    assert shown["administration"] == "US" and shown["reference"] == first["reference"]
    assert shown["status"] == "received"
    # The same files again change nothing (idempotent: same reference, same content).
    again = client.post(API, headers=us, files=_upload(files)).json()
    assert {a["outcome"] for a in again["accepted"]} == {"unchanged"}
    assert [a["notice_id"] for a in again["accepted"]] == [
        a["notice_id"] for a in answer["accepted"]
    ]


def test_dat_tables_import_with_rejected_rows_named(
    client: TestClient, token_for: TokenFor
) -> None:
    """The whole Sunday file (109 FR rows) as its loose .dat tables, the unneeded ones too."""
    us = token_for("us-officer", Role.NOTIFYING_OFFICER, "US")
    content = (EXTRACT / "l_mw_sun.zip").read_bytes()
    tables = [(n, d) for n, d in _tables(content) if n.lower().endswith(".dat")]
    answer = client.post(API, headers=us, files=_upload(tables)).json()
    assert answer["fr_rows"] == _fr_rows(content) == 109
    assert answer["accepted_count"] + answer["rejected_count"] == 109
    rows = sorted(e["row"] for e in answer["accepted"] + answer["rejected"])
    assert rows == list(range(1, 110))
    assert answer["rejected"], "the Sunday file has rows that cannot be notified"
    for rejection in answer["rejected"]:
        assert set(rejection) >= {"source", "row", "field", "reason"}
        assert rejection["field"] and rejection["reason"]
        assert "FR.dat" in rejection["source"]


def test_unusable_files_are_422_naming_the_file(client: TestClient, token_for: TokenFor) -> None:
    us = token_for("us-officer", Role.NOTIFYING_OFFICER, "US")
    not_zip = _problem(client.post(API, headers=us, files=_upload([("l_mw_x.zip", b"hello")])))
    assert not_zip["errors"][0]["field"] == "files"
    assert "l_mw_x.zip" in not_zip["errors"][0]["reason"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("LO.dat", "LO|1|\n")
    no_fr_zip = _upload([("l_mw_y.zip", buffer.getvalue())])
    no_fr = _problem(client.post(API, headers=us, files=no_fr_zip))
    assert "l_mw_y.zip" in no_fr["errors"][0]["reason"] and "FR" in no_fr["errors"][0]["reason"]
    loose = _problem(client.post(API, headers=us, files=_upload([("LO.dat", b"LO|1|\n")])))
    assert "LO.dat" in loose["errors"][0]["reason"]
    other = _problem(client.post(API, headers=us, files=_upload([("notes.txt", b"x")])))
    assert "notes.txt" in other["errors"][0]["reason"]
    assert client.get("/api/register/notices", params={"administration": "US"}).json() == []


def test_only_the_united_states_officers_import(client: TestClient, token_for: TokenFor) -> None:
    files = _upload([("l_mw_mon-WQHI631.zip", (EXTRACT / "l_mw_mon-WQHI631.zip").read_bytes())])
    assert client.post(API, files=files).status_code == 401
    ca = token_for("ca-officer", Role.NOTIFYING_OFFICER, "CA")
    _problem(client.post(API, headers=ca, files=files), 403)
    clerk = token_for("br-clerk", Role.SECRETARIAT, None)
    _problem(client.post(API, headers=clerk, files=files), 403)
    assert client.get("/api/register/notices", params={"administration": "US"}).json() == []


SHARED = next(
    (
        folder / "shared" / "reference" / "fcc-uls-microwave"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "reference" / "fcc-uls-microwave").is_dir()
    ),
    None,
)


@pytest.mark.skipif(SHARED is None, reason="../shared/reference/fcc-uls-microwave is absent")
def test_a_whole_daily_file_of_the_shared_reference(
    client: TestClient, token_for: TokenFor
) -> None:
    """Saturday's file (254 FR rows), as it was published: the counts of docs/register.md."""
    assert SHARED is not None
    us = token_for("us-officer", Role.NOTIFYING_OFFICER, "US")
    content = (SHARED / "l_mw_sat.zip").read_bytes()
    answer = client.post(API, headers=us, files=_upload([("l_mw_sat.zip", content)])).json()
    assert answer["fr_rows"] == _fr_rows(content) == 254
    assert (answer["accepted_count"], answer["rejected_count"]) == (252, 2)
