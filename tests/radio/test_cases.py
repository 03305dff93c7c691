"""The case registry (openitu.radio.cases): one way of reading a case and of naming a bad
field for the CLI and the API; and a CASE file may name the P.618 edition per case, so that
one run answers rows of both editions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

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
        json.dumps([LONDON_14, dict(LONDON_13, edition="P.618-13")]), encoding="utf-8"
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
    alone_13 = cases.run_list("slant-path", [dict(LONDON_13, p_percent=0.1)], edition="P.618-13")[0]
    assert mixed[1]["a_total_db"] == alone_14["a_total_db"]
    assert mixed[2]["a_total_db"] == alone_13["a_total_db"]
    # The same inputs under the other edition give another answer (the 5 % floor).
    other = cases.run_list("slant-path", [LONDON_14], edition="P.618-13")[0]
    assert other["a_total_db"] != alone_14["a_total_db"]
    # and with no edition named, a case is P.618-14's (the default)
    assert cases.run_list("slant-path", [LONDON_14])[0]["a_total_db"] == alone_14["a_total_db"]


@pytest.mark.parametrize(("edition", "reason"), [("P.618-12", "unsupported"), (14, "string")])
def test_a_bad_case_edition_names_the_case(edition: object, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        cases.run_list("slant-path", [LONDON_13, dict(LONDON_13, edition=edition)])
    assert refused.value.field == "[1].edition"
    assert reason in refused.value.reason


def test_a_bad_field_is_named_alone_in_an_object_and_with_its_index_in_a_list() -> None:
    bad = dict(LONDON_13, d_m="big")
    with pytest.raises(InvalidInput) as alone:
        cases.run("slant-path", bad)
    assert alone.value.field == "d_m"
    with pytest.raises(InvalidInput) as listed:
        cases.run("slant-path", [LONDON_13, bad])
    assert listed.value.field == "[1].d_m"
    # A list of one is still a list.
    with pytest.raises(InvalidInput) as one:
        cases.run("slant-path", [bad])
    assert one.value.field == "[0].d_m"
    with pytest.raises(InvalidInput) as missing:
        cases.run("slant-path", [LONDON_13, {k: v for k, v in LONDON_13.items() if k != "eta"}])
    assert missing.value.field == "[1].eta" and "required" in missing.value.reason
    with pytest.raises(InvalidInput) as unknown:
        cases.run("slant-path", dict(LONDON_13, colour="red"))
    assert unknown.value.field == "colour"
    with pytest.raises(InvalidInput) as not_an_object:
        cases.run("slant-path", [LONDON_13, 7])
    assert not_an_object.value.field == "[1]"
    with pytest.raises(InvalidInput) as empty:
        cases.run("slant-path", [])
    assert empty.value.field == "cases"
    # The call's own options are named alone: they belong to no case.
    with pytest.raises(InvalidInput) as option:
        cases.run("slant-path", [LONDON_13, LONDON_13], edition="P.618-12")
    assert option.value.field == "edition"


def test_a_value_the_model_refuses_in_a_batch_names_its_case() -> None:
    # P.618 §2.5 takes 1-55 GHz: the model refuses 80 GHz during the vectorised call, and
    # the registry finds which case it was.
    batch = [dict(LONDON_13, p_percent=0.1 * (i + 1)) for i in range(9)]
    batch[6] = dict(batch[6], f_ghz=80.0)
    with pytest.raises(InvalidInput) as refused:
        cases.run("slant-path", batch)
    assert refused.value.field == "[6].f_ghz" and "55" in refused.value.reason


def test_every_case_type_publishes_its_fields() -> None:
    assert sorted(cases.CASE_TYPES) == ["p1546", "p452", "slant-path"]
    for name, case_type in cases.CASE_TYPES.items():
        schema = case_type.json_schema()
        one, many = schema["oneOf"]
        assert many["items"] == one and one["additionalProperties"] is False
        assert set(one["required"]) <= set(one["properties"]), name
    slant = cases.CASE_TYPES["slant-path"].json_schema()["oneOf"][0]
    assert slant["required"] == ["lat_deg", "lon_deg", "f_ghz", "el_deg", "p_percent", "d_m", "eta"]
    with pytest.raises(InvalidInput) as unknown:
        cases.run("p999", {})
    assert unknown.value.field == "case_type"


def test_the_cli_and_the_api_name_the_same_bad_field(tmp_path: Path, client: TestClient) -> None:
    bad = [LONDON_13, dict(LONDON_13, el_deg="high")]
    case_file = tmp_path / "cases.json"
    case_file.write_text(json.dumps(bad), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "slant-path", str(case_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: [1].el_deg:")
    answer = client.post("/api/radio/slant-path", json=bad)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["[1].el_deg"]
    alone = client.post("/api/radio/slant-path", json=bad[1])
    assert [e["field"] for e in alone.json()["errors"]] == ["el_deg"]
