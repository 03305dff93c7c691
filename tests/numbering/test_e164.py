"""E.164: real numbers of several countries and shared codes, and the bulk fast path.

The fast path is compared with plain ``phonenumbers`` number by number: the expected
values come from the library, never from our own code.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest

from openitu.errors import InvalidInput
from openitu.numbering import e164

# Public switchboards and well-known ranges: (number, country code, regions, type).
REAL_NUMBERS = [
    ("+41 22 730 51 11", 41, ["CH"], "fixed_line"),  # ITU headquarters, Geneva
    ("+61 2 6277 7111", 61, ["AU"], "fixed_line"),  # Parliament House, Canberra
    ("+44 20 7219 3000", 44, ["GB"], "fixed_line"),  # House of Commons, London
    ("+44 1624 685500", 44, ["IM"], "fixed_line"),  # +44 shared: Isle of Man
    ("+1 202 456 1111", 1, ["US"], "fixed_line_or_mobile"),  # +1 shared: the White House
    ("+1 613 992 4793", 1, ["CA"], "fixed_line_or_mobile"),  # +1 shared: Ottawa
    ("+1 876 926 1234", 1, ["JM"], "fixed_line"),  # +1 shared: Kingston, Jamaica
    ("+7 495 606 3602", 7, ["RU"], "fixed_line"),  # +7 shared: Moscow
    ("+7 701 123 4567", 7, ["KZ"], "mobile"),  # +7 shared: a Kazakh mobile range
    ("+91 11 2301 2312", 91, ["IN"], "fixed_line"),  # New Delhi
    ("+33 1 42 92 81 00", 33, ["FR"], "fixed_line"),  # Paris
    ("+81 3 3581 0101", 81, ["JP"], "fixed_line"),  # Tokyo
    ("0041227305111", 41, ["CH"], "fixed_line"),  # the 00 international prefix
]

# Non-geographic codes: the library's own example numbers, parsed as users type them.
NON_GEOGRAPHIC = [800, 808, 870, 881, 882, 883, 888, 979]


@pytest.mark.parametrize(("text", "code", "regions", "kind"), REAL_NUMBERS)
def test_real_numbers_parse_to_their_country(
    text: str, code: int, regions: list[str], kind: str
) -> None:
    parsed = e164.parse_number(text)
    assert parsed.valid
    assert parsed.country_code == code
    assert list(parsed.regions) == regions
    assert parsed.number_type == kind
    assert parsed.e164 == "+" + "".join(c for c in text if c.isdigit()).removeprefix("00")
    assert parsed.international.startswith(f"+{code} ")


@pytest.mark.parametrize("code", NON_GEOGRAPHIC)
def test_non_geographic_codes_have_no_region(code: int) -> None:
    example = phonenumbers.example_number_for_non_geo_entity(code)
    assert example is not None
    text = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    parsed = e164.parse_number(text)
    assert parsed.valid
    assert parsed.country_code == code
    assert parsed.regions == ()
    assert parsed.code_kind == "non-geographic"
    assert e164.country_codes()[code].service == e164.NON_GEOGRAPHIC_SERVICES[code]


def test_shared_codes_list_every_region_they_serve() -> None:
    codes = e164.country_codes()
    assert codes[1].kind == "shared" and {"US", "CA", "JM", "PR", "BS"} <= set(codes[1].regions)
    assert codes[7].kind == "shared" and set(codes[7].regions) == {"RU", "KZ"}
    assert codes[44].regions[0] == "GB" and {"GG", "IM", "JE"} <= set(codes[44].regions)
    assert codes[41] == e164.CountryCode(41, ("CH",), "geographic")
    assert e164.codes_of_region("KZ") == (7,)


def test_a_well_formed_number_can_break_its_plan() -> None:
    parsed = e164.parse_number("+41 22 730 51")  # too short for Switzerland
    assert not parsed.valid
    assert parsed.as_dict()["e164"] is None
    assert parsed.regions == ("CH",)


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("", "empty"),
        ("022 730 51 11", "starts with +"),
        ("+41 22 730 51 1x", "only digits"),
        ("+999 123 4567", "no assigned E.164 country code"),
        ("+0 123 4567", "no assigned"),
        ("+41 2", "too few"),
        ("+41 22 730 51 11 22 33 44 55", "longer than any"),
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(text: str, reason_part: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        e164.parse_number(text)
    assert caught.value.field == "number"
    assert reason_part in caught.value.reason


def test_free_country_codes_match_the_itu_spare_codes() -> None:
    free = e164.free_country_codes()
    # ITU-T E.164 list of assigned country codes: 280-289 and 292-294 are spare.
    assert set(range(280, 290)) | {292, 293, 294} <= set(free)
    assigned = {str(c) for c in e164.country_codes()}
    for code in map(str, free):
        assert not any(code.startswith(a) or a.startswith(code) for a in assigned)
    assert 1 not in free and 355 not in free and 199 not in free  # +1 blocks 1xx


def _sample_numbers(count: int, seed: int) -> list[str]:
    """Example numbers of every region and non-geographic code, with random digits."""
    rng = random.Random(seed)
    bases: list[str] = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                bases.append(
                    phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
                )
    for code in NON_GEOGRAPHIC:
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            bases.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    numbers = []
    for _ in range(count):
        base = rng.choice(bases)
        keep = rng.randint(max(2, len(base) - 5), len(base) - 1)
        extra = rng.choice((0, 0, 0, 0, -1, 1, -3, 3))
        tail = "".join(rng.choice("0123456789") for _ in range(len(base) - keep + extra))
        text = base[:keep] + tail
        style = rng.random()
        if style < 0.05:
            text = text[:4] + " " + text[4:]  # punctuation: the slow path
        elif style < 0.07:
            text = text.replace("+", "")  # not international: unparseable
        numbers.append(text)
    return numbers


def test_bulk_classification_equals_plain_phonenumbers() -> None:
    numbers = _sample_numbers(10_000, seed=1162)
    result = e164.classify_e164(numbers)
    regions = result.regions()
    mismatches = []
    for i, text in enumerate(numbers):
        try:
            parsed = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            expected = (0, "", False, phonenumbers.PhoneNumberType.UNKNOWN)
        else:
            expected = (
                parsed.country_code,
                phonenumbers.region_code_for_number(parsed) or "",
                phonenumbers.is_valid_number(parsed),
                phonenumbers.number_type(parsed),
            )
        got = (
            int(result.country_code[i]),
            regions[i],
            bool(result.valid[i]),
            int(result.number_type[i]),
        )
        if got != expected:
            mismatches.append((text, got, expected))
    assert mismatches == []
    assert 0.3 < result.valid.mean() < 0.9  # the sample holds valid and invalid numbers


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # E.164 list of assigned country codes: +254 Kenya, +41 Switzerland, +1 the NANP.
        ("+254", ("+254", "Kenya (KE)", "missing")),
        ("+41", ("+41", "Switzerland (CH)", "missing")),
        ("+1", ("+1", "United States (US)", "Canada (CA)", "Jamaica (JM)", "missing")),
        ("+254 7", ("+254", "Kenya (KE)", "too few")),
    ],
)
def test_a_bare_or_short_code_names_its_country_and_what_is_missing(
    text: str, names: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidInput) as caught:
        e164.parse_number(text)
    assert "no assigned" not in caught.value.reason
    for name in names:
        assert name in caught.value.reason


def test_cli_parse_of_a_bare_code_names_the_country() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "openitu.cli", "numbering", "parse", "+254"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: number: +254 is the country code of Kenya (KE)")
    assert "missing" in done.stderr and len(done.stderr.strip().splitlines()) == 1
