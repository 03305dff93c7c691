"""`POST /api/radio/p452`: ITU-R P.452-18 basic transmission loss for one case or many.

The route is thin: `openitu.radio.p452_cases` owns the use case (one vectorised call for
all the cases of a request)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from openitu.radio.p452_cases import p452_cases
from openitu.service.auth import public

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class P452Case(BaseModel):
    """One interference path (ITU-R P.452-18), named as the ITU-R validation files."""

    model_config = ConfigDict(extra="forbid")

    f_ghz: float = Field(description="Frequency [GHz], 0.1 to 50")
    p_percent: float = Field(description="Time percentage not exceeded [%], 0.001 to 50")
    d_km: list[float] = Field(
        min_length=4, description="Distance of each profile point from the interferer [km]"
    )
    h_m: list[float] = Field(description="Terrain height of each point above sea level [m]")
    r_m: list[float] | None = Field(
        default=None, description="Representative clutter height of each point [m]; 0 if absent"
    )
    zone: list[Literal[1, 2, 3]] = Field(
        description="Radio-climatic zone of each point: 1 coastal land, 2 inland, 3 sea"
    )
    htg_m: float = Field(gt=0, description="Interferer antenna height above ground [m]")
    hrg_m: float = Field(gt=0, description="Interfered-with antenna height above ground [m]")
    phit_e: float = Field(ge=-180, le=360, description="Interferer longitude [deg east]")
    phit_n: float = Field(ge=-90, le=90, description="Interferer latitude [deg north]")
    phir_e: float = Field(ge=-180, le=360, description="Interfered-with longitude [deg east]")
    phir_n: float = Field(ge=-90, le=90, description="Interfered-with latitude [deg north]")
    gt_dbi: float = Field(default=0.0, description="Interferer gain towards the horizon [dBi]")
    gr_dbi: float = Field(default=0.0, description="Victim gain towards the horizon [dBi]")
    pol: Literal["h", "v"] = Field(default="h", description="Polarisation")
    dct_km: float = Field(ge=0, description="Interferer's distance over land to the coast [km]")
    dcr_km: float = Field(ge=0, description="Victim's distance over land to the coast [km]")
    pressure_hpa: float = Field(default=1013.0, description="Dry-air pressure [hPa]")
    temperature_c: float = Field(default=15.0, description="Air temperature [°C]")
    dn: float = Field(description="ΔN at the path centre [N-units/km], 0 to 157")
    n0: float = Field(description="Sea-level surface refractivity N0 at the path centre")
    edition: Literal["P.452-18"] = "P.452-18"


class P452Output(BaseModel):
    """Losses [dB]: lb_db not exceeded for p % of time, and the intermediate ones."""

    lb_db: float
    lbfsg_db: float
    lb0p_db: float
    lb0b_db: float
    ldsph_db: float
    ld50_db: float
    ldp_db: float
    lbs_db: float
    lba_db: float


@router.post("/p452", response_model=list[P452Output] | P452Output)
def p452(cases: list[P452Case] | P452Case) -> Any:
    """P.452-18 basic transmission loss: one case in, one result out; a list in, a list out."""
    many = isinstance(cases, list)
    items = cases if isinstance(cases, list) else [cases]
    results = p452_cases([item.model_dump(exclude_none=True) for item in items])
    return results if many else results[0]
