"""A notice's map in headless Chromium: the coordination contour of Germany's FM station
at Freiburg drawn as a polygon over the countries' borders, and the administrations it
reaches named under the map; a notice the engine cannot compute says why instead."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import register as usecases
from register_fixtures import fm_station, officer

pytestmark = pytest.mark.browser


def _notify(database_url: str, notice: dict[str, Any]) -> int:
    engine = make_engine(database_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            administration = notice["administration"]
            accepted = usecases.notify_one(session, principal=officer(administration),
                                           notice=notice)  # fmt: skip
            return accepted.notice_id
    finally:
        engine.dispose()


def test_the_notice_map_draws_the_coordination_contour(
    browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    freiburg = _notify(loaded_sqlite_url, fm_station(
        "DE", f"DE-CONTOUR-{tag}", tx__lat_deg=48.0, tx__lon_deg=7.85,
        tx__antenna_height_m=100, tx__eirp_dbw=20, frequency_hz=97.3e6))  # fmt: skip
    blind = _notify(loaded_sqlite_url, fm_station("FR", f"FR-BLIND-{tag}",
                                                  tx__eirp_dbw=None))  # fmt: skip
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/register/notices/{freiburg}")
        polygon = page.locator("#map #contour")
        assert polygon.count() == 1
        vertices = polygon.get_attribute("points").split()
        assert len(vertices) >= 36
        width, height = (float(page.get_attribute("#map", k)) for k in ("width", "height"))
        for vertex in vertices:  # the map is framed around the whole contour
            x, y = (float(v) for v in vertex.split(","))
            assert 0 <= x <= width and 0 <= y <= height
        drawn = set(page.locator("#map polyline.border").evaluate_all(
            "lines => lines.map(l => l.dataset.administration)"))  # fmt: skip
        assert {"DE", "FR", "CH"} <= drawn
        reaches = page.inner_text("#contour-reaches").split(", ")
        assert {"FR", "CH"} <= set(reaches) and "DE" not in reaches
        assert "dB(µV/m)" in page.inner_text("#contour-note")
        box = polygon.bounding_box()
        assert box is not None and box["width"] > 50 and box["height"] > 50

        page.goto(f"{live_server}/register/notices/{blind}")
        assert page.locator("#map #contour").count() == 0
        assert "not drawn" in page.inner_text("#contour-note")
        assert "eirp" in page.inner_text("#contour-note")
    finally:
        page.close()
