"""The circular's parts: each event in its Part, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from openitu.register.circular import CircularEntry, compose, next_due
from openitu.register.status import Event

T0 = datetime(2026, 12, 7, 9, tzinfo=UTC)


def _entry(event: Event, minutes: int, notice_id: int) -> CircularEntry:
    return CircularEntry(event, T0 + timedelta(minutes=minutes), notice_id, "FR", f"R{notice_id}",
                         "fixed", "FX", 6.175e9, T0, {"recorded_under": "No. 11.31"})  # fmt: skip


def test_events_land_in_their_parts_in_order() -> None:
    parts = compose([
        _entry(Event.RECORDED, 5, 1), _entry(Event.NOTIFIED, 1, 2), _entry(Event.NOTIFIED, 0, 1),
        _entry(Event.EXAMINED, 3, 1), _entry(Event.RETURNED, 4, 2), _entry(Event.MODIFIED, 6, 2),
    ])  # fmt: skip
    assert [(e["notice_id"], e["event"]) for e in parts["I"]] == [
        (1, "notified"), (2, "notified"), (2, "modified"),
    ]  # fmt: skip
    assert [e["notice_id"] for e in parts["II"]] == [1]
    assert parts["II"][0]["recorded_under"] == "No. 11.31"
    assert [e["notice_id"] for e in parts["III"]] == [2]


def test_the_next_circular_is_due_a_period_later() -> None:
    assert next_due(T0, 14) == T0 + timedelta(days=14)
