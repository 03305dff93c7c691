"""What a notice's page reads besides the notice, on both databases: the coordination its
finding requires and where each agreement stands, and the circulars that published it;
and the reading of a file of notices (shared by the CLI and the notify page)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from openitu.errors import InvalidInput, NotFound
from openitu.register.notice import notices_in_text
from openitu.usecases import register as usecases
from register_fixtures import SECRETARIAT, fm_station, officer

FR = officer("FR")


def test_coordination_is_pending_until_the_agreement_and_the_circular_is_named(
    sessions: sessionmaker[Session],
) -> None:
    strasbourg = fm_station("FR", "FR-NEXT-STEPS", tx__lat_deg=48.58, tx__lon_deg=7.75,
                            tx__antenna_height_m=100, tx__eirp_dbw=20)  # fmt: skip
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
