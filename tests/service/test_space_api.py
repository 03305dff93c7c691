"""`/api/space` over real HTTP (in-process client) on SQLite and PostgreSQL: public
calculators, filings with real accounts and tokens, errors as problem+json."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.radio import antennas
from openitu.space import geometry
from openitu.usecases import accounts

sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
from space_documents import network_document, ngso_document

ADMIN = Principal(role=Role.ADMIN, username="cli:space-tests", via="cli")


def _token(
    sessions: sessionmaker[Session], username: str, role: Role, admin: str | None
) -> dict[str, str]:
    with sessions() as session, session.begin():
        accounts.create_user(
            session,
            principal=ADMIN,
            username=username,
            password="space test password 1",
            role=role,
            administration=admin,
        )
        secret, _ = accounts.create_token(session, principal=ADMIN, username=username)
    return {"Authorization": f"Bearer {secret}"}


def test_public_calculators(client: TestClient) -> None:
    limit = client.get("/api/space/pfd-limit", params={"frequency": "11.2GHz", "angle": 15})
    assert limit.status_code == 200
    # Table 21-4, 10.7-11.7 GHz GSO: -150 + (15 - 5)/2 in 4 kHz.
    assert limit.json()["limit_dbw_m2"] == -145.0
    assert limit.json()["reference_bandwidth_hz"] == 4000.0
    arc = client.get("/api/space/arc", params={"frequency": "28GHz", "service": "FSS"}).json()
    assert arc["coordination_arc_deg"] == 8.0  # Table 5-1 row 3): 27.5-30 GHz
    terms = {"pe_w_hz": 1e-6, "g1_dbi": 0, "g3_dbi": 0, "lu_db": 0, "ts_k": 1e15, "te_k": 1.0}
    many = client.post("/api/space/dtt", json=[terms, {**terms, "pe_w_hz": 0.0}]).json()
    assert [r["coordination_required"] for r in many] == [True, False]


def test_bad_input_names_the_field(client: TestClient) -> None:
    response = client.get("/api/space/pfd-limit", params={"frequency": "4GHz", "angle": 95})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "angle"
    response = client.post("/api/space/dtt", json={"ts_k": 100})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "te_k"


def test_filing_over_http(client: TestClient, sessions: sessionmaker[Session]) -> None:
    fr = _token(sessions, "space-fr", Role.NOTIFYING_OFFICER, "FR")
    de = _token(sessions, "space-de", Role.NOTIFYING_OFFICER, "DE")
    br = _token(sessions, "space-br", Role.SECRETARIAT, None)
    url = "/api/space/networks"
    params = {"date_of_receipt": "2020-01-15"}
    assert client.post(url, json=network_document(), params=params).status_code == 401
    assert client.post(url, json=network_document(), params=params, headers=de).status_code == 403
    bad = network_document(longitude_deg=200.0)
    response = client.post(url, json=bad, params=params, headers=fr)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "longitude_deg"
    created = client.post(url, json=network_document(), params=params, headers=fr)
    assert created.status_code == 201, created.text
    network_id = created.json()["network_id"]
    neighbour = client.post(
        url, json=network_document("DE-SAT", "DE", 15.0), params=params, headers=de
    ).json()["network_id"]
    shown = client.get(f"{url}/{network_id}").json()
    assert shown["longitude_deg"] == 12.0 and shown["steps"][0]["step"] == "coordination_request"
    step = client.post(
        f"{url}/{network_id}/steps",
        headers=fr,
        json={"step": "bringing_into_use", "date_of_receipt": "2024-02-01"},
    )
    assert step.status_code == 200 and step.json()["status"] == "in_use"
    deadlines = client.get(f"{url}/{network_id}/deadlines", params={"as_of": "2027-01-16"}).json()
    by_name = {d["name"]: d for d in deadlines["deadlines"]}
    assert by_name["bringing_into_use"]["state"] == "met"
    assert by_name["due_diligence"]["state"] == "missed"  # Resolution 49 never sent
    assert deadlines["status"] == "lapsed"
    affected = client.get(f"{url}/{network_id}/affected").json()
    assert [n["network_id"] for n in affected["networks"]] == [neighbour]
    assert affected["networks"][0]["criterion"] == "arc"
    assert client.post(f"{url}/{network_id}/examination", headers=fr).status_code == 403
    assert client.post(f"{url}/{network_id}/examination", headers=br).status_code == 200
    assert client.get(f"{url}/999999").status_code == 404


def test_visibility_and_pfd_check(client: TestClient) -> None:
    under = client.get("/api/space/visibility", params={"longitude": 19.2, "lat": 0, "lon": 19.2})
    assert under.json()["elevation_deg"] == 90.0
    assert under.json()["range_km"] == round(42164.17 - 6378.137, 3)
    polar = client.get("/api/space/visibility", params={"longitude": 0, "lat": 85, "lon": 0})
    assert polar.json()["visible"] is False
    points = [{"lat_deg": 0.0, "lon_deg": 0.0}, {"lat_deg": 85.0, "lon_deg": 0.0}]
    case = {"longitude_deg": 0.0, "frequency": "11.2GHz", "eirp_density_dbw_hz": -40.0,
            "points": points}  # fmt: skip
    body = client.post("/api/space/pfd-check", json=case).json()
    # Sub-satellite point: -40 + 10 log 4000 - 10 log(4π d²) against -140 (δ = 90°).
    d = (42164.17 - 6378.137) * 1e3
    expected = -40 + 10 * math.log10(4000) - 10 * math.log10(4 * math.pi * d**2)
    first, second = body["results"]
    assert first["pfd_dbw_m2"] == round(expected, 4) and first["limit_dbw_m2"] == -140.0
    assert first["exceeds"] == (expected > -140.0)
    assert second["pfd_dbw_m2"] is None and second["exceeds"] is False
    bad = client.post("/api/space/pfd-check", json={**case, "points": []})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "points"


def test_pfd_check_with_the_antenna_pattern(client: TestClient) -> None:
    points = [{"lat_deg": 10.0, "lon_deg": 5.0}, {"lat_deg": 0.0, "lon_deg": 0.0},
              {"lat_deg": -30.0, "lon_deg": 20.0}]  # fmt: skip
    flat = {"longitude_deg": 0.0, "frequency": "11.2GHz", "eirp_density_dbw_hz": -40.0,
            "points": points}  # fmt: skip
    antenna = {"half_beamwidth_deg": 1.5, "gain_dbi": 38.0, "near_in_sidelobe_db": -25,
               "boresight_lat_deg": 10.0, "boresight_lon_deg": 5.0}  # fmt: skip
    peak = client.post("/api/space/pfd-check", json=flat).json()
    shaped = client.post("/api/space/pfd-check", json={**flat, **antenna})
    assert shaped.status_code == 200, shaped.text
    assert "S.1528-0" in shaped.json()["pattern"] and "ψb = 1.5°" in shaped.json()["pattern"]
    assert "none filed" in peak["pattern"]
    # The boresight gets the peak; elsewhere the S.1528-0 gain at the off-axis angle.
    off_axis = geometry.satellite_off_axis_deg(0.0, 10.0, 5.0, [10.0, 0.0, -30.0],
                                               [5.0, 0.0, 20.0])  # fmt: skip
    relative = antennas.s1528_gain_dbi(off_axis, 38.0, 1.5, ln_db=-25.0) - 38.0
    for got, flat_row, gain in zip(shaped.json()["results"], peak["results"], relative,
                                   strict=True):  # fmt: skip
        assert got["pfd_dbw_m2"] == pytest.approx(flat_row["pfd_dbw_m2"] + gain, abs=2e-4)
    assert relative[0] == pytest.approx(0.0) and relative[2] < -20.0
    for extra, field in (({"half_beamwidth_deg": 1.5}, "gain_dbi"),
                         ({**antenna, "near_in_sidelobe_db": -17}, "near_in_sidelobe_db"),
                         ({**antenna, "half_beamwidth_deg": 0}, "half_beamwidth_deg"),
                         ({"boresight_lat_deg": 10.0}, "boresight_lon_deg"),
                         ({"boresight_lat_deg": 10.0, "boresight_lon_deg": 5.0},
                          "half_beamwidth_deg")):  # fmt: skip
        bad = client.post("/api/space/pfd-check", json={**flat, **extra})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == field, extra


def test_ngso_passes_and_pfd_over_http(client: TestClient, sessions: sessionmaker[Session]) -> None:
    fr = _token(sessions, "ngso-fr", Role.NOTIFYING_OFFICER, "FR")
    created = client.post("/api/space/networks", json=ngso_document(),
                          params={"date_of_receipt": "2021-01-15"}, headers=fr)  # fmt: skip
    assert created.status_code == 201, created.text
    url = f"/api/space/networks/{created.json()['network_id']}"
    place = {"lat": 48.85, "lon": 2.35, "from": "2026-03-01T00:00Z", "hours": 6}
    passes = client.get(f"{url}/passes", params={**place, "min_elevation_deg": 25})
    assert passes.status_code == 200, passes.text
    body = passes.json()
    assert body["min_elevation_deg"] == 25 and body["from"] == "2026-03-01T00:00:00Z"
    assert all(w["max_elevation_deg"] >= 25 for w in body["windows"])
    pfd = client.get(f"{url}/ngso-pfd", params=place)
    assert pfd.status_code == 200 and pfd.json()["beams"][0]["orbit"] == "ngso"
    for bad, field in [({"lat": 95}, "lat"), ({"from": "later"}, "from"), ({"hours": 0}, "hours"),
                       ({"min_elevation_deg": 95}, "min_elevation_deg")]:  # fmt: skip
        response = client.get(f"{url}/passes", params={**place, **bad})
        assert response.status_code == 422, (bad, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["field"] == field
    assert client.get("/api/space/networks/999999/passes", params=place).status_code == 404
