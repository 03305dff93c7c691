"""Cross-check of the Bulletin's MCC/MNC register against the MIT mcc-mnc list.

The Operational Bulletin is the authority: where the two disagree the register keeps the
Bulletin's answer, and this report lists every difference so that people relying on the
community list see where it lags or runs ahead of the ITU.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from openitu.numbering import sources
from openitu.numbering.e212 import WITHDRAWN, E212Register

#: Words that say nothing about who holds a code.
_NOISE_WORDS = (
    "the and of de du la le s a sa ltd limited inc co corp corporation company gmbh ag bv "
    "nv plc llc sas srl spa ab as oy pty sl sau telecom telecommunications "
    "telecommunication communications mobile networks network wireless cellular group "
    "holding international public gsm lte"
)
_NOISE = frozenset(_NOISE_WORDS.split())


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return {w for w in re.findall(r"[a-z0-9]+", ascii_text) if w not in _NOISE and len(w) > 1}


def same_holder(a: str | None, b: str | None, *also: str | None) -> bool:
    """Whether two holder names plausibly name the same company (a shared word)."""
    left = _words(a)
    right = set().union(*(_words(x) for x in (b, *also)))
    if not left or not right:
        return True  # nothing to compare: not a difference worth listing
    return bool(left & right) or any(x in y or y in x for x in left for y in right)


def crosscheck(register: E212Register, mit: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Every difference between ``register`` and the MIT list, by kind."""
    entries = mit if mit is not None else sources.read_json("mcc-mnc-list.json")
    mit_by_code: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("mnc") and entry.get("mcc") and entry.get("type") != "Test":
            mit_by_code[entry["mcc"] + entry["mnc"]] = entry
    ours = {n.code: n for n in register.all_networks()}
    only_bulletin: list[dict[str, Any]] = []
    only_mit: list[dict[str, Any]] = []
    withdrawn_but_listed: list[dict[str, Any]] = []
    holder: list[dict[str, Any]] = []
    country: list[dict[str, Any]] = []
    for code, network in sorted(ours.items()):
        other = mit_by_code.get(code)
        if network.status == WITHDRAWN:
            if other is not None and other.get("status") == "Operational":
                withdrawn_but_listed.append(
                    {
                        "mcc": network.mcc,
                        "mnc": network.mnc,
                        "bulletin": f"withdrawn ({network.source})",
                        "mit_status": other.get("status"),
                        "mit_operator": other.get("operator"),
                    }
                )
            continue
        if other is None:
            only_bulletin.append(
                {
                    "mcc": network.mcc,
                    "mnc": network.mnc,
                    "operator": network.operator,
                    "country": network.iso2,
                }
            )
            continue
        if not same_holder(network.operator, other.get("operator"), other.get("brand")):
            holder.append(
                {
                    "mcc": network.mcc,
                    "mnc": network.mnc,
                    "bulletin": network.operator,
                    "mit_operator": other.get("operator"),
                    "mit_brand": other.get("brand"),
                }
            )
        mit_countries = {c for c in (other.get("countryCode") or "").split("/") if len(c) == 2}
        if network.iso2 and mit_countries and network.iso2 not in mit_countries:
            country.append(
                {
                    "mcc": network.mcc,
                    "mnc": network.mnc,
                    "bulletin": network.iso2,
                    "mit": sorted(mit_countries),
                }
            )
    for code, other in sorted(mit_by_code.items()):
        if code not in ours:
            only_mit.append(
                {
                    "mcc": other["mcc"],
                    "mnc": other["mnc"],
                    "operator": other.get("operator"),
                    "mit_status": other.get("status"),
                    "country": other.get("countryCode"),
                }
            )
    sections = {
        "only_in_bulletin": only_bulletin,
        "only_in_mit": only_mit,
        "withdrawn_in_bulletin_operational_in_mit": withdrawn_but_listed,
        "holder_differs": holder,
        "country_differs": country,
    }
    return {
        "authority": f"ITU-T {sources.MNC_LIST_EDITION} and its amendments",
        "compared_with": "mcc-mnc-list.json (MIT licence)",
        "rule": "where the two disagree, the Bulletin's entry is the register's",
        "counts": {k: len(v) for k, v in sections.items()},
        **sections,
    }
