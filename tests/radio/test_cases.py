"""A CASE file may name the P.618 edition per case: one run answers rows of both editions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from openitu.errors import InvalidInput
from openitu.radio import cases

# First data row of ITURP618-13_A_total.csv and of ITURP618-14_A_total.csv (London).
LONDON_13 = {
    "lat_deg": 51.5,
    "lon_deg": -0.14,
    "f_ghz": 14.25,
    "el_deg": 31.07699124,
    "p_percent": 1,
    "d_m": 1,
    "eta": 0.65,
    "hs_km": 0.031382984,
    "tau_deg": 0,
}
LONDON_13_TOTAL_DB = 1.212790721
LONDON_14 = dict(LONDON_13, f_ghz=13.75, el_deg=31.076991235657, hs_km=0.031382983999999)
LONDON_14_TOTAL_DB = 0.8220034973443454


def test_one_cli_run_answers_each_case_in_its_own_edition(tmp_path: Path) -> None:
    case_file = tmp_path / "cases.json"
    case_file.write_text(
        json.dumps([dict(LONDON_14, edition="P.618-14"), LONDON_13]), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "slant-path", str(case_file), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, second = json.loads(done.stdout)
    assert first["edition"] == "P.618-14" and second["edition"] == "P.618-13"
    assert first["a_total_db"] == pytest.approx(LONDON_14_TOTAL_DB, abs=0.01)
    assert second["a_total_db"] == pytest.approx(LONDON_13_TOTAL_DB, abs=0.01)


def test_a_case_edition_overrides_the_default_and_keeps_the_order() -> None:
    mixed = cases.run_list(
        "slant-path",
        [LONDON_13, dict(LONDON_14, edition="p.618-14"), dict(LONDON_13, p_percent=0.1)],
        edition="P.618-13",
    )
    assert [row["edition"] for row in mixed] == ["P.618-13", "P.618-14", "P.618-13"]
    alone_14 = cases.run_list("slant-path", [LONDON_14], edition="P.618-14")[0]
    alone_13 = cases.run_list("slant-path", [dict(LONDON_13, p_percent=0.1)])[0]
    assert mixed[1]["a_total_db"] == alone_14["a_total_db"]
    assert mixed[2]["a_total_db"] == alone_13["a_total_db"]
    # The same inputs under the other edition give another answer (the 5 % floor).
    assert cases.run_list("slant-path", [LONDON_14])[0]["a_total_db"] != alone_14["a_total_db"]


@pytest.mark.parametrize(("edition", "reason"), [("P.618-12", "unsupported"), (14, "string")])
def test_a_bad_case_edition_names_the_case(edition: object, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        cases.run_list("slant-path", [LONDON_13, dict(LONDON_13, edition=edition)])
    assert refused.value.field == "[1].edition"
    assert reason in refused.value.reason
