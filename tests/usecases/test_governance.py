"""The governance use cases on both databases: each write goes through the one write path
(the right checked before anything is read or locked, the area's version bumped, the
principal audited), and Final Acts, which make a new edition of the Table, bump the
spectrum area's version too (docs/design.md, "One write path")."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from governance_helpers import ADD_MOBILE, adopt_at_a_wrc
from openitu.accounts import Principal, Role
from openitu.errors import Forbidden, InvalidInput
from openitu.governance.conferences import ConferenceKind
from openitu.governance.documents import DocumentKind
from openitu.governance.members import MemberKind, Sector
from openitu.governance.votes import Choice
from openitu.store import versions
from openitu.store.tables.audit import AuditEntryRow
from openitu.usecases import governance

SEC = Principal(role=Role.SECRETARIAT, username="usecase-secretary", via="cli")
STATES = ("FR", "DE", "BR")
DELEGATES = {
    state: Principal(role=Role.DELEGATE, username=f"uc-{state.lower()}", administration=state)
    for state in STATES
}


def _conference(session: Session) -> None:
    governance.create_conference(
        session, principal=SEC, code="WRC-U", kind=ConferenceKind.WRC, title="Use cases",
        place="Geneva", starts=date(2026, 10, 5), ends=date(2026, 10, 30),
    )  # fmt: skip
    governance.add_agenda_item(
        session, principal=SEC, conference="WRC-U", number="1.2", title="3 300-3 400 MHz"
    )
    for state in STATES:
        governance.register_delegation(
            session, principal=SEC, conference="WRC-U", member=state,
            credentials_accepted=True, present=True,
        )  # fmt: skip


def _last_actor(session: Session) -> tuple[str, str]:
    row = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq.desc())).first()
    assert row is not None
    return row.actor, row.action


def test_final_acts_bump_the_governance_and_spectrum_versions(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        closed = adopt_at_a_wrc(session, secretariat=SEC, code="WRC-V", amendments=[ADD_MOBILE])
        assert closed["result"]["outcome"] == "adopted"
        cast = session.scalars(
            select(AuditEntryRow.actor).where(AuditEntryRow.action == "governance.vote.cast")
        ).all()
        assert sorted(cast) == ["wrc-v-br", "wrc-v-de", "wrc-v-fr"]  # each delegate audited
    with sessions() as session:
        before = {area: versions.read(session, area) for area in ("governance", "spectrum")}
    with sessions() as session, session.begin():
        signed = governance.sign_final_acts(
            session, principal=SEC, conference="WRC-V", edition_id="RR-WRC-U",
            title="RR as amended", entry_into_force=date(2027, 1, 1),
        )  # fmt: skip
    assert signed["edition"] == "RR-WRC-U"
    with sessions() as session:
        after = {area: versions.read(session, area) for area in ("governance", "spectrum")}
        assert _last_actor(session) == ("usecase-secretary", "governance.final_acts.sign")
    assert after == {area: version + 1 for area, version in before.items()}


def test_a_refused_write_reads_and_bumps_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        before = versions.read(session, "governance")
    with sessions() as session, session.begin(), pytest.raises(Forbidden):
        # A delegate may not run a conference: refused before the conference is looked up.
        governance.create_conference(
            session, principal=DELEGATES["FR"], code="WRC-X", kind=ConferenceKind.WRC,
            title="No", place="Geneva", starts=date(2026, 1, 1), ends=date(2026, 1, 2),
        )  # fmt: skip
    with sessions() as session:
        assert versions.read(session, "governance") == before


def test_a_representative_submits_its_members_information_document(
    sessions: sessionmaker[Session],
) -> None:
    representative = Principal(role=Role.DELEGATE, username="uc-rep", administration="CH")
    with sessions() as session, session.begin():
        _conference(session)
        member = governance.admit_member(
            session, principal=SEC, kind=MemberKind.SECTOR_MEMBER, name="Radio SA",
            sector=Sector.R, country="CH", admitted=date(2020, 1, 1),
        )  # fmt: skip
        governance.register_delegation(
            session, principal=SEC, conference="WRC-U", member=str(member["id"]),
            representative="uc-rep",
        )  # fmt: skip
        document = governance.submit_document(
            session, principal=representative, conference="WRC-U", number="WRC-U/5",
            title="Views", kind=DocumentKind.INFORMATION, source=str(member["id"]),
            language="en", agenda_items=["1.2"], content=b"Our views.",
        )  # fmt: skip
        assert (document["source"], document["source_name"]) == (str(member["id"]), "Radio SA")
        assert _last_actor(session) == ("uc-rep", "governance.document.submit")
        with pytest.raises(Forbidden, match="does not represent Radio SA"):
            governance.submit_document(
                session, principal=DELEGATES["FR"], conference="WRC-U", number="WRC-U/6",
                title="Views", kind=DocumentKind.INFORMATION, source=str(member["id"]),
                language="en", agenda_items=["1.2"], content=b"Not ours.",
            )  # fmt: skip


def test_a_preview_reads_the_proposal_and_records_nothing(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        _conference(session)
    with sessions() as session:
        before = versions.read(session, "governance")
        upside_down = {**ADD_MOBILE, "low": "3400 MHz", "high": "3300 MHz"}
        with pytest.raises(InvalidInput) as refused:
            governance.preview_proposal(
                session, conference="WRC-U", amendments=[ADD_MOBILE, upside_down]
            )
        assert refused.value.field == "amendments[1].low"
        preview = governance.preview_proposal(session, conference="WRC-U", amendments=[ADD_MOBILE])
        assert preview["matter"] == "radio-regulations"
        (read,) = preview["readable"]
        assert read["change"] == (
            "Region 1, 3300-3400 MHz: adds MOBILE EXCEPT AERONAUTICAL MOBILE (primary)"
        )
        assert len(read["after"]) == 1
        assert "MOBILE EXCEPT AERONAUTICAL MOBILE" in read["after"][0]
        assert versions.read(session, "governance") == before
        assert governance.conference_document(session, code="WRC-U")["proposals"] == []


def test_a_delegation_sees_its_own_proposals_and_the_votes_open_to_it(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session, session.begin():
        _conference(session)
        for state in ("FR", "DE"):
            governance.submit_proposal(
                session, principal=DELEGATES[state], conference="WRC-U", agenda_item="1.2",
                state=state, title=f"Proposal of {state}", amendments=[],
            )  # fmt: skip
        vote = governance.open_vote(session, principal=SEC, conference="WRC-U", question="Q?")
    with sessions() as session:
        view = governance.delegation_view(session, principal=DELEGATES["DE"], conference="WRC-U")
    assert [p["title"] for p in view["proposals"]] == ["Proposal of DE"]
    assert view["takes_proposals"] and view["delegation"]["credentials_accepted"]
    assert [v["for_states"] for v in view["votes"]] == [[{"state": "DE", "voted": False}]]
    with sessions() as session, session.begin():
        governance.cast_ballot(session, principal=DELEGATES["DE"], vote_id=vote["id"],
                               state="DE", choice=Choice.FOR)  # fmt: skip
    with sessions() as session:
        view = governance.delegation_view(session, principal=DELEGATES["DE"], conference="WRC-U")
    assert [v["for_states"] for v in view["votes"]] == [[{"state": "DE", "voted": True}]]
    with sessions() as session, session.begin():
        governance.close_vote(session, principal=SEC, vote_id=vote["id"])
    with sessions() as session:
        assert (
            governance.delegation_view(session, principal=DELEGATES["DE"], conference="WRC-U")[
                "votes"
            ]
            == []
        )
        with pytest.raises(Forbidden):
            governance.delegation_view(session, principal=SEC, conference="WRC-U")
