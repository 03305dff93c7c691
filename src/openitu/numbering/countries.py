"""Which country codes (ISO 3166-1 alpha-2) numbering accepts, and their names.

Numbering resources serve more territories than there are Member States (Anguilla,
Bermuda and the Cayman Islands each have their own MNCs under shared MCCs and E.164
+1 area codes), so the accepted set is the union of openitu.geo's countries, the
regions of the ``phonenumbers`` metadata and the Bulletins' own country headings.
"""

from __future__ import annotations

from functools import cache

import phonenumbers

from openitu.errors import InvalidInput
from openitu.geo import countries as geo_countries
from openitu.numbering import sources


@cache
def _geo_names() -> dict[str, str]:
    return {c.iso2: c.name for c in geo_countries.all_countries()}


@cache
def known_iso2() -> frozenset[str]:
    codes = set(_geo_names()) | set(phonenumbers.SUPPORTED_REGIONS)
    codes |= {code for code in sources.country_names().values() if code}
    return frozenset(codes)


@cache
def name_of(iso2: str) -> str:
    """The country's name: openitu.geo's, else the Bulletin's, else the code itself."""
    if iso2 in _geo_names():
        return _geo_names()[iso2]
    bulletin = sorted(
        (name for name, code in sources.country_names().items() if code == iso2), key=len
    )
    return bulletin[0] if bulletin else iso2


def validate_iso2(text: str, *, field: str = "country") -> str:
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InvalidInput(field, f"{text!r} is not an ISO 3166-1 alpha-2 code")
    if code not in known_iso2():
        raise InvalidInput(field, f"{code} is not a known country or territory code")
    return code


def iso2_of_name(text: str) -> str | None:
    """The ISO2 code of a country named in words ("Kenya", "korea (rep. of)"), if one
    country or territory has that name (openitu.geo's or the Bulletin's) or is the only
    one whose name starts with it."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    names = {name.casefold(): code for code, name in _geo_names().items()}
    names.update({name.casefold(): code for name, code in sources.country_names().items() if code})
    if wanted in names:
        return names[wanted]
    starting = {code for name, code in names.items() if name.startswith(wanted)}
    return starting.pop() if len(starting) == 1 else None
