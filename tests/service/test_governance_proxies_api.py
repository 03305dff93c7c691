"""Proxies, quorum and postponement through the API, and what a secret ballot stores.

A small conference of five accredited delegations: a vote with two present has no
quorum; with a third state represented by a proxy it has. A state in arrears cannot
exercise the proxy it holds. A matter postponed for its abstentions is decided at the
next vote without them. A secret ballot's rows are alike whatever the states chose."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from governance_helpers import TokenFor
from openitu.accounts import Role
from openitu.store import audit
from openitu.store.tables.governance import GovernanceBallot

API = "/api/governance"
STATES = ("FR", "DE", "IT", "ES", "PT")
THIS_YEAR = date.today().year


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return None if status == 204 else response.json()


class Meeting:
    def __init__(self, client: TestClient, token_for: TokenFor, code: str) -> None:
        self.client, self.code = client, code
        self.sec = token_for(f"{code.lower()}-sec", Role.SECRETARIAT)
        self.delegate = {
            state: token_for(f"{code.lower()}-{state.lower()}", Role.DELEGATE, state)
            for state in STATES
        }
        _ok(client.post(f"{API}/conferences", headers=self.sec,
                        json={"code": code, "kind": "WRC", "title": "Small WRC",
                              "place": "Geneva", "starts": "2026-10-05",
                              "ends": "2026-10-30"}), 201)  # fmt: skip
        _ok(client.post(f"{API}/conferences/{code}/agenda", headers=self.sec,
                        json={"number": "1", "title": "Item"}), 201)  # fmt: skip
        for state in STATES:
            _ok(client.post(f"{API}/conferences/{code}/delegations", headers=self.sec,
                            json={"member": state, "credentials_accepted": True}), 201)  # fmt: skip

    def update(self, state: str, **fields: Any) -> Any:
        return self.client.patch(
            f"{API}/conferences/{self.code}/delegations/{state}", headers=self.sec, json=fields
        )

    def proposal(self, state: str = "FR") -> int:
        body = _ok(self.client.post(
            f"{API}/conferences/{self.code}/proposals", headers=self.delegate[state],
            json={"agenda_item": "1", "state": state, "title": "A resolution"}), 201)  # fmt: skip
        return int(body["id"])

    def vote(self, proposal: int, method: str = "roll-call") -> int:
        body = _ok(self.client.post(
            f"{API}/conferences/{self.code}/votes", headers=self.sec,
            json={"question": "Adopt?", "proposal_id": proposal, "method": method}),
            201)  # fmt: skip
        return int(body["id"])

    def cast(self, vote: int, by: str, state: str, choice: str) -> Any:
        return self.client.post(f"{API}/votes/{vote}/ballots", headers=self.delegate[by],
                                json={"state": state, "choice": choice})  # fmt: skip

    def close(self, vote: int) -> dict[str, Any]:
        body = _ok(self.client.post(f"{API}/votes/{vote}/close", headers=self.sec))
        return dict(body["result"])


def test_a_proxy_makes_the_quorum(client: TestClient, token_for: TokenFor) -> None:
    meeting = Meeting(client, token_for, "WRC-Q")
    for state in ("FR", "DE"):
        _ok(meeting.update(state, present=True))
    first = meeting.vote(meeting.proposal())
    _ok(meeting.cast(first, "FR", "FR", "for"), 201)
    _ok(meeting.cast(first, "DE", "DE", "for"), 201)
    result = meeting.close(first)
    # Two of five present: not more than half.
    assert (result["outcome"], result["present"], result["represented"]) == ("no-quorum", 2, 0)
    assert "2 present and 0 represented of the 5" in result["reason"]
    # Italy, absent, gives its proxy to Germany: three of five present or represented.
    _ok(meeting.update("DE", proxy_for="IT"))
    second = meeting.vote(meeting.proposal("DE"))
    _ok(meeting.cast(second, "FR", "FR", "for"), 201)
    _ok(meeting.cast(second, "DE", "DE", "against"), 201)
    italy = token_for("wrc-q-de-proxy", Role.DELEGATE, "DE", "IT")
    ballot = client.post(f"{API}/votes/{second}/ballots", headers=italy,
                         json={"state": "IT", "choice": "for"})  # fmt: skip
    assert _ok(ballot, 201)["cast_by"] == "DE"
    result = meeting.close(second)
    assert (result["outcome"], result["present"], result["represented"]) == ("adopted", 2, 1)
    assert (result["for"], result["against"]) == (2, 1)


def test_a_holder_in_arrears_cannot_exercise_the_proxy(
    client: TestClient, token_for: TokenFor
) -> None:
    meeting = Meeting(client, token_for, "WRC-A")
    for state in ("FR", "DE", "ES"):
        _ok(meeting.update(state, present=True))
    _ok(meeting.update("DE", proxy_for="IT"))
    for year in (THIS_YEAR - 2, THIS_YEAR - 1):  # Germany owes two years: CS No. 169
        _ok(client.post(f"{API}/members/DE/dues", headers=meeting.sec,
                        json={"year": year, "amount": "1000.00"}), 204)  # fmt: skip
    vote = meeting.vote(meeting.proposal())
    holder = token_for("wrc-a-de-proxy", Role.DELEGATE, "DE", "IT")
    refused = client.post(f"{API}/votes/{vote}/ballots", headers=holder,
                          json={"state": "IT", "choice": "for"})  # fmt: skip
    assert refused.status_code == 403
    assert "lost its own vote" in refused.json()["detail"]
    assert meeting.cast(vote, "DE", "DE", "for").status_code == 403
    # Without a holder with the right to vote, Italy is not represented either: of the
    # four accredited with the right to vote (Germany is not), FR and ES are present.
    _ok(meeting.cast(vote, "FR", "FR", "for"), 201)
    result = meeting.close(vote)
    assert (result["accredited"], result["present"], result["represented"]) == (4, 2, 0)
    assert result["outcome"] == "no-quorum"


def test_a_matter_postponed_for_abstentions_is_decided_next_time(
    client: TestClient, token_for: TokenFor
) -> None:
    meeting = Meeting(client, token_for, "WRC-P")
    for state in STATES:
        _ok(meeting.update(state, present=True))
    proposal = meeting.proposal()
    choices = {"FR": "for", "DE": "abstain", "IT": "abstain", "ES": "abstain", "PT": "against"}
    first = meeting.vote(proposal)
    for state, choice in choices.items():
        _ok(meeting.cast(first, state, state, choice), 201)
    assert meeting.close(first)["outcome"] == "deferred"  # 3 abstentions of 5 votes cast
    conference = _ok(client.get(f"{API}/conferences/WRC-P"))
    assert conference["proposals"][0]["status"] == "submitted"
    second = meeting.vote(proposal)
    choices["PT"] = "abstain"  # 1 for, 0 against, 4 abstaining
    for state, choice in choices.items():
        _ok(meeting.cast(second, state, state, choice), 201)
    result = meeting.close(second)
    assert (result["outcome"], result["for"], result["abstentions"]) == ("adopted", 1, 4)
    conference = _ok(client.get(f"{API}/conferences/WRC-P"))
    assert conference["proposals"][0]["status"] == "adopted"


@pytest.mark.parametrize("choices", [("for", "against"), ("against", "for")])
def test_a_secret_ballot_stores_nothing_of_the_choice(
    client: TestClient,
    token_for: TokenFor,
    sessions: sessionmaker[Session],
    choices: tuple[str, str],
) -> None:
    meeting = Meeting(client, token_for, "WRC-S")
    for state in STATES:
        _ok(meeting.update(state, present=True))
    vote = meeting.vote(meeting.proposal(), method="secret")
    _ok(meeting.cast(vote, "FR", "FR", choices[0]), 201)
    _ok(meeting.cast(vote, "DE", "DE", choices[1]), 201)
    published = _ok(client.get(f"{API}/votes/{vote}"))
    assert published["voted"] == ["DE", "FR"]
    assert "result" not in published  # nothing counted is shown before the close
    identity = {"id", "state", "cast_by_delegation", "cast_at"}
    with sessions() as session:
        rows = session.scalars(
            select(GovernanceBallot).where(GovernanceBallot.vote_id == vote)
        ).all()
        columns = [c.key for c in GovernanceBallot.__table__.columns if c.key not in identity]
        stored = [{column: getattr(row, column) for column in columns} for row in rows]
        # Every column but who and when is the same for the two opposite ballots: the
        # table holds no trace of how either state voted.
        assert stored[0] == stored[1]
        assert stored[0]["choice"] is None
        entries = [
            entry.payload
            for entry in audit.entries(session, entity="governance_vote", entity_id=str(vote))
            if entry.action == "governance.vote.cast"
        ]
        assert [sorted(payload) for payload in entries] == [["cast_by", "state", "vote_id"]] * 2
    result = meeting.close(vote)
    assert (result["for"], result["against"]) == (1, 1)
    assert "roll_call" not in _ok(client.get(f"{API}/votes/{vote}"))


def test_the_proxy_recorded_for_the_conference_is_what_the_rights_check_reads(
    client: TestClient, token_for: TokenFor
) -> None:
    meeting = Meeting(client, token_for, "WRC-P")
    for state in ("FR", "DE", "ES"):
        _ok(meeting.update(state, present=True))
    # Italy's proxy is recorded for this conference only: Germany's delegate's account
    # names no proxy, and none is needed.
    _ok(meeting.update("DE", proxy_for="IT"))
    vote = meeting.vote(meeting.proposal())
    ballot = _ok(meeting.cast(vote, "DE", "IT", "for"), 201)
    assert (ballot["state"], ballot["cast_by"]) == ("IT", "DE")
    _ok(meeting.cast(vote, "DE", "DE", "against"), 201)
    # Spain holds no proxy here: refused, naming the state it tried to act for.
    refused = meeting.cast(vote, "ES", "PT", "for")
    assert refused.status_code == 403
    assert "PT" in refused.json()["detail"]
    # An account's proxy without the conference's record gives nothing either.
    stale = token_for("wrc-p-es-proxy", Role.DELEGATE, "ES", "PT")
    refused = client.post(f"{API}/votes/{vote}/ballots", headers=stale,
                          json={"state": "PT", "choice": "for"})  # fmt: skip
    assert refused.status_code == 403
    assert "PT" in refused.json()["detail"]
    result = meeting.close(vote)
    assert (result["for"], result["against"], result["represented"]) == (1, 1, 1)
