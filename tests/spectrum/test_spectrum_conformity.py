"""Conformity with the Table, including footnotes that act in named countries only."""

from __future__ import annotations

import pytest

from openitu.errors import InvalidInput
from openitu.spectrum import queries
from openitu.spectrum.table import AllocationTable


def check(table: AllocationTable, **kwargs: object) -> dict[str, object]:
    return queries.check_assignment(table, **kwargs)  # type: ignore[arg-type]


def test_primary_allocation_conforms(table: AllocationTable) -> None:
    result = check(table, service="fixed", low="3400 MHz", high="3410 MHz", region=1)
    assert result["conforms"] is True
    assert result["category"] == "primary"


def test_unallocated_service_does_not_conform(table: AllocationTable) -> None:
    result = check(table, service="broadcasting", low="3400 MHz", high="3410 MHz", region=1)
    assert result["conforms"] is False
    assert result["category"] is None
    assert any("no allocation" in reason for reason in result["reasons"])  # type: ignore[union-attr]


def test_land_mobile_conforms_with_mobile_except_aeronautical(table: AllocationTable) -> None:
    # 3 600-3 700 MHz Region 2: MOBILE except aeronautical mobile.
    assert check(table, service="land mobile", low="3.61 GHz", high="3.62 GHz", region=2)[
        "conforms"
    ]
    assert not check(
        table, service="aeronautical mobile", low="3.61 GHz", high="3.62 GHz", region=2
    )["conforms"]


def test_additional_allocation_applies_in_named_countries_only(table: AllocationTable) -> None:
    # RR 5.54B: in Algeria, ... the band 8.3-9 kHz is also allocated to the
    # radionavigation, fixed and mobile services on a primary basis.
    in_algeria = check(
        table, service="fixed", low="8.4 kHz", high="8.8 kHz", region=1, country="DZ"
    )
    assert in_algeria["conforms"] is True
    assert in_algeria["category"] == "primary"
    assert any("5.54B" in reason for reason in in_algeria["reasons"])  # type: ignore[union-attr]
    in_france = check(table, service="fixed", low="8.4 kHz", high="8.8 kHz", region=1, country="FR")
    assert in_france["conforms"] is False
    worldwide = check(table, service="fixed", low="8.4 kHz", high="8.8 kHz", region=1)
    assert worldwide["conforms"] is False


def test_different_category_in_named_countries(table: AllocationTable) -> None:
    # RR 5.430A: in Germany (among others) mobile at 3 400-3 600 MHz is primary;
    # the Region 1 Table has it secondary.
    plain = check(table, service="mobile", low="3.4 GHz", high="3.41 GHz", region=1)
    assert plain["category"] == "secondary"
    germany = check(table, service="mobile", low="3.4 GHz", high="3.41 GHz", country="DE")
    assert germany["category"] == "primary"
    assert germany["region"] == 1


def test_category_over_a_range_is_the_lowest(table: AllocationTable) -> None:
    # Region 1: 223-230 MHz BROADCASTING, Fixed, Mobile; 230-235 MHz FIXED, MOBILE.
    upper = check(table, service="fixed", low="231 MHz", high="232 MHz", region=1)
    assert upper["category"] == "primary"
    across = check(table, service="fixed", low="225 MHz", high="232 MHz", region=1)
    assert across["conforms"] is True
    assert across["category"] == "secondary"


def test_country_in_another_region_is_refused(table: AllocationTable) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(table, service="fixed", low="3.4 GHz", high="3.41 GHz", region=1, country="US")
    assert caught.value.field == "country"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service": "fixed", "low": "2 GHz", "high": "1 GHz", "region": 1}, "low"),
        ({"service": "fixed", "low": "-1 GHz", "high": "1 GHz", "region": 1}, "low"),
        ({"service": "fixed", "low": "1 GHz", "high": "abc", "region": 1}, "high"),
        ({"service": "warp", "low": "1 GHz", "high": "2 GHz", "region": 1}, "service"),
        ({"service": "fixed", "low": "1 GHz", "high": "2 GHz", "region": 7}, "region"),
        ({"service": "fixed", "low": "1 GHz", "high": "2 GHz", "region": None}, "region"),
        ({"service": "fixed", "low": "1 GHz", "high": "2 GHz", "country": "QQ"}, "country"),
    ],
)
def test_bad_input_names_the_field(
    table: AllocationTable, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        check(table, **kwargs)
    assert caught.value.field == field


def test_footnote_with_several_country_groups(table: AllocationTable) -> None:
    # RR 5.164: in Albania, ... the band 47-68 MHz, in South Africa the band 47-50 MHz,
    # and in Latvia the band 48.5-56.5 MHz, are also allocated to the land mobile
    # service on a primary basis.
    def land_mobile(low: str, high: str, country: str) -> object:
        return check(table, service="land mobile", low=low, high=high, country=country)["category"]

    assert land_mobile("60 MHz", "61 MHz", "AL") == "primary"
    assert land_mobile("48 MHz", "49 MHz", "ZA") == "primary"
    assert land_mobile("60 MHz", "61 MHz", "LV") is None  # Latvia: 48.5-56.5 MHz only
    assert land_mobile("50 MHz", "51 MHz", "LV") == "primary"


def test_regional_additional_allocation_holds_in_that_region(table: AllocationTable) -> None:
    # RR 5.74: in Region 1, 285.3-285.7 kHz is also allocated to the maritime
    # radionavigation service (other than radiobeacons) on a primary basis.
    result = check(
        table, service="maritime radionavigation", low="285.4 kHz", high="285.6 kHz", region=1
    )
    assert result["category"] == "primary"
