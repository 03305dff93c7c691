"""`/api/register`: the terrestrial register (thin: the work is in openitu.usecases.register).

Reads are public (everyone may read the register). Notifying, withdrawing and recording
coordination agreements are the notifying officers' (their own administration's notices);
refusing coordination is the officers' of an administration the examination asked;
examining, recording, returning and publishing the circular are the secretariat's.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, File, Query, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from openitu.errors import InvalidInput
from openitu.register.fcc_uls import read_files
from openitu.register.terrain import TerrainSource
from openitu.service.auth import CurrentPrincipalDep, public, require
from openitu.service.context import AppContext
from openitu.service.deps import ContextDep, SessionDep
from openitu.usecases import register as usecases

router = APIRouter(prefix="/api/register", tags=["register"], dependencies=[public])

MAX_BATCH = 10_000
"""Notices in one request; larger files go through the CLI (which sends them in parts)."""

NoticeId = Annotated[int, PathParam(ge=1, le=2**62)]


class WithdrawIn(BaseModel):
    reason: str = Field(default="", max_length=2000)


class AgreementIn(BaseModel):
    administration: str = Field(max_length=8, description="ISO2 of the administration agreeing")


class RefusalIn(BaseModel):
    administration: str = Field(max_length=8, description="ISO2 of the administration refusing")
    reason: str = Field(max_length=2000, description="Why it does not agree (required)")


@router.post("/notices", dependencies=[require("notices.submit")], status_code=201)
def notify(
    principal: CurrentPrincipalDep,
    session: SessionDep,
    body: Annotated[
        dict[str, Any] | list[Any],
        Body(
            description="One notice (an object: 201 or the error) or a list (200 with "
            "accepted and rejected rows)"
        ),
    ],
) -> Any:
    """Notify one notice, or a batch whose bad rows come back with their field and reason."""
    if isinstance(body, dict):
        return usecases.notify_one(session, principal=principal, notice=body).as_dict()
    if len(body) > MAX_BATCH:
        raise InvalidInput("notices", f"at most {MAX_BATCH} notices per request")
    outcome = usecases.notify(session, principal=principal, notices=body)
    return JSONResponse(outcome.as_dict(), status_code=200)


@router.get("/notices")
def search(
    session: SessionDep,
    administration: str | None = None,
    low: Annotated[str | None, Query(description='Lower edge: "2.45GHz", "2450 MHz"')] = None,
    high: Annotated[str | None, Query(description="Upper edge")] = None,
    near: Annotated[str | None, Query(description="LAT,LON in degrees")] = None,
    radius_km: float | None = None,
    service: str | None = None,
    status: str | None = None,
    received_from: date | None = None,
    received_to: date | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
) -> list[dict[str, Any]]:
    """Search the register: administration, band, area (radius), service, status, dates."""
    query = usecases.search_query(
        administration=administration, low=low, high=high, near=near, radius_km=radius_km,
        service=service, status=status, received_from=received_from,
        received_to=received_to, limit=limit, offset=offset,
    )  # fmt: skip
    return usecases.search(session, query)


@router.get("/notices/{notice_id}")
def show(notice_id: NoticeId, session: SessionDep) -> dict[str, Any]:
    """A notice or assignment as it stands, its finding and its history."""
    return usecases.show(session, notice_id=notice_id)


@router.get("/notices/{notice_id}/coordination")
def coordination(notice_id: NoticeId, session: SessionDep) -> dict[str, Any]:
    """The coordination the notice's last examination asked for and where it stands: per
    administration its field strength against the trigger, and whether it agreed, refused
    (with its reason) or has not answered yet (pending)."""
    return usecases.coordination_state(session, notice_id=notice_id)


@router.post("/notices/{notice_id}/examine", dependencies=[require("examinations.run")])
def examine(
    notice_id: NoticeId, principal: CurrentPrincipalDep, session: SessionDep, context: ContextDep
) -> dict[str, Any]:
    """Examine a received notice (completeness, No. 11.31, and what is wired in)."""
    return usecases.examine(
        session,
        principal=principal,
        notice_id=notice_id,
        table_on=lambda day: context.allocation_table(on=day),
        terrain=terrain_of(context),
    )


def terrain_of(context: AppContext) -> TerrainSource:
    """The path profiles' terrain, read once per process (tiles are large)."""
    key = "register:terrain"
    if key not in context.memo:
        context.memo[key] = usecases.terrain_for(context.settings.register_terrain_tiles)
    terrain: TerrainSource = context.memo[key]
    return terrain


@router.post("/notices/{notice_id}/record", dependencies=[require("findings.record")])
def record(notice_id: NoticeId, principal: CurrentPrincipalDep, session: SessionDep) -> Any:
    """Record an examined notice in the Master Register (No. 11.31 or No. 4.4)."""
    return usecases.record(session, principal=principal, notice_id=notice_id)


@router.post("/notices/{notice_id}/return", dependencies=[require("findings.record")])
def return_notice(
    notice_id: NoticeId, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """Return an examined notice with its unfavourable finding."""
    return usecases.return_notice(session, principal=principal, notice_id=notice_id)


@router.post("/notices/{notice_id}/withdraw", dependencies=[require("notices.withdraw")])
def withdraw(
    notice_id: NoticeId,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    body: WithdrawIn | None = None,
) -> dict[str, Any]:
    """The notifying administration withdraws its notice (suppresses a recorded one)."""
    reason = body.reason if body else ""
    return usecases.withdraw(session, principal=principal, notice_id=notice_id, reason=reason)


@router.post("/notices/{notice_id}/agreements", dependencies=[require("notices.modify")])
def agreement(
    notice_id: NoticeId, body: AgreementIn, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """Record a coordination agreement obtained from another administration."""
    return usecases.record_agreement(
        session, principal=principal, notice_id=notice_id, administration=body.administration
    )


@router.post(
    "/notices/{notice_id}/refusals", dependencies=[require("notices.modify")], status_code=201
)
def refusal(
    notice_id: NoticeId, body: RefusalIn, principal: CurrentPrincipalDep, session: SessionDep
) -> dict[str, Any]:
    """The administration asked to coordinate records that it does not agree, and why."""
    return usecases.record_refusal(
        session, principal=principal, notice_id=notice_id,
        administration=body.administration, reason=body.reason,
    )  # fmt: skip


@router.get("/circulars")
def circulars(session: SessionDep) -> list[dict[str, Any]]:
    """The published circulars, oldest first."""
    return usecases.list_circulars(session)


@router.get("/circulars/latest", responses={404: {"description": "no circular published yet"}})
def latest_circular(session: SessionDep, context: ContextDep) -> dict[str, Any]:
    return usecases.circular(session, period_days=context.settings.register_circular_days)


@router.get("/circulars/{number}")
def circular(
    number: Annotated[int, PathParam(ge=1, le=2**31 - 1)], session: SessionDep, context: ContextDep
) -> dict[str, Any]:
    """A circular: Part I received, Part II recorded, Part III returned."""
    return usecases.circular(
        session, number=number, period_days=context.settings.register_circular_days
    )


@router.post("/circulars", dependencies=[require("findings.record")], status_code=201)
def publish(principal: CurrentPrincipalDep, session: SessionDep, context: ContextDep) -> Any:
    """Publish the next circular: everything received, recorded, returned since the last."""
    return usecases.publish_circular(
        session, principal=principal, period_days=context.settings.register_circular_days
    )


@router.post("/imports/fcc", dependencies=[require("notices.submit")])
def import_fcc(
    principal: CurrentPrincipalDep,
    session: SessionDep,
    files: Annotated[
        list[UploadFile],
        File(
            description="FCC ULS microwave daily zip files (l_mw_*.zip), or the .dat "
            "tables of one (FR.dat required; LO, AN, EM, PA joined)"
        ),
    ],
) -> dict[str, Any]:
    """Notify a US licence register (FCC ULS Part 101) as the United States' notices: one
    per FR row, accepted + rejected = FR rows; a refused row names its file, row, field
    and reason. Files that cannot be read at all answer 422 naming the file."""
    imports = read_files((upload.filename or "", upload.file) for upload in files)
    return usecases.import_uls(session, principal=principal, imports=imports)


@router.get("/notices/{notice_id}/contour")
def contour(notice_id: NoticeId, session: SessionDep) -> dict[str, Any]:
    """The notice's coordination contour: per azimuth the distance at which its field
    strength falls to the coordination trigger (36 azimuths, the main beam and the named
    neighbours' strongest points), and the administrations the same computation names."""
    return usecases.contour(session, notice_id=notice_id)


class ImpactIn(BaseModel):
    amendments: list[dict[str, Any]] = Field(
        max_length=200,
        description="Amendments to the Table as data, as a proposal carries them "
        '(e.g. {"op": "remove_allocation", "region": 1, "low": "6 GHz", "high": "6.2 GHz", '
        '"service": "fixed"})',
    )
    on: date | None = Field(default=None, description="The Table in force on (default today)")


@router.post("/impact")
def impact(body: ImpactIn, session: SessionDep, context: ContextDep) -> dict[str, Any]:
    """Which recorded assignments would stop (or start) conforming with the Table (No.
    11.31), or change category, were these amendments made to the Table in force. Reads
    only; a bad amendment is refused naming it (``amendments[1].service``)."""
    return usecases.amendment_impact(
        session,
        amendments=body.amendments,
        on=body.on,
        table_on=lambda day: context.allocation_table(on=day),
    )
