"""A proposal's amendments in words, and the Table after them (pure rules)."""

from __future__ import annotations

from datetime import date

from openitu.governance.amendment_text import band_text, describe
from openitu.spectrum.amendments import amendment_from_dict
from openitu.spectrum.model import Allocation, Band, Category, Edition, Footnote, FootnoteKind
from openitu.spectrum.services import parse_service

BASE = Edition(
    id="RR-T",
    title="Test edition",
    entry_into_force=date(2020, 1, 1),
    bands=(
        Band(1, 3.3e9, 3.4e9, (Allocation(parse_service("radiolocation"), Category.PRIMARY),),
             ("5.149",)),
        Band(1, 3.4e9, 3.6e9, (Allocation(parse_service("fixed"), Category.PRIMARY),)),
    ),
    footnotes={"5.149": Footnote("5.149", "Administrations are urged to protect radio astronomy.",
                                 FootnoteKind.OTHER)},
)  # fmt: skip


def test_each_kind_names_its_band_service_category_and_footnote() -> None:
    amendments = [
        amendment_from_dict(data)
        for data in (
            {"op": "add_allocation", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
             "service": "mobile", "category": "secondary", "footnotes": ["5.149"]},
            {"op": "change_category", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
             "service": "radiolocation", "category": "secondary"},
            {"op": "remove_allocation", "region": 1, "low": "3400 MHz", "high": "3600 MHz",
             "service": "fixed"},
            {"op": "remove_footnote", "footnote_id": "5.149"},
        )
    ]  # fmt: skip
    shown = describe(amendments, BASE)
    assert shown[0].change == (
        "Region 1, 3300-3400 MHz: adds Mobile (secondary), citing 5.149 (Administrations are "
        "urged to protect radio astronomy.)"
    )
    assert shown[1].change == (
        "Region 1, 3300-3400 MHz: radiolocation becomes secondary (Radiolocation)"
    )
    # The cell after the whole proposal: both secondary, 5.149 suppressed everywhere.
    assert shown[1].after == ("3300-3400 MHz: Radiolocation, Mobile",)
    assert shown[2].after == ("3400-3600 MHz: (not allocated)",)
    assert shown[3].change.startswith("footnote 5.149 (Administrations are urged")


def test_a_proposal_that_does_not_apply_says_why() -> None:
    remove = amendment_from_dict({"op": "remove_allocation", "region": 1, "low": "3300 MHz",
                                  "high": "3400 MHz", "service": "mobile"})  # fmt: skip
    (shown,) = describe([remove], BASE)
    assert shown.change == "Region 1, 3300-3400 MHz: removes mobile"
    assert shown.after[0].startswith("does not apply to RR-T:")
    # Without an edition in force there is nothing to show after it.
    assert describe([remove], None)[0].after == ()


def test_bands_are_written_in_the_unit_of_article_5() -> None:
    assert band_text(3.3e9, 3.4e9) == "3300-3400 MHz"
    assert band_text(9.9e9, 10.5e9) == "9900 MHz-10.5 GHz"
    assert band_text(148.5e3, 255e3) == "148.5-255 kHz"
