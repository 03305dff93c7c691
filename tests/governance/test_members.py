"""Member States (the ITU's list, not the UN's) and the members' rights table."""

from __future__ import annotations

from datetime import date

import pytest

from openitu.errors import Forbidden, InvalidInput, NotFound
from openitu.geo.countries import all_countries
from openitu.governance.members import (
    MEMBER_RIGHTS,
    Action,
    MemberKind,
    Sector,
    administrations,
    check_administration,
    check_admission,
    is_member_state,
    may,
    member_state,
    member_states,
    require_right,
)


def test_194_member_states_today() -> None:
    states = member_states()
    assert len(states) == 194
    assert len({state.iso2 for state in states}) == 194


def test_the_itu_is_not_the_un() -> None:
    # The Holy See is a Member State; Palestine (an observer), Taiwan and Kosovo are not.
    assert member_state("VA").name == "Holy See"
    for code in ("PS", "TW", "XK"):
        assert not is_member_state(code)
    # Territories drawn on the map are not states.
    for code in ("GL", "PR", "NC", "GU", "EH"):
        assert not is_member_state(code)


def test_south_sudan_the_193rd_and_palau_the_194th() -> None:
    assert member_state("SS").member_since == date(2011, 10, 3)
    assert member_state("PW").member_since == date(2024, 9, 19)
    assert len(member_states(date(2011, 10, 2))) == 192
    assert len(member_states(date(2011, 10, 3))) == 193
    assert len(member_states(date(2024, 9, 18))) == 193
    assert len(member_states(date(2024, 9, 19))) == 194
    assert "SS" not in administrations(date(2011, 10, 2))
    assert "PW" in administrations(date(2024, 9, 19))
    assert not is_member_state("PW", date(2020, 1, 1))


def test_every_state_has_a_region_and_is_a_country_the_geo_area_knows() -> None:
    known = {c.iso2: c for c in all_countries()}
    for state in member_states():
        assert state.iso2 in known
        assert state.itu_region == known[state.iso2].itu_region in (1, 2, 3)
    # A few Regions (RR 5.2-5.9): the Americas are Region 2, Asia-Pacific Region 3.
    assert member_state("BR").itu_region == 2
    assert member_state("JP").itu_region == 3
    assert member_state("KE").itu_region == 1


def test_founders_and_least_developed_countries() -> None:
    founders = {s.iso2 for s in member_states(date(1865, 5, 17))}
    assert {"FR", "CH", "IT", "ES", "RU", "TR"} <= founders
    assert "US" not in founders
    ldcs = {s.iso2 for s in member_states() if s.least_developed}
    # The UN list as of December 2024: 44 countries; Bhutan (2023) and Sao Tome and
    # Principe (2024) have graduated.
    assert len(ldcs) == 44
    assert {"AF", "HT", "SS", "TV", "BD"} <= ldcs
    assert not {"BT", "ST", "VU"} & ldcs


def test_lookup_errors() -> None:
    with pytest.raises(InvalidInput):
        member_state("France")
    with pytest.raises(NotFound):
        member_state("TW")


def test_rights_table_is_what_the_code_enforces() -> None:
    assert may(MemberKind.MEMBER_STATE, Action.VOTE)
    for kind in (MemberKind.SECTOR_MEMBER, MemberKind.ASSOCIATE, MemberKind.ACADEMIA):
        assert not may(kind, Action.VOTE)
        assert not may(kind, Action.SUBMIT_CONFERENCE_PROPOSALS)
        assert not may(kind, Action.NOTIFY_FREQUENCY_ASSIGNMENTS)
        assert not may(kind, Action.APPLY_NUMBERING_RESOURCES)
        assert may(kind, Action.SUBMIT_CONTRIBUTIONS)
        with pytest.raises(Forbidden, match="may not vote"):
            require_right(kind, Action.VOTE, who="Acme Telecom")
    assert {right.action for right in MEMBER_RIGHTS} == set(Action)


def test_the_administrations_other_areas_may_act_for() -> None:
    notify = Action.NOTIFY_FREQUENCY_ASSIGNMENTS
    assert check_administration(" fr ", action=notify) == "FR"
    assert check_administration("VA", action=Action.APPLY_NUMBERING_RESOURCES) == "VA"
    # An observer, a territory, a state before it joined: refused, naming the field.
    for code, on in (("PS", None), ("PR", None), ("SS", date(2011, 10, 2)), ("F1", None)):
        with pytest.raises(InvalidInput) as raised:
            check_administration(code, action=notify, on=on, field="notifying_administration")
        assert raised.value.field == "notifying_administration"
    assert check_administration("SS", action=notify, on=date(2011, 10, 3)) == "SS"
    # The rights table decides the action: a Member State takes part, and may vote.
    assert check_administration("KE", action=Action.VOTE) == "KE"


def test_the_secretariat_admits_sector_members_associates_and_academia() -> None:
    check_admission(MemberKind.SECTOR_MEMBER, Sector.R)
    check_admission(MemberKind.ACADEMIA, None)  # Academia is not tied to one Sector
    for kind, sector, field in (
        (MemberKind.MEMBER_STATE, Sector.R, "kind"),  # by accession (CS Art. 2)
        (MemberKind.ASSOCIATE, None, "sector"),
    ):
        with pytest.raises(InvalidInput) as refused:
            check_admission(kind, sector)
        assert refused.value.field == field
