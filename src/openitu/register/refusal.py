"""Refusing coordination: an administration the examination named for coordination may
answer that it does not agree, and must say why (as a disagreement under RR No. 9.52
gives its reasons) so the notifying administration can answer the objection. The
refusal is an event in the notice's history; the latest answer of an administration
(agreement or refusal) is what stands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from openitu.errors import Conflict, InvalidInput
from openitu.register.status import Event, Status, after

REASON_MAX: Final = 2000


def check_refusal(
    *,
    notifying: str,
    refusing: str,
    status: Status,
    asked: tuple[str, ...],
    agreements: tuple[str, ...],
    reason: str,
) -> str:
    """The refusal's reason, trimmed, once the refusal is allowed: the refusing
    administration is not the notifying one, is among those the last examination
    ``asked`` to coordinate and has not already agreed, the notice is still open, and a
    reason is given. Who may speak for ``refusing`` is the caller's authorization check."""
    if refusing == notifying:
        raise InvalidInput("administration", "an administration does not refuse itself")
    after(Event.REFUSAL, status)
    if refusing not in asked:
        raise InvalidInput(
            "administration",
            f"{refusing} was not asked to coordinate this notice (asked: "
            f"{', '.join(asked) or 'none, or not examined yet'})",
        )
    if refusing in agreements:
        raise Conflict(
            f"{refusing} has already agreed to this notice",
            entity="register_assignment",
            fields=("administration",),
        )
    text = reason.strip()
    if not text:
        raise InvalidInput("reason", "a refusal must give its reason")
    if len(text) > REASON_MAX:
        raise InvalidInput("reason", f"must be at most {REASON_MAX} characters")
    return text


def refusals(
    history: Iterable[tuple[Event, dict[str, Any]]], agreements: tuple[str, ...]
) -> dict[str, str]:
    """The refusals that stand, by administration, with their reasons: the latest refusal
    of each administration, unless it has agreed since."""
    standing: dict[str, str] = {}
    for event, detail in history:
        if event is Event.REFUSAL:
            standing[str(detail["administration"])] = str(detail.get("reason", ""))
        elif event is Event.AGREEMENT:
            standing.pop(str(detail.get("administration")), None)
    return {code: reason for code, reason in sorted(standing.items()) if code not in agreements}
