"""What a notice's page reads besides the notice, on both databases: the coordination its
finding requires and where each agreement stands, and the circulars that published it;
and the reading of a file of notices (shared by the CLI and the notify page)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import Conflict, Forbidden, InvalidInput, NotFound
from openitu.register.notice import notices_in_text
from openitu.store import audit
from openitu.usecases import register as usecases
from register_fixtures import SECRETARIAT, officer, strasbourg_fm

FR = officer("FR")
DE = officer("DE")


def test_coordination_is_pending_until_the_agreement_and_the_circular_is_named(
    sessions: sessionmaker[Session],
) -> None:
    strasbourg = strasbourg_fm("FR-NEXT-STEPS")
    with sessions() as session, session.begin():
        notice_id = usecases.notify_one(session, principal=FR, notice=strasbourg).notice_id
        waiting = usecases.coordination_state(session, notice_id=notice_id)
        assert usecases.circulars_naming(session, notice_id=notice_id) == []
    assert waiting["examined"] is False and "not been examined" in waiting["note"]
    assert waiting["administrations"] == [] and waiting["pending"] == []

    with sessions() as session, session.begin():
        finding = usecases.examine(session, principal=SECRETARIAT, notice_id=notice_id)
        before = usecases.coordination_state(session, notice_id=notice_id)
    required = finding["coordination"]["required_with"]
    assert "DE" in required
    assert [row["administration"] for row in before["administrations"]] == required
    assert before["pending"] == required and before["agreed_with"] == []
    germany = next(row for row in before["administrations"] if row["administration"] == "DE")
    strongest = max(
        n["field_strength_dbuv_m"] for n in finding["coordination"]["needs"]
        if n["administration"] == "DE"
    )  # fmt: skip
    assert germany["field_strength_dbuv_m"] == strongest > germany["trigger_dbuv_m"]

    with sessions() as session, session.begin():
        usecases.record_agreement(session, principal=FR, notice_id=notice_id, administration="DE")
        after = usecases.coordination_state(session, notice_id=notice_id)
        circular = usecases.publish_circular(session, principal=SECRETARIAT)
        named = usecases.circulars_naming(session, notice_id=notice_id)
    assert "DE" not in after["pending"] and after["agreed_with"] == ["DE"]
    assert next(r for r in after["administrations"] if r["administration"] == "DE")["agreed"]
    assert named[-1]["number"] == circular["number"] and named[-1]["parts"] == ["I"]
    with sessions() as session, pytest.raises(NotFound):
        usecases.circulars_naming(session, notice_id=10**9)


def test_the_administration_asked_refuses_with_its_reason_and_may_agree_later(
    sessions: sessionmaker[Session],
) -> None:
    strasbourg = strasbourg_fm("FR-REFUSED")
    with sessions() as session, session.begin():
        notice_id = usecases.notify_one(session, principal=FR, notice=strasbourg).notice_id
        usecases.examine(session, principal=SECRETARIAT, notice_id=notice_id)
    with sessions() as session, session.begin():
        shown = usecases.record_refusal(session, principal=DE, notice_id=notice_id,
                                        administration="DE", reason=" harms DE-FM-7 ")  # fmt: skip
        state = usecases.coordination_state(session, notice_id=notice_id)
    assert shown["history"][-1]["event"] == "refusal"
    assert shown["history"][-1]["detail"] == {"administration": "DE", "reason": "harms DE-FM-7"}
    assert shown["status"] == "examined"
    germany = next(r for r in state["administrations"] if r["administration"] == "DE")
    assert germany["state"] == "refused" and germany["refusal_reason"] == "harms DE-FM-7"
    assert "DE" not in state["pending"] and state["refused_by"] == {"DE": "harms DE-FM-7"}

    with sessions() as session:
        # The notifying administration cannot refuse on Germany's behalf, nor Germany
        # without a reason; each refusal leaves nothing behind.
        with pytest.raises(Forbidden):
            usecases.record_refusal(session, principal=FR, notice_id=notice_id,
                                    administration="DE", reason="not ours to say")  # fmt: skip
        session.rollback()
        with pytest.raises(InvalidInput) as blank:
            usecases.record_refusal(session, principal=DE, notice_id=notice_id,
                                    administration="DE", reason="")  # fmt: skip
        assert blank.value.field == "reason"
        session.rollback()
        assert len(usecases.show(session, notice_id=notice_id)["history"]) == 3

    with sessions() as session, session.begin():
        usecases.record_agreement(session, principal=FR, notice_id=notice_id, administration="DE")
        agreed = usecases.coordination_state(session, notice_id=notice_id)
        with pytest.raises(Conflict, match="already agreed"):
            usecases.record_refusal(session, principal=DE, notice_id=notice_id,
                                    administration="DE", reason="changed our mind")  # fmt: skip
    assert agreed["refused_by"] == {}
    assert next(r for r in agreed["administrations"] if r["administration"] == "DE")["agreed"]
    with sessions() as session, session.begin():
        assert audit.verify(session) is None
        about = audit.entries(session, entity="register_assignment", entity_id=str(notice_id))
        actions = [entry.action for entry in about]
    assert "register.notice.refusal" in actions


def test_a_file_of_notices_reads_as_json_or_csv_keeping_a_bad_row_in_place() -> None:
    assert notices_in_text('{"reference": "A"}') == [{"reference": "A"}]
    assert notices_in_text('[{"reference": "A"}, {"reference": "B"}]')[1] == {"reference": "B"}
    rows = notices_in_text("reference,tx.lat_deg\nA,47.1\nB,1,2\n", csv_file=True)
    assert rows[0] == {"reference": "A", "tx": {"lat_deg": "47.1"}}
    assert isinstance(rows[1], InvalidInput) and rows[1].field == "row"
    with pytest.raises(InvalidInput) as bad:
        notices_in_text('[{"reference": ')
    assert bad.value.field == "file" and "not valid JSON" in bad.value.reason
    with pytest.raises(InvalidInput, match="without a header row"):
        notices_in_text("", csv_file=True)
