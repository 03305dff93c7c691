"""The /spectrum page's edition choice, conformity check, diff and unit hint, through the
application in process (SQLite and PostgreSQL). What each answer should be comes from
the pure queries on the same edition, never from a list written here."""

from __future__ import annotations

import html
import re
from datetime import date

from fastapi.testclient import TestClient

from openitu.service.context import AppContext
from openitu.spectrum import queries
from openitu.usecases import spectrum as usecases


def _shown_edition(page_text: str) -> str:
    found = re.search(r'id="edition-shown" data-edition="([^"]+)"', page_text)
    assert found is not None
    return found.group(1)


def _lookup_rows(page_text: str) -> list[tuple[str, str]]:
    results = page_text.split('id="lookup-results"')[1].split("</table>")[0]
    rows = re.findall(r"<tr class=\"(\w+)\"><td>([^<]*)</td>", results)
    return [(html.unescape(service), category) for category, service in rows]


def _expected_rows(answer: dict[str, object]) -> list[tuple[str, str]]:
    allocations = answer["allocations"]
    assert isinstance(allocations, list)
    return [
        (
            a["service"].upper() if a["category"] == "primary" else a["service"].capitalize(),
            a["category"],
        )
        for a in allocations
    ]


def test_the_edition_link_of_the_final_acts_shows_that_edition(
    client: TestClient, app_context: AppContext
) -> None:
    answers = {}
    for edition in ("RR-2012", "RR-2020"):
        page = client.get(
            "/spectrum", params={"edition": edition, "frequency": "3500 MHz", "region": "1"}
        )
        assert page.status_code == 200
        assert _shown_edition(page.text) == edition
        expected = queries.allocations_at(
            app_context.allocation_table(edition=edition), frequency="3500 MHz", region=1
        )
        answers[edition] = _lookup_rows(page.text)
        assert answers[edition] == _expected_rows(expected)
    # WRC-15 made mobile primary in 3 400-3 600 MHz in Region 1 (RR 2016, No. 5.430A).
    assert answers["RR-2012"] != answers["RR-2020"]


def test_without_an_edition_the_page_shows_the_one_in_force_today(
    client: TestClient, app_context: AppContext
) -> None:
    page = client.get("/spectrum")
    assert _shown_edition(page.text) == app_context.allocation_table().edition.id
    options = re.findall(r'<select name="edition" id="edition">(.*?)</select>', page.text, re.S)
    listed = re.findall(r'<option value="(RR-[^"]+)"', options[0])
    assert {"RR-2012", "RR-2016", "RR-2020"} <= set(listed)


def test_a_date_picks_the_edition_in_force_then(
    client: TestClient, app_context: AppContext
) -> None:
    day = date(2018, 6, 1)
    page = client.get("/spectrum", params={"date": day.isoformat()})
    assert page.status_code == 200
    assert _shown_edition(page.text) == app_context.allocation_table(on=day).edition.id
    # RR-2016 entered into force on 1 January 2017, RR-2020 on 1 January 2021.
    assert _shown_edition(page.text) == "RR-2016"


def test_an_unknown_edition_or_a_bad_date_is_an_inline_error(client: TestClient) -> None:
    page = client.get("/spectrum", params={"edition": "RR-1900"})
    assert page.status_code == 422
    assert "RR-1900" in page.text and 'role="alert"' in page.text
    page = client.get("/spectrum", params={"date": "yesterday"})
    assert page.status_code == 422
    assert "expected YYYY-MM-DD" in page.text


def test_a_frequency_without_a_unit_is_refused_with_a_hint(client: TestClient) -> None:
    page = client.get("/spectrum", params={"frequency": "2450", "region": "1"})
    assert page.status_code == 422
    assert "add a unit: 2450 MHz?" in page.text
    assert 'id="lookup-results"' not in page.text
    zoom = client.get("/spectrum", params={"low": "2000", "high": "3 GHz"})
    assert zoom.status_code == 422 and "add a unit: 2000 MHz?" in zoom.text
    # The machine interface keeps reading a bare number as Hz (docs/design.md).
    api = client.get("/api/allocations/at", params={"frequency": "2450", "region": "1"})
    assert api.status_code == 200 and api.json()["frequency_hz"] == 2450


def test_the_conformity_form_gives_the_check_of_the_edition(
    client: TestClient, app_context: AppContext
) -> None:
    for edition in ("RR-2012", "RR-2020"):
        params = {
            "edition": edition,
            "service": "mobile except aeronautical mobile",
            "assign_low": "3500 MHz",
            "assign_high": "3510 MHz",
            "assign_region": "1",
        }
        page = client.get("/spectrum", params=params)
        assert page.status_code == 200
        expected = queries.check_assignment(
            app_context.allocation_table(edition=edition),
            service=params["service"],
            low="3500 MHz",
            high="3510 MHz",
            region="1",
        )
        block = page.text.split('id="check-result"')[1].split("</div>")[0]
        assert f'data-conforms="{str(expected["conforms"]).lower()}"' in block
        if expected["category"]:
            assert f'<span class="category">{expected["category"]}</span>' in block
        for reason in expected["reasons"]:
            assert html.escape(reason) in block


def test_the_diff_lists_each_change_with_its_sources(
    client: TestClient, app_context: AppContext
) -> None:
    page = client.get("/spectrum", params={"diff_from": "RR-2012", "diff_to": "RR-2020"})
    assert page.status_code == 200
    with app_context.sessions() as session:
        expected = usecases.edition_diff(
            session,
            old=app_context.allocation_table(edition="RR-2012"),
            new=app_context.allocation_table(edition="RR-2020"),
        )
    block = page.text.split('id="diff-results"')[1]
    assert block.count('<tr class="band-change"') == len(expected["bands"]) > 0
    assert block.count('<tr class="footnote-change"') == len(expected["footnotes"])
    sourced = [s for band in expected["bands"] for s in band["sources"] if s["source"]]
    assert sourced, "the shipped amendment files cite their sources"
    assert html.escape(sourced[0]["source"]) in block
    for row in re.findall(r'<tr class="band-change".*?</tr>', block, re.S):
        cited = re.findall(r'<span class="source">([^<]*)</span>', row)
        assert len(cited) == len(set(cited)), "each source is named once per change"


def test_a_country_alone_answers_in_its_region(client: TestClient, app_context: AppContext) -> None:
    page = client.get("/spectrum", params={"frequency": "3500 MHz", "country": "US"})
    assert page.status_code == 200
    expected = queries.allocations_at(
        app_context.allocation_table(), frequency="3500 MHz", country="US"
    )
    assert expected["region"] == 2  # the United States is in Region 2 (RR No. 5.2)
    assert _lookup_rows(page.text) == _expected_rows(expected)
    assert '<option value="" selected>from the country</option>' in page.text
