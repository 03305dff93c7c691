"""The printable circular in headless Chromium against a running `openitu serve`: a notice
received, one recorded and one returned are each listed in their Part with the BR IFIC's
columns; printed (print media emulated), the page shows the document only, without the
site's navigation or the print button; ``?format=csv`` gives the same rows."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import httpx
import pytest

from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import register as usecases
from register_fixtures import SECRETARIAT, fixed_link, land_mobile_in_fm_band, officer

pytestmark = pytest.mark.browser


def _publish_three(database_url: str, tag: str) -> tuple[int, dict[str, int]]:
    """One notice left received, one recorded, one returned; then the circular."""
    received = fixed_link("FR", f"FR-PRINT-R-{tag}", frequency_hz=6_225e6)
    recorded = fixed_link("FR", f"FR-PRINT-OK-{tag}", frequency_hz=6_255e6)
    returned = land_mobile_in_fm_band("FR", f"FR-PRINT-RET-{tag}")
    engine = make_engine(database_url)
    try:
        with unit_of_work(session_factory(engine)) as session:
            ids = {
                name: usecases.notify_one(session, principal=officer("FR"), notice=n).notice_id
                for name, n in (("received", received), ("recorded", recorded),
                                ("returned", returned))
            }  # fmt: skip
            for name in ("recorded", "returned"):
                usecases.examine(session, principal=SECRETARIAT, notice_id=ids[name])
            usecases.record(session, principal=SECRETARIAT, notice_id=ids["recorded"])
            usecases.return_notice(session, principal=SECRETARIAT, notice_id=ids["returned"])
            number = usecases.publish_circular(session, principal=SECRETARIAT)["number"]
    finally:
        engine.dispose()
    return int(number), ids


def _column(page: Any, part: str, key: str) -> list[str]:
    return [text.strip() for text in page.locator(f"#part-{part} td.{key}").all_inner_texts()]


def test_the_circular_prints_each_part_without_the_navigation(
    browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    number, ids = _publish_three(loaded_sqlite_url, tag)
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/register/circulars/{number}")
        assert page.inner_text("#circular-number") == str(number)
        assert "Period:" in page.inner_text("#circular-period")
        headings = page.locator("#part-I thead th").all_inner_texts()
        assert headings == ["Notice ID", "Adm.", "Adm. ref.", "Frequency", "Class of station",
                            "Location", "Finding", "Date of receipt"]  # fmt: skip
        part_one = _column(page, "I", "notice_id")
        assert {str(i) for i in ids.values()} <= set(part_one)  # all three were received
        assert str(ids["recorded"]) in _column(page, "II", "notice_id")
        assert str(ids["returned"]) in _column(page, "III", "notice_id")
        assert str(ids["received"]) not in _column(page, "II", "notice_id")
        assert str(ids["received"]) not in _column(page, "III", "notice_id")
        row = page.locator("#part-II tr.entry", has_text=f"FR-PRINT-OK-{tag}")
        assert row.locator("td.frequency").inner_text() == "6.255 GHz"
        assert row.locator("td.location").inner_text() == "47°04'48\"N 2°24'00\"E"
        assert row.locator("td.finding").inner_text() == "favourable (No. 11.31)"
        returned = page.locator("#part-III tr.entry", has_text=f"FR-PRINT-RET-{tag}")
        assert returned.locator("td.finding").inner_text() == "unfavourable"

        # On screen: the site's navigation and the print button; on paper: neither.
        assert page.locator("header.top nav").is_visible()
        assert page.locator("#print").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("header.top").is_visible()
        assert not page.locator("header.top nav").is_visible()
        assert not page.locator("footer").is_visible()
        assert not page.locator("#print").is_visible()
        assert page.locator("#part-II").is_visible()
        assert page.locator(f"#part-III tr.entry >> text=FR-PRINT-RET-{tag}").is_visible()
        page.emulate_media(media="screen")
        assert page.locator("header.top nav").is_visible()
    finally:
        page.close()

    answer = httpx.get(f"{live_server}/register/circulars/{number}", params={"format": "csv"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    mine = {(r["part"], r["reference"]) for r in rows if r["reference"].endswith(tag)}
    assert mine == {
        ("I", f"FR-PRINT-R-{tag}"), ("I", f"FR-PRINT-OK-{tag}"), ("I", f"FR-PRINT-RET-{tag}"),
        ("II", f"FR-PRINT-OK-{tag}"), ("III", f"FR-PRINT-RET-{tag}"),
    }  # fmt: skip
    bad = httpx.get(f"{live_server}/register/circulars/{number}", params={"format": "pdf"})
    assert bad.status_code == 422
