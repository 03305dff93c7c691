"""RR Appendix 1 emission designators: the Appendix's own examples, rejections, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openitu.errors import InvalidInput
from openitu.radio.emissions import (
    INFORMATION_TYPE,
    MODULATION,
    MULTIPLEXING,
    SIGNAL_DETAILS,
    SIGNAL_NATURE,
    format_bandwidth_code,
    format_emission,
    parse_bandwidth_code,
    parse_emission,
)

# App. 1 §1.1 examples (RR 2020, Vol. 2): bandwidth -> code.
APPENDIX_1_EXAMPLES = [
    (0.002, "H002"),
    (0.1, "H100"),
    (25.3, "25H3"),
    (400.0, "400H"),
    (2_400.0, "2K40"),
    (6_000.0, "6K00"),
    (12_500.0, "12K5"),
    (180_400.0, "180K"),
    (180_500.0, "181K"),
    (180_700.0, "181K"),
    (1_250_000.0, "1M25"),
    (2_000_000.0, "2M00"),
    (10_000_000.0, "10M0"),
    (202_000_000.0, "202M"),
    (5_650_000_000.0, "5G65"),
]


@pytest.mark.parametrize(("hz", "code"), APPENDIX_1_EXAMPLES)
def test_appendix_1_bandwidth_examples(hz: float, code: str) -> None:
    assert format_bandwidth_code(hz) == code


@pytest.mark.parametrize(
    ("designator", "hz", "symbols"),
    [
        ("16K0F3E", 16_000.0, ("F", "3", "E", None, None)),
        ("5M00G7W", 5_000_000.0, ("G", "7", "W", None, None)),
        ("36M0G7W", 36_000_000.0, ("G", "7", "W", None, None)),
        ("2K70J3E", 2_700.0, ("J", "3", "E", None, None)),
        ("100HA1A", 100.0, ("A", "1", "A", None, None)),
        ("6K00A3EJN", 6_000.0, ("A", "3", "E", "J", "N")),
        ("8M00C3F", 8_000_000.0, ("C", "3", "F", None, None)),
        ("3K00J3E-N", 3_000.0, ("J", "3", "E", None, "N")),
        ("h002n0n", 0.002, ("N", "0", "N", None, None)),
    ],
)
def test_parse_designators(designator: str, hz: float, symbols: tuple[str | None, ...]) -> None:
    emission = parse_emission(designator)
    assert emission.necessary_bandwidth_hz == pytest.approx(hz, rel=1e-12)
    assert (
        emission.modulation,
        emission.signal_nature,
        emission.information_type,
        emission.signal_details,
        emission.multiplexing,
    ) == symbols


def test_description_names_the_meaning_of_each_symbol() -> None:
    described = parse_emission("6K00A3EJN").describe()
    assert described["meanings"]["modulation"] == MODULATION["A"]
    assert "double-sideband" in described["meanings"]["modulation"]
    assert "analogue" in described["meanings"]["signal_nature"]
    assert "Telephony" in described["meanings"]["information_type"]
    assert "commercial quality" in described["meanings"]["signal_details"]
    assert described["meanings"]["multiplexing"] == "None"


@pytest.mark.parametrize(
    ("designator", "fragment"),
    [
        ("", "empty"),
        ("16K", "too short"),
        ("16K0F3EJNN", "too long"),
        ("16KOF3E", "character 4 'O'"),
        ("0K50F3E", "character 1 '0'"),
        ("K500F3E", "character 1 'K'"),
        ("16KKF3E", "character 4 'K'"),
        ("1600F3E", "no unit letter"),
        ("16K0Z3E", "character 5 'Z'"),
        ("16K0F4E", "character 6 '4'"),
        ("16K0F3Q", "character 7 'Q'"),
        ("16K0F3EZ", "character 8 'Z'"),
        ("16K0F3EJQ", "character 9 'Q'"),
        ("H000F3E", "at least 0.001 Hz"),
        ("16 K0F3E", "spaces"),
    ],
)
def test_malformed_designators_say_which_character_and_why(designator: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_emission(designator)
    assert caught.value.field == "designator"
    assert fragment in caught.value.reason


@pytest.mark.parametrize("hz", [0.0, 0.0004, 1e12, float("nan"), -5.0])
def test_bandwidths_that_cannot_be_designated(hz: float) -> None:
    with pytest.raises(InvalidInput):
        format_bandwidth_code(hz)


def test_format_emission_writes_the_canonical_designator() -> None:
    assert format_emission(16e3, "F", "3", "E") == "16K0F3E"
    assert format_emission(6e3, "a", "3", "e", "J", "N") == "6K00A3EJN"
    assert format_emission(3e3, "J", "3", "E", None, "N") == "3K00J3E-N"
    with pytest.raises(InvalidInput) as caught:
        format_emission(16e3, "Z", "3", "E")
    assert caught.value.field == "modulation"


@st.composite
def bandwidth_codes(draw: st.DrawFn) -> str:
    letter = draw(st.sampled_from("HKMG"))
    position = draw(st.integers(0 if letter == "H" else 1, 3))
    digits = draw(st.lists(st.sampled_from("0123456789"), min_size=3, max_size=3))
    if position == 0:
        if digits == ["0", "0", "0"]:
            digits[2] = "1"
    elif digits[0] == "0":
        digits[0] = draw(st.sampled_from("123456789"))
    return "".join(digits[:position]) + letter + "".join(digits[position:])


@given(
    code=bandwidth_codes(),
    m=st.sampled_from(sorted(MODULATION)),
    n=st.sampled_from(sorted(SIGNAL_NATURE)),
    i=st.sampled_from(sorted(INFORMATION_TYPE)),
    d=st.one_of(st.none(), st.sampled_from(sorted(SIGNAL_DETAILS))),
    x=st.one_of(st.none(), st.sampled_from(sorted(MULTIPLEXING))),
)
def test_designators_round_trip(
    code: str, m: str, n: str, i: str, d: str | None, x: str | None
) -> None:
    designator = code + m + n + i + (d or ("-" if x else "")) + (x or "")
    emission = parse_emission(designator)
    assert emission.designator == designator
    assert format_emission(emission.necessary_bandwidth_hz, m, n, i, d, x) == designator
    assert format_bandwidth_code(parse_bandwidth_code(code)) == code


@given(st.floats(min_value=0.001, max_value=999e9, allow_nan=False))
def test_formatting_keeps_three_significant_figures(hz: float) -> None:
    back = parse_bandwidth_code(format_bandwidth_code(hz))
    assert abs(back - hz) <= max(0.0005, 0.005 * hz) * (1 + 1e-12)


@pytest.mark.parametrize(
    ("designator", "words"),
    [
        # RR Appendix 1 §1: the letter is the decimal point and names the unit.
        ("36M0G7W", "36 MHz"),
        ("16K0F3E", "16 kHz"),
        ("2K70J3E", "2.7 kHz"),
        ("400HA1A", "400 Hz"),
        ("H002A1A", "0.002 Hz"),
        ("1G25G7W", "1.25 GHz"),
    ],
)
def test_bandwidth_is_shown_in_the_unit_of_the_designator(designator: str, words: str) -> None:
    assert parse_emission(designator).describe()["necessary_bandwidth"] == words
