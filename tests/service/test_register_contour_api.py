"""`GET /api/register/notices/{id}/contour` on SQLite and PostgreSQL: Germany's FM station
at Freiburg, near France and Switzerland. The contour names the same administrations as
the examination's coordination part, and every contour point is at the trigger's
distance along its azimuth; a notice the engine cannot compute is not drawn, and says
why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from openitu.accounts import Role
from openitu.register.technical import great_circle_km
from register_fixtures import fm_station

TokenFor = Callable[..., dict[str, str]]
API = "/api/register"


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def test_the_contour_names_whom_the_examination_names(
    client: TestClient, token_for: TokenFor
) -> None:
    de = token_for("de-officer", Role.NOTIFYING_OFFICER, "DE")
    br = token_for("br-clerk", Role.SECRETARIAT, None)
    freiburg = fm_station("DE", "DE-FREIBURG-CONTOUR", tx__lat_deg=48.0, tx__lon_deg=7.85,
                          tx__antenna_height_m=100, tx__eirp_dbw=20)  # fmt: skip
    notice_id = _ok(client.post(f"{API}/notices", headers=de, json=freiburg), 201)["notice_id"]
    contour = _ok(client.get(f"{API}/notices/{notice_id}/contour"))  # public, before examining
    assert contour["drawn"] is True and contour["notice_id"] == notice_id
    azimuths = [p["azimuth_deg"] for p in contour["points"]]
    assert {float(a) for a in range(0, 360, 10)} <= set(azimuths) and azimuths == sorted(azimuths)
    for point in contour["points"]:
        back = float(great_circle_km(48.0, 7.85, point["lat_deg"], point["lon_deg"]))
        assert abs(back - point["distance_km"]) < 0.01
        assert 0 < point["distance_km"] <= contour["search_radius_km"]
    finding = _ok(client.post(f"{API}/notices/{notice_id}/examine", headers=br))
    assert contour["required_with"] == finding["coordination"]["required_with"]
    assert {"FR", "CH"} <= set(contour["required_with"])


def test_a_notice_without_antenna_height_has_no_contour(
    client: TestClient, token_for: TokenFor
) -> None:
    fr = token_for("fr-officer", Role.NOTIFYING_OFFICER, "FR")
    incomplete = fm_station("FR", "FR-NO-HEIGHT", tx__antenna_height_m=None)
    notice_id = _ok(client.post(f"{API}/notices", headers=fr, json=incomplete), 201)["notice_id"]
    contour = _ok(client.get(f"{API}/notices/{notice_id}/contour"))
    assert contour["drawn"] is False and "antenna_height_m" in contour["note"]
    assert client.get(f"{API}/notices/999999/contour").status_code == 404
