"""`GET /api/radio/path`: P.452-18 or P.1546-6 between two points, the profile from the
register's terrain source, drawn over the effective Earth.

Thin: `openitu.usecases.radio.path_between` (which the /radio/path page calls too) reads
the profile, its zones and sea sections, evaluates the model and gives the Earth's bulge
and the line of sight's clearance."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query

from openitu.service.auth import public
from openitu.service.deps import ContextDep
from openitu.service.routes.register import terrain_of
from openitu.usecases import radio as usecases

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


@router.get("/path")
def path(
    context: ContextDep,
    model: Literal["p452", "p1546"] = Query(..., description="p452 or p1546"),
    tx_lat_deg: float = Query(..., description="Transmitter latitude [deg]"),
    tx_lon_deg: float = Query(..., description="Transmitter longitude [deg E]"),
    rx_lat_deg: float = Query(..., description="Receiver latitude [deg]"),
    rx_lon_deg: float = Query(..., description="Receiver longitude [deg E]"),
    tx_height_m: float = Query(..., description="Transmitting antenna above ground [m]"),
    rx_height_m: float = Query(..., description="Receiving antenna above ground [m]"),
    f_mhz: float = Query(..., description="Frequency [MHz]"),
    p_percent: float = Query(..., description="Percentage of time [%]"),
    gt_dbi: float = Query(0.0, description="P.452: transmitting antenna gain [dBi]"),
    gr_dbi: float = Query(0.0, description="P.452: receiving antenna gain [dBi]"),
    pol: Literal["h", "v"] = Query("h", description="P.452: polarization"),
    ptx_kw: float = Query(1.0, description="P.1546: transmitter power [kW e.r.p.]"),
    rx_area: str = Query("rural", max_length=16, description="P.1546: receiver's surroundings"),
) -> dict[str, Any]:
    """The basic transmission loss (and P.1546's field strength) with the model's own
    terms, the path profile (distances, heights, zones), the Earth's bulge at the
    effective radius (P.452: k50 from ΔN; P.1546: k = 4/3) and the smallest clearance of
    the line between the antennas, and where it falls (negative: obstructed)."""
    return usecases.path_between(
        terrain=terrain_of(context), model=model, tx_lat_deg=tx_lat_deg,
        tx_lon_deg=tx_lon_deg, rx_lat_deg=rx_lat_deg, rx_lon_deg=rx_lon_deg,
        tx_height_m=tx_height_m, rx_height_m=rx_height_m, f_mhz=f_mhz, p_percent=p_percent,
        gt_dbi=gt_dbi, gr_dbi=gr_dbi, pol=pol, ptx_kw=ptx_kw, rx_area=rx_area,
    )  # fmt: skip
