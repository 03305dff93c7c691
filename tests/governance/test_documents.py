"""Conference documents' rules on plain values: who submits what (a Member State's
contributions carry its proposals; other members submit information documents through
their registered representative; the secretariat its own), the date of receipt, the
agenda items addressed, and the text read as data."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from openitu.errors import Forbidden, InvalidInput
from openitu.governance.documents import (
    DocumentKind,
    check_items_addressed,
    check_member_source,
    check_member_state_source,
    check_secretariat_source,
    date_of_receipt,
    read_text,
)
from openitu.governance.members import MemberKind

TODAY = date(2026, 11, 2)


def test_the_secretariat_is_the_source_of_its_own_documents() -> None:
    check_secretariat_source(DocumentKind.TEMPORARY, " Secretariat ")
    with pytest.raises(InvalidInput) as refused:
        check_secretariat_source(DocumentKind.FINAL_ACTS, "FR")
    assert refused.value.field == "source"


def test_a_member_state_submits_contributions_and_information() -> None:
    for kind in (DocumentKind.CONTRIBUTION, DocumentKind.INFORMATION):
        check_member_state_source(kind, name="France")


def test_other_members_submit_information_through_their_representative() -> None:
    check_member_source(DocumentKind.INFORMATION, MemberKind.SECTOR_MEMBER, name="Radio SA",
                        represented_by=True, actor="rep")  # fmt: skip
    with pytest.raises(Forbidden, match="rep does not represent Radio SA"):
        check_member_source(DocumentKind.INFORMATION, MemberKind.SECTOR_MEMBER,
                            name="Radio SA", represented_by=False, actor="rep")  # fmt: skip
    # Proposals come from Member States only (the General Rules).
    with pytest.raises(Forbidden, match="submit-conference-proposals"):
        check_member_source(DocumentKind.CONTRIBUTION, MemberKind.ACADEMIA, name="Uni",
                            represented_by=True, actor="rep")  # fmt: skip


def test_the_date_of_receipt_is_today_unless_the_secretariat_says_earlier() -> None:
    earlier = TODAY - timedelta(days=3)
    assert date_of_receipt(None, today=TODAY, by_secretariat=False) == TODAY
    assert date_of_receipt(earlier, today=TODAY, by_secretariat=True) == earlier
    for received, by_secretariat in ((earlier, False), (TODAY + timedelta(days=1), True)):
        with pytest.raises(InvalidInput) as refused:
            date_of_receipt(received, today=TODAY, by_secretariat=by_secretariat)
        assert refused.value.field == "received"


def test_a_contribution_addresses_items_on_the_agenda() -> None:
    agenda = {"1.1", "1.2"}
    check_items_addressed(DocumentKind.CONTRIBUTION, ("1.2",), agenda=agenda, conference="W")
    check_items_addressed(DocumentKind.INFORMATION, (), agenda=agenda, conference="W")
    with pytest.raises(InvalidInput, match="at least one agenda item"):
        check_items_addressed(DocumentKind.CONTRIBUTION, (), agenda=agenda, conference="W")
    with pytest.raises(InvalidInput, match=r"W has no agenda item '9\.9'"):
        check_items_addressed(DocumentKind.INFORMATION, ("1.1", "9.9"), agenda=agenda,
                              conference="W")  # fmt: skip


def test_the_text_is_read_as_utf8_data() -> None:
    body = read_text("\ufeffline one\r\nline two".encode())
    assert (body.text, body.size_bytes) == ("line one\nline two", 17)
    with pytest.raises(InvalidInput, match="control character U\\+0007"):
        read_text(b"bell \x07")
