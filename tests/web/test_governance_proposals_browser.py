"""A delegate's page at a conference, in headless Chromium against a running `openitu
serve`: a proposal built amendment by amendment, previewed as the Table would read after it
and submitted; errors inline naming the field; a document submitted; the votes open to the
delegation; refusals shown as the page's error.

The data is put into the live server's SQLite file through the real services first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from browser_pages import field_error, make_accounts, press, sign_in
from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import governance as usecases

pytestmark = pytest.mark.browser

CODE = "WRC-P"
DELEGATE = "gov-proposals-delegate-de"
SECRETARY = "gov-proposals-secretary"
PASSWORD = "governance proposals password"
SEC = Principal(role=Role.SECRETARIAT, username="governance-proposals-sec", via="cli")
FOOTNOTE = "Additional allocation: in Germany, the band 3 300-3 400 MHz is also allocated (test)."


@pytest.fixture(scope="module")
def seeded(loaded_sqlite_url: str) -> Iterator[dict[str, Any]]:
    make_accounts(
        loaded_sqlite_url,
        [(DELEGATE, Role.DELEGATE, "DE"), (SECRETARY, Role.SECRETARIAT, None)],
        password=PASSWORD,
    )
    engine = make_engine(loaded_sqlite_url)
    with unit_of_work(session_factory(engine)) as session:
        usecases.create_conference(
            session, principal=SEC, code=CODE, kind=ConferenceKind.WRC,
            title="World Radiocommunication Conference (proposals)", place="Geneva",
            starts=date(2027, 10, 4), ends=date(2027, 10, 29),
        )  # fmt: skip
        for number, title in (("1.1", "IMT in 3 300-3 400 MHz"), ("1.2", "HAPS")):
            usecases.add_agenda_item(session, principal=SEC, conference=CODE, number=number,
                                     title=title)  # fmt: skip
        for state in ("DE", "FR", "IT"):
            usecases.register_delegation(session, principal=SEC, conference=CODE, member=state,
                                         credentials_accepted=True, present=True)  # fmt: skip
        french = Principal(role=Role.DELEGATE, username="gov-proposals-fr", administration="FR")
        theirs = usecases.submit_proposal(session, principal=french, conference=CODE,
                                          agenda_item="1.2", state="FR", title="SUP HAPS",
                                          amendments=[])  # fmt: skip
        vote = usecases.open_vote(session, principal=SEC, conference=CODE,
                                  question="Adopt the Chair's text on item 1.2?")  # fmt: skip
    try:
        yield {"vote": vote["id"], "theirs": theirs["id"]}
    finally:
        engine.dispose()


def _signed_in(browser: Any, live_server: str, username: str) -> Any:
    """A browser context signed in once (the sign-in budget per address is small)."""
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, username, PASSWORD)
    page.wait_for_url(f"{live_server}/account")
    page.close()
    return context


@pytest.fixture(scope="module")
def delegate(browser: Any, live_server: str, seeded: dict[str, Any]) -> Iterator[Any]:
    context = _signed_in(browser, live_server, DELEGATE)
    try:
        yield context
    finally:
        context.close()


def _fill_row(page: Any, row: int, **values: str) -> None:
    for name, value in values.items():
        selector = f"#a{row}-{name}"
        if name in ("op", "region", "category"):
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def test_a_proposal_is_previewed_as_the_table_after_it_then_submitted(
    delegate: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = delegate.new_page()
    try:
        page.goto(f"{live_server}/governance/conferences/{CODE}")
        press(page, "#delegation-link")
        assert page.inner_text("h1") == f"Delegation of Germany (DE) at {CODE}"
        assert page.inner_text("#seat") == "Credentials accepted; present."
        # France's proposal is on the conference's page, not among Germany's.
        assert page.inner_text("#my-proposals tbody") == "None yet."

        page.select_option("#agenda_item", "1.1")
        page.fill("#title", "MOD 3 300-3 400 MHz in Region 1")
        _fill_row(page, 0, op="add_allocation", region="1", low="3300 MHz", high="3400 MHz",
                  service="mobile", category="primary")  # fmt: skip
        press(page, "#more")
        # The row given is kept, and a second one is offered.
        assert page.input_value("#a0-low") == "3300 MHz"
        assert page.input_value("#a0-op") == "add_allocation"
        _fill_row(page, 1, op="set_footnote", footnote="5.999D", text=FOOTNOTE)
        press(page, "#more")
        _fill_row(page, 2, op="cite_footnote", region="1", low="3300 MHz", high="3400 MHz",
                  footnote="5.999D")  # fmt: skip
        response = press(page, "#preview-button")
        assert response.status == 200
        shown = page.locator("#preview-amendments .amendment .change").all_inner_texts()
        assert shown == [
            "Region 1, 3300-3400 MHz: adds MOBILE (primary)",
            f"footnote 5.999D reads: {FOOTNOTE}",
            f"Region 1, 3300-3400 MHz: cites 5.999D ({FOOTNOTE})",
        ]
        after = page.locator("#preview-amendments .amendment").nth(0).locator(".after li")
        cells = after.all_inner_texts()
        assert len(cells) == 1
        assert cells[0].startswith("3300-3400 MHz: RADIOLOCATION")
        assert "MOBILE" in cells[0] and "5.999D" in cells[0]
        # A preview records nothing.
        assert page.inner_text("#my-proposals tbody") == "None yet."
        assert page.input_value("#title") == "MOD 3 300-3 400 MHz in Region 1"

        response = press(page, "#submit-proposal")
        assert response.status == 201
        number = page.inner_text("#created-proposal-id")
        created = page.locator("#created-amendments .amendment .change").all_inner_texts()
        assert created == shown
        assert page.locator("#created-amendments .after li").nth(0).inner_text() == cells[0]
        mine = page.locator("#my-proposals tbody tr")
        assert mine.count() == 1
        assert mine.nth(0).get_attribute("data-id") == number
        assert mine.nth(0).locator(".status").inner_text() == "submitted"
        # The form is empty again, ready for the next proposal.
        assert page.input_value("#title") == ""

        page.goto(f"{live_server}/governance/conferences/{CODE}")
        row = page.locator(f"#proposals tr[data-id='{number}']")
        assert "DE" in row.inner_text() and "adds MOBILE (primary)" in row.inner_text()
        assert page.locator(f"#proposals tr[data-id='{seeded['theirs']}']").count() == 1
    finally:
        page.close()


def test_errors_are_shown_inline_naming_the_field(
    delegate: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = delegate.new_page()
    try:
        page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        page.fill("#title", "MOD upside down")
        _fill_row(page, 0, op="add_allocation", region="1", low="3400 MHz", high="3300 MHz",
                  service="mobile", category="primary")  # fmt: skip
        response = press(page, "#preview-button")
        assert response.status == 422
        assert field_error(page, "a0-low") == "must be below high"
        assert page.get_attribute("#a0-low", "aria-invalid") == "true"
        assert page.locator("#preview").count() == 0
        # Values come back as given.
        assert page.input_value("#a0-low") == "3400 MHz"
        assert page.input_value("#title") == "MOD upside down"

        _fill_row(page, 0, low="3300 MHz", high="3400 MHz", service="teleportation")
        press(page, "#more")
        _fill_row(page, 1, region="2")
        response = press(page, "#preview-button")
        assert response.status == 422
        assert field_error(page, "a1-op") == "choose what the amendment does"

        _fill_row(page, 1, op="remove_footnote", region="", footnote="5.1 5.2")
        response = press(page, "#preview-button")
        assert response.status == 422
        assert "teleportation" in field_error(page, "a0-service")

        _fill_row(page, 0, service="mobile")
        response = press(page, "#preview-button")
        assert response.status == 422
        assert field_error(page, "a1-footnote").startswith("not a footnote number")

        _fill_row(page, 1, footnote="5.149")
        response = press(page, "#submit-proposal")  # no agenda item chosen
        assert response.status == 422
        assert field_error(page, "agenda_item") == f"{CODE} has no agenda item ''"
        assert page.locator("#proposal-created").count() == 0

        page.fill("#number", "twelve")
        page.fill("#doc-title", "A contribution on no agenda item")
        page.fill("#doc-text", "Text.")
        response = press(page, "#submit-document-button")
        assert response.status == 422
        assert field_error(page, "agenda_items") == (
            "a contribution addresses at least one agenda item"
        )
        assert page.input_value("#doc-title") == "A contribution on no agenda item"
        page.check("#item-1\\.2")
        response = press(page, "#submit-document-button")
        assert response.status == 422
        assert field_error(page, "number").startswith("a document number such as")
        assert page.is_checked("#item-1\\.2")
        assert "twelve" not in page.inner_text("#my-documents")
    finally:
        page.close()


def test_a_document_is_submitted_and_its_text_shown_as_text(
    delegate: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = delegate.new_page()
    text = "Germany proposes <b>MOD</b> to 3 300-3 400 MHz.\n<script>alert(1)</script>"
    try:
        page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        page.fill("#number", "WRC27/DE/1")
        page.fill("#doc-title", "Proposals of Germany on agenda item 1.1")
        page.select_option("#kind", "contribution")
        page.select_option("#language", "fr")
        page.check("#item-1\\.1")
        page.fill("#doc-text", text)
        response = press(page, "#submit-document-button")
        assert response.status == 201
        assert page.inner_text("#document-created").startswith("Document WRC27/DE/1 is recorded")
        row = page.locator("#my-documents tbody tr")
        assert row.count() == 1
        assert row.locator("td").all_inner_texts()[1:] == [
            "Proposals of Germany on agenda item 1.1", "contribution",
            date.today().isoformat(), "fr", "1.1",
        ]  # fmt: skip
        with page.expect_navigation():
            row.locator("a").click()
        assert page.inner_text("#text") == text
        assert page.locator("#text b, #text script").count() == 0
        assert "from Germany" in page.inner_text("#meta")
    finally:
        page.close()


def test_the_votes_open_to_the_delegation_and_a_ballot_cast(
    delegate: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = delegate.new_page()
    vote = seeded["vote"]
    try:
        page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        row = page.locator(f"#open-votes tr[data-id='{vote}']")
        assert row.locator(".states").inner_text() == "DE: not voted"
        with page.expect_navigation():
            row.locator("a").click()
        assert page.locator("#state option").all_inner_texts() == ["DE"]
        page.check("#choice-against")
        press(page, "#cast")
        assert page.inner_text("#message") == "The vote of DE is recorded."
        page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        assert row.locator(".states").inner_text() == "DE: voted"
    finally:
        page.close()


def test_refusals_are_the_pages_error(
    browser: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = browser.new_page()
    try:
        response = page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        assert response.status == 401
        assert response.headers["content-type"].startswith("text/html")
        assert page.inner_text("#error").startswith("sign in to submit a proposal")
        assert page.locator("#proposal-form").count() == 0
    finally:
        page.close()
    secretary = _signed_in(browser, live_server, SECRETARY)
    page = secretary.new_page()
    try:
        page.goto(f"{live_server}/governance/conferences/{CODE}")
        assert page.locator("#delegation-link").count() == 0
        response = page.goto(f"{live_server}/governance/conferences/{CODE}/delegation")
        assert response.status == 403
        assert page.inner_text("#error") == (
            "the role secretariat may not submit a proposal to a conference for one's own state"
        )
        assert page.locator("#proposal-form, #document-form").count() == 0
    finally:
        page.close()
        secretary.close()
