"""`openitu radio link-budget` (run for real) and `GET /api/radio/link-budget` give the
use case's budget, and name a bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from fastapi.testclient import TestClient

from openitu.usecases import radio as usecases

EXPECTED_INPUTS = {
    "lat_deg": 51.5,
    "lon_deg": -0.1,
    "sat_lon_deg": 28.2,
    "f_ghz": 12.0,
    "p_percent": 0.1,
    "eirp_dbw": 52.0,
    "gt_db_k": 20.0,
    "bandwidth_hz": 36e6,
    "required_cn_db": 8.0,
}
CLI_ARGS = [
    "--direction",
    "downlink",
    "--lat",
    "51.5",
    "--lon",
    "-0.1",
    "--sat-lon",
    "28.2",
    "--f",
    "12GHz",
    "--p",
    "0.1",
    "--eirp",
    "52",
    "--gt",
    "20",
    "--bandwidth",
    "36MHz",
    "--required-cn",
    "8",
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "link-budget", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_gives_the_use_cases_budget() -> None:
    expected = usecases.link_budget(direction="downlink", d_m=1.2, eta=0.65, **EXPECTED_INPUTS)
    result = _cli(*CLI_ARGS, "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    for term in ("free_space_loss_db", "atmospheric_loss_db", "c_n0_dbhz", "margin_db"):
        assert document[term] == expected[term]
    lines = _cli(*CLI_ARGS)
    assert re.search(rf"margin +{expected['margin_db']:.2f} dB", lines.stdout)
    bad = _cli(*[("uphill" if a == "downlink" else a) for a in CLI_ARGS])
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        'error: direction: must be "uplink" or "downlink", got \'uphill\''
    ]


def test_api_gives_the_use_cases_budget(client: TestClient) -> None:
    response = client.get(
        "/api/radio/link-budget", params={"direction": "uplink", **EXPECTED_INPUTS, "f_ghz": 14.0}
    )
    assert response.status_code == 200, response.text
    expected = usecases.link_budget(
        direction="uplink", d_m=1.2, eta=0.65, **{**EXPECTED_INPUTS, "f_ghz": 14.0}
    )
    assert response.json()["c_n_db"] == expected["c_n_db"]
    assert response.json()["look"]["el_deg"] == expected["look"]["el_deg"]
    bad = client.get(
        "/api/radio/link-budget",
        params={"direction": "uplink", **EXPECTED_INPUTS, "bandwidth_hz": -1},
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "bandwidth_hz"
