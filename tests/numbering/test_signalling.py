"""Q.708: SANCs and ISPCs from Operational Bulletins 1293 and 1295."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openitu.errors import InvalidInput
from openitu.numbering import signalling

DATA = Path(__file__).resolve().parents[2] / "src" / "openitu" / "data" / "numbering"


def test_every_listed_ispc_decimal_matches_its_3_8_3_bits() -> None:
    body = json.loads((DATA / "itut_spc_1295.json").read_text(encoding="utf-8"))[1]
    rows = [row for entries in body.values() for row in entries]
    assert len(rows) > 6000
    for code, decimal, _name, _operator in rows:
        assert signalling.parse_ispc(code) == (code, int(decimal))
        assert signalling.parse_ispc(decimal) == (code, int(decimal))


def test_sanc_and_ispc_owners() -> None:
    # itut_sanc_1293.json: "2-001": "Italy"; itut_spc_1295.json "Afghanistan": 4-024-0 AWCC
    assert signalling.sanc_register()["2-001"].iso2 == "IT"
    ispc = signalling.ispc_register()["4-024-0"]
    assert (ispc.decimal, ispc.operator, ispc.iso2, ispc.sanc) == (8384, "AWCC", "AF", "4-024")
    assert "4-024" in [s.code for s in signalling.sancs_of("AF")]


def test_inconsistencies_between_the_lists_are_reported_not_hidden() -> None:
    problems = signalling.ispc_inconsistencies()
    # e.g. ISPCs under Serbia's SANC 2-040 listed for Montenegro (a legacy of 2006).
    assert any(p["ispc"].startswith("2-040-") for p in problems)
    assert len(problems) < 50


def test_free_ispcs_under_a_sanc() -> None:
    taken = set(signalling.ispc_register())
    for code in signalling.free_ispcs("4-024"):
        assert code not in taken and code.startswith("4-024-")


@pytest.mark.parametrize("text", ["8-001-0", "4-300-0", "4-024-8", "16384", "abc"])
def test_malformed_ispcs_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        signalling.parse_ispc(text)
    assert caught.value.field == "ispc"
