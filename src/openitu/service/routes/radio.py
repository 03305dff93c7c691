"""Radio engineering API: emission designators, Earth-space slant paths, free space,
antenna patterns. Routes are thin: the case types and the computations live in
`openitu.radio.cases`, which the CLI uses too (one way of reading a case, one way of naming
a bad field)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from openitu.radio import cases
from openitu.radio.propagation import p618
from openitu.service.auth import public
from openitu.units import parse_frequency_hz

router = APIRouter(prefix="/api/radio", tags=["radio"], dependencies=[public])


class SlantPathResult(BaseModel):
    lat_deg: float
    lon_deg: float
    f_ghz: float
    el_deg: float
    p_percent: float
    d_m: float
    eta: float
    hs_km: float
    tau_deg: float
    edition: str
    a_gas_db: float
    a_cloud_db: float
    a_rain_db: float
    a_scint_db: float
    a_total_db: float


class EmissionMeanings(BaseModel):
    modulation: str
    signal_nature: str
    information_type: str
    signal_details: str | None
    multiplexing: str | None


class EmissionResult(BaseModel):
    designator: str
    necessary_bandwidth_hz: float
    necessary_bandwidth: str = Field(description="in the unit the designator names: 36 MHz")
    bandwidth_code: str
    emission_class: str
    modulation: str
    signal_nature: str
    information_type: str
    signal_details: str | None
    multiplexing: str | None
    meanings: EmissionMeanings


class FreeSpaceResult(BaseModel):
    f_hz: float
    d_km: float
    edition: str
    loss_db: float
    eirp_dbw: float | None = None
    gr_dbi: float | None = None
    pfd_dbw_m2: float | None = None
    e_dbuv_m: float | None = None
    received_power_dbw: float | None = None


class AntennaResult(BaseModel):
    pattern: str
    parameters: dict[str, Any]
    angles_deg: list[float]
    gain_dbi: list[float]


@router.get("/emission/{designator}", response_model=EmissionResult)
def emission(designator: str) -> dict[str, Any]:
    """Decode an RR Appendix 1 emission designator."""
    return cases.emission(designator)


def case_body(case_type: str) -> dict[str, Any]:
    """The OpenAPI request body of a case type: its registered JSON Schema."""
    schema = cases.case_type(case_type).json_schema()
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


@router.post(
    "/slant-path",
    response_model=list[SlantPathResult] | SlantPathResult,
    openapi_extra=case_body("slant-path"),
)
def slant_path(
    document: Any = Body(...),
    edition: str = Query(
        p618.P618_DEFAULT,
        description="P.618-13 (gas P.676-12, clouds P.840-8, floor 1 %) or P.618-14 "
        "(gas P.676-13, clouds P.840-9, floor 5 %)",
    ),
) -> Any:
    """P.618 §2.5 attenuation: one case in, one result out; a list in, a list out."""
    return cases.run("slant-path", document, edition=edition)


@router.get("/free-space", response_model=FreeSpaceResult)
def free_space(
    f: str = Query(..., description='Frequency, e.g. "2.45GHz"'),
    d_km: float = Query(..., gt=0, description="Distance [km]"),
    eirp_dbw: float | None = Query(None, description="e.i.r.p. [dBW]"),
    gr_dbi: float = Query(0.0, description="Receiving antenna gain [dBi]"),
) -> dict[str, Any]:
    """Free-space basic loss (P.525-4); with an e.i.r.p., pfd, field strength and P_r."""
    return cases.free_space(
        f_hz=parse_frequency_hz(f, field="f"), d_km=d_km, eirp_dbw=eirp_dbw, gr_dbi=gr_dbi
    )


@router.get("/antenna/{pattern}", response_model=AntennaResult)
def antenna(
    pattern: str,
    angle_deg: list[float] = Query(..., description="Off-axis angles [deg]"),
    f: str | None = Query(None, description='Frequency, e.g. "12GHz"'),
    d_m: float | None = Query(None, gt=0),
    gmax_dbi: float | None = Query(None),
    half_beamwidth_deg: float | None = Query(None, gt=0),
    ln_db: float | None = Query(None),
) -> dict[str, Any]:
    """Gain of a reference radiation pattern (omni, F.699, F.1245, S.465, S.580, S.1528)."""
    parameters = {
        "f_mhz": parse_frequency_hz(f, field="f") / 1e6 if f else None,
        "d_m": d_m,
        "gmax_dbi": gmax_dbi,
        "half_beamwidth_deg": half_beamwidth_deg,
        "ln_db": ln_db,
    }
    return cases.antenna_gain(pattern, angle_deg, parameters)
