"""The space pages in headless Chromium against a running `openitu serve`: the GSO arc
chart (marks, catalogue lane, a selected network's shaded coordination arc) and a
network's page (steps, time limits, coordination status)."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from browser_pages import make_accounts, sign_in
from openitu.accounts import Principal, Role
from openitu.radio import antennas
from openitu.space import geometry
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import space as usecases

sys.path.insert(0, str(Path(__file__).parents[1] / "space"))
from space_documents import network_document, ngso_document

pytestmark = pytest.mark.browser


def _officer(iso2: str) -> Principal:
    return Principal(role=Role.NOTIFYING_OFFICER, username=f"browser-{iso2.lower()}",
                     administration=iso2, via="cli")  # fmt: skip


@pytest.fixture(scope="module")
def seeded(loaded_sqlite_url: str) -> Iterator[dict[str, int]]:
    engine = make_engine(loaded_sqlite_url)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        neighbour = usecases.submit_network(
            session, principal=_officer("JP"), date_of_receipt=date(2015, 3, 1),
            document=network_document("BROWSER-JP", "JP", 140.0, station=(35.7, 139.7)),
        )["network_id"]  # fmt: skip
        new = usecases.submit_network(
            session, principal=_officer("KR"), date_of_receipt=date(2016, 4, 1),
            document=network_document("BROWSER-KR", "KR", 145.0, station=(37.5, 127.0)),
        )["network_id"]  # fmt: skip
        usecases.record_step(session, principal=_officer("KR"), network_id=new,
                             step="notification", date_of_receipt=date(2018, 1, 10))  # fmt: skip
    engine.dispose()
    yield {"neighbour": neighbour, "new": new}


def test_arc_chart_and_selected_arc(live_server: str, seeded: dict[str, int], page: Any) -> None:
    page.goto(f"{live_server}/space")
    catalogue = page.locator('#arc-chart a.mark[data-lane="catalogue"]')
    assert catalogue.count() == 588  # the UCS GSO satellites with a longitude
    assert page.locator(f'#arc-chart a.mark[data-network-id="{seeded["new"]}"]').count() == 1
    assert page.locator("#arc-chart rect.coordination-arc").count() == 0
    page.locator(f'#filed tr[data-network-id="{seeded["new"]}"] a.show-arc').click()
    page.wait_for_url(f"**/space?network={seeded['new']}")
    assert page.locator("#selected-name").inner_text() == "BROWSER-KR"
    shaded = page.locator('#arc-chart rect.coordination-arc[data-lane="Ku"]')
    assert shaded.count() == 1
    assert shaded.get_attribute("data-arc-deg") == "7"  # Table 5-1 row 2): 13.75-14.5 GHz
    # The neighbour 5° away lies inside the shaded ±7° on the chart itself.
    box = shaded.bounding_box()
    mark = page.locator(
        f'#arc-chart a.mark[data-network-id="{seeded["neighbour"]}"] rect'
    ).bounding_box()
    assert box is not None and mark is not None
    assert box["x"] <= mark["x"] <= box["x"] + box["width"]


def test_network_page(live_server: str, seeded: dict[str, int], page: Any) -> None:
    page.goto(f"{live_server}/space/networks/{seeded['new']}?as_of=2020-01-01")
    assert page.locator("#network-name").inner_text() == "BROWSER-KR"
    assert page.locator("#status").inner_text() == "notified"
    steps = page.locator("#steps tbody tr")
    assert steps.count() == 2
    assert "2016-04-01" in steps.nth(0).inner_text() and "9.30" in steps.nth(0).inner_text()
    due = page.locator('#deadlines tr[data-name="bringing_into_use"]')
    assert "2023-04-01" in due.inner_text() and "11.44" in due.inner_text()
    row = page.locator(f'#affected tr[data-network-id="{seeded["neighbour"]}"]')
    assert row.count() == 1
    assert "arc" in row.locator(".criterion").inner_text()
    page.goto(f"{live_server}/space/networks/{seeded['new']}?as_of=2023-04-02")
    assert page.locator("#status").inner_text() == "lapsed"
    response = page.goto(f"{live_server}/space/networks/99999999")
    assert response is not None and response.status == 404


OFFICER = "space-browser-officer-br"
PASSWORD = "space browser password 1"


@pytest.fixture(scope="module")
def officer(loaded_sqlite_url: str) -> str:
    make_accounts(loaded_sqlite_url, [(OFFICER, Role.NOTIFYING_OFFICER, "BR")], password=PASSWORD)
    return OFFICER


def test_filing_form(live_server: str, officer: str, page: Any) -> None:
    page.goto(f"{live_server}/space/file")
    assert page.locator("#file-form").count() == 1  # shown, but filing needs a sign-in
    sign_in(page, live_server, officer, PASSWORD)
    page.goto(f"{live_server}/space/file")
    page.fill("#name", "FORM-BR-SAT")
    page.fill("#longitude_deg", "-200")
    page.fill("#es_lat_deg", "-15.8")
    page.fill("#es_lon_deg", "-47.9")
    page.fill("#date_of_receipt", "2022-02-01")
    page.click("#submit")
    # Out of range: the error names the field, next to it, and nothing is filed.
    assert "longitude_deg" in page.locator("#longitude_deg-error").inner_text()
    assert page.locator("#created").count() == 0
    page.fill("#longitude_deg", "-61")
    page.click("#submit")
    assert page.locator("#biu-due").inner_text() == "2029-02-01"  # No. 11.44: seven years
    page.click("#created-link")
    assert page.locator("#network-name").inner_text() == "FORM-BR-SAT"
    assert page.locator("#administration").inner_text() == "BR"


def test_filing_form_takes_the_antenna_pattern(
    live_server: str, officer: str, loaded_sqlite_url: str, page: Any
) -> None:
    sign_in(page, live_server, officer, PASSWORD)
    page.goto(f"{live_server}/space/file")
    for key, value in (("name", "FORM-BR-SPOT"), ("longitude_deg", "-65"),
                       ("es_lat_deg", "-15.8"), ("es_lon_deg", "-47.9"),
                       ("date_of_receipt", "2022-03-01"), ("half_beamwidth_deg", "wide"),
                       ("near_in_sidelobe_db", "-17"), ("boresight_lat_deg", "-12"),
                       ("boresight_lon_deg", "-50")):  # fmt: skip
        page.fill(f"#{key}", value)
    page.click("#submit")
    assert "half_beamwidth_deg" in page.locator("#half_beamwidth_deg-error").inner_text()
    assert page.locator("#created").count() == 0
    page.fill("#half_beamwidth_deg", "1.8")
    page.click("#submit")  # now the filing's own check: L_N is one of S.1528-0's four
    error = page.locator("#near_in_sidelobe_db-error").inner_text()
    assert "near_in_sidelobe_db" in error and "-25" in error
    assert page.locator("#half_beamwidth_deg-error").count() == 0
    page.fill("#near_in_sidelobe_db", "-25")
    page.click("#submit")
    link = page.locator("#created-link").get_attribute("href") or ""
    network_id = int(link.rsplit("/", 1)[1])
    engine = make_engine(loaded_sqlite_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            filed = usecases.network(session, network_id=network_id)
    finally:
        engine.dispose()
    assert filed["name"] == "FORM-BR-SPOT" and len(filed["beams"]) == 2
    for beam in filed["beams"]:
        assert beam["half_beamwidth_deg"] == 1.8 and beam["near_in_sidelobe_db"] == -25.0
        assert (beam["boresight_lat_deg"], beam["boresight_lon_deg"]) == (-12.0, -50.0)
    page.click("#created-link")  # and the pfd map draws the filed pattern
    assert "ψb = 1.8°" in page.locator('.pfd-map-block[data-beam="DOWN"] .pfd-pattern').inner_text()


def test_pfd_map_on_the_network_page(live_server: str, seeded: dict[str, int], page: Any) -> None:
    # BROWSER-KR's down beam: 11.45-11.7 GHz, ps = -70 dB(W/Hz), 31 dBi, at 145° E.
    page.goto(f"{live_server}/space/networks/{seeded['new']}?as_of=2020-01-01")
    cells = page.locator('.pfd-map-block[data-beam="KU-DOWN"] rect.pfd-cell')
    assert cells.count() == 45 * 90  # 4° cells over the globe
    under = page.locator('rect.pfd-cell[data-lat="0"][data-lon="146"]')
    margin = float(under.get_attribute("data-margin-db") or "nan")
    # Independently: -39 dB(W/Hz) + 10 log 4000 - 10 log(4π d²) against the limit at δ.
    d = float(geometry.slant_range_km(145.0, 0.0, 146.0)) * 1e3
    elevation = float(geometry.elevation_deg(145.0, 0.0, 146.0))
    pfd_value = -39.0 + 10 * math.log10(4000) - 10 * math.log10(4 * math.pi * d**2)
    limit = -150.0 + min(max(elevation - 5.0, 0.0), 20.0) / 2
    assert margin == pytest.approx(limit - pfd_value, abs=0.01)
    assert page.locator('rect.pfd-cell.hidden[data-lat="0"][data-lon="-34"]').count() == 1


@pytest.fixture(scope="module")
def shaped_network(loaded_sqlite_url: str) -> int:
    """A GSO network whose down beam files its antenna: ψb = 2° aimed at 36° N, 138° E."""
    document = network_document("BROWSER-JP-SPOT", "JP", 140.0, station=(35.7, 139.7))
    document["beams"][1] |= {"half_beamwidth_deg": 2.0, "boresight_lat_deg": 36.0,
                             "boresight_lon_deg": 138.0}  # fmt: skip
    engine = make_engine(loaded_sqlite_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            return int(usecases.submit_network(
                session, principal=_officer("JP"), date_of_receipt=date(2019, 5, 1),
                document=document)["network_id"])  # fmt: skip
    finally:
        engine.dispose()


def test_pfd_map_follows_the_gain_contours(
    live_server: str, shaped_network: int, page: Any
) -> None:
    page.goto(f"{live_server}/space/networks/{shaped_network}?as_of=2020-01-01")
    block = page.locator('.pfd-map-block[data-beam="KU-DOWN"]')
    assert "S.1528-0" in block.locator(".pfd-pattern").inner_text()

    def margin(lat: int, lon: int) -> float:
        cell = block.locator(f'rect.pfd-cell[data-lat="{lat}"][data-lon="{lon}"]')
        return float(cell.get_attribute("data-margin-db") or "nan")

    def flat_margin(lat: float, lon: float) -> float:
        d = float(geometry.slant_range_km(140.0, lat, lon)) * 1e3
        elevation = float(geometry.elevation_deg(140.0, lat, lon))
        level = -39.0 + 10 * math.log10(4000) - 10 * math.log10(4 * math.pi * d**2)
        return -150.0 + min(max(elevation - 5.0, 0.0), 20.0) / 2 - level

    # At the boresight the peak; away from it the S.1528-0 gain below the peak (31 dBi).
    assert margin(36, 138) == pytest.approx(flat_margin(36, 138), abs=0.01)
    # main lobe (about 1.1° and 2.3° off axis) and near-in side lobes (5.8°, 11.2°)
    for lat, lon in ((28, 138), (20, 138), (0, 142), (-32, 150)):
        psi = float(geometry.satellite_off_axis_deg(140.0, 36.0, 138.0, lat, lon))
        below_peak = float(antennas.s1528_gain_dbi(psi, 31.0, 2.0)) - 31.0
        assert below_peak < -1.0
        assert margin(lat, lon) == pytest.approx(flat_margin(lat, lon) - below_peak, abs=0.01)


@pytest.fixture(scope="module")
def ngso_network(loaded_sqlite_url: str) -> int:
    engine = make_engine(loaded_sqlite_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            return int(usecases.submit_network(
                session, principal=_officer("FR"), date_of_receipt=date(2021, 2, 1),
                document=ngso_document("BROWSER-LEO", "FR"))["network_id"])  # fmt: skip
    finally:
        engine.dispose()


def test_ngso_elevation_chart(live_server: str, ngso_network: int, page: Any) -> None:
    page.goto(f"{live_server}/space/networks/{ngso_network}")
    assert page.locator(".elevation-chart").count() == 0
    page.fill('input[name="lat"]', "48.85")
    page.fill('input[name="lon"]', "2.35")
    page.fill('input[name="from"]', "2026-03-01T00:00Z")
    page.fill('input[name="hours"]', "6")
    page.fill('input[name="min_elevation_deg"]', "30")
    page.click(".passes-form button")
    page.wait_for_url("**lat=48.85**")
    lines = page.locator(".elevation-chart g.satellite")
    assert lines.count() > 0
    # the dashed minimum sits a third of the way up the 0-90° axis, and every satellite
    # with a window above it has a line that reaches above it
    floor = page.locator(".elevation-chart line.min-elevation").bounding_box()
    plot = page.locator(".elevation-chart rect").first.bounding_box()
    assert floor is not None and plot is not None
    assert floor["y"] - plot["y"] == pytest.approx(plot["height"] * 2 / 3, abs=1.0)
    rows = page.locator("#windows tbody tr")
    assert rows.count() > 0
    for name in {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())}:
        line = page.locator(f'.elevation-chart g.satellite[data-satellite="{name}"]')
        assert float(line.get_attribute("data-max-elevation") or "nan") >= 30.0
        box = line.bounding_box()
        assert box is not None and box["y"] < floor["y"]


def test_ngso_aggregate_pfd_chart(
    live_server: str, ngso_network: int, loaded_sqlite_url: str, page: Any
) -> None:
    page.goto(f"{live_server}/space/networks/{ngso_network}?lat=48.85&lon=2.35"
              "&from=2026-03-01T00:00Z&hours=3")  # fmt: skip
    chart = page.locator('.aggregate-block[data-beam="KU-DOWN"] svg.aggregate-pfd-chart')
    assert chart.count() == 1
    assert chart.locator("polyline.strictest-limit").count() > 0
    values = chart.locator("circle.aggregate-point").evaluate_all(
        "cs => cs.map(c => [c.dataset.at, +c.dataset.dbwM2, +c.dataset.limitDbwM2])"
    )
    engine = make_engine(loaded_sqlite_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            expected = usecases.ngso_pfd(session, network_id=ngso_network, lat_deg=48.85,
                                         lon_deg=2.35, start="2026-03-01T00:00Z", hours=3.0,
                                         step_s=60.0)  # fmt: skip
    finally:
        engine.dispose()
    aggregate = next(b for b in expected["beams"] if b["beam"] == "KU-DOWN")["aggregate"]
    at, peak, _ = max(values, key=lambda v: v[1])
    assert (at, peak) == (aggregate["max_at"], pytest.approx(aggregate["max_dbw_m2"], abs=1e-4))
    worst = min(limit - value for _, value, limit in values)
    assert worst == pytest.approx(aggregate["worst_screen_margin_db"], abs=2e-4)
    # the highest point is drawn highest
    top = chart.locator(f'circle.aggregate-point[data-at="{at}"]').bounding_box()
    boxes = chart.locator("circle.aggregate-point").evaluate_all(
        "cs => cs.map(c => c.getBoundingClientRect().y)"
    )
    assert top is not None and top["y"] == pytest.approx(min(boxes), abs=0.5)
