"""The register's next steps in headless Chromium, signed in once as a French notifying
officer: a notice's page shows its frequency with its unit and its dates in words, the
coordination its examination requires (per administration, pending until the
agreement is recorded from the page, a bad code refused next to its box) and the
circular that published it, linked; the administration asked refuses from the page,
with its reason; the notify page takes a CSV file, receiving the good
rows and naming the bad row's field."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from browser_pages import field_error, in_database, make_accounts, press, signed_in_page
from openitu.accounts import Role
from openitu.usecases import register as usecases
from register_fixtures import PASSWORD, SECRETARIAT, officer, strasbourg_fm

pytestmark = pytest.mark.browser

IN_WORDS = re.compile(
    r"\d{1,2} (January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}, \d\d:\d\d UTC"
)


def _written(moment: str) -> str:
    """The moment as the page must write it (English month names whatever the locale)."""
    parsed = datetime.fromisoformat(moment)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
    return f"{parsed.day} {months[parsed.month - 1]} {parsed.year}, {parsed:%H:%M} UTC"


@pytest.fixture(scope="module")
def officer_page(browser: Any, live_server: str, loaded_sqlite_url: str) -> Iterator[Any]:
    """A page signed in as a French notifying officer (one sign-in for the module)."""
    username = f"steps-officer-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(username, Role.NOTIFYING_OFFICER, "FR")], password=PASSWORD)
    with signed_in_page(browser, live_server, username, PASSWORD) as page:
        yield page


def test_a_notice_page_leads_through_coordination_to_the_circular(
    officer_page: Any, browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    """An FM station at Strasbourg, 100 m high, reaches across the Rhine: its examination
    requires coordination with Germany, pending until the officer records Germany's
    agreement on the page."""
    tag = uuid.uuid4().hex[:6]
    strasbourg = strasbourg_fm(f"FR-STEPS-{tag}", frequency_hz=99.3e6)

    def notify_examine_publish(session: Any) -> tuple[int, dict[str, Any], dict[str, Any]]:
        accepted = usecases.notify_one(session, principal=officer("FR"), notice=strasbourg)
        usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
        circular = usecases.publish_circular(session, principal=SECRETARIAT)
        state = usecases.coordination_state(session, notice_id=accepted.notice_id)
        return accepted.notice_id, state, circular

    notice_id, before, circular = in_database(loaded_sqlite_url, notify_examine_publish)
    assert "DE" in before["pending"]  # the premise: the examination names Germany
    shown = in_database(loaded_sqlite_url, lambda s: usecases.show(s, notice_id=notice_id))
    page = officer_page
    page.goto(f"{live_server}/register/notices/{notice_id}")
    assert page.inner_text("#frequency").startswith("99.3 MHz, emission 180KF8E")
    assert "(necessary bandwidth 180 kHz)" in page.inner_text("#frequency")
    assert page.inner_text("#date-of-receipt") == _written(shown["date_of_receipt"])
    assert page.inner_text("#bringing-into-use") == "15 January 2027"
    dates = page.locator("#history td.date").all_inner_texts()
    assert dates and all(IN_WORDS.fullmatch(d) for d in dates)

    rows = {r["administration"]: r for r in before["administrations"]}
    for code, row in rows.items():
        cells = page.locator(f"#coordination-{code} td").all_inner_texts()
        assert cells[1] == str(row["field_strength_dbuv_m"])
        assert cells[2] == str(row["trigger_dbuv_m"])
        assert cells[4] == ("agreed" if row["agreed"] else "pending")
    assert "Awaiting the agreement of " + ", ".join(before["pending"]) in page.inner_text(
        "#coordination-pending"
    )

    page.fill("#agreement-administration", "XX")
    refused = press(page, "#record-agreement")
    assert refused.status == 422
    assert "XX" in field_error(page, "agreement-administration")
    assert page.input_value("#agreement-administration") == "XX"
    page.fill("#agreement-administration", "FR")
    refused = press(page, "#record-agreement")
    assert refused.status == 422
    assert "does not agree with itself" in field_error(page, "agreement-administration")

    page.fill("#agreement-administration", "de")
    press(page, "#record-agreement")
    after = in_database(
        loaded_sqlite_url, lambda s: usecases.coordination_state(s, notice_id=notice_id)
    )
    assert "DE" in after["agreed_with"] and "DE" not in after["pending"]
    assert page.inner_text("#coordination-DE td.agreement") == "agreed"
    assert "DE" in page.inner_text("#agreements-now").split(", ")
    events = page.locator("#history td.event").all_inner_texts()
    assert events == ["notified", "examined", "agreement"]

    link = page.locator(f"#circulars a[href='/register/circulars/{circular['number']}']")
    assert "Part I" in page.inner_text("#circulars")
    link.click()
    page.wait_for_url(f"**/register/circulars/{circular['number']}")
    assert strasbourg["reference"] in page.inner_text("#part-I")
    row = page.locator("#part-I tr.entry", has_text=strasbourg["reference"])
    assert (
        row.locator("td.date_of_receipt").inner_text()
        == _written(shown["date_of_receipt"]).split(",")[0]
    )
    published = datetime.fromisoformat(circular["published_at"])
    assert page.inner_text("#circular-number") == str(circular["number"])
    assert f"{published.day} " in page.inner_text("h1") and str(published.year) in page.inner_text(
        "h1"
    )

    public = browser.new_page()
    try:
        public.goto(f"{live_server}/register/notices/{notice_id}")
        assert public.locator("#agreement-form").count() == 0  # offered to FR's officers only
        public.goto(f"{live_server}/register/notify")  # a form page: its CSRF token
        csrf = public.get_attribute("#notify-form input[name=csrf_token]", "value")
        with public.expect_navigation() as refused:
            public.evaluate(
                """([csrf, action]) => { const f = document.createElement('form');
                f.method = 'post'; f.action = action;
                for (const [k, v] of [['csrf_token', csrf], ['administration', 'CH']]) {
                  const i = document.createElement('input'); i.name = k; i.value = v;
                  f.appendChild(i); }
                document.body.appendChild(f); f.submit(); }""",
                [csrf, f"/register/notices/{notice_id}/agreements"],
            )
        assert refused.value.status == 401
        assert "sign in" in public.inner_text("#step-error").lower()
        assert public.inner_text("#status") == "examined"  # the notice's own page, unchanged
    finally:
        public.close()

    page.goto(f"{live_server}/register/notices/{notice_id}")
    page.click("#search-near")
    page.wait_for_url("**/register?near=*")
    assert page.inner_text(f"#notice-{notice_id} td.frequency") == "99.3 MHz"


def test_germany_refuses_from_the_notice_page_with_its_reason(
    officer_page: Any, browser: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    """Germany's officer, asked to coordinate a French FM station at Strasbourg, refuses
    on its page: a blank reason is refused next to the box, the reason given shows in the
    coordination table, and a refusal of a withdrawn notice is the page's own error."""
    strasbourg = strasbourg_fm(f"FR-REFUSED-{uuid.uuid4().hex[:6]}")

    def notify_examine(session: Any) -> int:
        accepted = usecases.notify_one(session, principal=officer("FR"), notice=strasbourg)
        usecases.examine(session, principal=SECRETARIAT, notice_id=accepted.notice_id)
        return accepted.notice_id

    notice_id = in_database(loaded_sqlite_url, notify_examine)
    url = f"{live_server}/register/notices/{notice_id}"
    officer_page.goto(url)
    assert officer_page.locator("#refusal-form").count() == 0  # not France's to refuse

    german = f"steps-de-officer-{uuid.uuid4().hex[:6]}"
    make_accounts(loaded_sqlite_url, [(german, Role.NOTIFYING_OFFICER, "DE")], password=PASSWORD)
    with signed_in_page(browser, live_server, german, PASSWORD) as page:
        page.goto(url)
        assert page.locator("#agreement-form").count() == 0  # France records agreements
        page.fill("#refusal-reason", "   ")
        blank = press(page, "#record-refusal")
        assert blank.status == 422
        assert "reason" in field_error(page, "refusal-reason")
        assert page.locator("#step-error").count() == 0

        page.fill("#refusal-reason", "harms DE-FM-7 at Kehl")
        press(page, "#record-refusal")
        assert page.inner_text("#coordination-DE td.agreement") == "refused: harms DE-FM-7 at Kehl"
        assert page.inner_text("#refusal-DE") == "DE refused: harms DE-FM-7 at Kehl"
        assert page.locator("#history td.event").all_inner_texts()[-1] == "refusal"
        state = in_database(
            loaded_sqlite_url, lambda s: usecases.coordination_state(s, notice_id=notice_id)
        )
        assert state["refused_by"] == {"DE": "harms DE-FM-7 at Kehl"}

        in_database(
            loaded_sqlite_url,
            lambda s: usecases.withdraw(s, principal=officer("FR"), notice_id=notice_id),
        )
        page.fill("#refusal-reason", "and again")
        closed = press(page, "#record-refusal")
        assert closed.status == 409
        assert "withdrawn" in page.inner_text("#step-error")
        assert page.locator("#refusal-form").count() == 0


def test_the_notify_page_takes_a_file_and_names_its_bad_rows(
    officer_page: Any, live_server: str, loaded_sqlite_url: str
) -> None:
    tag = uuid.uuid4().hex[:6]
    header = (
        "reference,service,station_class,frequency_hz,emission,tx.lat_deg,tx.lon_deg,"
        "tx.antenna_height_m,tx.eirp_dbw,tx.polarization,date_of_bringing_into_use"
    )
    good = f"FR-FILE-{tag}-1,broadcasting,BC,98500000,180KF8E,47.08,2.40,50,10,H,2027-01-15"
    bad = f"FR-FILE-{tag}-2,broadcasting,BC,98700000,180KF8E,95,2.40,50,10,H,2027-01-15"
    text = "\n".join([header, good, bad]) + "\n"
    page = officer_page
    page.goto(f"{live_server}/register/notify")
    page.set_input_files(
        "#file", files=[{"name": "notices.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    sent = press(page, "#submit-file")
    assert sent.status == 201
    assert "1 notice(s) accepted, 1 refused" in page.inner_text("#batch-summary")
    refused = page.locator("#batch-rejected tbody td").all_inner_texts()
    assert refused[:2] == ["2", "tx.lat_deg"] and "[-90, 90]" in refused[2]
    accepted = page.locator("#batch-accepted tbody td").all_inner_texts()
    notice_id = int(accepted[1])
    shown = in_database(loaded_sqlite_url, lambda s: usecases.show(s, notice_id=notice_id))
    assert accepted[0] == "1" and accepted[2] == shown["reference"] == f"FR-FILE-{tag}-1"
    assert accepted[3] == _written(shown["date_of_receipt"])
    assert shown["administration"] == "FR" and shown["frequency_hz"] == 98.5e6

    page.goto(f"{live_server}/register/notices/{notice_id}")
    page.fill("#withdraw-reason", "the station was never built")
    press(page, "#action-withdraw")
    shown = in_database(loaded_sqlite_url, lambda s: usecases.show(s, notice_id=notice_id))
    assert page.inner_text("#status") == shown["status"] == "withdrawn"
    assert shown["history"][-1]["detail"]["reason"] == "the station was never built"
    assert page.locator("#history td.detail").last.inner_text() == "the station was never built"

    received = shown["date_of_receipt"][:10]
    page.goto(f"{live_server}/register?administration=FR&received_from={received}"
              f"&received_to={received}&status=withdrawn")  # fmt: skip
    assert page.locator(f"#notice-{notice_id}").count() == 1
    page.goto(f"{live_server}/register?received_from=7/12/2026")
    assert "2026-12-07" in field_error(page, "received_from")

    page.goto(f"{live_server}/register/notify")
    page.set_input_files(
        "#file",
        files=[{"name": "n.json", "mimeType": "application/json", "buffer": b'[{"reference": '}],
    )
    sent = press(page, "#submit-file")
    assert sent.status == 422
    assert "not valid JSON" in field_error(page, "file")
    assert page.get_attribute("#file", "aria-invalid") == "true"
