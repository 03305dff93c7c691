"""Reading what a footnote of Article 5 does: its kind, the countries it names and,
for additional, alternative and different-category footnotes, the allocation it
makes (RR 5.32-5.44 describe these kinds; their wording is fixed by usage:
"Additional allocation: in <countries>, the band <f1-f2> is also allocated to the
<service> service on a primary basis")."""

from __future__ import annotations

import re
from typing import Final

from openitu.errors import InvalidInput
from openitu.geo.names import countries_in_text
from openitu.spectrum.model import Category, FootnoteKind, FootnoteRule
from openitu.spectrum.services import SERVICE_TERMS, Service, parse_service

_KIND_PREFIXES: Final[tuple[tuple[str, FootnoteKind], ...]] = (
    ("additionalallocation", FootnoteKind.ADDITIONAL),
    ("alternativeallocation", FootnoteKind.ALTERNATIVE),
    ("differentcategoryofservice", FootnoteKind.DIFFERENT_CATEGORY),
)
# Footnotes that subject use to a procedure: agreement or coordination under
# Article 9, or the application of a Resolution or an Appendix.
_PROCEDURE: Final = re.compile(
    r"No\.\s*9\.\d+[A-Z]?|Resolution\s*\d+|Appendix\s*\d+|coordination|agreement", re.I
)
_UNIT_HZ: Final[dict[str, float]] = {"khz": 1e3, "mhz": 1e6, "ghz": 1e9}
_NUMBER: Final = r"\d(?:[\d\u00a0\u2009 ]*\d)?(?:[.,]\d+)?"
_RANGE: Final = re.compile(
    rf"(?P<low>{_NUMBER})\s*[-\u2013\u2011]\s*(?P<high>{_NUMBER})\s*(?P<unit>[kMG]Hz)?", re.I
)
_COUNTRIES: Final = re.compile(
    r"^\s*in\s*(?P<countries>.+?),\s*the\s*(?:frequency\s*)?(?:bands?|allocation)", re.I | re.S
)
# The parts the three phrasings of an additional allocation share.
_BANDS_ALLOCATED: Final = (
    r"(?:frequency\s*)?bands?\s*(?P<bands>.+?),?\s*(?:is|are)\s*(?:also\s*)?allocated\s*"
)
_SERVICES: Final = r"(?P<services>.+?)\s*services?\s*(?P<qualifier>\([^)]*\))?\s*"
_BASIS: Final = r"on\s*an?\s*(?P<category>primary|secondary)\s*basis"
_ALLOCATED_TO: Final = re.compile(
    rf"{_BANDS_ALLOCATED}to\s*the\s*{_SERVICES},?\s*{_BASIS}", re.I | re.S
)
_ALLOCATED_ON_BASIS_TO: Final = re.compile(
    rf"{_BANDS_ALLOCATED}{_BASIS}\s*to\s*the\s*{_SERVICES}[,.;]", re.I | re.S
)
_DIFFERENT_CATEGORY: Final = re.compile(
    rf"allocation\s*of\s*the\s*(?:frequency\s*)?bands?\s*(?P<bands>.+?)\s*to\s*the\s*"
    rf"{_SERVICES}(?:is|are)\s*{_BASIS}",
    re.I | re.S,
)


# One "in <countries>, the band(s) <bands>" group of a footnote that lists several
# ("in A, B, the band 47-68 MHz, in C the band 47-50 MHz, and in D, the band ...,
# are also allocated"); "he band" where the extraction lost a letter ("Latviahe band").
_GROUP: Final = re.compile(
    r"(?:^|,)\s*(?:and\s*)?in\s*(?P<countries>.+?),?\s*t?he\s*(?:frequency\s*)?bands?\s*"
    r"(?P<bands>.+?)(?=,\s*(?:and\s*)?in\s|,?\s*(?:is|are)\s*(?:also\s*)?allocated)",
    re.I | re.S,
)
_SAME_COUNTRIES: Final = re.compile(r"these\s*same\s*countries", re.I)


def _country_groups(body: str) -> list[tuple[tuple[str, ...], list[tuple[float, float]]]]:
    """The (countries, bands) groups of a footnote that names several."""
    groups: list[tuple[tuple[str, ...], list[tuple[float, float]]]] = []
    for match in _GROUP.finditer(body):
        countries = list(countries_in_text(match["countries"]))
        if _SAME_COUNTRIES.search(match["countries"]) and groups:
            countries = list(dict.fromkeys([*groups[-1][0], *countries]))
        groups.append((tuple(countries), parse_bands(match["bands"])))
    return groups


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def footnote_kind(text: str | None) -> FootnoteKind:
    """The kind of a footnote, from the words it opens with or the procedure it cites."""
    if not text:
        return FootnoteKind.OTHER
    opening = _squash(text[:60])
    for prefix, kind in _KIND_PREFIXES:
        if opening.startswith(prefix):
            return kind
    return FootnoteKind.PROCEDURE if _PROCEDURE.search(text) else FootnoteKind.OTHER


def _hz(number: str, unit: str) -> float:
    return float(re.sub(r"[\s\u00a0\u2009]", "", number).replace(",", ".")) * _UNIT_HZ[unit]


def parse_bands(text: str) -> list[tuple[float, float]]:
    """Frequency ranges in a footnote's wording: "420-430 MHz and 440-450 MHz",
    "1 559-1 610 MHz", "14-17 kHz"; a unit written once after several ranges
    applies to all of them."""
    found: list[tuple[str, str, str | None]] = [
        (m["low"], m["high"], m["unit"]) for m in _RANGE.finditer(text)
    ]
    bands: list[tuple[float, float]] = []
    pending: list[tuple[str, str]] = []
    for low, high, unit in found:
        pending.append((low, high))
        if unit:
            bands += [(_hz(lo, unit.lower()), _hz(hi, unit.lower())) for lo, hi in pending]
            pending = []
    return [(low, high) for low, high in bands if 0 <= low < high]


_BASE_TERMS: Final[dict[str, str]] = {
    re.sub(r"[^a-z]", "", term): term for term in SERVICE_TERMS if "(" not in term
}
_TERM_KEYS: Final[tuple[str, ...]] = tuple(sorted(_BASE_TERMS, key=len, reverse=True))
_QUALIFIERS: Final[dict[str, str]] = {
    "earthtospace": "Earth-to-space",
    "spacetoearth": "space-to-Earth",
    "spacetospace": "space-to-space",
    "passive": "passive",
    "active": "active",
    "deepspace": "deep space",
}
_SKIPPED_WORDS: Final[tuple[str, ...]] = ("services", "service", "and", "the", "in", ",")


def _split_services(text: str, qualifier: str | None) -> tuple[Service, ...]:
    """Services listed in a footnote: "fixed and mobile, except aeronautical mobile (R),".

    The texts were extracted from PDF with words glued together ("fixedand mobile",
    "spaceoperation"), so the list is read letter by letter against the Article 1
    terms, longest first. Anything unrecognised makes the whole list unreadable.
    """
    squashed = re.sub(r"[^a-z(),]", "", f"{text} {qualifier or ''}".lower())
    # Each entry: [term, excluded terms, direction/mode/route qualifiers]
    entries: list[tuple[str, list[str], list[str]]] = []
    excluding = False
    position = 0
    while position < len(squashed):
        rest = squashed[position:]
        if rest.startswith("except"):
            excluding, position = True, position + len("except")
            continue
        if rest.startswith("("):
            close = rest.find(")")
            if close < 0 or not entries:
                return ()
            inner = rest[1:close]
            term, excluded, qualifiers = entries[-1]
            if inner in ("r", "or") and excluded:
                excluded[-1] = f"{excluded[-1]} ({inner.upper()})"
            else:
                qualifiers.append(inner)
            position += close + 1
            continue
        key = next((k for k in _TERM_KEYS if rest.startswith(k)), None)
        if key is not None:
            if excluding and entries:
                entries[-1][1].append(_BASE_TERMS[key])
            else:
                entries.append((_BASE_TERMS[key], [], []))
            excluding = False
            position += len(key)
            continue
        word = next((w for w in _SKIPPED_WORDS if rest.startswith(w)), None)
        if word is None:
            return ()
        position += len(word)
    services: list[Service] = []
    for term, excluded, qualifiers in entries:
        written = term
        if excluded:
            written += " except " + " and ".join(excluded)
        for inner in qualifiers:
            # Directions and modes restrict the allocation; other remarks in brackets
            # ("other than radiobeacons") are the footnote's prose, kept in its text.
            if inner in _QUALIFIERS:
                written += f" ({_QUALIFIERS[inner]})"
        try:
            services.append(parse_service(written))
        except InvalidInput:
            return ()
    return tuple(services)


def parse_rules(footnote_id: str, text: str | None) -> tuple[FootnoteRule, ...]:
    """The allocations an additional, alternative or different-category footnote makes.

    Footnotes whose wording does not follow the fixed formula yield no rule (the
    caller can count them); nothing is guessed.
    """
    kind = footnote_kind(text)
    if text is None or kind not in (
        FootnoteKind.ADDITIONAL,
        FootnoteKind.ALTERNATIVE,
        FootnoteKind.DIFFERENT_CATEGORY,
    ):
        return ()
    body = text.split(":", 1)[1] if ":" in text[:40] else text
    countries: tuple[str, ...] = ()
    if match := _COUNTRIES.match(body):
        countries = tuple(countries_in_text(match["countries"]))
        # "in Region 1, the band ..." names no country: the rule holds wherever the
        # footnote is cited, and Article 5 cites it in that Region's column only.
        if not countries and not re.fullmatch(r"\s*Region\s*\d\s*", match["countries"]):
            return ()
    patterns: tuple[re.Pattern[str], ...] = (_ALLOCATED_TO, _ALLOCATED_ON_BASIS_TO)
    if kind is FootnoteKind.DIFFERENT_CATEGORY:
        # Most say "the allocation of the band ... is on a primary basis"; some use
        # the alternative-allocation wording "the band ... is allocated to ...".
        patterns = (_DIFFERENT_CATEGORY, *patterns)
    groups = _country_groups(body)
    if len(groups) > 1 and all(countries and bands for countries, bands in groups):
        match = next((m for p in patterns if (m := p.search(body))), None)
        services = _split_services(match["services"], match["qualifier"]) if match else ()
        if match is None or not services:
            return ()
        category = Category(match["category"].lower())
        return tuple(
            FootnoteRule(kind, countries, low, high, services, category)
            for countries, bands in groups
            for low, high in bands
        )
    rules: list[FootnoteRule] = []
    for clause in re.split(r"(?<=basis)[.;]|(?<=basis\.)", body):
        match = next((m for p in patterns if (m := p.search(clause))), None)
        if match is None:
            continue
        services = _split_services(match["services"], match["qualifier"])
        bands = parse_bands(match["bands"])
        if not services or not bands:
            continue
        category = Category(match["category"].lower())
        rules += [
            FootnoteRule(kind, countries, low, high, services, category) for low, high in bands
        ]
    return tuple(rules)
