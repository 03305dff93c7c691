"""The everyday questions: what is this number, this IMSI, this code; what does a country hold."""

from __future__ import annotations

from typing import Any

from openitu.errors import InvalidInput
from openitu.numbering import e164, signalling
from openitu.numbering.countries import validate_iso2
from openitu.numbering.e212 import E212Register, validate_mcc


def mcc_report(
    register: E212Register, text: str, *, include_withdrawn: bool = False
) -> dict[str, Any]:
    """``openitu numbering mcc MCC``: the countries an MCC serves and its networks."""
    mcc = validate_mcc(text)
    if not register.known_mcc(mcc):
        raise InvalidInput("mcc", f"MCC {mcc} is not in the E.212 register")
    lengths = register.mnc_lengths(mcc)
    return {
        "mcc": mcc,
        "countries": list(register.mcc_countries.get(mcc, ())),
        "names": list(register.mcc_names.get(mcc, ())),
        "mnc_lengths": sorted(lengths),
        "networks": [
            {"mnc": n.mnc, "operator": n.operator, "status": n.status, "country": n.iso2}
            for n in register.networks(mcc, include_withdrawn=include_withdrawn)
        ],
    }


def country_report(register: E212Register, text: str) -> dict[str, Any]:
    """``openitu numbering country ISO2``: every numbering resource a country holds."""
    iso2 = validate_iso2(text)
    codes = [e164.country_codes()[c] for c in e164.codes_of_region(iso2)]
    return {
        "country": iso2,
        "e164": [
            {
                "country_code": c.code,
                "kind": c.kind,
                "shared_with": [r for r in c.regions if r != iso2],
            }
            for c in codes
        ],
        "mccs": register.mccs_of(iso2),
        "networks": [
            {"mcc": n.mcc, "mnc": n.mnc, "operator": n.operator, "status": n.status}
            for n in register.networks_of(iso2)
        ],
        "sancs": [s.code for s in signalling.sancs_of(iso2)],
        "ispcs": [
            {"ispc": p.code, "decimal": p.decimal, "name": p.name, "operator": p.operator}
            for p in signalling.ispcs_of(iso2)
        ],
    }


def free_under_own_mccs(register: E212Register, iso2: str, *, limit: int = 12) -> dict[str, Any]:
    """The free MNCs under each MCC of ``iso2`` (the first ``limit`` of each), for an
    application form to suggest; ``{"mcc": [...]}`` in the MCC's own MNC length."""
    return {mcc: register.free_mncs(mcc)[:limit] for mcc in register.mccs_of(iso2)}


def network_report(register: E212Register, text: str, *, field: str = "q") -> dict[str, Any]:
    """An MCC followed by an MNC ("63902", "310410"): the network it names (E.212)."""
    digits = text.strip().replace(" ", "").replace("-", "")
    if not digits.isdigit() or not 5 <= len(digits) <= 6:
        raise InvalidInput(field, "an MCC and MNC are 5 or 6 digits (3 of MCC, 2 or 3 of MNC)")
    mcc = validate_mcc(digits[:3], field=field)
    if not register.known_mcc(mcc):
        raise InvalidInput(field, f"MCC {mcc} is not in the E.212 register")
    mnc = digits[3:]
    network = register.network(mcc, mnc)
    if network is None:
        names = ", ".join(register.mcc_names.get(mcc, ())) or "its country"
        raise InvalidInput(
            field, f"MCC {mcc} ({names}) has no network with MNC {mnc} in the E.212 register"
        )
    return {
        "mcc": mcc,
        "mnc": mnc,
        "operator": network.operator,
        "country": network.iso2,
        "country_name": network.country,
        "status": network.status,
    }


def imsi_report(register: E212Register, text: str) -> dict[str, Any]:
    decoded = register.decode_imsi(text)
    return {
        "mcc": decoded.mcc,
        "mnc": decoded.mnc,
        "msin": decoded.msin,
        "operator": decoded.operator,
        "country": decoded.country,
        "country_name": decoded.country_name,
        "status": decoded.status,
        "mnc_length_basis": decoded.mnc_length_basis,
        "imsi": decoded.imsi,
    }
