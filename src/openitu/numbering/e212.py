"""ITU-T E.212: mobile country codes (MCC), mobile network codes (MNC) and the IMSI.

The register is the list annexed to ITU-T Operational Bulletin No. 1162 with the
amendments published after it (ADD a code, SUP withdraw it, LIR "read": the holder's
name changes), applied in the order the Bulletin published them. Codes listed in the
older Bulletin No. 1111 and absent from both are kept as withdrawn.

An IMSI is MCC (3 digits) + MNC (2 or 3 digits) + MSIN, at most 15 digits (E.212
clause 6.2). Nothing in the IMSI says how long its MNC is: the register does. Most
countries use one length throughout (the United States 310-316, Canada 302 and India's
405 plan use 3 digits); some mix them in blocks (France 208 5xx/7xx, Hong Kong 454 29x,
Japan 441 2xx). :meth:`E212Register.mnc_length` decides from the codes the register
holds, and says on what basis.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, Final

from openitu.errors import InvalidInput
from openitu.numbering import sources

ASSIGNED: Final = "assigned"
RESERVED: Final = "reserved"
WITHDRAWN: Final = "withdrawn"
#: MCCs not tied to a country (E.212 Annex A): 901 international mobile (shared),
#: 991 trials of new international services, 001/999 test and internal use.
INTERNATIONAL_MCCS: Final = frozenset({"901", "902", "991"})
MAX_IMSI_DIGITS: Final = 15


@dataclass(frozen=True, slots=True)
class Network:
    """One MNC in the register."""

    mcc: str
    mnc: str
    operator: str
    country: str  # the Bulletin's country (or shared-code) heading
    iso2: str | None
    status: str = ASSIGNED
    source: str = sources.MNC_LIST_EDITION
    also: tuple[str, ...] = ()  # other countries the network is listed under

    @property
    def code(self) -> str:
        return self.mcc + self.mnc

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BulletinChange:
    """One amendment to the list, as published (sequence = publication order)."""

    sequence: int
    action: str  # "ADD" | "SUP" | "LIR"
    mcc: str
    mnc: str
    operator: str
    country: str


@dataclass(frozen=True, slots=True)
class DecodedImsi:
    imsi: str
    mcc: str
    mnc: str
    msin: str
    operator: str | None
    country: str | None  # ISO2
    country_name: str | None
    status: str | None
    mnc_length_basis: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _split(code: str) -> tuple[str, str]:
    return code[:3], code[3:]


@cache
def bulletin_changes() -> tuple[BulletinChange, ...]:
    changes: list[BulletinChange] = []
    for country, entries in sources.bulletin_body("itut_mnc_incr.json").items():
        for operator, code, action in entries:
            mcc, mnc = _split(code)
            changes.append(BulletinChange(len(changes) + 1, action, mcc, mnc, operator, country))
    return tuple(changes)


@cache
def bulletin_networks() -> tuple[Network, ...]:
    """The register as the Bulletins leave it: assigned and withdrawn codes."""
    listings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    mcc_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for country, entries in sources.bulletin_body("itut_mnc_1162.json").items():
        for operator, code in entries:
            listings[code].append((country, operator))
            mcc_votes[code[:3]][country] += 1
    state: dict[str, Network] = {}
    for code, listed in listings.items():
        # A few networks are listed under two countries (20801 France and Monaco, 22801
        # Switzerland and Liechtenstein): the MCC's own country holds the code, the
        # other is recorded as also served.
        votes = mcc_votes[code[:3]]
        country, operator = max(listed, key=lambda item: votes[item[0]])
        also = tuple(
            sorted({iso for c, _ in listed if c != country and (iso := sources.iso2_of(c))})
        )
        mcc, mnc = _split(code)
        state[code] = Network(mcc, mnc, operator, country, sources.iso2_of(country), also=also)
    for change in bulletin_changes():
        code = change.mcc + change.mnc
        iso2 = sources.iso2_of(change.country)
        if change.action == "SUP":
            previous = state.get(code)
            operator = previous.operator if previous else change.operator
            state[code] = Network(
                change.mcc,
                change.mnc,
                operator,
                change.country,
                iso2,
                WITHDRAWN,
                sources.MNC_CHANGES,
            )
        else:  # ADD, or LIR (the holder's name reads differently from now on)
            state[code] = Network(
                change.mcc,
                change.mnc,
                change.operator,
                change.country,
                iso2,
                ASSIGNED,
                sources.MNC_CHANGES,
            )
    for country, entries in sources.bulletin_body("itut_mnc_1111.json").items():
        for operator, code in entries:
            if code not in state:
                mcc, mnc = _split(code)
                state[code] = Network(
                    mcc,
                    mnc,
                    operator,
                    country,
                    sources.iso2_of(country),
                    WITHDRAWN,
                    sources.MNC_OLDER_EDITION,
                )
    return tuple(sorted(state.values(), key=lambda n: (n.mcc, n.mnc)))


@cache
def mit_mcc_countries() -> dict[str, tuple[str, ...]]:
    """MCC -> ISO2 from the MIT-licensed mcc-mnc list, for MCCs the Bulletin list lacks."""
    found: dict[str, set[str]] = defaultdict(set)
    for entry in sources.read_json("mcc-mnc-list.json"):
        code = entry.get("countryCode")
        if entry.get("type") == "National" and code:
            found[entry["mcc"]].update(part for part in code.split("/") if len(part) == 2)
    return {mcc: tuple(sorted(codes)) for mcc, codes in found.items()}


def validate_mcc(text: str, *, field: str = "mcc") -> str:
    mcc = text.strip()
    if len(mcc) != 3 or not mcc.isdigit():
        raise InvalidInput(field, f"{text!r} is not an MCC (3 digits)")
    if mcc[0] in "01" and mcc not in ("001",):
        raise InvalidInput(field, f"{mcc}: MCCs start with 2 to 9 (E.212 Annex A)")
    return mcc


class E212Register:
    """The MCC/MNC register: lookups, IMSI decoding, free codes."""

    def __init__(
        self,
        networks: Iterable[Network],
        *,
        extra_mcc_countries: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.active: dict[str, dict[str, Network]] = defaultdict(dict)
        self.withdrawn: dict[str, dict[str, Network]] = defaultdict(dict)
        countries: dict[str, set[str]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        for network in networks:
            table = self.withdrawn if network.status == WITHDRAWN else self.active
            table[network.mcc][network.mnc] = network
            if network.iso2:
                countries[network.mcc].add(network.iso2)
            names[network.mcc].add(network.country)
        for mcc, codes in (extra_mcc_countries or {}).items():
            if mcc not in countries:
                countries[mcc].update(codes)
        self.mcc_countries: dict[str, tuple[str, ...]] = {
            mcc: tuple(sorted(codes)) for mcc, codes in countries.items()
        }
        self.mcc_names: dict[str, tuple[str, ...]] = {
            mcc: tuple(sorted(n)) for mcc, n in names.items()
        }

    # ------------------------------------------------------------------ lookups
    def known_mcc(self, mcc: str) -> bool:
        return mcc in self.active or mcc in self.withdrawn or mcc in self.mcc_countries

    def networks(self, mcc: str, *, include_withdrawn: bool = False) -> list[Network]:
        found = list(self.active.get(mcc, {}).values())
        if include_withdrawn:
            found += self.withdrawn.get(mcc, {}).values()
        return sorted(found, key=lambda n: (n.mnc, n.status))

    def network(self, mcc: str, mnc: str) -> Network | None:
        return self.active.get(mcc, {}).get(mnc) or self.withdrawn.get(mcc, {}).get(mnc)

    def mccs_of(self, iso2: str) -> list[str]:
        return sorted(mcc for mcc, codes in self.mcc_countries.items() if iso2 in codes)

    def networks_of(self, iso2: str) -> list[Network]:
        found = [
            n
            for by_mnc in self.active.values()
            for n in by_mnc.values()
            if n.iso2 == iso2 or iso2 in n.also
        ]
        return sorted(found, key=lambda n: n.code)

    def mnc_lengths(self, mcc: str) -> Counter[int]:
        """How many codes of each length the MCC holds (assigned and withdrawn)."""
        return Counter(
            len(mnc) for table in (self.active, self.withdrawn) for mnc in table.get(mcc, {})
        )

    def mnc_length(self, mcc: str, digits: str) -> tuple[int, str]:
        """The MNC length of an identity starting ``mcc`` + ``digits``, and the basis.

        In order: a code the register holds (3 digits first: where a country mixes
        lengths, the longer code is the more specific); a block of 3-digit codes sharing
        the first two digits; the length the MCC's plan uses (the majority length).
        """
        active = self.active.get(mcc, {})
        withdrawn = self.withdrawn.get(mcc, {})
        for length in (3, 2):
            if digits[:length] in active:
                return length, "register"
        for length in (3, 2):
            if digits[:length] in withdrawn:
                return length, "register (withdrawn code)"
        lengths = self.mnc_lengths(mcc)
        if not lengths:
            return 2, "no codes under this MCC: E.212 two-digit default"
        if len(lengths) > 1:
            two = digits[:2]
            if any(len(m) == 3 and m.startswith(two) for t in (active, withdrawn) for m in t):
                return 3, "3-digit block of the national plan"
        length = lengths.most_common(1)[0][0]
        return length, f"the MCC's plan uses {length}-digit MNCs"

    def decode_imsi(self, text: str, *, field: str = "imsi") -> DecodedImsi:
        imsi = text.strip().replace(" ", "")
        if not imsi.isdigit():
            raise InvalidInput(field, "an IMSI is made of digits only")
        if not 6 <= len(imsi) <= MAX_IMSI_DIGITS:
            raise InvalidInput(
                field, f"{len(imsi)} digits: an IMSI has at most 15 (MCC, MNC and MSIN)"
            )
        mcc = validate_mcc(imsi[:3], field=field)
        if not self.known_mcc(mcc):
            raise InvalidInput(field, f"MCC {mcc} is not in the E.212 register")
        length, basis = self.mnc_length(mcc, imsi[3:])
        mnc, msin = imsi[3 : 3 + length], imsi[3 + length :]
        if not msin:
            raise InvalidInput(field, "no MSIN digits after the MCC and MNC")
        network = self.network(mcc, mnc)
        countries = self.mcc_countries.get(mcc, ())
        country = network.iso2 if network else (countries[0] if len(countries) == 1 else None)
        country_name = network.country if network else None
        return DecodedImsi(
            imsi=imsi,
            mcc=mcc,
            mnc=mnc,
            msin=msin,
            operator=network.operator if network else None,
            country=country,
            country_name=country_name,
            status=network.status if network else None,
            mnc_length_basis=basis,
        )

    def decode_many(self, imsis: Iterable[str]) -> list[DecodedImsi | None]:
        """Decode many IMSIs; None where :meth:`decode_imsi` would refuse one.

        What an IMSI decodes to depends on its first six digits only (MCC and the longest
        MNC), so each six-digit prefix is resolved once and reused.
        """
        by_prefix: dict[str, tuple[int, str, Network | None, str | None]] = {}
        decoded: list[DecodedImsi | None] = []
        for imsi in imsis:
            if not (6 <= len(imsi) <= MAX_IMSI_DIGITS and imsi.isdigit()):
                decoded.append(None)
                continue
            prefix = imsi[:6]
            if prefix not in by_prefix:
                try:
                    first = self.decode_imsi(imsi)
                except InvalidInput:
                    decoded.append(None)  # not cached: a longer IMSI may decode
                    continue
                else:
                    network = self.network(first.mcc, first.mnc)
                    by_prefix[prefix] = (
                        len(first.mnc),
                        first.mnc_length_basis,
                        network,
                        first.country,
                    )
            length, basis, network, country = by_prefix[prefix]
            if len(imsi) <= 3 + length:
                decoded.append(None)
                continue
            decoded.append(
                DecodedImsi(
                    imsi=imsi,
                    mcc=imsi[:3],
                    mnc=imsi[3 : 3 + length],
                    msin=imsi[3 + length :],
                    operator=network.operator if network else None,
                    country=country,
                    country_name=network.country if network else None,
                    status=network.status if network else None,
                    mnc_length_basis=basis,
                )
            )
        return decoded

    def free_mncs(self, mcc: str, *, length: int | None = None) -> list[str]:
        """MNCs that could be assigned under ``mcc``: unassigned and prefix-free.

        A 2-digit code "12" and a 3-digit "12x" cannot coexist (an IMSI could not be
        split), so each blocks the other. ``length`` defaults to the MCC's plan.
        """
        used = set(self.active.get(mcc, {}))
        lengths = [length] if length else sorted(self.allowed_lengths(mcc))
        free = []
        for size in lengths:
            for value in range(10**size):
                mnc = f"{value:0{size}d}"
                if mnc in used or any(conflicts(mnc, other) for other in used):
                    continue
                free.append(mnc)
        return free

    def allowed_lengths(self, mcc: str) -> set[int]:
        lengths = set(self.mnc_lengths(mcc))
        return lengths or {2, 3}

    def all_networks(self) -> list[Network]:
        found = [n for t in (self.active, self.withdrawn) for m in t.values() for n in m.values()]
        return sorted(found, key=lambda n: (n.code, n.status))


def conflicts(a: str, b: str) -> bool:
    """Two codes of one plan collide when one is a proper prefix of the other."""
    return a != b and (a.startswith(b) or b.startswith(a))


@cache
def bulletin_register() -> E212Register:
    """The register from the shipped Bulletin extracts (no database needed)."""
    return E212Register(bulletin_networks(), extra_mcc_countries=mit_mcc_countries())
