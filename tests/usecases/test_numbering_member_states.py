"""Only a Member State's administration applies for numbering resources (issue 7: the
administrations the numbering capability knows are the ITU's Member States)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal
from openitu.errors import InvalidInput
from openitu.numbering.workflow import Application
from openitu.store.tables.numbering import NumberingApplication
from openitu.usecases import numbering as usecases


def _apply(
    session: Session, officer: Principal, administration: str, when: datetime
) -> Application:
    return usecases.submit_application(
        session,
        principal=officer,
        administration=administration,
        kind="mnc",
        code="20899",
        holder="Applicant network",
        received_at=when,
    )


@pytest.mark.parametrize(
    ("administration", "reason"),
    [
        ("PS", "is not a Member State of the ITU"),  # an observer (PP Resolution 99)
        ("GP", "is not a Member State of the ITU"),  # a territory, France's administration
    ],
)
def test_an_observer_or_a_territory_cannot_apply(
    sessions: sessionmaker[Session],
    officer: Callable[[str], Principal],
    administration: str,
    reason: str,
) -> None:
    with sessions() as session, session.begin():
        before = session.scalar(select(func.count()).select_from(NumberingApplication))
        with pytest.raises(InvalidInput) as refused:
            _apply(session, officer(administration), administration, datetime.now(UTC))
        assert refused.value.field == "administration"
        assert reason in refused.value.reason
        after = session.scalar(select(func.count()).select_from(NumberingApplication))
    assert after == before


def test_a_state_applies_only_from_the_day_it_is_a_member(
    sessions: sessionmaker[Session], officer: Callable[[str], Principal]
) -> None:
    # Palau became the 194th Member State on 19 September 2024.
    with sessions() as session, session.begin():
        with pytest.raises(InvalidInput) as refused:
            _apply(session, officer("PW"), "PW", datetime(2024, 9, 18, 12, tzinfo=UTC))
        assert "2024-09-19" in refused.value.reason
        accepted = _apply(session, officer("PW"), "PW", datetime(2024, 9, 19, 12, tzinfo=UTC))
    assert accepted.applicant == "PW"
