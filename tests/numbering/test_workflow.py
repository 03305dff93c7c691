"""The workflow's pure rules, without a database: who comes first, what a change notice
publishes, which steps a principal is offered. (The checks against the register run on
the database in tests/usecases/test_numbering.py.)"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from openitu.accounts import Principal, Role
from openitu.errors import Conflict, InvalidInput
from openitu.numbering.workflow import (
    Application,
    HeldCode,
    Status,
    Unpublished,
    actions_for,
    by_receipt,
    clean_text,
    compose_notice,
    first_come,
    may_see,
    parse_code,
    require_reclaimable_directly,
    to_publish,
)

NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _application(
    id: int, code: str, received_at: datetime, status: Status = Status.RECEIVED
) -> Application:
    parsed = parse_code("mnc", code)
    return Application(
        kind=parsed.kind,
        code=parsed,
        applicant="DE",
        holder=f"Network {id}",
        received_at=received_at,
        id=id,
        status=status,
    )


def test_the_earliest_pending_application_for_the_code_comes_first() -> None:
    later = _application(1, "262-98", NOON)
    earlier = _application(2, "262-98", NOON - timedelta(hours=1))
    other_code = _application(3, "262-97", NOON - timedelta(days=1))
    decided = _application(4, "262-98", NOON - timedelta(days=2), Status.REJECTED)
    assert first_come(later, [later, earlier, other_code, decided]) == earlier
    assert first_come(earlier, [later, earlier, other_code, decided]) is None
    # Registered order breaks a tie between applications received at the same instant.
    twin = _application(5, "262-98", NOON)
    assert first_come(twin, [later, twin]) == later
    assert [a.id for a in by_receipt([twin, later, earlier])] == [2, 1, 5]


def _change(action: str, code: str, *, published: bool = True, app: int | None = 1) -> Unpublished:
    return Unpublished(
        action=action,
        status="assigned" if action == "ADD" else "reclaimed",
        kind="mnc",
        code=code,
        holder="Net",
        country="DE",
        application_id=app,
        resource_id=None if app else 7,
        assignment_published=published,
    )


def test_a_notice_publishes_withdrawals_first_and_only_of_published_codes() -> None:
    add = _change("ADD", "262-98")
    sup = _change("SUP", "262-97")
    never_published = _change("SUP", "262-96", published=False)
    bulletin_code = _change("SUP", "262-01", app=None)
    chosen = to_publish([add, sup, never_published, bulletin_code])
    assert [(c.action, c.code) for c in chosen] == [
        ("SUP", "262-97"),
        ("SUP", "262-01"),
        ("ADD", "262-98"),
    ]
    notice = compose_notice(3, date(2026, 3, 2), chosen)
    assert notice.title.startswith("Change notice No. 3 of 2026-03-02")
    assert [e.code for e in notice.entries] == ["262-97", "262-01", "262-98"]


def test_nothing_to_publish_is_a_conflict() -> None:
    with pytest.raises(Conflict, match="nothing to publish"):
        to_publish([_change("SUP", "262-96", published=False)])


def test_the_tsb_sees_and_decides_every_application_an_officer_their_own() -> None:
    tsb = Principal(role=Role.SECRETARIAT, username="clerk", via="cli")
    de = Principal(role=Role.NOTIFYING_OFFICER, username="de", administration="DE", via="cli")
    fr = Principal(role=Role.NOTIFYING_OFFICER, username="fr", administration="FR", via="cli")
    received = _application(1, "262-98", NOON)
    assigned = _application(2, "262-97", NOON, Status.ASSIGNED)
    assert actions_for(tsb, received) == ["check"]
    assert actions_for(tsb, assigned) == ["reclaim"]
    assert actions_for(de, received) == ["withdraw"]
    assert actions_for(de, assigned) == ["return"]
    assert actions_for(fr, received) == []
    assert may_see(tsb, "DE") and may_see(de, "DE") and not may_see(fr, "DE")


def test_a_code_assigned_through_an_application_is_reclaimed_through_it() -> None:
    bulletin = HeldCode(1, "mnc", "262-01", "Telekom", "DE", None)
    require_reclaimable_directly(bulletin)
    applied = HeldCode(2, "mnc", "262-98", "Net", "DE", 12)
    with pytest.raises(Conflict, match="application 12"):
        require_reclaimable_directly(applied)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("   ", "must not be empty"), ("x" * 201, "at most 200"), ("a\x07b", "control characters")],
)
def test_free_text_is_trimmed_bounded_and_printable(text: str, reason: str) -> None:
    assert clean_text("holder", "  Net  ", max_length=200) == "Net"
    with pytest.raises(InvalidInput, match=reason) as refused:
        clean_text("holder", text, max_length=200)
    assert refused.value.field == "holder"
