"""The circular's parts: each event in its Part, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from openitu.register.circular import (
    PRINT_COLUMNS,
    CircularEntry,
    compose,
    format_frequency,
    format_location,
    next_due,
    print_csv,
    print_row,
)
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


def test_frequencies_print_in_the_unit_of_rr_2_1() -> None:
    assert format_frequency(1_500_000) == "1500 kHz"
    assert format_frequency(3_000_000) == "3000 kHz"  # up to and including 3 000 kHz
    assert format_frequency(98_000_000) == "98 MHz"
    assert format_frequency(3_000_000_000) == "3000 MHz"
    assert format_frequency(6_175_250_000) == "6.17525 GHz"


def test_locations_print_in_degrees_minutes_seconds() -> None:
    assert format_location(48.58, 7.75) == "48°34'48\"N 7°45'00\"E"
    assert format_location(-33.8675, -151.2) == "33°52'03\"S 151°12'00\"W"
    assert format_location(None, 7.75) == ""


def test_each_part_prints_the_ific_columns_and_its_finding() -> None:
    parts = compose([
        _entry(Event.NOTIFIED, 0, 1), _entry(Event.RECORDED, 5, 1), _entry(Event.RETURNED, 6, 2),
    ])  # fmt: skip
    parts["I"][0] |= {"lat_deg": 48.58, "lon_deg": 7.75}
    parts["III"][0]["finding"] = "unfavourable"
    rows = {part: [print_row(part, e) for e in entries] for part, entries in parts.items()}
    assert [key for key, _ in PRINT_COLUMNS] == [
        "notice_id", "administration", "reference", "frequency", "station_class", "location",
        "finding", "date_of_receipt",
    ]  # fmt: skip
    assert rows["I"][0] == {
        "notice_id": "1", "administration": "FR", "reference": "R1", "frequency": "6.175 GHz",
        "station_class": "FX", "location": "48°34'48\"N 7°45'00\"E",
        "finding": "not yet examined", "date_of_receipt": "2026-12-07",
    }  # fmt: skip
    assert rows["II"][0]["finding"] == "favourable (No. 11.31)"
    assert rows["III"][0]["finding"] == "unfavourable"
    table = print_csv(rows).splitlines()
    assert table[0] == ("part,notice_id,administration,reference,frequency,station_class,"
                        "location,finding,date_of_receipt")  # fmt: skip
    assert [line.split(",")[:2] for line in table[1:]] == [["I", "1"], ["II", "1"], ["III", "2"]]
