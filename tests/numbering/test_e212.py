"""E.212: the register built from Operational Bulletin 1162 and its amendments, IMSIs.

Expected values are read from the shipped Bulletin extracts (the files the ITU publishes),
cited by file and entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openitu.errors import InvalidInput
from openitu.numbering import e212
from openitu.numbering.crosscheck import crosscheck

DATA = Path(__file__).resolve().parents[2] / "src" / "openitu" / "data" / "numbering"


def _bulletin(name: str) -> dict[str, list[list[str]]]:
    body = json.loads((DATA / name).read_text(encoding="utf-8"))[1]
    assert isinstance(body, dict)
    return body


@pytest.fixture(scope="module")
def register() -> e212.E212Register:
    return e212.bulletin_register()


@pytest.mark.parametrize(
    ("imsi", "mcc", "mnc", "operator", "country"),
    [
        # itut_mnc_1162.json "United States": ["AT&T Mobility", "310410"]: 3-digit MNC
        ("310410123456789", "310", "410", "AT&T Mobility", "US"),
        # "Canada": 302 plan, 3-digit
        ("302131234567890", "302", "131", "Xplore Inc.", "CA"),
        # "India": 405 mixes 3-digit codes ("405000" Shyam Telelink) with 2-digit ones
        ("405000123456789", "405", "000", "Shyam Telelink Ltd, Rajasthan", "IN"),
        # "Germany": ["Telekom Deutschland GmbH", "26201"]: 2-digit MNC
        ("262011234567890", "262", "01", "Telekom Deutschland GmbH", "DE"),
        # "France": ["Butachimie", "208501", "ADD"] in the amendments: a 3-digit block
        ("208501234567890", "208", "501", "Butachimie", "FR"),
        # "Angola": ["AFRICELL", "63105", "ADD"]: added after OB 1162
        ("631051234567890", "631", "05", "AFRICELL", "AO"),
    ],
)
def test_imsis_of_bulletin_networks_decode(
    register: e212.E212Register, imsi: str, mcc: str, mnc: str, operator: str, country: str
) -> None:
    decoded = register.decode_imsi(imsi)
    assert (decoded.mcc, decoded.mnc, decoded.operator, decoded.country) == (
        mcc,
        mnc,
        operator,
        country,
    )
    assert decoded.msin == imsi[3 + len(mnc) :]
    assert decoded.mnc_length_basis == "register"


def test_every_assigned_network_round_trips_through_an_imsi(register: e212.E212Register) -> None:
    """An IMSI built on each assigned code decodes back to that code.

    Exceptions are the codes the Bulletin itself makes ambiguous: a 2-digit code that is
    the beginning of a 3-digit one under the same MCC (Guyana 738 "00" and "002").
    """
    ambiguous = []
    for network in register.all_networks():
        if network.status != e212.ASSIGNED:
            continue
        siblings = register.active[network.mcc]
        if any(e212.conflicts(network.mnc, other) for other in siblings):
            ambiguous.append(network.code)
            continue
        imsi = (network.code + "0123456789")[:15]
        decoded = register.decode_imsi(imsi)
        assert (decoded.mcc, decoded.mnc) == (network.mcc, network.mnc), imsi
    assert len(ambiguous) < 10, ambiguous


def test_unlisted_mnc_length_comes_from_the_plan(register: e212.E212Register) -> None:
    # No 310 999 in the register: the US plan is 3-digit throughout.
    assert register.mnc_length("310", "999123") == (3, "the MCC's plan uses 3-digit MNCs")
    assert register.mnc_length("234", "991234")[0] == 2
    # France: 3-digit codes live in blocks (500-50x, 700-70x): an unlisted 509 is read in
    # the 50x block, while 2089x stays with the 2-digit majority.
    assert register.mnc_length("208", "509999") == (3, "3-digit block of the national plan")
    assert register.mnc_length("208", "991234")[0] == 2


def test_amendments_apply_in_publication_order(register: e212.E212Register) -> None:
    changes = _bulletin("itut_mnc_incr.json")
    albania = {code: (op, action) for op, code, action in changes["Albania"]}
    assert albania["27604"] == ("Mobile 4 AL", "SUP")
    assert register.network("276", "04").status == e212.WITHDRAWN  # type: ignore[union-attr]
    listed_1162 = dict((code, op) for op, code in _bulletin("itut_mnc_1162.json")["Albania"])
    assert listed_1162["27601"] != albania["27601"][0]
    assert register.network("276", "01").operator == albania["27601"][0]  # type: ignore[union-attr]
    # Nokia 50554: ADD then SUP in the amendments: withdrawn at the end.
    assert register.network("505", "54").status == e212.WITHDRAWN  # type: ignore[union-attr]


def test_codes_only_in_the_older_bulletin_are_withdrawn(register: e212.E212Register) -> None:
    older = {c for entries in _bulletin("itut_mnc_1111.json").values() for _, c in entries}
    newer = {c for entries in _bulletin("itut_mnc_1162.json").values() for _, c in entries}
    changed = {c for entries in _bulletin("itut_mnc_incr.json").values() for _, c, _ in entries}
    gone = sorted(older - newer - changed)
    assert gone
    for code in gone:
        network = register.network(code[:3], code[3:])
        assert network is not None and network.status == e212.WITHDRAWN


def test_a_network_listed_under_two_countries_is_its_mccs(register: e212.E212Register) -> None:
    swisscom = register.network("228", "01")
    assert swisscom is not None and swisscom.iso2 == "CH" and swisscom.also == ("LI",)
    assert any(n.code == "22801" for n in register.networks_of("LI"))


def test_countries_of_an_mcc_and_the_mccs_of_a_country(register: e212.E212Register) -> None:
    assert register.mcc_countries["310"] == ("US",)
    assert set(register.mcc_countries["340"]) == {"GF", "GP", "MQ"}
    assert {"310", "311", "312", "313", "316"} <= set(register.mccs_of("US"))
    assert register.mccs_of("IN") == ["404", "405"]


def test_free_mncs_are_unassigned_and_prefix_free(register: e212.E212Register) -> None:
    free = register.free_mncs("234")
    held = set(register.active["234"])
    assert free and not set(free) & held
    assert all(len(m) == 2 for m in free)
    for mnc in register.free_mncs("208", length=3):
        assert not any(e212.conflicts(mnc, other) for other in register.active["208"])


@pytest.mark.parametrize(
    ("imsi", "reason_part"),
    [
        ("31041012345678X", "digits only"),
        ("3104101234567890", "at most 15"),
        ("123451234567890", "start with 2 to 9"),
        ("999991234567890", "not in the E.212 register"),
        ("31041", "at most 15"),
    ],
)
def test_malformed_imsis_are_refused(
    register: e212.E212Register, imsi: str, reason_part: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        register.decode_imsi(imsi)
    assert caught.value.field == "imsi"
    assert reason_part in caught.value.reason


def test_crosscheck_lists_differences_from_the_mit_list(register: e212.E212Register) -> None:
    mit = json.loads((DATA / "mcc-mnc-list.json").read_text(encoding="utf-8"))
    mit_codes = {e["mcc"] + e["mnc"] for e in mit if e.get("mnc")}
    report = crosscheck(register, mit)
    assert report["counts"]["only_in_bulletin"] == len(report["only_in_bulletin"]) > 0
    for entry in report["only_in_bulletin"]:
        assert entry["mcc"] + entry["mnc"] not in mit_codes
    ours = {n.code for n in register.all_networks()}
    for entry in report["only_in_mit"]:
        assert entry["mcc"] + entry["mnc"] not in ours
    # MIT keeps "Not operational" rows the Bulletin never had: they are listed, not adopted.
    assert all(register.network(e["mcc"], e["mnc"]) is None for e in report["only_in_mit"])


def test_the_shipped_crosscheck_report_is_current(register: e212.E212Register) -> None:
    shipped = json.loads((DATA / "e212_crosscheck.json").read_text(encoding="utf-8"))
    assert shipped == crosscheck(register)


def test_bulk_decoding_equals_one_by_one(register: e212.E212Register) -> None:
    import random

    rng = random.Random(212)
    codes = [n.code for n in register.all_networks()]
    imsis = [
        (rng.choice(codes) + "".join(rng.choice("0123456789") for _ in range(10)))[
            : rng.choice((15, 15, 14, 6, 16))
        ]
        for _ in range(5000)
    ] + ["12345678901234X", "00101", "999991234567890"]
    bulk = register.decode_many(imsis)
    for imsi, got in zip(imsis, bulk, strict=True):
        try:
            expected = register.decode_imsi(imsi)
        except InvalidInput:
            expected = None
        assert got == expected, imsi
