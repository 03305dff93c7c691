"""`openitu radio path` (run for real) gives the use case's answer over the terrain
source the settings name, and names a bad input on one line (exit 2)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from openitu.register.terrain import P1511Terrain
from openitu.usecases import radio as usecases

ENDS = {"tx_lat_deg": 46.2, "tx_lon_deg": 6.1, "rx_lat_deg": 46.5, "rx_lon_deg": 6.6}
PLACES = ["--tx-lat", "46.2", "--tx-lon", "6.1", "--rx-lat", "46.5", "--rx-lon", "6.6",
          "--tx-height", "30", "--rx-height", "10"]  # fmt: skip


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    # No terrain tiles named: the P.1511 topography, as the test computes it.
    env = {**os.environ, "OPENITU_REGISTER_TERRAIN_TILES": ""}
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "path", *args],
        capture_output=True, text=True, check=False, env=env,
    )  # fmt: skip


def test_p452_and_p1546_as_the_use_cases_give_them() -> None:
    expected = usecases.path_between(
        terrain=P1511Terrain(), model="p452", **ENDS, tx_height_m=30.0, rx_height_m=10.0,
        f_mhz=2000.0, p_percent=1.0, gt_dbi=3.0,
    )  # fmt: skip
    result = _cli("--model", "p452", *PLACES, "--f", "2GHz", "--p", "1", "--gt", "3", "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["lb_db"] == pytest.approx(expected["lb_db"], rel=1e-12)
    assert document["profile"]["clearance_m"] == pytest.approx(expected["profile"]["clearance_m"])
    lines = _cli("--model", "p452", *PLACES, "--f", "2000 MHz", "--p", "1", "--gt", "3")
    assert re.search(rf"basic loss {expected['lb_db']:.2f} dB", lines.stdout), lines.stdout
    assert f"clearance {expected['profile']['clearance_m']:.1f} m" in lines.stdout

    expected = usecases.path_between(
        terrain=P1511Terrain(), model="p1546", **ENDS, tx_height_m=30.0, rx_height_m=10.0,
        f_mhz=600.0, p_percent=10.0,
    )  # fmt: skip
    lines = _cli("--model", "p1546", *PLACES, "--f", "600MHz", "--p", "10")
    assert lines.returncode == 0, lines.stderr
    assert f"field strength {expected['e_dbuv_m']:.2f} dB(uV/m)" in lines.stdout


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--model", "p452", "--f", "60GHz", "--p", "1"], "f"),
        (["--model", "p1546", "--f", "600MHz", "--p", "90"], "p_percent"),
        (["--model", "itm", "--f", "600MHz", "--p", "1"], "model"),
    ],
)
def test_a_bad_input_exits_2_naming_it(args: list[str], field: str) -> None:
    result = _cli(*PLACES, *args)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"error: {field}: "), result.stderr
