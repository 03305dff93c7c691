"""`GET /api/radio/link-budget`: one direction of a GSO link at an earth station.

Thin: `openitu.usecases.radio.link_budget` (which the /radio/link-budget page and
`openitu radio link-budget` call too) works out the look angles, the P.618 attenuation
and each term of the budget."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from openitu.radio.propagation import p618
from openitu.service.auth import public
from openitu.usecases import radio as usecases

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class LookAngles(BaseModel):
    sat_lon_deg: float
    lat_deg: float
    lon_deg: float
    el_deg: float
    az_deg: float
    range_km: float
    visible: bool


class MarginPoint(BaseModel):
    p_percent: float
    a_total_db: float
    margin_db: float


class LinkBudgetResult(BaseModel):
    """Each term [dBW, dB, dB/K, dB(Hz)] for p % of an average year."""

    direction: str
    f_ghz: float
    p_percent: float
    edition: str
    bandwidth_hz: float
    look: LookAngles
    attenuation: dict[str, float]
    eirp_dbw: float
    free_space_loss_db: float
    atmospheric_loss_db: float
    other_losses_db: float
    total_loss_db: float
    gt_db_k: float
    c_n0_dbhz: float
    bandwidth_dbhz: float
    c_n_db: float
    required_cn_db: float
    margin_db: float
    curve: list[MarginPoint]


@router.get("/link-budget", response_model=LinkBudgetResult)
def link_budget(
    direction: Literal["uplink", "downlink"] = Query(..., description="uplink or downlink"),
    lat_deg: float = Query(..., description="Earth-station latitude [deg]"),
    lon_deg: float = Query(..., description="Earth-station longitude [deg]"),
    sat_lon_deg: float = Query(..., description="GSO satellite longitude [deg E]"),
    f_ghz: float = Query(..., description="Carrier frequency [GHz]"),
    p_percent: float = Query(..., description="Percentage of an average year [%]"),
    eirp_dbw: float = Query(..., description="e.i.r.p. of the transmitting end [dBW]"),
    gt_db_k: float = Query(..., description="G/T of the receiving end [dB/K]"),
    bandwidth_hz: float = Query(..., description="Noise bandwidth [Hz]"),
    required_cn_db: float = Query(..., description="Required C/N [dB]"),
    d_m: float = Query(1.2, description="Earth-station antenna diameter [m]"),
    eta: float = Query(0.65, description="Earth-station antenna efficiency"),
    hs_km: float | None = Query(None, description="Station altitude [km]; P.1511 if absent"),
    other_losses_db: float = Query(0.0, description="Other losses [dB]"),
    edition: str = Query(p618.P618_DEFAULT, description="P.618-13 or P.618-14"),
) -> dict[str, Any]:
    """Look angles, P.618 attenuation and each term of the budget, with the margin
    against the percentage of time."""
    return usecases.link_budget(
        direction=direction, lat_deg=lat_deg, lon_deg=lon_deg, sat_lon_deg=sat_lon_deg,
        f_ghz=f_ghz, p_percent=p_percent, eirp_dbw=eirp_dbw, gt_db_k=gt_db_k,
        bandwidth_hz=bandwidth_hz, required_cn_db=required_cn_db, d_m=d_m, eta=eta,
        hs_km=hs_km, other_losses_db=other_losses_db, edition=edition,
    )  # fmt: skip
