"""`openitu radio p1546` (the real CLI, in a subprocess) and `POST /api/radio/p1546`, on the
ITU-R P.1546-6 validation cases (tests/reference/p1546)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient


def _validation_module() -> Any:
    """tests/radio/_p1546_validation.py, loaded by path (works under any import mode)."""
    name = "openitu_tests_p1546_validation"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).with_name("_p1546_validation.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


CASES = _validation_module().load_cases()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openitu.cli", "radio", "p1546", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_cli_replays_every_validation_case_as_a_list(tmp_path: Path) -> None:
    run = _cli(str(_write(tmp_path, [vc.case for vc in CASES])), "--json")
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    assert len(results) == len(CASES)
    for vc, result in zip(CASES, results, strict=True):
        assert set(result) == {"e_dbuv_m", "lb_db"}
        assert result["e_dbuv_m"] == pytest.approx(vc.expected["e_dbuv_m"], abs=0.01), vc.name
        assert result["lb_db"] == pytest.approx(vc.expected["lb_db"], abs=0.01), vc.name


def test_cli_one_case_gives_one_object(tmp_path: Path) -> None:
    vc = next(c for c in CASES if c.name == "misc_1")
    run = _cli(str(_write(tmp_path, vc.case)), "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["e_dbuv_m"] == pytest.approx(vc.expected["e_dbuv_m"], abs=0.01)
    assert result["lb_db"] == pytest.approx(vc.expected["lb_db"], abs=0.01)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"f_mhz": 5000}, "f_mhz"),
        ({"t_percent": None}, "t_percent"),
    ],
)
def test_cli_bad_field_is_exit_2_with_one_line_naming_it(
    tmp_path: Path, change: dict[str, Any], field: str
) -> None:
    case = {**CASES[0].case, **change}
    case = {k: v for k, v in case.items() if v is not None}
    run = _cli(str(_write(tmp_path, case)), "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and field in lines[0]


def test_cli_bad_case_in_a_list_is_named_with_its_index(tmp_path: Path) -> None:
    bad = {**CASES[1].case, "q_percent": 100}
    run = _cli(str(_write(tmp_path, [CASES[0].case, bad])), "--json")
    assert run.returncode == 2
    assert "[1].q_percent" in run.stderr


def test_api_one_case_and_a_list(client: TestClient) -> None:
    picked = [c for c in CASES if c.name in ("b2iseac_1", "flat_annex5_para1.1_100km_1")]
    one = client.post("/api/radio/p1546", json=picked[0].case)
    assert one.status_code == 200, one.text
    assert one.json()["e_dbuv_m"] == pytest.approx(picked[0].expected["e_dbuv_m"], abs=0.01)
    many = client.post("/api/radio/p1546", json=[vc.case for vc in picked])
    assert many.status_code == 200, many.text
    for vc, result in zip(picked, many.json(), strict=True):
        assert result["lb_db"] == pytest.approx(vc.expected["lb_db"], abs=0.01)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"f_mhz": 20}, "f_mhz"),
        ({"rx_area": "moon"}, "rx_area"),
        ({"profile": {"d_km": [0, 1], "h_m": [0, 0]}}, "profile"),
        ({"terrain_available": "yes"}, "terrain_available"),
        ({"terrain_available": False}, "terrain_available"),
    ],
)
def test_api_bad_input_is_problem_json_naming_the_field(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/radio/p1546", json={**CASES[0].case, **change})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any(field in error["field"] for error in response.json()["errors"])
