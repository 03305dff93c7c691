"""The ICT Development Index: normalisation and weights against hand-computed values and
the ITU's own worked example; a missing indicator reported, never read as zero; ranks
and the gaps between groups."""

from __future__ import annotations

import math

import pytest

from openitu.errors import InvalidInput
from openitu.indicators import idi
from openitu.indicators.catalogue import Figure
from openitu.indicators.idi import IDI_2017, IDI_2023, Component, Method, Pillar


def _figures(**values: float) -> dict[str, Figure]:
    return {k: Figure(v, 2023, "test") for k, v in values.items()}


COMPLETE_2023 = {
    "internet_users_pct": 80.0,
    "households_internet_pct": 70.0,
    "mobile_broadband_per100": 120.0,  # above the goalpost: scores 1
    "coverage_3g_pct": 98.0,
    "coverage_4g_pct": 90.0,
    "mobile_traffic_gb": 10.0,
    "fixed_traffic_gb": 200.0,
    "mobile_basket_gni_pct": 1.5,  # under 2 %: scores 1
    "fixed_basket_gni_pct": 5.6,
    "mobile_phone_owners_pct": 85.0,
}


@pytest.mark.parametrize("m", [IDI_2023, IDI_2017])
def test_weights_sum_to_one_in_every_pillar_and_over_the_pillars(m: Method) -> None:
    assert math.isclose(sum(p.weight for p in m.pillars), 1.0)
    for pillar in m.pillars:
        assert math.isclose(sum(c.weight for c in pillar.components), 1.0)


def test_the_2023_method_has_ten_indicators_in_two_equal_pillars() -> None:
    assert len(IDI_2023.indicators) == 10 and len(set(IDI_2023.indicators)) == 10
    assert [(p.name, p.weight) for p in IDI_2023.pillars] == [
        ("universal connectivity", 0.5),
        ("meaningful connectivity", 0.5),
    ]
    assert len(IDI_2023.pillars[0].components) == 3


def test_the_2017_method_weighs_access_use_skills_40_40_20_over_eleven_indicators() -> None:
    assert [(p.name, p.weight) for p in IDI_2017.pillars] == [
        ("access", 0.4),
        ("use", 0.4),
        ("skills", 0.2),
    ]
    assert len(IDI_2017.indicators) == 11
    assert [c.weight for c in IDI_2017.pillars[0].components] == [0.2] * 5


def test_normalisation_by_hand() -> None:
    assert Component("x", 1, 60.0).score(30.0) == 0.5
    assert Component("x", 1, 100.0).score(130.0) == 1.0  # capped at the goalpost
    assert Component("x", 1, 100.0).score(0.0) == 0.0
    assert math.isclose(Component("x", 1, 22.0, "log1p").score(10.0), math.log(11) / math.log(23))
    price = Component("x", 1, 2.0, "price", worst=20.0)
    assert price.score(1.0) == 1.0 and price.score(20.0) == 0.0 and price.score(40.0) == 0.0
    assert math.isclose(price.score(11.0), 0.5)
    assert math.isclose(Component("x", 1, 1000.0, "log10").score(100.0), 2 / 3)
    assert Component("x", 1, 1000.0, "log10").score(0.5) == 0.0


def test_the_2023_index_by_hand() -> None:
    result = idi.compute("KE", _figures(**COMPLETE_2023), IDI_2023)
    universal = (0.80 + 0.70 + 1.0) / 3
    coverage = (0.98 + 0.90) / 2
    meaningful = (
        coverage
        + math.log(11) / math.log(23)
        + math.log(201) / math.log(515)
        + 1.0
        + (20 - 5.6) / 18
        + 0.85
    ) / 6
    assert result.missing == ()
    assert result.pillars["universal connectivity"] == pytest.approx(100 * universal)
    assert result.pillars["meaningful connectivity"] == pytest.approx(100 * meaningful)
    assert result.value == pytest.approx(100 * (universal + meaningful) / 2)
    assert result.scores["fixed_basket_gni_pct"] == pytest.approx(80.0)


def test_the_2017_machinery_reproduces_the_itu_worked_example() -> None:
    # MIS 2011, Annex 1, Box 1.2: Korea (Rep.), 2010 data, with that edition's reference
    # values (mobile 170, bandwidth 280 377 bit/s, literacy instead of schooling). The
    # published normalised values, to two decimals, and the access sub-index 0.82.
    mis2011 = Method(
        "mis2011", "MIS 2011", "ITU", 10.0,
        (Pillar("access", 0.4, (
            Component("fixed_telephone_per100", 0.2, 60.0),
            Component("mobile_cellular_per100", 0.2, 170.0),
            Component("bandwidth_bits_per_user", 0.2, 280_377.0, "log10"),
            Component("households_computer_pct", 0.2, 100.0),
            Component("households_internet_pct", 0.2, 100.0),
        )),
         Pillar("use", 0.4, (
             Component("internet_users_pct", 1 / 3, 100.0),
             Component("fixed_broadband_per100", 1 / 3, 60.0),
             Component("mobile_broadband_per100", 1 / 3, 100.0),
         )),
         Pillar("skills", 0.2, (
             Component("literacy", 1 / 3, 100.0),
             Component("secondary_ger", 1 / 3, 100.0),
             Component("tertiary_ger", 1 / 3, 100.0),
         ))),
    )  # fmt: skip
    korea = _figures(
        fixed_telephone_per100=59.2, mobile_cellular_per100=105.4,
        bandwidth_bits_per_user=11_878.4, households_computer_pct=82,
        households_internet_pct=97, internet_users_pct=84, fixed_broadband_per100=36.6,
        mobile_broadband_per100=91.0, literacy=97.9, secondary_ger=102.0, tertiary_ger=99.0,
    )  # fmt: skip
    result = idi.compute("KR", korea, mis2011)
    published = {
        "fixed_telephone_per100": 0.99, "mobile_cellular_per100": 0.62,
        "bandwidth_bits_per_user": 0.75, "households_computer_pct": 0.82,
        "households_internet_pct": 0.97, "internet_users_pct": 0.84,
        "fixed_broadband_per100": 0.61, "mobile_broadband_per100": 0.91,
        "literacy": 0.98, "secondary_ger": 1.00, "tertiary_ger": 0.99,
    }  # fmt: skip
    assert {k: round(v / 10, 2) for k, v in result.scores.items()} == published
    assert result.pillars["access"] == pytest.approx(8.2, abs=0.1)


def test_a_missing_indicator_is_reported_not_read_as_zero() -> None:
    values = dict(COMPLETE_2023)
    del values["fixed_traffic_gb"]
    result = idi.compute("KE", _figures(**values), IDI_2023)
    assert result.value is None and not result.computable
    assert result.missing == ("fixed_traffic_gb",)
    assert result.pillars["meaningful connectivity"] is None
    assert result.pillars["universal connectivity"] is not None
    assert "fixed_traffic_gb" not in result.scores
    zero = idi.compute("KE", _figures(**{**values, "fixed_traffic_gb": 0.0}), IDI_2023)
    assert zero.value is not None  # a real zero is a value; a missing figure is not
    assert result.as_dict()["missing"] == ["fixed_traffic_gb"]
    assert result.as_dict()["value"] is None


def test_a_nan_figure_counts_as_missing() -> None:
    values = {**COMPLETE_2023, "internet_users_pct": math.nan}
    assert idi.compute("KE", _figures(**values), IDI_2023).missing == ("internet_users_pct",)


def test_ranks_share_ties_and_leave_the_not_computable_unranked() -> None:
    table = {
        "AA": _figures(**COMPLETE_2023),
        "BB": _figures(**COMPLETE_2023),
        "CC": _figures(**{**COMPLETE_2023, "internet_users_pct": 10.0}),
        "DD": _figures(internet_users_pct=99.0),
        "EE": _figures(**{**COMPLETE_2023, "internet_users_pct": 99.0}),
    }
    ranked = idi.compute_all(table, IDI_2023)
    assert [(r.country, r.rank) for r in ranked] == [
        ("EE", 1), ("AA", 2), ("BB", 2), ("CC", 4), ("DD", None),
    ]  # fmt: skip


def test_group_gaps() -> None:
    values = {"AA": 80.0, "BB": 60.0, "CC": 20.0, "DD": None}
    groups = {"AA": "Region 1", "BB": "Region 1", "CC": "Region 2", "DD": "Region 2"}
    summaries, gap = idi.group_gaps(values, groups)
    by = {s.group: s for s in summaries}
    assert by["Region 1"].mean == 70.0 and by["Region 1"].computable == 2
    assert by["Region 2"].mean == 20.0 and by["Region 2"].countries == 2
    assert by["Region 2"].computable == 1
    assert gap == 50.0
    assert idi.group_gaps({"AA": None}, {"AA": "Region 1"})[1] is None


def test_method_is_chosen_explicitly() -> None:
    assert idi.method("IDI2017") is IDI_2017
    with pytest.raises(InvalidInput) as refused:
        idi.method("idi2009")
    assert refused.value.field == "method"


def test_the_2017_bandwidth_reference_is_the_published_log_value() -> None:
    # MIS 2017 methodology: "a log value of 6.33, which was used in the normalization step".
    bandwidth = IDI_2017.pillars[0].components[2]
    assert round(math.log10(bandwidth.goalpost), 2) == 6.33
    assert IDI_2017.provisional == ("mobile_cellular_per100", "mean_years_schooling")


def test_provisional_goalposts_are_named() -> None:
    assert set(IDI_2023.provisional) == {
        "mobile_traffic_gb", "fixed_traffic_gb", "mobile_basket_gni_pct", "fixed_basket_gni_pct",
    }  # fmt: skip
