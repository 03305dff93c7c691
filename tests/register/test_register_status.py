"""The status machine of a notice: which event is allowed from which status."""

from __future__ import annotations

import pytest

from openitu.errors import Conflict, InvalidInput
from openitu.register.status import Event, Status, after, parse_status


def test_the_life_of_a_returned_then_recorded_notice() -> None:
    status = after(Event.NOTIFIED, None)
    for event in (Event.EXAMINED, Event.RETURNED, Event.MODIFIED, Event.EXAMINED,
                  Event.AGREEMENT, Event.RECORDED, Event.SUPPRESSED):  # fmt: skip
        status = after(event, status)
    assert status is Status.SUPPRESSED


@pytest.mark.parametrize(
    ("event", "status"),
    [
        (Event.RECORDED, Status.RECEIVED),  # never recorded unexamined
        (Event.RETURNED, Status.RECORDED),
        (Event.EXAMINED, Status.RETURNED),  # a returned notice is modified first
        (Event.WITHDRAWN, Status.RECORDED),  # a recorded one is suppressed instead
        (Event.SUPPRESSED, Status.EXAMINED),
        (Event.MODIFIED, Status.WITHDRAWN),
        (Event.AGREEMENT, Status.SUPPRESSED),
        (Event.NOTIFIED, Status.RECEIVED),
    ],
)
def test_refused_steps_are_conflicts(event: Event, status: Status) -> None:
    with pytest.raises(Conflict) as refused:
        after(event, status)
    assert status.value in refused.value.detail


def test_a_withdrawn_reference_may_be_notified_afresh() -> None:
    assert after(Event.NOTIFIED, Status.WITHDRAWN) is Status.RECEIVED


def test_statuses_are_read_by_name() -> None:
    assert parse_status(" Recorded ") is Status.RECORDED
    with pytest.raises(InvalidInput) as bad:
        parse_status("lost")
    assert bad.value.field == "status"
