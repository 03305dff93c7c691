"""`POST /api/radio/p1546`: ITU-R P.1546-6 field strength for one case or many.

The route is thin: `openitu.radio.propagation.p1546` reads each case (`P1546Case`, which
checks the ranges of the Recommendation) and evaluates all of them in one vectorised call.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from openitu.errors import InvalidInput
from openitu.radio.propagation.p1546 import P1546Case, p1546_cases
from openitu.service.auth import public

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class P1546Section(BaseModel):
    """A stretch of the path, in order from the transmitter."""

    model_config = ConfigDict(extra="forbid")

    zone: Literal["land", "cold_sea", "warm_sea"]
    d_km: float = Field(gt=0, description="Length [km]")


class P1546Profile(BaseModel):
    """Terrain profile from the transmitter: distances [km] and ground heights [m a.s.l.]."""

    model_config = ConfigDict(extra="forbid")

    d_km: list[float] = Field(min_length=2)
    h_m: list[float] = Field(min_length=2)


class P1546Input(BaseModel):
    """One point-to-area prediction (ITU-R P.1546-6), named as the CLI's case files."""

    model_config = ConfigDict(extra="forbid")

    f_mhz: float = Field(ge=30, le=4000, description="Frequency [MHz], 30 to 4000")
    t_percent: float = Field(ge=1, le=50, description="Percentage of time [%], 1 to 50")
    q_percent: float = Field(default=50.0, ge=1, le=99, description="Locations [%], 1 to 99")
    ptx_kw: float = Field(default=1.0, gt=0, description="Transmitter power [kW]")
    ptx_ref: Literal["erp", "eirp"] = Field(default="erp", description="ptx_kw is e.r.p./e.i.r.p.")
    ha_m: float = Field(gt=0, le=3000, description="Transmitting antenna above ground [m]")
    h1_m: float | None = Field(
        default=None, le=3000, description="h1 [m] (§3); from the profile when omitted"
    )
    heff_m: float | None = Field(
        default=None, description="Effective height [m] (§3) when there is no profile"
    )
    h2_m: float = Field(ge=1, description="Receiving antenna above ground [m]")
    r1_m: float = Field(default=0.0, ge=0, description="Clutter height at the transmitter [m]")
    r2_m: float = Field(default=10.0, ge=0, description="Clutter height at the receiver [m]")
    rx_area: Literal["rural", "suburban", "urban", "dense_urban", "sea"] = "rural"
    wa_m: float = Field(default=500.0, gt=0, description="Square side for §12 (34) [m]")
    sections: list[P1546Section] = Field(min_length=1)
    profile: P1546Profile | None = None
    edition: Literal["P.1546-6"] = "P.1546-6"


class P1546Output(BaseModel):
    """Field strength for the given power [dB(uV/m)] and basic transmission loss [dB]."""

    e_dbuv_m: float
    lb_db: float


@router.post("/p1546", response_model=list[P1546Output] | P1546Output)
def p1546(cases: list[P1546Input] | P1546Input) -> Any:
    """P.1546-6 field strength: one case in, one result out; a list in, a list out."""
    many = isinstance(cases, list)
    items = cases if isinstance(cases, list) else [cases]
    parsed = []
    for index, item in enumerate(items):
        try:
            parsed.append(P1546Case.from_mapping(item.model_dump(exclude_none=True)))
        except InvalidInput as exc:
            raise InvalidInput(f"{index}.{exc.field}" if many else exc.field, exc.reason) from None
    results = p1546_cases(parsed)
    return results if many else results[0]
