"""ITU-T Q.708: signalling area/network codes (SANC) and international signalling point codes.

An international signalling point code (ISPC) is 14 bits written zone-area-point, 3-8-3
bits: "4-024-0" is zone 4, area 24, point 0, decimal 4*2048 + 24*8 + 0 = 8384. The zone
and area together are the SANC ("4-024"), which the TSB assigns to a country; the
country's administration assigns the eight ISPCs under it and notifies the TSB, which
publishes them. Sources: SANC list of Operational Bulletin No. 1293, ISPC list of No. 1295.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, Final

from openitu.errors import InvalidInput
from openitu.numbering import sources

_SANC: Final = re.compile(r"([2-7])-(\d{3})")
_ISPC: Final = re.compile(r"([2-7])-(\d{3})-([0-7])")


@dataclass(frozen=True, slots=True)
class Sanc:
    code: str  # "z-aaa"
    country: str
    iso2: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Ispc:
    code: str  # "z-aaa-p"
    decimal: int
    name: str  # the signalling point's name
    operator: str
    country: str
    iso2: str | None

    @property
    def sanc(self) -> str:
        return self.code.rsplit("-", 1)[0]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "sanc": self.sanc}


def parse_sanc(text: str, *, field: str = "sanc") -> str:
    match = _SANC.fullmatch(text.strip())
    if match is None or int(match.group(2)) > 255:
        raise InvalidInput(field, f"{text!r} is not a SANC (zone 2-7, area 000-255: '4-024')")
    return f"{match.group(1)}-{int(match.group(2)):03d}"


def parse_ispc(text: str, *, field: str = "ispc") -> tuple[str, int]:
    """An ISPC as "z-aaa-p" or its decimal value -> (canonical text, decimal)."""
    value = text.strip()
    if value.isascii() and value.isdigit():  # not "²": int() refuses it
        decimal = int(value)
        if not 0 <= decimal < 2**14:
            raise InvalidInput(field, f"{decimal} does not fit the 14 bits of an ISPC")
        return ispc_text(decimal), decimal
    match = _ISPC.fullmatch(value)
    if match is None or int(match.group(2)) > 255:
        raise InvalidInput(field, f"{text!r} is not an ISPC ('4-024-0' or its decimal 8384)")
    zone, area, point = (int(g) for g in match.groups())
    decimal = zone << 11 | area << 3 | point
    return ispc_text(decimal), decimal


def ispc_text(decimal: int) -> str:
    return f"{decimal >> 11}-{(decimal >> 3) & 0xFF:03d}-{decimal & 0x7}"


@cache
def sanc_register() -> dict[str, Sanc]:
    body = sources.bulletin_body("itut_sanc_1293.json")
    return {code: Sanc(code, name, sources.iso2_of(name)) for code, name in sorted(body.items())}


@cache
def ispc_register() -> dict[str, Ispc]:
    found: dict[str, Ispc] = {}
    for country, entries in sources.bulletin_body("itut_spc_1295.json").items():
        for code, decimal, name, operator in entries:
            found[code] = Ispc(
                code, int(decimal), name, operator, country, sources.iso2_of(country)
            )
    return dict(sorted(found.items(), key=lambda item: item[1].decimal))


def sancs_of(iso2: str) -> list[Sanc]:
    return [s for s in sanc_register().values() if s.iso2 == iso2]


def ispcs_of(iso2: str) -> list[Ispc]:
    return [p for p in ispc_register().values() if p.iso2 == iso2]


def ispc_inconsistencies() -> list[dict[str, Any]]:
    """ISPCs whose decimal disagrees with their text, or whose SANC is another country's."""
    sancs = sanc_register()
    problems: list[dict[str, Any]] = []
    for ispc in ispc_register().values():
        _text, decimal = parse_ispc(ispc.code)
        if decimal != ispc.decimal:
            problems.append({"ispc": ispc.code, "problem": f"decimal {ispc.decimal} != {decimal}"})
        owner = sancs.get(ispc.sanc)
        if owner is None:
            problems.append({"ispc": ispc.code, "problem": f"SANC {ispc.sanc} not in the list"})
        elif owner.iso2 != ispc.iso2:
            problems.append(
                {
                    "ispc": ispc.code,
                    "problem": f"SANC {ispc.sanc} is {owner.country}'s, ISPC listed under "
                    f"{ispc.country}",
                }
            )
    return problems


def free_ispcs(sanc: str) -> list[str]:
    """The codes under a SANC that the ISPC list does not hold."""
    code = parse_sanc(sanc)
    taken = set(ispc_register())
    return [f"{code}-{p}" for p in range(8) if f"{code}-{p}" not in taken]


def ispcs_by_sanc() -> dict[str, list[Ispc]]:
    grouped: dict[str, list[Ispc]] = defaultdict(list)
    for ispc in ispc_register().values():
        grouped[ispc.sanc].append(ispc)
    return grouped
