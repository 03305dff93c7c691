"""The administration workflow end to end, on SQLite and PostgreSQL (the `sessions` fixture)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from openitu.accounts import Principal
from openitu.errors import Conflict, Forbidden, InvalidInput, NotFound
from openitu.store import audit
from openitu.store import numbering as store
from openitu.usecases import numbering as usecases


def _free_mnc(session: Session, mcc: str, length: int) -> str:
    return store.e212_register(session).free_mncs(mcc, length=length)[0]


def test_application_runs_from_receipt_to_reclamation(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        mnc = _free_mnc(session, "208", 2)
        before = store.e212_register(session).decode_imsi(f"208{mnc}1234567890")
        assert before.operator is None
        app = usecases.submit_application(
            session,
            principal=officer("FR"),
            administration="FR",
            kind="mnc",
            code=f"208{mnc}",
            holder="Réseau Test",
        )
        assert app.status == "received" and app.code.text == f"208-{mnc}"
        assert (
            usecases.check_application(session, principal=tsb, application_id=app.id).status
            == "checked"
        )
        assert usecases.reserve(session, principal=tsb, application_id=app.id).status == "reserved"
        assert usecases.assign(session, principal=tsb, application_id=app.id).status == "assigned"
        notice = usecases.publish_notice(session, principal=tsb)
        assert [(e.action, e.code, e.holder) for e in notice.entries] == [
            ("ADD", f"208-{mnc}", "Réseau Test")
        ]
        assert store.get_application(session, app.id).status == "published"
        decoded = store.e212_register(session).decode_imsi(f"208{mnc}1234567890")
        assert (decoded.mnc, decoded.operator, decoded.country) == (mnc, "Réseau Test", "FR")
        assert usecases.reclaim(session, principal=tsb, application_id=app.id).status == "reclaimed"
        second = usecases.publish_notice(session, principal=tsb)
        assert second.number == notice.number + 1
        assert [(e.action, e.code) for e in second.entries] == [("SUP", f"208-{mnc}")]
        with pytest.raises(Conflict, match="nothing to publish"):
            usecases.publish_notice(session, principal=tsb)  # each change is published once
        steps = store.history(session, app.id)
        assert [e.action for e in steps] == [
            "receive",
            "check",
            "reserve",
            "assign",
            "publish",
            "reclaim",
            "publish-sup",
        ]
        assert steps[-1].notice_number == second.number
        assert [e.at for e in steps] == sorted(e.at for e in steps)
        assert steps[4].notice_number == notice.number
        assert {e.actor for e in steps} == {"officer-fr", "tsb-clerk"}
        # The code is free again, and the audit chain recorded every step and holds.
        assert f"208{mnc}" not in {n.code for n in store.e212_register(session).networks("208")}
        assert audit.verify(session) is None


def test_history_is_append_only(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        app = usecases.submit_application(
            session,
            principal=officer("FR"),
            administration="FR",
            kind="mnc",
            code="20899",
            holder="X",
        )
        for statement in (
            "UPDATE numbering_events SET detail = 'rewritten' WHERE application_id = :id",
            "DELETE FROM numbering_events WHERE application_id = :id",
        ):
            with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
                session.execute(text(statement), {"id": app.id})


@pytest.mark.parametrize(
    ("who", "code", "reason_part"),
    [
        ("DE", "20899", "MCC 208 belongs to FR"),  # not entitled
        ("US", "31099", "uses 3-digit MNCs, not 2"),  # structure of the plan
        ("DE", "26201", "already reserved or assigned"),  # Telekom Deutschland's
        ("IN", "405000", "already reserved or assigned"),
        ("FR", "90199", "not a geographic MCC"),
    ],
)
def test_checks_reject_with_reasons(
    tsb: Principal,
    officer: Callable[[str], Principal],
    sessions: sessionmaker[Session],
    who: str,
    code: str,
    reason_part: str,
) -> None:
    with sessions() as session, session.begin():
        app = usecases.submit_application(
            session, principal=officer(who), administration=who, kind="mnc", code=code, holder="Net"
        )
        decided = usecases.check_application(session, principal=tsb, application_id=app.id)
        assert decided.status == "rejected"
        assert decided.reason is not None and reason_part in decided.reason
        with pytest.raises(Conflict):
            usecases.reserve(session, principal=tsb, application_id=app.id)


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        ("network-ic", "88299", True),
        ("network-ic", "8835100", True),
        ("network-ic", "883510", False),  # 3-digit 883 codes are 1xx-4xx
        ("network-ic", "88199", False),  # 881 is GMSS, not international networks
        ("shared-mnc", "90199", True),
        ("shared-mnc", "901999", False),  # 2 digits under 901
    ],
)
def test_international_resources_follow_e164_and_e212(
    tsb: Principal,
    officer: Callable[[str], Principal],
    sessions: sessionmaker[Session],
    kind: str,
    code: str,
    ok: bool,
) -> None:
    with sessions() as session, session.begin():
        app = usecases.submit_application(
            session,
            principal=officer("FR"),
            administration="FR",
            kind=kind,
            code=code,
            holder="Global Net",
        )
        decided = usecases.check_application(session, principal=tsb, application_id=app.id)
        assert (decided.status == "checked") is ok, decided.reason


def test_ispc_only_under_ones_own_sanc(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        # itut_sanc_1293.json: "2-001": "Italy"
        app = usecases.submit_application(
            session,
            principal=officer("FR"),
            administration="FR",
            kind="ispc",
            code="2-001-7",
            holder="SP",
        )
        decided = usecases.check_application(session, principal=tsb, application_id=app.id)
        assert decided.status == "rejected" and "SANC 2-001 is IT's" in (decided.reason or "")


def test_same_code_is_resolved_by_date_of_receipt(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    now = datetime.now(UTC)
    with sessions() as session, session.begin():
        mnc = _free_mnc(session, "262", 2)
        de = officer("DE")
        later = usecases.submit_application(
            session,
            principal=de,
            administration="DE",
            kind="mnc",
            code=f"262{mnc}",
            holder="Later",
            received_at=now,
        )
        earlier = usecases.submit_application(
            session,
            principal=de,
            administration="DE",
            kind="mnc",
            code=f"262{mnc}",
            holder="Earlier",
            received_at=now - timedelta(days=2),  # posted, received two days before
        )
        usecases.check_application(session, principal=tsb, application_id=later.id)
        with pytest.raises(Conflict, match=f"application {earlier.id}"):
            usecases.reserve(session, principal=tsb, application_id=later.id)
        decided = {
            a.id: a for a in usecases.resolve(session, principal=tsb, kind="mnc", code=f"262-{mnc}")
        }
        assert decided[earlier.id].status == "reserved"
        assert decided[later.id].status == "rejected"
        assert f"application {earlier.id}" in (decided[later.id].reason or "")


def test_rights_are_enforced_by_the_services(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        with pytest.raises(Forbidden):
            usecases.submit_application(
                session,
                principal=officer("FR"),
                administration="DE",
                kind="mnc",
                code="26299",
                holder="X",
            )
        app = usecases.submit_application(
            session,
            principal=officer("FR"),
            administration="FR",
            kind="mnc",
            code="20899",
            holder="X",
        )
        with pytest.raises(Forbidden):
            usecases.check_application(session, principal=officer("FR"), application_id=app.id)
        with pytest.raises(Forbidden):
            usecases.withdraw_application(session, principal=officer("DE"), application_id=app.id)
        assert (
            usecases.withdraw_application(
                session, principal=officer("FR"), application_id=app.id
            ).status
            == "withdrawn"
        )


@pytest.mark.parametrize(
    ("kind", "code", "field"),
    [
        ("mnc", "20", "code"),
        ("mnc", "2089x", "code"),
        ("tld", "20899", "kind"),
        ("ispc", "9-9", "code"),
    ],
)
def test_malformed_applications_are_refused(
    tsb: Principal,
    officer: Callable[[str], Principal],
    sessions: sessionmaker[Session],
    kind: str,
    code: str,
    field: str,
) -> None:
    with sessions() as session, session.begin(), pytest.raises(InvalidInput) as caught:
        usecases.submit_application(
            session, principal=officer("FR"), administration="FR", kind=kind, code=code, holder="X"
        )
    assert caught.value.field == field


def test_tsb_reclaims_a_bulletin_code_and_publishes_the_withdrawal(
    tsb: Principal, officer: Callable[[str], Principal], sessions: sessionmaker[Session]
) -> None:
    with sessions() as session, session.begin():
        # itut_mnc_1162.json "Germany": ["Telekom Deutschland GmbH", "26201"]
        with pytest.raises(Forbidden):
            usecases.reclaim_code(
                session, principal=officer("DE"), kind="mnc", code="262-01", reason="unused"
            )
        reclaimed = usecases.reclaim_code(
            session, principal=tsb, kind="mnc", code="262-01", reason="not in use since 2025"
        )
        assert reclaimed.holder == "Telekom Deutschland GmbH"
        decoded = store.e212_register(session).decode_imsi("262011234567890")
        assert (decoded.mnc, decoded.status) == ("01", "withdrawn")  # the last holder is kept
        notice = usecases.publish_notice(session, principal=tsb)
        assert [(e.action, e.code, e.holder) for e in notice.entries] == [
            ("SUP", "262-01", "Telekom Deutschland GmbH")
        ]
        with pytest.raises(NotFound):
            usecases.reclaim_code(session, principal=tsb, kind="mnc", code="262-01", reason="again")
        # Free again: a new application for it passes the checks.
        app = usecases.submit_application(
            session,
            principal=officer("DE"),
            administration="DE",
            kind="mnc",
            code="26201",
            holder="Neu",
        )
        assert usecases.check_application(session, principal=tsb, application_id=app.id).status == (
            "checked"
        )
