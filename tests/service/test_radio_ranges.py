"""The radio calculators refuse inputs outside their range with a 422 naming the field and
the range, and never answer 200 with null where the schema promises a number."""

from __future__ import annotations

import importlib.util
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from openitu.service.app import create_app
from openitu.settings import Settings

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


# --- every numeric field of every radio route, at the extremes ---------------------------

EXTREMES = (1e-300, 1e300, -1e300, 1e308, 0.0)
SLANT_PATH_CASE = {
    "lat_deg": 51.5,
    "lon_deg": -0.14,
    "f_ghz": 14.25,
    "el_deg": 31.08,
    "p_percent": 1.0,
    "d_m": 1.0,
    "eta": 0.65,
    "hs_km": 0.03,
    "tau_deg": 0.0,
}
POSTED_CASES = {
    "/api/radio/slant-path": SLANT_PATH_CASE,
    "/api/radio/p452": P452_ROW,
    "/api/radio/p1546": P1546_CASE,
}
QUERIES = {
    "/api/radio/free-space": {"f": "1GHz", "d_km": 1, "eirp_dbw": 0, "gr_dbi": 0},
    "/api/radio/antenna/F.699": {"angle_deg": [0, 5], "f": "6GHz", "d_m": 2},
    "/api/radio/antenna/F.1245": {"angle_deg": [0, 5], "f": "6GHz", "d_m": 2},
    "/api/radio/antenna/S.465": {"angle_deg": [2, 30], "f": "14GHz", "d_m": 3},
    "/api/radio/antenna/S.580": {"angle_deg": [2, 30], "f": "14GHz", "d_m": 3},
    "/api/radio/antenna/S.1528": {"angle_deg": [1], "gmax_dbi": 30, "half_beamwidth_deg": 2},
    "/api/radio/antenna/omni": {"angle_deg": [1], "gmax_dbi": 3},
}


@pytest.fixture(scope="module")
def calculator() -> Iterator[TestClient]:
    """The application without a database (the calculators read none), with a rate limit
    that the hundreds of calls below stay under."""
    settings = Settings(database_url="sqlite:///:memory:", api_rate_per_s=1e6, api_burst=10**6)
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _is_number(schema: dict[str, Any]) -> bool:
    return any(
        kind.get("type") in ("number", "integer") for kind in [schema, *schema.get("anyOf", [])]
    )


def _numeric_fields(calculator: TestClient, path: str) -> list[str]:
    """The numeric fields the OpenAPI description gives the route: every one is swept."""
    description = calculator.get("/api/openapi.json").json()
    template = "/api/radio/antenna/{pattern}" if path.startswith("/api/radio/antenna/") else path
    operations = description["paths"][template]
    if "post" in operations:
        body = operations["post"]["requestBody"]["content"]["application/json"]["schema"]
        properties = body["oneOf"][0]["properties"]
        return [name for name, schema in properties.items() if _is_number(schema)]
    parameters = operations["get"]["parameters"]
    return [p["name"] for p in parameters if p["in"] == "query" and _is_number(p["schema"])]


def _finite_or_named(response: Any, field: str, where: str) -> None:
    if response.status_code == 200:
        _all_numbers(response.json())
        return
    assert response.status_code == 422, f"{where}: {response.status_code} {response.text}"
    fields = [error["field"] for error in response.json()["errors"]]
    assert field in fields, f"{where}: {fields}"


# An overflow on the way is a sign of a range left unchecked: here it is an error (a 500).
@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("path", sorted(POSTED_CASES))
def test_every_numeric_field_of_a_case_at_the_extremes(calculator: TestClient, path: str) -> None:
    fields = _numeric_fields(calculator, path)
    assert len(fields) >= 4
    for field in fields:
        for value in EXTREMES:
            response = calculator.post(path, json={**POSTED_CASES[path], field: value})
            _finite_or_named(response, field, f"{path} {field}={value}")


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("path", sorted(QUERIES))
def test_every_numeric_parameter_at_the_extremes(calculator: TestClient, path: str) -> None:
    fields = _numeric_fields(calculator, path)
    assert len(fields) >= 3
    for field in fields:
        for value in EXTREMES:
            response = calculator.get(path, params={**QUERIES[path], field: value})
            _finite_or_named(response, field, f"{path} {field}={value}")
