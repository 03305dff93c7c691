"""The radio calculators refuse inputs outside their range with a 422 naming the field and
the range, and never answer 200 with null where the schema promises a number."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

PROPAGATION_TESTS = Path(__file__).parents[1] / "radio" / "propagation"


def _module(name: str, file: str) -> Any:
    """A helper of tests/radio/propagation, loaded by path (works under any import mode)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROPAGATION_TESTS / file)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# An ITU-R validation row of each model: the case is valid, one field is changed.
P452_ROW = (
    _module("openitu_tests_p452_reference", "_p452_reference.py")
    .load_rows("test_result_tropo_7001.csv")[0]
    .case
)
P1546_CASE = _module("openitu_tests_p1546_validation", "_p1546_validation.py").load_cases()[0].case


def _p1546(change: dict[str, Any]) -> dict[str, Any]:
    case = {k: v for k, v in {**P1546_CASE, **change}.items() if v is not None}
    return case


def _refused(response: Any, field: str, *range_parts: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    text = str(body)
    assert field in text, text
    for part in range_parts:
        assert part in text, text


def _all_numbers(value: Any) -> None:
    if isinstance(value, dict):
        for item in value.values():
            _all_numbers(item)
    elif isinstance(value, list):
        for item in value:
            _all_numbers(item)
    else:
        assert value is not None
        if isinstance(value, float):
            assert math.isfinite(value)


@pytest.mark.parametrize(
    ("change", "field", "parts"),
    [
        # P.452-18 states no antenna-height or gain range: physical bounds.
        ({"htg_m": 1e-300}, "htg_m", ("0.1 to 10000", "m")),
        ({"hrg_m": 1e-300}, "hrg_m", ("0.1 to 10000",)),
        ({"gt_dbi": 1e9}, "gt_dbi", ("-100 to 100", "dBi")),
        # P.452-18 §1: 0.1 to 50 GHz.
        ({"f_ghz": 60.0}, "f_ghz", ("0.1 to 50", "GHz")),
    ],
)
def test_p452_out_of_range_is_a_422_naming_the_range(
    client: TestClient, change: dict[str, Any], field: str, parts: tuple[str, ...]
) -> None:
    _refused(client.post("/api/radio/p452", json={**P452_ROW, **change}), field, *parts)


def test_p452_list_names_the_case_and_the_field(client: TestClient) -> None:
    response = client.post("/api/radio/p452", json=[P452_ROW, {**P452_ROW, "htg_m": 1e-300}])
    _refused(response, "[1].htg_m", "0.1 to 10000")


@pytest.mark.parametrize(
    ("change", "field", "parts"),
    [
        ({"h2_m": 1e300}, "h2_m", ("1 to 3000", "m")),
        (
            {"sections": [{"zone": "land", "d_km": 1e-300}], "profile": None},
            "sections",
            ("0.001 to 1000", "km"),
        ),
    ],
)
def test_p1546_out_of_range_is_a_422_naming_the_range(
    client: TestClient, change: dict[str, Any], field: str, parts: tuple[str, ...]
) -> None:
    _refused(client.post("/api/radio/p1546", json=_p1546(change)), field, *parts)


def test_free_space_eirp_out_of_range_is_a_422(client: TestClient) -> None:
    response = client.get(
        "/api/radio/free-space", params={"f": "1GHz", "d_km": 1, "eirp_dbw": 1e308}
    )
    _refused(response, "eirp_dbw", "-200 to 200", "dBW")


def test_in_range_answers_are_numbers_never_null(client: TestClient) -> None:
    # The edges themselves are inside the range and give finite numbers.
    answers = [
        client.post("/api/radio/p452", json={**P452_ROW, "htg_m": 0.1, "gt_dbi": 100.0}),
        client.post("/api/radio/p1546", json=_p1546({"h2_m": 3000.0})),
        client.get("/api/radio/free-space", params={"f": "1GHz", "d_km": 1, "eirp_dbw": 200}),
    ]
    for response in answers:
        assert response.status_code == 200, response.text
        _all_numbers(response.json())


def test_the_schema_publishes_the_ranges(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    body = schema["paths"]["/api/radio/p452"]["post"]["requestBody"]
    case = body["content"]["application/json"]["schema"]["oneOf"][0]
    assert case["properties"]["htg_m"]["minimum"] == 0.1
    assert "physical bound" in case["properties"]["htg_m"]["description"]
