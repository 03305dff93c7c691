"""Load the Member States into the members table (idempotent: adds the missing ones and
keeps names, dates and LDC status in step with the shipped list)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from openitu.governance.members import MemberKind, member_states
from openitu.store.db import unit_of_work
from openitu.store.tables.governance import GovernanceMember


def load(sessions: sessionmaker[Session]) -> Iterator[str]:
    added = updated = 0
    with unit_of_work(sessions) as session:
        existing = {
            row.iso2: row
            for row in session.scalars(
                select(GovernanceMember).where(GovernanceMember.iso2.is_not(None))
            )
        }
        for state in member_states():
            row = existing.get(state.iso2)
            if row is None:
                session.add(
                    GovernanceMember(
                        kind=MemberKind.MEMBER_STATE.value,
                        iso2=state.iso2,
                        name=state.name,
                        country=state.iso2,
                        sector=None,
                        admitted=state.member_since,
                        least_developed=state.least_developed,
                    )
                )
                added += 1
            elif (row.name, row.admitted, row.least_developed) != (
                state.name,
                state.member_since,
                state.least_developed,
            ):
                row.name = state.name
                row.admitted = state.member_since
                row.least_developed = state.least_developed
                updated += 1
    yield f"governance: {len(member_states())} Member States ({added} added, {updated} updated)"
