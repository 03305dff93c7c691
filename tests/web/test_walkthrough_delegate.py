"""Persona walkthrough: a conference delegate, in headless Chromium against a running
`openitu serve`.

Kenya's delegate signs in, finds the conference, reads France's proposal as the Table would
read after it, submits a proposal and a contribution of Kenya's, votes on Kenya's proposal
and sees the result. What the secretariat and the other delegations do in between (opening
the vote, their ballots, closing it) is done through the use cases on the live server's
database, as they would do it on their own screens.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from browser_pages import make_accounts, press, sign_in
from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.governance.votes import parse_choice
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import governance as usecases

pytestmark = pytest.mark.browser

CODE = "WRC-W"
DELEGATE = "walkthrough-delegate-ke"
PASSWORD = "walkthrough delegate password"
SEC = Principal(role=Role.SECRETARIAT, username="walkthrough-secretary", via="cli")
STATES = ("KE", "FR", "BR", "JP")


def _delegate_of(state: str) -> Principal:
    return Principal(role=Role.DELEGATE, username=f"walkthrough-{state.lower()}",
                     administration=state, via="cli")  # fmt: skip


@pytest.fixture(scope="module")
def database(loaded_sqlite_url: str) -> Iterator[Any]:
    """Sessions on the live server's database, with the conference as the secretariat set
    it up and France's proposal on the table."""
    make_accounts(loaded_sqlite_url, [(DELEGATE, Role.DELEGATE, "KE")], password=PASSWORD)
    engine = make_engine(loaded_sqlite_url)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        usecases.create_conference(
            session, principal=SEC, code=CODE, kind=ConferenceKind.WRC,
            title="World Radiocommunication Conference (walkthrough)", place="Nairobi",
            starts=date(2027, 10, 4), ends=date(2027, 10, 29),
        )  # fmt: skip
        usecases.add_agenda_item(session, principal=SEC, conference=CODE, number="1.3",
                                 title="Mobile service in 3 300-3 400 MHz")  # fmt: skip
        for state in STATES:
            usecases.register_delegation(session, principal=SEC, conference=CODE, member=state,
                                         credentials_accepted=True, present=True)  # fmt: skip
        usecases.submit_proposal(
            session, principal=_delegate_of("FR"), conference=CODE, agenda_item="1.3",
            state="FR", title="MOD radiolocation in Region 1", amendments=[
                {"op": "change_category", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
                 "service": "radiolocation", "category": "secondary"},
            ],
        )  # fmt: skip
    try:
        yield sessions
    finally:
        engine.dispose()


def test_a_conference_delegate(browser: Any, live_server: str, database: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        # 1. Signs in with the account the secretariat gave Kenya's delegate.
        sign_in(page, live_server, DELEGATE, PASSWORD)
        assert page.url == f"{live_server}/account"
        assert DELEGATE in page.inner_text("main")

        # 2. Finds the conference among the union's.
        page.goto(f"{live_server}/governance")
        press(page, f"#conferences a:text-is('{CODE}')")
        assert page.inner_text("h1") == (
            f"{CODE}: World Radiocommunication Conference (walkthrough)"
        )
        assert page.locator("#delegations tr[data-member=KE]").inner_text().split("\t")[1:3] == [
            "accepted", "yes",
        ]  # fmt: skip

        # 3. Reads France's proposal as the Table would read after it.
        french = page.locator("#proposals tbody tr").filter(has_text="MOD radiolocation")
        assert (
            french.locator(".amendment")
            .nth(0)
            .inner_text()
            .startswith("Region 1, 3300-3400 MHz: radiolocation becomes secondary (Radiolocation)")
        )
        after = french.locator(".after li").all_inner_texts()
        assert len(after) == 1
        assert after[0].startswith("3300-3400 MHz: Radiolocation")
        assert "RADIOLOCATION" not in after[0]

        # 4. Submits Kenya's proposal: previewed first, then recorded as previewed.
        press(page, "#delegation-link")
        assert page.inner_text("h1") == f"Delegation of Kenya (KE) at {CODE}"
        page.select_option("#agenda_item", "1.3")
        page.fill("#title", "ADD MOBILE in 3 300-3 400 MHz, Region 1")
        page.select_option("#a0-op", "add_allocation")
        page.select_option("#a0-region", "1")
        page.fill("#a0-low", "3.3 GHz")
        page.fill("#a0-high", "3.4 GHz")
        page.fill("#a0-service", "mobile except aeronautical mobile")
        page.select_option("#a0-category", "primary")
        press(page, "#preview-button")
        preview = page.locator("#preview-amendments .amendment")
        assert preview.locator(".change").all_inner_texts() == [
            "Region 1, 3300-3400 MHz: adds MOBILE EXCEPT AERONAUTICAL MOBILE (primary)"
        ]
        cell = preview.locator(".after li").all_inner_texts()
        assert len(cell) == 1 and "MOBILE EXCEPT AERONAUTICAL MOBILE" in cell[0]
        assert press(page, "#submit-proposal").status == 201
        proposal = int(page.inner_text("#created-proposal-id"))
        assert page.locator("#created-amendments .after li").all_inner_texts() == cell

        # ... and a contribution, in English, on the same agenda item.
        page.fill("#number", "WRC27/KE/1")
        page.fill("#doc-title", "Proposals of Kenya on agenda item 1.3")
        page.check("#item-1\\.3")
        page.fill("#doc-text", "Kenya proposes a primary mobile allocation in 3 300-3 400 MHz.")
        assert press(page, "#submit-document-button").status == 201
        assert page.locator("#my-documents tbody tr").all_inner_texts()[0].split("\t") == [
            "WRC27/KE/1", "Proposals of Kenya on agenda item 1.3", "contribution",
            date.today().isoformat(), "en", "1.3",
        ]  # fmt: skip
        assert page.locator("#open-votes tbody").inner_text() == "No vote open."

        # The secretariat opens the vote on Kenya's proposal; France and Brazil vote for,
        # Japan against.
        with unit_of_work(database) as session:
            vote = usecases.open_vote(session, principal=SEC, conference=CODE,
                                      question="Adopt Kenya's proposal on item 1.3?",
                                      proposal_id=proposal)["id"]  # fmt: skip
            for state, choice in (("FR", "for"), ("BR", "for"), ("JP", "against")):
                usecases.cast_ballot(session, principal=_delegate_of(state), vote_id=vote,
                                     state=state, choice=parse_choice(choice))  # fmt: skip

        # 5. Votes: the vote is open to Kenya, which has not voted yet.
        page.reload()
        row = page.locator(f"#open-votes tr[data-id='{vote}']")
        assert row.locator(".states").inner_text() == "KE: not voted"
        press(page, f"#open-votes tr[data-id='{vote}'] a")
        assert "ADD MOBILE in 3 300-3 400 MHz" in page.inner_text("main")
        assert page.locator("#amendments .after li").all_inner_texts() == cell
        page.check("#choice-for")
        assert press(page, "#cast").status == 201
        assert page.inner_text("#message") == "The vote of KE is recorded."
        assert page.inner_text("#voted") == "Voted so far: BR, FR, JP, KE"

        with unit_of_work(database) as session:
            usecases.close_vote(session, principal=SEC, vote_id=vote)

        # 6. Sees the result: adopted, three for and one against, and Kenya's proposal
        # adopted on the conference's page and on the delegation's.
        page.reload()
        assert page.inner_text("#outcome").startswith("adopted")
        cells = page.locator("#tally tr").nth(1).locator("td").all_inner_texts()
        assert cells[:5] == ["3", "1", "0", "4", "4"]
        assert "KE\tfor" in page.inner_text("#roll-call")
        page.goto(f"{live_server}/governance/conferences/{CODE}")
        assert page.inner_text(f"#proposals tr[data-id='{proposal}'] .status") == "adopted"
        assert page.inner_text(f"#votes tr[data-id='{vote}'] .result") == (
            "adopted: 3 for, 1 against, 0 abstaining"
        )
        press(page, "#delegation-link")
        assert page.inner_text(f"#my-proposals tr[data-id='{proposal}'] .status") == "adopted"
        assert page.locator("#open-votes tbody").inner_text() == "No vote open."
    finally:
        page.close()
        context.close()
