"""GET /api/radio/path: P.452-18 or P.1546-6 between two points, as the page gives it
(the use case with the same terrain source), and a bad field named as the API takes it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from openitu.register.terrain import P1511Terrain
from openitu.usecases import radio as usecases

ENDS = {"tx_lat_deg": 46.2, "tx_lon_deg": 6.1, "rx_lat_deg": 46.5, "rx_lon_deg": 6.6}
URL = "/api/radio/path"


def _field(response: Any) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    field: str = response.json()["errors"][0]["field"]
    return field


def test_p452_answers_as_the_use_case_does(client: TestClient) -> None:
    answer = client.get(URL, params={"model": "p452", **ENDS, "tx_height_m": 30,
                                     "rx_height_m": 10, "f_mhz": 2000, "p_percent": 1,
                                     "gt_dbi": 12, "pol": "v"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    expected = usecases.p452_between(
        terrain=P1511Terrain(), **ENDS, htg_m=30.0, hrg_m=10.0, f_ghz=2.0, p_percent=1.0,
        gt_dbi=12.0, pol="v",
    )  # fmt: skip
    document = answer.json()
    assert document["terrain"] == "P1511Terrain"
    assert document["model"] == "P.452-18"
    for key in ("lb_db", "lbfsg_db", "ldp_db", "lbs_db", "lba_db", "distance_km"):
        assert document[key] == pytest.approx(expected[key], rel=1e-12), key
    for key in ("clearance_m", "clearance_at_km", "effective_radius_km", "k_factor"):
        assert document["profile"][key] == pytest.approx(expected["profile"][key]), key
    assert document["profile"]["bulge_m"] == pytest.approx(expected["profile"]["bulge_m"])


def test_p1546_answers_as_the_use_case_does(client: TestClient) -> None:
    answer = client.get(URL, params={"model": "p1546", **ENDS, "tx_height_m": 30,
                                     "rx_height_m": 10, "f_mhz": 600, "p_percent": 10,
                                     "ptx_kw": 5, "rx_area": "urban"})  # fmt: skip
    assert answer.status_code == 200, answer.text
    expected = usecases.p1546_between(
        terrain=P1511Terrain(), **ENDS, ha_m=30.0, h2_m=10.0, f_mhz=600.0, t_percent=10.0,
        ptx_kw=5.0, rx_area="urban",
    )  # fmt: skip
    document = answer.json()
    assert document["model"] == "P.1546-6"
    assert document["lb_db"] == pytest.approx(expected["lb_db"], rel=1e-12)
    assert document["profile"]["k_factor"] == pytest.approx(4 / 3)
    assert document["profile"]["clearance_m"] == pytest.approx(expected["profile"]["clearance_m"])


def test_a_bad_field_is_named_as_the_api_takes_it(client: TestClient) -> None:
    base = {**ENDS, "tx_height_m": 30, "rx_height_m": 10, "p_percent": 1}
    above = client.get(URL, params={**base, "model": "p452", "f_mhz": 60000})
    assert _field(above) == "f_mhz"
    assert "MHz" in above.json()["errors"][0]["reason"]
    assert "GHz" not in above.json()["errors"][0]["reason"]
    assert _field(client.get(URL, params={**base, "model": "p452", "f_mhz": 2000,
                                          "tx_height_m": 0})) == "tx_height_m"  # fmt: skip
    assert _field(client.get(URL, params={**base, "model": "p1546", "f_mhz": 9000})) == "f_mhz"
    assert _field(client.get(URL, params={**base, "model": "p1546", "f_mhz": 600,
                                          "p_percent": 80})) == "p_percent"  # fmt: skip
    assert _field(client.get(URL, params={**base, "model": "p530", "f_mhz": 600})) == "model"
