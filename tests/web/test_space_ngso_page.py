"""A non-GSO network's page: the elevation-over-time chart and the visibility windows for
the place in the query, and inline errors for a bad place (in-process client)."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal, Role
from openitu.usecases import space as usecases

sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
from space_documents import ngso_document

FR = Principal(role=Role.NOTIFYING_OFFICER, username="page-fr", administration="FR", via="cli")


def _file(sessions: sessionmaker[Session]) -> int:
    with sessions() as session, session.begin():
        created = usecases.submit_network(session, principal=FR, document=ngso_document("PAGE-LEO"),
                                          date_of_receipt=date(2021, 2, 1))  # fmt: skip
    return int(created["network_id"])


def test_elevation_chart_for_a_place(client: TestClient, sessions: sessionmaker[Session]) -> None:
    network_id = _file(sessions)
    url = f"/space/networks/{network_id}"
    bare = client.get(url)
    assert bare.status_code == 200 and 'id="passes"' in bare.text
    assert "elevation-chart" not in bare.text  # no place yet: the form only
    params = {"lat": "48.85", "lon": "2.35", "from": "2026-03-01T00:00Z", "hours": "6",
              "min_elevation_deg": "10"}  # fmt: skip
    page = client.get(url, params=params)
    assert page.status_code == 200
    assert 'class="elevation-chart"' in page.text
    assert re.search(r'class="min-elevation" data-deg="10"', page.text)
    drawn = set(re.findall(r'data-satellite="(P\d+-S\d+)"', page.text))
    listed = set(re.findall(r"<tr><td>(P\d+-S\d+)</td>", page.text))
    assert listed and listed <= drawn  # every satellite with a window has its line
    with sessions() as session:  # the same windows as the API's at the page's step
        expected = usecases.passes(session, network_id=network_id, lat_deg=48.85, lon_deg=2.35,
                                   start=datetime(2026, 3, 1, tzinfo=UTC), hours=6.0,
                                   min_elevation_deg=10.0, step_s=60.0)  # fmt: skip
    assert len(listed) == len({w["satellite"] for w in expected["windows"]})
    bad = client.get(url, params={**params, "lat": "100"})
    assert bad.status_code == 200 and 'id="passes-error"' in bad.text and "lat" in bad.text


def test_aggregate_pfd_chart_for_a_place(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    network_id = _file(sessions)
    url = f"/space/networks/{network_id}"
    assert "aggregate-pfd-chart" not in client.get(url).text  # no place: no chart
    params = {"lat": "48.85", "lon": "2.35", "from": "2026-03-01T00:00Z", "hours": "6"}
    page = client.get(url, params=params)
    assert page.status_code == 200
    block = page.text.split('class="aggregate-block" data-beam="KU-DOWN"', 1)[1]
    chart = re.search(r'data-low-dbw-m2="([-\d.]+)" data-high-dbw-m2="([-\d.]+)"', block)
    assert chart is not None
    low, high = float(chart[1]), float(chart[2])
    points = [
        (m["at"], float(m["y"]), float(m["value"]), float(m["limit"]))
        for m in re.finditer(
            r'class="aggregate-point" cx="[\d.]+" cy="(?P<y>[\d.]+)" r="1" fill="[^"]+" '
            r'data-at="(?P<at>[^"]+)" data-dbw-m2="(?P<value>[-\d.]+)" '
            r'data-limit-dbw-m2="(?P<limit>[-\d.]+)"',
            block,
        )
    ]
    assert len(points) > 10
    assert 'class="strictest-limit"' in block
    for _, y, value, _ in points:  # each point is drawn where its value says
        assert y == pytest.approx(20 + 260 * (high - value) / (high - low), abs=0.06)
    with sessions() as session:  # the use case's numbers at the page's step
        expected = usecases.ngso_pfd(session, network_id=network_id, lat_deg=48.85,
                                     lon_deg=2.35, start=datetime(2026, 3, 1, tzinfo=UTC),
                                     hours=6.0, step_s=60.0)  # fmt: skip
    aggregate = next(b for b in expected["beams"] if b["beam"] == "KU-DOWN")["aggregate"]
    at, _, peak, _ = max(points, key=lambda p: p[2])
    assert peak == pytest.approx(aggregate["max_dbw_m2"], abs=1e-4)
    assert at == aggregate["max_at"]
    margins = [(limit - value, when) for when, _, value, limit in points]
    worst, worst_at = min(margins)
    assert worst == pytest.approx(aggregate["worst_screen_margin_db"], abs=2e-4)
    assert worst_at == aggregate["worst_screen_at"]
    assert f"Highest sum {aggregate['max_dbw_m2']} dB(W/m²)" in block
