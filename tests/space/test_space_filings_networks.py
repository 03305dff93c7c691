"""The filing life cycle and its time limits (RR Nos. 11.44, 11.44B, 11.49, Resolution 49),
and filings refused field by field."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest

from openitu.errors import InvalidInput
from openitu.space import filings
from openitu.space.filings import Event, Status, Step
from openitu.space.networks import parse_network

CR = date(2020, 3, 10)  # date of receipt of the coordination request
SEVEN_YEARS = date(2027, 3, 10)  # No. 11.44: seven years after CR


def _events(*steps: tuple[Step, date] | Event) -> list[Event]:
    return [s if isinstance(s, Event) else Event(s[0], s[1]) for s in steps]


def test_seven_years_to_bring_into_use_then_lapse() -> None:
    events = _events((Step.COORDINATION_REQUEST, CR))
    state = filings.evaluate(events, as_of=SEVEN_YEARS)
    limit = {d.name: d for d in state.deadlines}["bringing_into_use"]
    assert limit.due == SEVEN_YEARS and limit.provision == "RR No. 11.44"
    assert state.status is Status.COORDINATION_REQUESTED  # the last day still counts
    later = filings.evaluate(events, as_of=SEVEN_YEARS + timedelta(days=1))
    assert later.status is Status.LAPSED
    assert later.lapsed_on == SEVEN_YEARS + timedelta(days=1)
    assert later.lapse_provision in ("RR No. 11.44", "Resolution 49 (Rev.WRC-19)")


def test_reminder_before_the_deadline() -> None:
    events = _events((Step.COORDINATION_REQUEST, CR))
    early = filings.evaluate(events, as_of=SEVEN_YEARS - timedelta(days=200)).as_dict()
    close = filings.evaluate(events, as_of=SEVEN_YEARS - timedelta(days=30)).as_dict()
    assert early["reminders"] == []
    assert "bringing_into_use" in close["reminders"]


def test_brought_into_use_in_time_with_due_diligence_stays_in_use() -> None:
    biu = date(2025, 1, 15)
    events = _events(
        (Step.COORDINATION_REQUEST, CR), (Step.NOTIFICATION, date(2024, 6, 1)),
        (Step.RECORDING, date(2024, 9, 1)), (Step.BRINGING_INTO_USE, biu),
        (Step.DUE_DILIGENCE, date(2025, 3, 1)),
    )  # fmt: skip
    during = filings.evaluate(events, as_of=biu + timedelta(days=30)).as_dict()
    period = {d["name"]: d for d in during["deadlines"]}["continuous_operation"]
    # No. 11.44B: counted as brought into use once 90 continuous days have run.
    assert period["due"] == (biu + timedelta(days=90)).isoformat()
    assert period["state"] == "pending"
    state = filings.evaluate(events, as_of=date(2030, 1, 1))
    assert state.status is Status.IN_USE
    assert {d.name: d.state(state.as_of) for d in state.deadlines} == {
        "bringing_into_use": "met", "due_diligence": "met", "continuous_operation": "met",
    }  # fmt: skip


def test_missing_due_diligence_lapses_at_the_same_limit() -> None:
    events = _events((Step.COORDINATION_REQUEST, CR), (Step.BRINGING_INTO_USE, date(2025, 1, 15)))
    state = filings.evaluate(events, as_of=SEVEN_YEARS + timedelta(days=1))
    assert state.status is Status.LAPSED
    assert state.lapse_provision == "Resolution 49 (Rev.WRC-19)"


def _in_use(suspended_on: date, informed_on: date | None = None) -> list[Event]:
    return _events(
        (Step.COORDINATION_REQUEST, CR), (Step.BRINGING_INTO_USE, date(2021, 1, 1)),
        (Step.DUE_DILIGENCE, date(2021, 2, 1)),
        Event(Step.SUSPENSION, suspended_on, informed_on=informed_on),
    )  # fmt: skip


def test_suspension_resumed_within_three_years() -> None:
    suspended = date(2022, 5, 1)
    resumed = date(2025, 4, 30)  # No. 11.49: within three years of the suspension
    events = [*_in_use(suspended), Event(Step.RESUMPTION, resumed)]
    state = filings.evaluate(events, as_of=date(2026, 1, 1))
    assert state.status is Status.IN_USE
    assert {d.name: d.due for d in state.deadlines}["resumption"] == date(2025, 5, 1)


def test_suspension_lapses_after_three_years() -> None:
    suspended = date(2022, 5, 1)
    events = _in_use(suspended)
    assert filings.evaluate(events, as_of=date(2025, 5, 1)).status is Status.SUSPENDED
    state = filings.evaluate(events, as_of=date(2025, 5, 2))
    assert state.status is Status.LAPSED and state.lapse_provision == "RR No. 11.49"
    # A resumption after the limit is refused, naming the step.
    with pytest.raises(InvalidInput) as caught:
        filings.check_step(events, Event(Step.RESUMPTION, date(2025, 6, 1)))
    assert caught.value.field == "step"


def test_late_notice_of_suspension_shortens_the_three_years() -> None:
    suspended = date(2022, 5, 1)
    informed = date(2023, 1, 1)  # 2 months (61 days) after the six months ran out
    state = filings.evaluate(_in_use(suspended, informed), as_of=date(2023, 2, 1))
    due = {d.name: d.due for d in state.deadlines}["resumption"]
    assert due == date(2025, 5, 1) - (informed - date(2022, 11, 1))


def test_steps_out_of_order_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        filings.check_step([], Event(Step.NOTIFICATION, CR))
    assert caught.value.field == "step"
    events = _events((Step.COORDINATION_REQUEST, CR))
    with pytest.raises(InvalidInput) as caught:
        filings.check_step(events, Event(Step.NOTIFICATION, CR - timedelta(days=1)))
    assert caught.value.field == "date_of_receipt"
    filings.check_step(events, Event(Step.NOTIFICATION, CR + timedelta(days=1)))


def network_document() -> dict[str, Any]:
    return {
        "name": "TESTSAT-12E",
        "administration": "FR",
        "orbit": "gso",
        "longitude_deg": 12.0,
        "earth_stations": [{"name": "PARIS", "lat_deg": 48.85, "lon_deg": 2.35, "gain_dbi": 52.0}],
        "beams": [
            {"name": "KU-UP", "direction": "up", "service": "fixed-satellite",
             "frequencies": [{"low_hz": "14.0GHz", "high_hz": "14.5GHz"}], "gain_dbi": 32.0,
             "noise_temperature_k": 600.0, "power_density_dbw_hz": -50.0,
             "earth_station": "PARIS", "emission": "36M0G7W"},
        ],
    }  # fmt: skip


def test_a_good_network_parses() -> None:
    network = parse_network(network_document())
    assert network.administration == "FR"
    assert network.beams[0].frequencies[0].low_hz == 14.0e9
    assert network.station("PARIS").pattern == "AP8"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["beams"][0].pop("frequencies"), "beams[0].frequencies"),
        (lambda d: d["beams"][0].update(frequencies=[]), "beams[0].frequencies"),
        (lambda d: d.update(longitude_deg=181.0), "longitude_deg"),
        (lambda d: d.update(administration="XX"), "administration"),
        (lambda d: d.update(administration="PR"), "administration"),  # a territory, not a state
        (lambda d: d["beams"][0].update(direction="sideways"), "beams[0].direction"),
        (lambda d: d["beams"][0].update(earth_station="LYON"), "beams[0].earth_station"),
        (lambda d: d["beams"][0]["frequencies"][0].update(high_hz="13GHz"),
         "beams[0].frequencies[0].high_hz"),
        (lambda d: d.update(beams=[]), "beams"),
        (lambda d: d["earth_stations"][0].update(pattern="S.999"), "earth_stations[0].pattern"),
    ],
)  # fmt: skip
def test_bad_filings_name_the_field(change: Any, field: str) -> None:
    document = copy.deepcopy(network_document())
    change(document)
    with pytest.raises(InvalidInput) as caught:
        parse_network(document)
    assert caught.value.field == field
