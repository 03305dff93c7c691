"""The governance pages in headless Chromium against a running `openitu serve`: the
members directory, a delegate voting for their state and their proxy, and the budget
page whose shares add up to the budget, with its chart.

The data is put into the live server's SQLite file through the real services first.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from openitu.accounts import Principal, Role
from openitu.governance.conferences import ConferenceKind
from openitu.governance.votes import parse_choice
from openitu.store.db import make_engine, session_factory, unit_of_work
from openitu.usecases import accounts as account_usecases
from openitu.usecases import governance as usecases

pytestmark = pytest.mark.browser

DELEGATE = "gov-browser-delegate-jp"
PASSWORD = "governance browser password"
ADMIN = Principal(role=Role.ADMIN, username="cli:governance-browser", via="cli")
SEC = Principal(role=Role.SECRETARIAT, username="governance-browser-sec", via="cli")
BUDGET_YEAR = 2031
BUDGET = "98765432.10"
CLASSES = {"US": "30", "JP": "30", "FR": "25", "BR": "13", "IN": "10", "KE": "1",
           "HT": "1/16", "TV": "1/16", "AU": "11"}  # fmt: skip
GNI = {"US": 27_000, "JP": 4_300, "FR": 3_000, "BR": 2_100, "IN": 3_500, "KE": 110,
       "HT": 20, "TV": 1, "AU": 1_700}  # fmt: skip


@pytest.fixture(scope="module")
def seeded(loaded_sqlite_url: str) -> Iterator[dict[str, Any]]:
    engine = make_engine(loaded_sqlite_url)
    sessions = session_factory(engine)
    with unit_of_work(sessions) as session:
        account_usecases.create_user(
            session,
            principal=ADMIN,
            username=DELEGATE,
            password=PASSWORD,
            role=Role.DELEGATE,
            administration="JP",  # AU's proxy is the conference's record, not the account's
        )
        usecases.create_conference(
            session,
            principal=SEC,
            code="WRC-B",
            kind=ConferenceKind.WRC,
            title="World Radiocommunication Conference (browser)",
            place="Geneva",
            starts=date(2026, 10, 5),
            ends=date(2026, 10, 30),
        )
        usecases.add_agenda_item(session, principal=SEC, conference="WRC-B", number="1.2",
                                title="IMT in 3 300-3 400 MHz")  # fmt: skip
        for state in ("JP", "AU", "FR", "BR"):
            usecases.register_delegation(
                session, principal=SEC, conference="WRC-B", member=state,
                credentials_accepted=True, present=state != "AU",
            )  # fmt: skip
        usecases.update_delegation(session, principal=SEC, conference="WRC-B", state="JP",
                                  proxy_for="AU")  # fmt: skip
        vote = usecases.open_vote(session, principal=SEC, conference="WRC-B",
                                 question="Adopt the Chair's text on item 1.2?")  # fmt: skip
        for state, units in CLASSES.items():
            usecases.set_unit_class(session, principal=SEC, member=state, unit_class=units)
            usecases.set_gni(session, principal=SEC, member=state, gni_usd=GNI[state] * 10**9)
        usecases.adopt_budget(session, principal=SEC, year=BUDGET_YEAR, amount=Decimal(BUDGET))
    try:
        yield {"vote": vote["id"]}
    finally:
        engine.dispose()


def test_members_directory(browser: Any, live_server: str, seeded: dict[str, Any]) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/governance")
        assert page.locator("#members tbody tr").count() == 194
        assert "Holy See" in page.inner_text("#members tr[data-key=VA]")
        # What each date rests on is shown, and the stand-ins are marked as such.
        assert page.inner_text("#members tr[data-key=VA] .basis") == "estimate *"
        assert page.inner_text("#members tr[data-key=PW] .basis") == "ITU"
        assert page.inner_text("#members tr[data-key=FR] .basis") == "founder (Paris, 1865)"
        assert page.inner_text("#members tr[data-key=JP] .basis") == "UN admission *"
        assert page.locator("#members td.basis[data-basis=un-admission]").count() == 176
        assert "United Nations stands in" in page.inner_text("#basis-note")
        page.fill("#on", "2011-10-02")
        page.click("#show")
        page.wait_for_load_state()
        assert page.locator("#members tbody tr").count() == 192
        assert page.locator("#members tr[data-key=SS]").count() == 0
        assert "WRC-B" in page.inner_text("#conferences")
    finally:
        page.close()


def test_a_delegate_votes_for_their_state_and_their_proxy(
    browser: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = browser.new_page()
    vote = seeded["vote"]
    try:
        page.goto(f"{live_server}/governance/votes/{vote}")
        assert page.locator("#ballot").count() == 0  # not signed in: no ballot
        page.goto(f"{live_server}/account/sign-in")
        page.fill("#username", DELEGATE)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{live_server}/governance/votes/{vote}")
        options = page.locator("#state option").all_inner_texts()
        assert options == ["JP", "AU (proxy)"]
        page.select_option("#state", "JP")
        page.check("#choice-for")
        page.click("#cast")
        page.wait_for_load_state()
        assert page.inner_text("#message") == "The vote of JP is recorded."
        page.select_option("#state", "AU")
        page.check("#choice-abstain")
        page.click("#cast")
        page.wait_for_load_state()
        assert page.inner_text("#message") == "The vote of AU is recorded."
        assert page.inner_text("#voted") == "Voted so far: AU, JP"
        # Voting twice is refused on the page, and the count is unchanged.
        page.select_option("#state", "JP")
        page.check("#choice-against")
        page.click("#cast")
        page.wait_for_load_state()
        assert "voted already" in page.inner_text("#vote-error")
        assert page.inner_text("#voted") == "Voted so far: AU, JP"
        page.goto(f"{live_server}/governance/conferences/WRC-B")
        assert page.inner_text(f"#votes tr[data-id='{vote}'] .result") == "open (2 voted)"
    finally:
        page.close()


def test_budget_page_shares_add_up_with_a_chart(
    browser: Any, live_server: str, seeded: dict[str, Any]
) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/governance/budget/{BUDGET_YEAR}")
        assert page.inner_text("#budget") == BUDGET
        amounts = [Decimal(text) for text in page.locator("#shares .amount").all_inner_texts()]
        assert len(amounts) == len(CLASSES)
        assert sum(amounts) == Decimal(BUDGET)
        assert page.inner_text("#sum") == BUDGET
        gni = [Decimal(text) for text in page.locator("#shares .gni").all_inner_texts()]
        assert sum(gni) == Decimal(BUDGET)
        # One bar per member for each system; the largest unit share is the longest bar.
        assert page.locator("#chart svg rect.bar-units").count() == len(CLASSES)
        assert page.locator("#chart svg rect.bar-gni").count() == len(CLASSES)
        widths = page.eval_on_selector_all(
            "#chart svg rect.bar-units",
            "bars => bars.map(b => [b.dataset.key, b.getBBox().width])",
        )
        assert max(widths, key=lambda pair: pair[1])[0] in {"US", "JP"}
        # Haiti's 1/16 unit against the United States' 30: 480 times smaller.
        us = Decimal(page.inner_text("#shares tr[data-member=US] .amount"))
        ht = Decimal(page.inner_text("#shares tr[data-member=HT] .amount"))
        assert abs(us / ht - 480) < Decimal("0.01")
    finally:
        page.close()


def test_the_published_result_counts_a_state_represented_by_proxy(
    browser: Any, live_server: str, loaded_sqlite_url: str, seeded: dict[str, Any]
) -> None:
    engine = make_engine(loaded_sqlite_url)
    delegate = Principal(role=Role.DELEGATE, username=DELEGATE, administration="JP",
                         proxy_for="AU", via="cli")  # fmt: skip
    try:
        with unit_of_work(session_factory(engine)) as session:
            vote = usecases.open_vote(session, principal=SEC, conference="WRC-B",
                                     question="Close the debate on item 1.2?")  # fmt: skip
            usecases.cast_ballot(session, principal=delegate, vote_id=vote["id"], state="JP",
                                choice=parse_choice("for"))  # fmt: skip
            usecases.cast_ballot(session, principal=delegate, vote_id=vote["id"], state="AU",
                                choice=parse_choice("against"))  # fmt: skip
            usecases.close_vote(session, principal=SEC, vote_id=vote["id"])
    finally:
        engine.dispose()
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/governance/votes/{vote['id']}")
        # A tie: one for, one against; Australia is absent but represented by Japan.
        assert page.inner_text("#outcome").startswith("rejected")
        cells = page.locator("#tally tr").nth(1).locator("td").all_inner_texts()
        assert cells == ["1", "1", "0", "4", "3", "1"]
        assert "by proxy (JP)" in page.inner_text("#roll-call")
    finally:
        page.close()


def test_a_proposal_reads_as_the_table_after_it(
    browser: Any, live_server: str, loaded_sqlite_url: str, seeded: dict[str, Any]
) -> None:
    engine = make_engine(loaded_sqlite_url)
    delegate = Principal(role=Role.DELEGATE, username=DELEGATE, administration="JP", via="cli")
    text = "Different category of service: in Japan, the band 3 300-3 400 MHz is a test."
    try:
        with unit_of_work(session_factory(engine)) as session:
            proposal = usecases.submit_proposal(
                session, principal=delegate, conference="WRC-B", agenda_item="1.2",
                state="JP", title="MOD 3 300-3 400 MHz", amendments=[
                    {"op": "change_category", "region": 3, "low": "3300 MHz",
                     "high": "3400 MHz", "service": "radiolocation", "category": "secondary"},
                    {"op": "set_footnote", "footnote_id": "5.999J", "text": text},
                    {"op": "cite_footnote", "region": 3, "low": "3300 MHz",
                     "high": "3400 MHz", "footnote_id": "5.999J"},
                ],
            )  # fmt: skip
    finally:
        engine.dispose()
    page = browser.new_page()
    try:
        page.goto(f"{live_server}/governance/conferences/WRC-B")
        cell = page.locator(f"#proposals tr[data-id='{proposal['id']}'] .amendments")
        shown = cell.locator(".amendment").all_inner_texts()
        assert shown[0].startswith(
            "Region 3, 3300-3400 MHz: radiolocation becomes secondary (Radiolocation)"
        )
        after = cell.locator(".amendment").nth(0).locator(".after li").all_inner_texts()
        assert any(line.startswith("3300-3400 MHz:") and "5.999J" in line for line in after)
        assert shown[1] == f"footnote 5.999J reads: {text}"
        assert shown[2].startswith(f"Region 3, 3300-3400 MHz: cites 5.999J ({text})")
        assert "change_category" not in cell.inner_text()
    finally:
        page.close()
