"""ITU-T E.164: country codes, and the parsing and validation of international numbers.

The register of country codes and the numbering plans behind them come from the
``phonenumbers`` metadata (Google's libphonenumber, Apache-2.0). Three kinds of code:

* geographic: one country or territory (+33 France);
* shared: an integrated numbering plan serving several (+1 NANP, +7 RU/KZ, +44 GB/GG/IM/JE);
* non-geographic: a global service (+800 freephone, +870 Inmarsat, +881 GMSS,
  +882/+883 international networks, +888 OCHA disaster relief, ...).

Two ways in:

* :func:`parse_number` for one number: everything (type, formats, region), through
  ``phonenumbers`` itself.
* :func:`classify_e164` for many: a fast path over canonical E.164 strings ("+" and
  digits) that precompiles each plan's patterns once and re-implements exactly the
  decision ``phonenumbers.is_valid_number`` / ``region_code_for_number`` /
  ``number_type`` take (phonenumbers 9.0, ``phonenumberutil._number_type_helper`` and
  ``_region_code_for_number_from_list``); any input it cannot decide exactly the same
  way (punctuation, a national prefix after the country code, odd lengths) goes through
  ``phonenumbers`` instead, so the answers are identical (a test checks it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberFormat, PhoneNumberType

from openitu.errors import InvalidInput

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: The ITU's names for the non-geographic codes (E.164 list of assigned country codes).
NON_GEOGRAPHIC_SERVICES: Final[dict[int, str]] = {
    800: "International Freephone Service (UIFN)",
    808: "International Shared Cost Service (ISCS)",
    870: "Inmarsat Single Number Access Service (SNAC)",
    878: "Universal Personal Telecommunication Service (UPT)",
    881: "Global Mobile Satellite System (GMSS)",
    882: "International Networks",
    883: "International Networks",
    888: "Telecommunications for Disaster Relief (TDR), OCHA",
    979: "International Premium Rate Service (IPRS)",
}

#: Type names, in the order of ``phonenumbers.PhoneNumberType`` values (index = value).
NUMBER_TYPES: Final[tuple[str, ...]] = (
    "fixed_line",
    "mobile",
    "fixed_line_or_mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
UNKNOWN_TYPE: Final = "unknown"
_TYPE_NAMES: Final[dict[int, str]] = {
    **dict(enumerate(NUMBER_TYPES)),
    PhoneNumberType.UNKNOWN: UNKNOWN_TYPE,
}
_ALLOWED_PUNCTUATION: Final = re.compile(r"[\d\s\-./()\u00a0]+")
_CANONICAL: Final = re.compile(r"\+[1-9]\d{2,19}")
_NON_GEO: Final = "001"


@dataclass(frozen=True, slots=True)
class CountryCode:
    """One E.164 country code and what it serves.

    ``regions`` are ISO 3166-1 alpha-2 codes (the main one first); empty for a
    non-geographic code, whose ``service`` says what it is for.
    """

    code: int
    regions: tuple[str, ...]
    kind: str  # "geographic" | "shared" | "non-geographic"
    service: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """An international number, parsed and validated against its country's plan."""

    input: str
    country_code: int
    national_number: str
    regions: tuple[str, ...]  # where this number belongs (all of the code's if undecided)
    valid: bool
    possible: bool
    number_type: str
    e164: str
    international: str
    code_kind: str
    code_regions: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "country_code": self.country_code,
            "regions": list(self.regions),
            "valid": self.valid,
            "e164": self.e164 if self.valid else None,
            "possible": self.possible,
            "number_type": self.number_type,
            "national_number": self.national_number,
            "formats": {"e164": self.e164, "international": self.international},
            "code_kind": self.code_kind,
            "code_regions": list(self.code_regions),
            "input": self.input,
        }


@cache
def country_codes() -> dict[int, CountryCode]:
    """Every country code in the ``phonenumbers`` metadata, by code."""
    register: dict[int, CountryCode] = {}
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        if _NON_GEO in regions:
            register[code] = CountryCode(
                code, (), "non-geographic", NON_GEOGRAPHIC_SERVICES.get(code, "non-geographic")
            )
        else:
            kind = "shared" if len(regions) > 1 else "geographic"
            register[code] = CountryCode(code, tuple(regions), kind)
    return register


def country_code(code: int | str, *, field: str = "country_code") -> CountryCode:
    """The register entry of ``code`` ("44", "+44" or 44)."""
    text = str(code).strip().lstrip("+")
    if not text.isdigit() or not 1 <= len(text) <= 3:
        raise InvalidInput(field, f"{code!r} is not a country code (1 to 3 digits)")
    found = country_codes().get(int(text))
    if found is None:
        raise InvalidInput(field, f"+{text} is not an assigned E.164 country code")
    return found


@cache
def codes_of_region(iso2: str) -> tuple[int, ...]:
    """The country codes serving a country or territory (normally one)."""
    return tuple(cc.code for cc in country_codes().values() if iso2 in cc.regions)


def free_country_codes(low: int = 1, high: int = 999) -> list[int]:
    """Codes in [low, high] that are neither assigned nor blocked by an assigned prefix.

    E.164 country codes form a prefix-free set: with +1 assigned, no +1x or +1xx can be.
    (The metadata knows the codes in service; the ITU's list also holds spare and
    reserved codes, which this cannot tell apart from free ones.)
    """
    assigned = {str(code) for code in country_codes()}
    free = []
    for value in range(max(low, 1), min(high, 999) + 1):
        text = str(value)
        prefixes = {text[:n] for n in range(1, len(text) + 1)}
        if prefixes & assigned or any(code.startswith(text) for code in assigned):
            continue
        free.append(value)
    return free


def parse_number(text: str, *, field: str = "number") -> ParsedNumber:
    """Parse an international number ("+41 22 730 51 11", "0041227305111").

    Raises
    ------
    InvalidInput
        When the text is not an international number at all (letters, no "+" or "00",
        an unassigned country code, too few or too many digits). A number that is well
        formed but breaks its country's plan parses with ``valid=False``.
    """
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(field, "empty")
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    if not cleaned.startswith("+"):
        raise InvalidInput(
            field, "an international number starts with + (or 00) and its country code"
        )
    if not _ALLOWED_PUNCTUATION.fullmatch(cleaned[1:]):
        raise InvalidInput(field, "only digits, spaces and - . / ( ) may follow the +")
    digits = re.sub(r"\D", "", cleaned)
    if len(digits) > 15 + 2:
        raise InvalidInput(field, f"{len(digits)} digits: longer than any E.164 number")
    cc = _extract_code(digits)
    if cc is None:
        bare = _leading_code(digits)
        if bare is not None:
            # "+254" or "+1": a country code alone; say whose it is and what is missing.
            raise InvalidInput(
                field,
                f"+{digits} is the country code of {describe_code(bare)} alone; "
                "the national number after it is missing",
            )
        raise InvalidInput(field, f"+{digits[:3]}... starts with no assigned E.164 country code")
    try:
        parsed = phonenumbers.parse(cleaned, None)
    except phonenumbers.NumberParseException as exc:
        reason = _parse_reason(exc)
        if exc.error_type in _TOO_SHORT:
            national = digits[len(str(cc)) :]
            reason = (
                f"+{cc} is the country code of {describe_code(cc)}; {national or 'nothing'} "
                "after it is too few digits for a whole national number"
            )
        raise InvalidInput(field, reason) from None
    code = int(parsed.country_code or 0)
    entry = country_codes()[code]
    valid = phonenumbers.is_valid_number(parsed)
    region = phonenumbers.region_code_for_number(parsed)
    regions: tuple[str, ...]
    regions = (region,) if region and region != _NON_GEO else entry.regions
    return ParsedNumber(
        input=text,
        country_code=code,
        national_number=phonenumbers.national_significant_number(parsed),
        regions=regions,
        valid=valid,
        possible=phonenumbers.is_possible_number(parsed),
        number_type=_TYPE_NAMES.get(phonenumbers.number_type(parsed), UNKNOWN_TYPE),
        e164=phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
        international=phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL),
        code_kind=entry.kind,
        code_regions=entry.regions,
    )


def _parse_reason(exc: phonenumbers.NumberParseException) -> str:
    reasons = {
        phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "no valid country code",
        phonenumbers.NumberParseException.NOT_A_NUMBER: "not a telephone number",
        phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short after the prefix",
        phonenumbers.NumberParseException.TOO_SHORT_NSN: "too few digits after the country code",
        phonenumbers.NumberParseException.TOO_LONG: "too many digits",
    }
    return reasons.get(exc.error_type, str(exc))


_TOO_SHORT: Final = frozenset(
    {
        phonenumbers.NumberParseException.TOO_SHORT_NSN,
        phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD,
    }
)


def describe_code(code: int) -> str:
    """Whom a country code serves, in words: "Kenya (KE)", "United States (US), ..."."""
    from openitu.numbering.countries import name_of  # countries loads the Bulletins: only here

    entry = country_codes()[code]
    if not entry.regions:
        return entry.service or "a non-geographic service"
    return ", ".join(f"{name_of(region)} ({region})" for region in entry.regions)


def _leading_code(digits: str) -> int | None:
    """The country code that is the whole of ``digits`` ("254", "1"), if it is one."""
    if digits and digits[0] != "0" and len(digits) <= 3:
        code = int(digits)
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return code
    return None


def _extract_code(digits: str) -> int | None:
    codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    for length in (1, 2, 3):
        if len(digits) > length and int(digits[:length]) in codes and digits[0] != "0":
            return int(digits[:length])
    return None


# --------------------------------------------------------------------------- bulk path


@dataclass(frozen=True, slots=True)
class _Desc:
    lengths: frozenset[int]
    pattern: re.Pattern[str] | None

    def matches(self, nsn: str) -> bool:
        if self.pattern is None:
            return False
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern.fullmatch(nsn) is not None


@dataclass(frozen=True, slots=True)
class _Plan:
    """One region's metadata, compiled once."""

    region: str
    region_index: int
    leading_digits: re.Pattern[str] | None
    general: _Desc
    typed: tuple[tuple[int, _Desc], ...]  # premium ... voicemail, in phonenumbers' order
    fixed: _Desc
    mobile: _Desc
    same_fixed_mobile: bool

    def number_type(self, nsn: str) -> int:
        # Mirrors phonenumberutil._number_type_helper (phonenumbers 9.0).
        if not self.general.matches(nsn):
            return PhoneNumberType.UNKNOWN
        for type_value, desc in self.typed:
            if desc.matches(nsn):
                return type_value
        if self.fixed.matches(nsn):
            if self.same_fixed_mobile or self.mobile.matches(nsn):
                return PhoneNumberType.FIXED_LINE_OR_MOBILE
            return PhoneNumberType.FIXED_LINE
        if not self.same_fixed_mobile and self.mobile.matches(nsn):
            return PhoneNumberType.MOBILE
        return PhoneNumberType.UNKNOWN


@dataclass(frozen=True, slots=True)
class _CodePlans:
    plans: tuple[_Plan, ...]
    national_prefix: re.Pattern[str] | None  # of the code's main region


def _desc(desc: Any) -> _Desc:
    if desc is None or not desc.national_number_pattern:
        return _Desc(frozenset(), None)
    return _Desc(frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern))


#: Region codes by index, for the bulk results ("" = none, "001" = non-geographic).
REGION_INDEX: Final[tuple[str, ...]] = (
    "",
    _NON_GEO,
    *sorted(phonenumbers.SUPPORTED_REGIONS),
)
_REGION_POSITION: Final[dict[str, int]] = {region: i for i, region in enumerate(REGION_INDEX)}
_TYPED_ORDER: Final = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)


@cache
def _plans_for(code: int) -> _CodePlans:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]
    plans = []
    for region in regions:
        if region == _NON_GEO:
            meta = PhoneMetadata.metadata_for_nongeo_region(code)
        else:
            meta = PhoneMetadata.metadata_for_region(region)
        if meta is None:  # pragma: no cover - the code map comes from the same metadata
            continue
        plans.append(
            _Plan(
                region=region,
                region_index=_REGION_POSITION[region],
                leading_digits=re.compile(meta.leading_digits) if meta.leading_digits else None,
                general=_desc(meta.general_desc),
                typed=tuple((value, _desc(getattr(meta, name))) for name, value in _TYPED_ORDER),
                fixed=_desc(meta.fixed_line),
                mobile=_desc(meta.mobile),
                same_fixed_mobile=bool(meta.same_mobile_and_fixed_line_pattern),
            )
        )
    main = plans[0].region if plans else _NON_GEO
    main_meta = (
        PhoneMetadata.metadata_for_nongeo_region(code)
        if main == _NON_GEO
        else PhoneMetadata.metadata_for_region(main)
    )
    prefix = main_meta.national_prefix_for_parsing if main_meta is not None else None
    return _CodePlans(tuple(plans), re.compile(prefix) if prefix else None)


@dataclass(frozen=True)
class BulkClassification:
    """Column arrays, one row per input number.

    ``country_code`` is 0 and ``region`` 0 ("") where the input is not a number at all;
    ``region`` indexes :data:`REGION_INDEX`; ``number_type`` holds phonenumbers'
    ``PhoneNumberType`` values (99 = unknown).
    """

    country_code: NDArray[np.int16]
    region: NDArray[np.int16]
    valid: NDArray[np.bool_]
    number_type: NDArray[np.int8]

    def regions(self) -> list[str]:
        return [REGION_INDEX[i] for i in self.region.tolist()]

    def type_names(self) -> list[str]:
        return [_TYPE_NAMES.get(t, UNKNOWN_TYPE) for t in self.number_type.tolist()]


def classify_e164(numbers: Sequence[str] | Iterable[str]) -> BulkClassification:
    """Country code, region, validity and type of many numbers at once.

    Gives exactly what ``phonenumbers.parse(n, None)`` followed by ``is_valid_number``,
    ``region_code_for_number`` and ``number_type`` give (an unparseable input is
    invalid, code 0), several times faster on canonical E.164 strings.
    """
    import numpy as np  # here: parsing one number (`openitu numbering parse`) needs none

    items = list(numbers)
    n = len(items)
    cc_out = np.zeros(n, dtype=np.int16)
    region_out = np.zeros(n, dtype=np.int16)
    valid_out = np.zeros(n, dtype=np.bool_)
    type_out = np.full(n, PhoneNumberType.UNKNOWN, dtype=np.int8)
    code_map = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    canonical = _CANONICAL.fullmatch
    plans_for = _plans_for
    for i, text in enumerate(items):
        decided = None
        if canonical(text) is not None:
            digits = text[1:]
            for length in (1, 2, 3):
                code = int(digits[:length])
                if code in code_map:
                    decided = _classify_fast(plans_for(code), digits[length:])
                    if decided is not None:
                        cc_out[i] = code
                    break
        if decided is None:
            decided_slow = _classify_slow(text)
            if decided_slow is None:
                continue
            cc_out[i], decided = decided_slow
        region_out[i], valid_out[i], type_out[i] = decided
    return BulkClassification(cc_out, region_out, valid_out, type_out)


def _classify_fast(code_plans: _CodePlans, nsn: str) -> tuple[int, bool, int] | None:
    """(region index, valid, type), or None where phonenumbers would do more than this."""
    if not 2 <= len(nsn) <= 17:
        return None
    prefix = code_plans.national_prefix
    if prefix is not None and prefix.match(nsn):
        return None  # phonenumbers may strip a national prefix here: let it decide
    plans = code_plans.plans
    if len(plans) == 1:
        plan = plans[0]
        number_type = plan.number_type(nsn)
        return plan.region_index, number_type != PhoneNumberType.UNKNOWN, number_type
    for plan in plans:
        # Mirrors phonenumberutil._region_code_for_number_from_list.
        if plan.leading_digits is not None:
            if plan.leading_digits.match(nsn):
                number_type = plan.number_type(nsn)
                return plan.region_index, number_type != PhoneNumberType.UNKNOWN, number_type
        else:
            number_type = plan.number_type(nsn)
            if number_type != PhoneNumberType.UNKNOWN:
                return plan.region_index, True, number_type
    return 0, False, PhoneNumberType.UNKNOWN


def _classify_slow(text: str) -> tuple[int, tuple[int, bool, int]] | None:
    try:
        parsed = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(parsed) or ""
    valid = phonenumbers.is_valid_number(parsed)
    number_type = phonenumbers.number_type(parsed) if region else PhoneNumberType.UNKNOWN
    return int(parsed.country_code or 0), (_REGION_POSITION.get(region, 0), valid, number_type)
