"""Amendments as a conference adopts them, and the editions they make."""

from __future__ import annotations

from datetime import date

import pytest

from openitu.errors import InvalidInput
from openitu.spectrum import queries
from openitu.spectrum.amendments import (
    AddAllocation,
    CiteFootnote,
    RemoveAllocation,
    RemoveFootnote,
    SetFootnote,
    amendment_from_dict,
    amendment_to_dict,
    amendments_from_list,
    apply_amendments,
)
from openitu.spectrum.diff import diff_editions
from openitu.spectrum.model import Category, Edition
from openitu.spectrum.table import AllocationTable

ADD_FIXED = {"op": "add_allocation", "region": 1, "low": "1 GHz", "high": "2 GHz"}


def amend(edition: Edition, *amendments: object) -> Edition:
    return apply_amendments(
        edition,
        list(amendments),  # type: ignore[arg-type]
        edition_id=f"RR-TEST-{edition.id}",
        title="test edition",
        entry_into_force=date(edition.entry_into_force.year + 1, 1, 1),
    )


def test_add_primary_mobile_in_3300_3400_mhz_region_1(edition: Edition) -> None:
    new = amend(
        edition,
        amendment_from_dict(
            {
                "op": "add_allocation",
                "region": 1,
                "low": "3300 MHz",
                "high": "3400 MHz",
                "service": "mobile",
                "category": "primary",
            }
        ),
    )
    before = AllocationTable(edition).band_at(3.35e9, 1)
    after = AllocationTable(new).band_at(3.35e9, 1)
    assert "mobile" not in {a.service.name for a in before.allocations}
    assert {a.service.name: a.category for a in after.allocations}["mobile"] is Category.PRIMARY
    changes = diff_editions(edition, new)
    assert [(c.region, c.low_hz, c.high_hz) for c in changes.bands] == [(1, 3.3e9, 3.4e9)]
    assert changes.bands[0].added == ("mobile [primary]",)
    assert new.based_on == edition.id


def test_amending_part_of_a_band_splits_it_and_only_there(edition: Edition) -> None:
    new = amend(edition, AddAllocation(1, 3.35e9, 3.38e9, "amateur", Category.SECONDARY))
    table = AllocationTable(new)
    assert (table.band_at(3.36e9, 1).low_hz, table.band_at(3.36e9, 1).high_hz) == (3.35e9, 3.38e9)
    assert table.band_at(3.31e9, 1).high_hz == 3.35e9
    assert table.band_at(3.39e9, 1).low_hz == 3.38e9
    assert len(new.bands) == len(edition.bands) + 2
    assert [(c.low_hz, c.high_hz) for c in diff_editions(edition, new).bands] == [(3.35e9, 3.38e9)]


def test_a_split_left_alike_is_merged_back(edition: Edition) -> None:
    new = amend(
        edition,
        AddAllocation(1, 3.35e9, 3.38e9, "amateur", Category.SECONDARY),
        RemoveAllocation(1, 3.35e9, 3.38e9, "amateur"),
    )
    assert new.bands == tuple(sorted(edition.bands, key=lambda b: (b.region, b.low_hz)))


def test_a_new_footnote_acts_in_the_countries_it_names(edition: Edition) -> None:
    text = (
        "Additional allocation: in Chile and Peru, the band 3 300-3 400 MHz is also "
        "allocated to the fixed-satellite service (Earth-to-space) on a secondary basis."
    )
    new = amend(edition, SetFootnote("5.999Z", text), CiteFootnote(2, 3.3e9, 3.4e9, "5.999Z"))
    table = AllocationTable(new)
    assert new.footnotes["5.999Z"].countries == ("CL", "PE")
    args = {"service": "fixed-satellite (Earth-to-space)", "low": "3.31 GHz", "high": "3.32 GHz"}
    in_chile = queries.check_assignment(table, country="CL", **args)
    assert in_chile["conforms"] is True and in_chile["category"] == "secondary"
    assert queries.check_assignment(table, country="BR", **args)["conforms"] is False
    removed = amend(new, RemoveFootnote("5.999Z"))
    assert "5.999Z" not in AllocationTable(removed).band_at(3.31e9, 2).footnotes


def test_json_form_round_trips() -> None:
    original = AddAllocation(
        3, 3.5e9, 3.6e9, "mobile except aeronautical mobile", Category.PRIMARY, ("5.433A",)
    )
    document = amendment_to_dict(original)
    assert document["op"] == "add_allocation"
    assert amendment_from_dict(document) == original


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"op": "paint"}, "amendment.op"),
        (
            {"op": "add_allocation", "region": 4, "low": "1 GHz", "high": "2 GHz"},
            "amendment.region",
        ),
        ({"op": "add_allocation", "region": 1, "low": "2 GHz", "high": "1 GHz"}, "amendment.low"),
        (
            {
                "op": "add_allocation",
                "region": 1,
                "low": "1 GHz",
                "high": "2 GHz",
                "service": "warp",
                "category": "primary",
            },
            "amendment.service",
        ),
        (
            {
                "op": "add_allocation",
                "region": 1,
                "low": "1 GHz",
                "high": "2 GHz",
                "service": "fixed",
                "category": "tertiary",
            },
            "amendment.category",
        ),
        ({"op": "set_footnote", "footnote_id": "5.1X"}, "amendment.text"),
    ],
)
def test_bad_amendments_name_the_field(document: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        amendment_from_dict(document)
    assert caught.value.field == field


def test_amendments_that_cannot_apply_are_refused(edition: Edition) -> None:
    with pytest.raises(InvalidInput):  # fixed is already primary at 3 400-3 600 MHz in Region 1
        amend(edition, AddAllocation(1, 3.4e9, 3.6e9, "fixed", Category.PRIMARY))
    with pytest.raises(InvalidInput):
        amend(edition, RemoveAllocation(1, 3.4e9, 3.6e9, "broadcasting"))
    with pytest.raises(InvalidInput):
        amend(edition, CiteFootnote(1, 3.4e9, 3.6e9, "5.9999"))
    with pytest.raises(InvalidInput) as caught:
        apply_amendments(edition, [], edition_id="X", title="x", entry_into_force=date(2000, 1, 1))
    assert caught.value.field == "entry_into_force"


def test_a_list_names_the_amendment_that_cannot_apply(edition: Edition) -> None:
    """Read and applied as a list, the refusal names the amendment's place in it; applied
    without a list's name, the amendment's own field as before."""
    mobile = {**ADD_FIXED, "low": "3300 MHz", "high": "3400 MHz", "service": "mobile",
              "category": "primary"}  # fmt: skip
    read = amendments_from_list([
        mobile,
        {"op": "remove_allocation", "region": 1, "low": "3.4 GHz", "high": "3.6 GHz",
         "service": "broadcasting"},
    ])  # fmt: skip
    day = date(edition.entry_into_force.year + 1, 1, 1)
    with pytest.raises(InvalidInput) as named:
        apply_amendments(edition, read, edition_id="X", title="x", entry_into_force=day,
                         field="amendments")  # fmt: skip
    assert named.value.field == "amendments[1].service"
    with pytest.raises(InvalidInput) as bare:
        apply_amendments(edition, read, edition_id="X", title="x", entry_into_force=day)
    assert bare.value.field == "service" and bare.value.reason == named.value.reason
    with pytest.raises(InvalidInput) as unreadable:
        amendments_from_list([mobile, {"op": "split"}])
    assert unreadable.value.field == "amendments[1].op"
    with pytest.raises(InvalidInput) as not_a_list:
        amendments_from_list("add fixed")
    assert not_a_list.value.field == "amendments"
