"""The finding from its parts: completeness (Appendix 4), No. 11.31, and the technical
and coordination parts handed in; recording with a favourable finding or under No. 4.4."""

from __future__ import annotations

from datetime import date

import pytest

from openitu.errors import Conflict
from openitu.register.examination import (
    Affected,
    CoordinationPart,
    Decision,
    Regulatory,
    Result,
    TechnicalPart,
    decide,
    may_record,
    may_return,
    missing_items,
)
from openitu.register.notice import parse_notice
from register_fixtures import fixed_link, fm_station, land_mobile_in_fm_band

DAY = date(2026, 12, 7)
CONFORMS = Regulatory(True, "primary", "RR-2012", 1, "FR", ("allocated to fixed",))
FAILS = Regulatory(False, None, "RR-2012", 1, "FR", ("87.5 MHz-100 MHz (Region 1): no allocation",))
UNEXAMINED = TechnicalPart.not_examined("not wired")
NO_COORDINATION = CoordinationPart(examined=False)


def test_missing_items_follow_the_class_of_station() -> None:
    assert missing_items(parse_notice(fixed_link("FR", "L"))) == []
    assert missing_items(parse_notice(fm_station("DE", "F", tx__polarization=None))) == [
        "tx.polarization"
    ]
    lacking = parse_notice(fixed_link("FR", "L", rx=None, date_of_bringing_into_use=None))
    assert missing_items(lacking) == [
        "date_of_bringing_into_use", "rx.lat_deg", "rx.lon_deg", "rx.antenna_height_m",
    ]  # fmt: skip


def test_a_complete_conforming_notice_is_favourable_and_says_what_was_not_examined() -> None:
    notice = parse_notice(fixed_link("FR", "L"))
    finding = decide(notice, date_of_receipt=DAY, regulatory=CONFORMS, technical=UNEXAMINED,
                     coordination=NO_COORDINATION)  # fmt: skip
    assert finding.result is Result.FAVOURABLE
    document = finding.as_dict()
    assert document["technical"]["examined"] is False
    assert document["recordable_under"] == "No. 11.31"
    assert may_record(Decision.of(document)) == "No. 11.31"
    with pytest.raises(Conflict):
        may_return(Decision.of(document))


def test_no_4_4_only_when_asked_and_only_for_the_table() -> None:
    asked = parse_notice(land_mobile_in_fm_band("FR", "P", request_4_4=True))
    finding = decide(asked, date_of_receipt=DAY, regulatory=FAILS, technical=UNEXAMINED,
                     coordination=NO_COORDINATION)  # fmt: skip
    assert (finding.result, finding.recordable_under) == (Result.UNFAVOURABLE, "No. 4.4")
    not_asked = parse_notice(land_mobile_in_fm_band("FR", "P"))
    finding = decide(not_asked, date_of_receipt=DAY, regulatory=FAILS, technical=UNEXAMINED,
                     coordination=NO_COORDINATION)  # fmt: skip
    with pytest.raises(Conflict, match="was not requested"):
        may_record(Decision.of(finding.as_dict()))
    # Interference found: No. 4.4 does not cover it (no harmful interference is its condition).
    hit = TechnicalPart(examined=True, affected=(Affected(7, "DE", 98.1e6, -6.5),))
    finding = decide(asked, date_of_receipt=DAY, regulatory=FAILS, technical=hit,
                     coordination=NO_COORDINATION)  # fmt: skip
    assert finding.recordable_under is None
    assert "assignment 7 (DE, 98100000 Hz): margin -6.5 dB" in finding.reasons[-1].text


def test_pending_coordination_makes_the_finding_unfavourable() -> None:
    notice = parse_notice(fixed_link("FR", "L", agreements=["DE"]))
    pending = CoordinationPart(examined=True, required_with=("CH", "DE"), agreed_with=("DE",))
    finding = decide(notice, date_of_receipt=DAY, regulatory=CONFORMS, technical=UNEXAMINED,
                     coordination=pending)  # fmt: skip
    assert finding.result is Result.UNFAVOURABLE
    assert finding.as_dict()["coordination"]["pending"] == ["CH"]
    assert finding.reasons[-1].provision == "No. 11.32A"
