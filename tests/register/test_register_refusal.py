"""The rule for refusing coordination: who (an administration asked), in which state,
with a reason; and which
refusals stand once agreements and later refusals arrive."""

from __future__ import annotations

import pytest

from openitu.errors import Conflict, InvalidInput
from openitu.register.refusal import REASON_MAX, check_refusal, refusals
from openitu.register.status import Event, Status


def _check(**changes: object) -> str:
    given: dict[str, object] = {
        "notifying": "FR", "refusing": "DE", "status": Status.EXAMINED,
        "asked": ("CH", "DE"), "agreements": (), "reason": "  harmful interference to DE-FM-7  ",
    }  # fmt: skip
    given.update(changes)
    return check_refusal(**given)  # type: ignore[arg-type]


def test_a_refusal_keeps_its_reason_trimmed_in_every_open_state() -> None:
    for status in (Status.RECEIVED, Status.EXAMINED, Status.RETURNED, Status.RECORDED):
        assert _check(status=status) == "harmful interference to DE-FM-7"


def test_a_refusal_needs_a_reason_of_reasonable_length() -> None:
    with pytest.raises(InvalidInput) as blank:
        _check(reason="   ")
    assert blank.value.field == "reason"
    with pytest.raises(InvalidInput, match="at most") as long:
        _check(reason="x" * (REASON_MAX + 1))
    assert long.value.field == "reason"


def test_the_notifying_administration_does_not_refuse_itself() -> None:
    with pytest.raises(InvalidInput) as own:
        _check(refusing="FR")
    assert own.value.field == "administration"


def test_only_an_administration_the_examination_asked_refuses() -> None:
    with pytest.raises(InvalidInput, match="IT was not asked") as elsewhere:
        _check(refusing="IT")
    assert elsewhere.value.field == "administration"
    with pytest.raises(InvalidInput, match="not examined yet"):
        _check(asked=())


def test_a_closed_notice_or_an_agreement_already_given_refuses_the_refusal() -> None:
    for status in (Status.WITHDRAWN, Status.SUPPRESSED):
        with pytest.raises(Conflict, match="cannot apply 'refusal'"):
            _check(status=status)
    with pytest.raises(Conflict, match="already agreed"):
        _check(agreements=("DE",))


def test_the_latest_answer_of_each_administration_stands() -> None:
    history = [
        (Event.NOTIFIED, {}),
        (Event.REFUSAL, {"administration": "DE", "reason": "first"}),
        (Event.REFUSAL, {"administration": "CH", "reason": "too strong"}),
        (Event.REFUSAL, {"administration": "DE", "reason": "second"}),
        (Event.REFUSAL, {"administration": "IT", "reason": "then agreed"}),
        (Event.AGREEMENT, {"administration": "IT"}),
    ]
    assert refusals(history, ("IT",)) == {"CH": "too strong", "DE": "second"}
    assert refusals(history, ("CH", "IT")) == {"DE": "second"}
