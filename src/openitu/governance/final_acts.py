"""The Final Acts of a World Radiocommunication Conference: when they may be signed.

The amendments of the proposals a WRC adopted (CS No. 89: only a WRC revises the Radio
Regulations) become a new edition of the Table of Frequency Allocations, applied to the
edition in force the day before the new one enters into force
(`openitu.spectrum.amendments.apply_amendments`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from openitu.errors import Conflict, InvalidInput
from openitu.governance.conferences import Conference
from openitu.spectrum.amendments import Amendment


def check_signing(
    conference: Conference,
    *,
    signed_edition: str | None,
    entry_into_force: date,
    open_votes: int,
) -> None:
    """A WRC's Final Acts are signed once, after its votes are closed, and enter into
    force after the conference has ended."""
    if not conference.kind.amends_radio_regulations:
        raise InvalidInput(
            "conference", f"a {conference.kind.value}'s Final Acts do not revise the RR"
        )
    if signed_edition is not None:
        raise Conflict(f"the Final Acts of {conference.code} are signed already")
    if entry_into_force <= conference.ends:
        raise InvalidInput("entry_into_force", "must fall after the conference has ended")
    if open_votes:
        raise Conflict(f"{open_votes} vote(s) of {conference.code} are still open")


def check_amendments(conference: Conference, amendments: Sequence[Amendment]) -> None:
    """Final Acts that change nothing in the Table make no new edition."""
    if not amendments:
        raise Conflict(f"{conference.code} adopted no amendment to the Table")
