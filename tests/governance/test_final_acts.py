"""When a WRC's Final Acts may be signed: only a WRC's (CS No. 89), once, after its votes
are closed, entering into force after the conference, and only if they amend the Table."""

from __future__ import annotations

from datetime import date

import pytest

from openitu.errors import Conflict, InvalidInput
from openitu.governance.conferences import Conference, ConferenceKind
from openitu.governance.final_acts import check_amendments, check_signing
from openitu.spectrum.amendments import amendment_from_dict

WRC = Conference("WRC-T", ConferenceKind.WRC, "WRC", "Geneva", date(2026, 10, 5),
                 date(2026, 10, 30))  # fmt: skip
AFTER = date(2027, 1, 1)


def test_a_wrc_signs_its_final_acts_once_after_its_votes() -> None:
    check_signing(WRC, signed_edition=None, entry_into_force=AFTER, open_votes=0)
    with pytest.raises(Conflict, match="signed already"):
        check_signing(WRC, signed_edition="RR-2027", entry_into_force=AFTER, open_votes=0)
    with pytest.raises(Conflict, match="1 vote\\(s\\) of WRC-T are still open"):
        check_signing(WRC, signed_edition=None, entry_into_force=AFTER, open_votes=1)


def test_only_a_wrc_revises_the_radio_regulations() -> None:
    assembly = Conference("RA-27", ConferenceKind.RA, "RA", "Geneva", WRC.starts, WRC.ends)
    with pytest.raises(InvalidInput) as refused:
        check_signing(assembly, signed_edition=None, entry_into_force=AFTER, open_votes=0)
    assert refused.value.field == "conference"


def test_the_final_acts_enter_into_force_after_the_conference() -> None:
    with pytest.raises(InvalidInput) as refused:
        check_signing(WRC, signed_edition=None, entry_into_force=WRC.ends, open_votes=0)
    assert refused.value.field == "entry_into_force"


def test_final_acts_without_amendments_make_no_edition() -> None:
    with pytest.raises(Conflict, match="WRC-T adopted no amendment"):
        check_amendments(WRC, [])
    added = amendment_from_dict(
        {"op": "add_allocation", "region": 1, "low": "3300 MHz", "high": "3400 MHz",
         "service": "mobile except aeronautical mobile", "category": "primary"}
    )  # fmt: skip
    check_amendments(WRC, [added])
