"""Country names as the Radio Regulations write them, and finding them in footnote texts.

The RR name countries in their own style ("Iran (Islamic Republic of)", "Korea (Rep.
of)", "the Dem. Rep. of the Congo", "Lao P.D.R.", "Vatican") and the style changed
between editions ("Libyan Arab Jamahiriya" -> "Libya", "Swaziland" -> "Eswatini", "The
Former Yugoslav Republic of Macedonia" -> "North Macedonia"). `RR_NAMES` maps each
spelling to its ISO 3166-1 alpha-2 code.

Texts extracted from the RR PDF often lose or gain spaces ("BurkinaFaso",
"theUnited Arab Emirates", "KyrgyzstanSudan"), so matching ignores whitespace. It is
case-sensitive (country names are capitalised; "Mali" must not match inside
"normalization") and takes, at each position, the longest name ("Papua New Guinea"
before "Guinea", "Nigeria" before "Niger", "South Sudan" before "Sudan"). A name
directly followed by lower-case letters that do not start a common word ("India" in
"Indian Ocean") is not a match.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

# Spelling -> ISO2. Spaces are irrelevant (ignored in matching); an article ("the")
# before a name is left to the text.
RR_NAMES: Final[dict[str, str]] = {
    "Afghanistan": "AF",
    "Albania": "AL",
    "Algeria": "DZ",
    "Andorra": "AD",
    "Angola": "AO",
    "Antigua and Barbuda": "AG",
    "Argentina": "AR",
    "Argentine Republic": "AR",
    "Armenia": "AM",
    "Australia": "AU",
    "Austria": "AT",
    "Azerbaijan": "AZ",
    "Bahamas": "BS",
    "Bahrain": "BH",
    "Bangladesh": "BD",
    "Barbados": "BB",
    "Belarus": "BY",
    "Belgium": "BE",
    "Belize": "BZ",
    "Benin": "BJ",
    "Bhutan": "BT",
    "Bolivia": "BO",
    "Bolivia (Plurinational State of)": "BO",
    "Bosnia and Herzegovina": "BA",
    "Botswana": "BW",
    "Brazil": "BR",
    "Brunei Darussalam": "BN",
    "Brunei": "BN",
    "Bulgaria": "BG",
    "Burkina Faso": "BF",
    "Burundi": "BI",
    "Cabo Verde": "CV",
    "Cape Verde": "CV",
    "Cambodia": "KH",
    "Cameroon": "CM",
    "Canada": "CA",
    "Central African Rep.": "CF",
    "Central African Republic": "CF",
    "Chad": "TD",
    "Chile": "CL",
    "China": "CN",
    "China (People's Republic of)": "CN",
    "People's Republic of China": "CN",
    "Colombia": "CO",
    "Comoros": "KM",
    "Congo": "CG",
    "Congo (Rep. of the)": "CG",
    "Congo (Republic of the)": "CG",
    "Rep. of the Congo": "CG",
    "Republic of the Congo": "CG",
    "Costa Rica": "CR",
    "Côte d'Ivoire": "CI",
    "Cote d'Ivoire": "CI",
    "Croatia": "HR",
    "Cuba": "CU",
    "Cyprus": "CY",
    "Czech Rep.": "CZ",
    "Czech Republic": "CZ",
    "Czechia": "CZ",
    "Dem. People's Rep. of Korea": "KP",
    "Democratic People's Republic of Korea": "KP",
    "Korea (Dem. People's Rep. of)": "KP",
    "Dem. Rep. of the Congo": "CD",
    "Dem. Rep of the Congo": "CD",  # sic, RR 2012 No. 5.430A
    "Democratic Republic of the Congo": "CD",
    "Congo (Dem. Rep. of the)": "CD",
    "Denmark": "DK",
    "Djibouti": "DJ",
    "Dominica": "DM",
    "Dominican Rep.": "DO",
    "Dominican Republic": "DO",
    "Ecuador": "EC",
    "Egypt": "EG",
    "El Salvador": "SV",
    "Equatorial Guinea": "GQ",
    "Eritrea": "ER",
    "Estonia": "EE",
    "Eswatini": "SZ",
    "Swaziland": "SZ",
    "Ethiopia": "ET",
    "Fiji": "FJ",
    "Finland": "FI",
    "France": "FR",
    "Gabon": "GA",
    "Gabonese Republic": "GA",
    "Gambia": "GM",
    "Georgia": "GE",
    "Germany": "DE",
    "Ghana": "GH",
    "Greece": "GR",
    "Grenada": "GD",
    "Guatemala": "GT",
    "Guinea": "GN",
    "Guinea-Bissau": "GW",
    "Guyana": "GY",
    "Haiti": "HT",
    "Honduras": "HN",
    "Hungary": "HU",
    "Iceland": "IS",
    "India": "IN",
    "Indonesia": "ID",
    "Iran (Islamic Republic of)": "IR",
    "Islamic Republic of Iran": "IR",
    "Iran": "IR",
    "Iraq": "IQ",
    "Ireland": "IE",
    "Israel": "IL",
    "Italy": "IT",
    "Jamaica": "JM",
    "Japan": "JP",
    "Jordan": "JO",
    "Kazakhstan": "KZ",
    "Kenya": "KE",
    "Kiribati": "KI",
    "Korea (Rep. of)": "KR",
    "Korea (Republic of)": "KR",
    "Rep. of Korea": "KR",
    "Republic of Korea": "KR",
    "Kuwait": "KW",
    "Kyrgyzstan": "KG",
    "Kyrgyz Republic": "KG",
    "Kyrgystan": "KG",  # sic, RR 2012 No. 5.342
    "Lao P.D.R.": "LA",
    "Lao People's Democratic Republic": "LA",
    "Laos": "LA",
    "Latvia": "LV",
    "Lebanon": "LB",
    "Lesotho": "LS",
    "Liberia": "LR",
    "Libya": "LY",
    "Libyan Arab Jamahiriya": "LY",
    "Socialist People's Libyan Arab Jamahiriya": "LY",
    "Liechtenstein": "LI",
    "Lithuania": "LT",
    "Luxembourg": "LU",
    "Madagascar": "MG",
    "Malawi": "MW",
    "Malaysia": "MY",
    "Maldives": "MV",
    "Mali": "ML",
    "Malta": "MT",
    "Marshall Islands": "MH",
    "Mauritania": "MR",
    "Mauritius": "MU",
    "Mexico": "MX",
    "Micronesia": "FM",
    "Micronesia (Federated States of)": "FM",
    "Federated States of Micronesia": "FM",
    "Moldova": "MD",
    "Republic of Moldova": "MD",
    "Monaco": "MC",
    "Mongolia": "MN",
    "Montenegro": "ME",
    "Morocco": "MA",
    "Mozambique": "MZ",
    "Myanmar": "MM",
    "Namibia": "NA",
    "Nauru": "NR",
    "Nepal": "NP",
    "Netherlands": "NL",
    "Kingdom of the Netherlands": "NL",
    "New Zealand": "NZ",
    "Nicaragua": "NI",
    "Niger": "NE",
    "Nigeria": "NG",
    "North Macedonia": "MK",
    "Former Yugoslav Republic of Macedonia": "MK",
    "former Yugoslav Republic of Macedonia": "MK",
    "Former Yugoslav Rep. of Macedonia": "MK",
    "former Yugoslav Rep. of Macedonia": "MK",
    "Norway": "NO",
    "Oman": "OM",
    "Pakistan": "PK",
    "Palau": "PW",
    "Panama": "PA",
    "Papua New Guinea": "PG",
    "Paraguay": "PY",
    "Peru": "PE",
    "Philippines": "PH",
    "Poland": "PL",
    "Portugal": "PT",
    "Qatar": "QA",
    "Romania": "RO",
    "Russian Federation": "RU",
    "Russia": "RU",
    "Rwanda": "RW",
    "Saint Kitts and Nevis": "KN",
    "Saint Lucia": "LC",
    "Saint Vincent and the Grenadines": "VC",
    "Samoa": "WS",
    "San Marino": "SM",
    "Sao Tome and Principe": "ST",
    "São Tomé and Príncipe": "ST",
    "Saudi Arabia": "SA",
    "Senegal": "SN",
    "Serbia": "RS",
    "Seychelles": "SC",
    "Sierra Leone": "SL",
    "Singapore": "SG",
    "Slovakia": "SK",
    "Slovak Republic": "SK",
    "Slovenia": "SI",
    "Solomon Islands": "SB",
    "Somalia": "SO",
    "South Africa": "ZA",
    "South Sudan": "SS",
    "Rep. of South Sudan": "SS",
    "Republic of South Sudan": "SS",
    "Spain": "ES",
    "Sri Lanka": "LK",
    "Sudan": "SD",
    "Suriname": "SR",
    "Sweden": "SE",
    "Switzerland": "CH",
    "Syrian Arab Republic": "SY",
    "Syrian Arab Rep.": "SY",
    "Syria": "SY",
    "Tajikistan": "TJ",
    "Tanzania": "TZ",
    "United Republic of Tanzania": "TZ",
    "Thailand": "TH",
    "Timor-Leste": "TL",
    "Democratic Republic of Timor-Leste": "TL",
    "Togo": "TG",
    "Togolese Republic": "TG",
    "Tonga": "TO",
    "Trinidad and Tobago": "TT",
    "Tunisia": "TN",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Turkmenistan": "TM",
    "Tuvalu": "TV",
    "Uganda": "UG",
    "Ukraine": "UA",
    "United Arab Emirates": "AE",
    "United Kingdom": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United States": "US",
    "United States of America": "US",
    "Uruguay": "UY",
    "Uzbekistan": "UZ",
    "Vanuatu": "VU",
    "Vatican": "VA",
    "Vatican City State": "VA",
    "Holy See": "VA",
    "Venezuela": "VE",
    "Venezuela (Bolivarian Republic of)": "VE",
    "Viet Nam": "VN",
    "Vietnam": "VN",
    "Yemen": "YE",
    "Zambia": "ZM",
    "Zimbabwe": "ZW",
    # Territories the RR name as such.
    "Diego Garcia": "IO",  # the RR's name for the British Indian Ocean Territory
    "Greenland": "GL",
    "Guam": "GU",
    "New Caledonia": "NC",
    "Puerto Rico": "PR",
}

_APOSTROPHES: Final = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_DASHES: Final = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2013": "-"})

# Lower-case words that may follow a name with the space lost ("Rwandaand", "Koreaor").
_GLUED_WORDS: Final = (
    "and",
    "the",
    "in",
    "on",
    "or",
    "to",
    "of",
    "for",
    "is",
    "are",
    "as",
    "also",
    "shall",
    "which",
    "where",
    "with",
    "except",
    "this",
    "these",
    "by",
    "may",
    "should",
    "will",
    "under",
)


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A country name found in a text: its code and [start, end) in the original text."""

    iso2: str
    start: int
    end: int
    text: str


def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each kept character its index in ``text``."""
    normalised = text.translate(_APOSTROPHES).translate(_DASHES)
    kept = [(i, ch) for i, ch in enumerate(normalised) if not ch.isspace()]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


@functools.cache
def _pattern() -> re.Pattern[str]:
    spellings = sorted({_squeeze(name)[0] for name in RR_NAMES}, key=lambda s: (-len(s), s))
    return re.compile("|".join(re.escape(s) for s in spellings))


@functools.cache
def _code_of_squeezed() -> dict[str, str]:
    return {_squeeze(name)[0]: code for name, code in RR_NAMES.items()}


def _lower_run(squeezed: str, end: int) -> str:
    run = []
    for ch in squeezed[end:]:
        if not ch.islower():
            break
        run.append(ch)
    return "".join(run)


def find_country_names(text: str) -> list[NameMatch]:
    """Every country name in ``text``, in order of appearance, with its position."""
    squeezed, index = _squeeze(text)
    codes = _code_of_squeezed()
    matches: list[NameMatch] = []
    pos = 0
    pattern = _pattern()
    while True:
        found = pattern.search(squeezed, pos)
        if found is None:
            break
        # A name glued to a longer word ("India" in "Indian") is not a name, unless the
        # rest is a common word whose preceding space was lost ("Rwandaand").
        tail = _lower_run(squeezed, found.end())
        if tail and not tail.startswith(_GLUED_WORDS):
            pos = found.start() + 1
            continue
        start, end = index[found.start()], index[found.end() - 1] + 1
        matches.append(NameMatch(codes[found.group()], start, end, text[start:end]))
        pos = found.end()
    return matches


def countries_in_text(text: str) -> list[str]:
    """ISO2 codes of the countries ``text`` names, in order of first appearance.

    >>> countries_in_text("in Algeria, Saudi Arabia, the SyrianArab Republic and Tunisia")
    ['DZ', 'SA', 'SY', 'TN']
    """
    seen: dict[str, None] = {}
    for match in find_country_names(text):
        seen.setdefault(match.iso2, None)
    return list(seen)


def rr_name_to_iso2(name: str) -> str | None:
    """The ISO2 code of one RR country name (whitespace ignored), or None."""
    return _code_of_squeezed().get(_squeeze(name.strip())[0])
