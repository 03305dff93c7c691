"""The everyday questions: what is this number, this IMSI, this code; what does a country hold."""

from __future__ import annotations

import re
from typing import Any

from openitu.errors import InvalidInput
from openitu.numbering import e164, signalling
from openitu.numbering.countries import iso2_of_name, validate_iso2
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


# ------------------------------------------------------------------ one search box


def what_is(query: str, *, field: str = "q") -> str:
    """What a search box's text names, by its form: ``number``, ``country`` (ISO2),
    ``country_name``, ``mcc``, ``network`` (MCC+MNC), ``imsi``."""
    text = query.strip()
    if text.startswith(("+", "00")):
        return "number"
    if re.fullmatch(r"[A-Za-z]{2}", text):
        return "country"
    if re.fullmatch(r"\d{3}", text):
        return "mcc"
    if re.fullmatch(r"\d{5,6}", text.replace(" ", "").replace("-", "")):
        return "network"
    if re.fullmatch(r"\d{7,15}", text):
        return "imsi"
    if re.fullmatch(r"[^\W\d_][\w .,'()&-]+", text):
        return "country_name"
    raise InvalidInput(
        field,
        "type a number (+41 22 730 51 11), an IMSI (15 digits), an MCC (3 digits), an MCC and "
        "MNC (63902), an ISO2 code or a country's name",
    )


def country_named(query: str, *, field: str = "q") -> str:
    """The ISO2 code of the country a search names by code ("KE") or name ("Kenya")."""
    if what_is(query, field=field) == "country":
        return validate_iso2(query, field=field)
    iso2 = iso2_of_name(query)
    if iso2 is None:
        raise InvalidInput(field, f"no country or territory is named {query.strip()!r}")
    return iso2


def search(register: E212Register, query: str, *, field: str = "q") -> dict[str, Any]:
    """What the search box finds: ``{"kind": ..., "result": ...}``, the result being the
    report of the number, IMSI, MCC, network or country the text names."""
    kind = what_is(query, field=field)
    result: dict[str, Any]
    if kind == "number":
        result = e164.parse_number(query, field=field).as_dict()
    elif kind in ("country", "country_name"):
        kind, result = "country", country_report(register, country_named(query, field=field))
    elif kind == "mcc":
        result = mcc_report(register, query.strip())
    elif kind == "network":
        result = network_report(register, query, field=field)
    else:
        result = imsi_report(register, query.strip())
    return {"query": query, "kind": kind, "result": result}
