"""`openitu radio p452` (the real CLI, in a subprocess) and `POST /api/radio/p452`,
on ITU-R P.452-18 validation rows (tests/reference/p452)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from openitu.errors import InvalidInput
from openitu.radio import cases


def _reference_module() -> Any:
    """tests/radio/_p452_reference.py, loaded by path (works under any import mode)."""
    name = "openitu_tests_p452_reference"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("_p452_reference.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_ref = _reference_module()
LOSSES = tuple(_ref.LOSS_COLUMNS.values())
# Two paths of different lengths and kinds: trans-horizon with sea (tropo_7001, line 2)
# and a cluttered line-of-sight path (cebreros_3995, line 3).
ROWS = [
    _ref.load_rows("test_result_tropo_7001.csv")[0],
    _ref.load_rows("test_result_cebreros_3995.csv")[1],
]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "p452", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_matches(result: dict[str, Any], row: Any) -> None:
    for name in LOSSES:
        assert result[name] == pytest.approx(row.expected[name], abs=0.01), (
            f"{row.where} {name}: got {result[name]}, file says {row.expected[name]}"
        )


def test_cli_replays_validation_rows(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps(ROWS[0].case), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([row.case for row in ROWS]), encoding="utf-8")

    single = _cli(str(one), "--json")
    assert single.returncode == 0, single.stderr
    _assert_matches(json.loads(single.stdout), ROWS[0])

    listed = _cli(str(many), "--json")
    assert listed.returncode == 0, listed.stderr
    results = json.loads(listed.stdout)
    assert isinstance(results, list) and len(results) == len(ROWS)
    for result, row in zip(results, ROWS, strict=True):
        _assert_matches(result, row)


def test_cli_bad_case_exits_2_naming_the_field(tmp_path: Path) -> None:
    """One subprocess (they cost seconds each); the other bad inputs go through the same
    use case in test_case_errors_name_the_field."""
    case = {k: v for k, v in ROWS[1].case.items() if k != "dn"}
    field = "dn"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    completed = _cli(str(path), "--json")
    assert completed.returncode == 2
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {field}:")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"dn": None}, "dn"),
        ({"pol": "x"}, "pol"),
        ({"h_m": [0.0, 1.0, 2.0, 3.0]}, "h_m"),
        ({"zone": "inland"}, "zone"),
        ({"r_m": [-5.0] * len(ROWS[1].case["d_km"])}, "r_m"),
        ({"edition": "P.452-17"}, "edition"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_case_errors_name_the_field(change: dict[str, Any], field: str) -> None:
    """What the CLI and the API share: a bad case names its field ([i]. in a list)."""
    case = {k: v for k, v in {**ROWS[1].case, **change}.items() if v is not None}
    with pytest.raises(InvalidInput) as err:
        cases.run("p452", case)
    assert err.value.field == field
    with pytest.raises(InvalidInput) as err:
        cases.run("p452", [ROWS[0].case, case])
    assert err.value.field == f"[1].{field}"


def test_api_replays_validation_rows(client: TestClient) -> None:
    response = client.post("/api/radio/p452", json=ROWS[1].case)
    assert response.status_code == 200, response.text
    _assert_matches(response.json(), ROWS[1])

    response = client.post("/api/radio/p452", json=[row.case for row in ROWS])
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body) == len(ROWS)
    for result, row in zip(body, ROWS, strict=True):
        _assert_matches(result, row)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"p_percent": 80.0}, "p_percent"),
        ({"zone": [7] * len(ROWS[1].case["zone"])}, "zone"),
        ({"htg_m": -1.0}, "htg_m"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_api_bad_case_is_a_422_problem(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/radio/p452", json={**ROWS[1].case, **change})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 422
    # Pydantic names the union branch first ("P452Case.zone.0"): the field is in the path.
    assert any(field in e["field"].split(".") for e in problem["errors"]), problem
