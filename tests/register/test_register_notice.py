"""Reading a notice (Appendix 4 data): every field checked, the bad one named."""

from __future__ import annotations

from typing import Any

import pytest

from openitu.errors import Forbidden, InvalidInput
from openitu.register.notice import parse_notice, unflatten
from register_fixtures import fixed_link, fm_station


def _field(raw: Any) -> str:
    with pytest.raises(InvalidInput) as bad:
        parse_notice(raw)
    return bad.value.field


def test_a_fixed_link_is_read_with_its_bandwidth_from_the_emission() -> None:
    notice = parse_notice(fixed_link("fr", " L1 "))
    assert (notice.administration, notice.reference, notice.station_class) == ("FR", "L1", "FX")
    # RR Appendix 1 §1: 28M0 is a necessary bandwidth of 28 MHz.
    assert notice.necessary_bandwidth_hz == 28e6
    assert (notice.low_hz, notice.high_hz) == (6_161e6, 6_189e6)
    assert notice.rx is not None and notice.rx.lon_deg == 2.60  # 0.2 degrees east of tx
    assert parse_notice(notice.as_dict()) == notice  # what it writes, it reads


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"administration": "XX"}, "administration"),
        ({"administration": "PS"}, "administration"),  # an observer, not a Member State
        ({"reference": ""}, "reference"),
        ({"service": "teleportation"}, "service"),
        ({"station_class": "ZZ"}, "station_class"),
        ({"station_class": "BC"}, "station_class"),  # a broadcasting station is not fixed
        ({"frequency_hz": 1000}, "frequency_hz"),  # below 8.3 kHz (RR Article 5)
        ({"frequency_hz": 3.1e12}, "frequency_hz"),  # above 3 000 GHz (No. 2.1)
        ({"frequency_hz": "nan"}, "frequency_hz"),
        ({"frequency_hz": True}, "frequency_hz"),
        ({"emission": "28M0"}, "emission"),
        ({"necessary_bandwidth_hz": 10e6}, "necessary_bandwidth_hz"),
        ({"tx__lat_deg": 90.5}, "tx.lat_deg"),
        ({"tx__lon_deg": -181}, "tx.lon_deg"),
        ({"tx__lat_deg": None}, "tx.lat_deg"),
        ({"tx__antenna_height_m": -3}, "tx.antenna_height_m"),
        ({"tx__azimuth_deg": 361}, "tx.azimuth_deg"),
        ({"tx__polarization": "Q"}, "tx.polarization"),
        ({"tx__colour": "blue"}, "tx.colour"),
        ({"rx__eirp_dbw": 3}, "rx.eirp_dbw"),  # a receiver has no e.i.r.p.
        ({"date_of_bringing_into_use": "2027-13-01"}, "date_of_bringing_into_use"),
        ({"agreements": ["FR"]}, "agreements[0]"),
        ({"agreements": "DE"}, "agreements"),
        ({"request_4_4": "maybe"}, "request_4_4"),
        ({"callsign": "F1ABC"}, "callsign"),
    ],
)
def test_each_bad_field_is_named(changes: dict[str, Any], field: str) -> None:
    assert _field(fixed_link("FR", "L1", **changes)) == field


def test_a_state_that_is_not_a_member_on_the_day_is_refused() -> None:
    # South Sudan joined the ITU in 2011 (data/governance/member_states.tsv).
    from datetime import date

    with pytest.raises(InvalidInput) as bad:
        parse_notice(fixed_link("SS", "L1"), on=date(2005, 1, 1))
    assert bad.value.field == "administration"


def test_csv_rows_are_unflattened_by_their_dotted_names() -> None:
    row = {"administration": "DE", "tx.lat_deg": "48.0", "tx.lon_deg": " 7.85 ", "rx.lat_deg": "",
           "agreements": "FR;CH"}  # fmt: skip
    assert unflatten(row) == {
        "administration": "DE", "tx": {"lat_deg": "48.0", "lon_deg": "7.85"},
        "agreements": ["FR", "CH"],
    }  # fmt: skip
    with pytest.raises(InvalidInput):
        unflatten({"tx": "1", "tx.lat_deg": "2"})


def test_content_hash_tells_a_repeat_from_a_modification() -> None:
    first = parse_notice(fm_station("DE", "FM1"))
    assert parse_notice(fm_station("DE", "FM1")).content_hash() == first.content_hash()
    moved = parse_notice(fm_station("DE", "FM1", tx__eirp_dbw=51))
    assert moved.content_hash() != first.content_hash()


def test_not_a_notice_at_all() -> None:
    assert _field([1, 2]) == "notice"
    assert _field({"administration": "FR"}) == "reference"
    with pytest.raises((InvalidInput, Forbidden)):
        parse_notice({"administration": 12})
