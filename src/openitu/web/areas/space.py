"""/space: the geostationary arc chart, and a network's page (its filing's steps and
dates, its time limits and its coordination status)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Final

import numpy as np
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput, NotFound, OpenITUError
from openitu.service.auth import CurrentPrincipalDep, csrf_protected, public
from openitu.service.deps import ContextDep, SessionDep
from openitu.space import chart, ngso, ngso_chart, pfd
from openitu.space.networks import Network
from openitu.store import space as repository
from openitu.usecases import space as usecases
from openitu.web.pages import FormPage, render, render_error

router = APIRouter(prefix="/space", include_in_schema=False, dependencies=[public])


def _marks(session: SessionDep) -> list[chart.Mark]:
    return [
        chart.Mark(
            network_id=n.id,
            name=n.name,
            longitude_deg=n.longitude_deg,
            bands=n.bands,
            catalogue=n.source != repository.FILING,
            administration=n.administration,
        )
        for n in repository.list_networks(session, orbit="gso")
        if n.longitude_deg is not None
    ]


@router.get("", response_class=HTMLResponse)
def arc_page(
    request: Request,
    session: SessionDep,
    network: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Response:
    """The GSO arc: networks by longitude and band; a selected network's arc shaded."""
    marks = _marks(session)
    selected = None
    if network is not None:
        selected = next((m for m in marks if m.network_id == network and not m.catalogue), None)
        if selected is None:
            return render_error(request, status=404, title="Not found",
                                detail=f"no filed GSO network {network}")  # fmt: skip
    filed = [m for m in marks if not m.catalogue]
    return render(
        request,
        "space/index.html",
        svg=chart.arc_chart_svg(marks, selected=selected),
        filed=filed,
        catalogue_count=len(marks) - len(filed),
        selected=selected,
    )


@router.get("/networks/{network_id}", response_class=HTMLResponse)
def network_page(
    request: Request,
    network_id: int,
    session: SessionDep,
    context: ContextDep,
    as_of: Annotated[str | None, Query(max_length=10)] = None,
) -> Response:
    """A network: its beams, its filing's steps and dates, time limits, coordination."""
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        return render_error(request, status=422, title="Bad date",
                            detail="as_of: expected YYYY-MM-DD")  # fmt: skip
    try:
        row, network = repository.get_network(session, network_id)
    except NotFound as exc:
        return render_error(request, status=404, title="Not found", detail=exc.detail)
    try:
        dates = usecases.deadlines(session, network_id=network_id, as_of=day)
    except InvalidInput as exc:
        return render_error(request, status=422, title="Bad date", detail=exc.one_line())
    coordination = None
    error = None
    try:
        filed = context.filed_beams(session)
        coordination = usecases.affected(session, network_id=network_id, filed=filed)
    except InvalidInput as exc:
        error = exc.reason
    pfd_maps = _pfd_maps(network)
    return render(
        request,
        "space/network.html",
        passes=_passes_section(session, network_id, network, dict(request.query_params)),
        pfd_maps=pfd_maps,
        row=row,
        network=network,
        dates=dates,
        coordination=coordination,
        coordination_error=error,
        as_of=day.isoformat(),
    )


PFD_STEP_DEG: Final = 4.0


def _pfd_maps(network: Network) -> list[dict[str, Any]]:
    """For each down beam: its pfd over the visible Earth against Table 21-4, the beam's
    peak e.i.r.p. density shaped by its gain contours (S.1528-0 about its boresight) where
    the filing gives a half beamwidth, else the peak everywhere (the worst case)."""
    if network.longitude_deg is None:
        return []
    lats = np.arange(-88.0, 88.1, PFD_STEP_DEG)
    lons = np.arange(-178.0, 178.1, PFD_STEP_DEG)
    grid_lat, grid_lon = (a.ravel() for a in np.meshgrid(lats, lons, indexing="ij"))
    maps: list[dict[str, Any]] = []
    for beam in network.beams:
        if beam.direction != "down":
            continue
        band = beam.frequencies[0]
        centre = (band.low_hz + band.high_hz) / 2
        try:
            relative = pfd.gso_relative_gain_db(
                network.longitude_deg,
                grid_lat,
                grid_lon,
                peak_gain_dbi=beam.gain_dbi,
                half_beamwidth_deg=beam.half_beamwidth_deg,
                near_in_sidelobe_db=beam.near_in_sidelobe_db,
                boresight_lat_deg=beam.boresight_lat_deg,
                boresight_lon_deg=beam.boresight_lon_deg,
            )
            check = pfd.check_gso_pfd(
                sat_lon_deg=network.longitude_deg,
                frequency_hz=centre,
                eirp_density_dbw_hz=beam.power_density_dbw_hz + beam.gain_dbi + relative,
                lat_deg=grid_lat,
                lon_deg=grid_lon,
            )
        except InvalidInput as exc:
            maps.append({"beam": beam.name, "svg": "", "note": exc.reason, "summary": None})
            continue
        cells = [
            chart.PfdCell(float(la), float(lo), None if np.isnan(m) else float(m))
            for la, lo, m in zip(grid_lat, grid_lon, check.margin_db, strict=True)
        ]
        title = f"pfd of {beam.name} against Table 21-4"
        svg = chart.pfd_map_svg(cells, step_deg=PFD_STEP_DEG, title=title)
        pattern = pfd.pattern_text(beam.half_beamwidth_deg, beam.near_in_sidelobe_db)
        maps.append({"beam": beam.name, "note": None, "summary": check.as_dict(), "svg": svg,
                     "pattern": pattern})  # fmt: skip
    return maps


PASS_FIELDS: Final = ("lat", "lon", "from", "hours", "min_elevation_deg")


def _passes_section(
    session: SessionDep, network_id: int, network: Network, params: dict[str, str]
) -> dict[str, Any] | None:
    """A non-GSO network's elevation over time from the place in the query (``lat``,
    ``lon``, ``from``, ``hours``, ``min_elevation_deg``), with its visibility windows."""
    if network.orbit != "ngso":
        return None
    form = {key: params.get(key, "")[:40] for key in PASS_FIELDS}
    section: dict[str, Any] = {"form": form, "error": None, "svg": None, "windows": []}
    if not form["lat"] or not form["lon"]:
        return section
    try:
        numbers = {}
        for key, default in (("lat", None), ("lon", None), ("hours", 24.0),
                             ("min_elevation_deg", 0.0)):  # fmt: skip
            try:
                numbers[key] = float(form[key]) if form[key] else float(default or 0.0)
            except ValueError:
                raise InvalidInput(key, "expected a number") from None
        start = ngso.parse_start(form["from"] or None)
        hours = numbers["hours"]
        # one sample a minute keeps a day's chart light; longer spans thin out further
        step = max(60.0, hours * 3600.0 / 1440.0)
        angles, header = usecases.elevation_track(
            session, network_id=network_id, lat_deg=numbers["lat"], lon_deg=numbers["lon"],
            start=start, hours=hours, step_s=step)  # fmt: skip
        found = ngso.windows(angles, min_elevation_deg=numbers["min_elevation_deg"])
    except InvalidInput as exc:
        section["error"] = exc.one_line()
        return section
    title = (f"Elevation of {network.name} from {numbers['lat']:g}°, {numbers['lon']:g}° "
             f"over {hours:g} h")  # fmt: skip
    section["svg"] = ngso_chart.elevation_chart_svg(
        angles, min_elevation_deg=numbers["min_elevation_deg"], title=title)  # fmt: skip
    section["windows"] = [w.as_dict() for w in found]
    section["header"] = header
    section["pfd"] = _aggregate_charts(network, angles, numbers["lat"], numbers["lon"], hours)
    return section


def _aggregate_charts(
    network: Network, angles: ngso.LookAngles, lat: float, lon: float, hours: float
) -> list[dict[str, Any]]:
    """Each down beam's summed pfd at the place over the span, against Table 21-4."""
    charts: list[dict[str, Any]] = []
    for check in ngso.network_pfd_checks(network, angles):
        if isinstance(check, ngso.UncheckedBeam):
            charts.append({"beam": check.beam, "note": check.note, "svg": None})
            continue
        title = (f"Aggregate pfd of {network.name} ({check.beam}) at {lat:g}°, {lon:g}° "
                 f"over {hours:g} h")  # fmt: skip
        summary = check.as_dict()["aggregate"]
        svg = ngso_chart.aggregate_pfd_chart_svg(angles.times, check.aggregate(), title=title)
        charts.append({"beam": check.beam, "note": None, "summary": summary, "svg": svg})
    return charts


# ------------------------------------------------------------------ filing form

FORM_FIELDS: Final = (
    "name", "longitude_deg", "station_keeping_deg", "date_of_receipt",
    "es_name", "es_lat_deg", "es_lon_deg", "es_gain_dbi",
    "up_low", "up_high", "down_low", "down_high", "sat_gain_dbi",
    "ts_k", "te_k", "pe_dbw_hz", "ps_dbw_hz",
    "half_beamwidth_deg", "near_in_sidelobe_db", "boresight_lat_deg", "boresight_lon_deg",
)  # fmt: skip
# The satellite antenna's optional pattern (both beams, as its gain): blank leaves it out.
ANTENNA_FIELDS: Final = (
    "half_beamwidth_deg", "near_in_sidelobe_db", "boresight_lat_deg", "boresight_lon_deg",
)  # fmt: skip
# Where an error in the built document lands on the form.
_FIELD_OF_PATH: Final = {
    "name": "name", "longitude_deg": "longitude_deg", "station_keeping_deg": "station_keeping_deg",
    "earth_stations[0].name": "es_name", "earth_stations[0].lat_deg": "es_lat_deg",
    "earth_stations[0].lon_deg": "es_lon_deg", "earth_stations[0].gain_dbi": "es_gain_dbi",
    "beams[0].frequencies[0].low_hz": "up_low", "beams[0].frequencies[0].high_hz": "up_high",
    "beams[1].frequencies[0].low_hz": "down_low", "beams[1].frequencies[0].high_hz": "down_high",
    "beams[0].gain_dbi": "sat_gain_dbi", "beams[1].gain_dbi": "sat_gain_dbi",
    "beams[0].noise_temperature_k": "ts_k", "beams[1].noise_temperature_k": "te_k",
    "beams[0].power_density_dbw_hz": "pe_dbw_hz", "beams[1].power_density_dbw_hz": "ps_dbw_hz",
    "date_of_receipt": "date_of_receipt",
    **{f"beams[{i}].{key}": key for i in (0, 1) for key in ANTENNA_FIELDS},
}  # fmt: skip


def _float(form: dict[str, str], key: str, errors: dict[str, str]) -> float | None:
    try:
        return float(form[key])
    except ValueError:
        errors[key] = f"{key}: expected a number"
        return None


def _document(form: dict[str, str], administration: str, errors: dict[str, str]) -> dict[str, Any]:
    """The network's JSON document from the form: one earth station, an up and a down beam."""
    numbers = {k: _float(form, k, errors) for k in (
        "longitude_deg", "station_keeping_deg", "es_lat_deg", "es_lon_deg", "es_gain_dbi",
        "sat_gain_dbi", "ts_k", "te_k", "pe_dbw_hz", "ps_dbw_hz")}  # fmt: skip
    antenna = {k: _float(form, k, errors) for k in ANTENNA_FIELDS if form[k].strip()}
    station = form["es_name"] or "ES"
    beam = {"service": "fixed-satellite", "gain_dbi": numbers["sat_gain_dbi"],
            "earth_station": station, **antenna}  # fmt: skip
    return {
        "name": form["name"],
        "administration": administration,
        "orbit": "gso",
        "longitude_deg": numbers["longitude_deg"],
        "station_keeping_deg": numbers["station_keeping_deg"],
        "earth_stations": [{"name": station, "lat_deg": numbers["es_lat_deg"],
                            "lon_deg": numbers["es_lon_deg"], "gain_dbi": numbers["es_gain_dbi"]}],
        "beams": [
            {**beam, "name": "UP", "direction": "up",
             "frequencies": [{"low_hz": form["up_low"], "high_hz": form["up_high"]}],
             "noise_temperature_k": numbers["ts_k"], "power_density_dbw_hz": numbers["pe_dbw_hz"]},
            {**beam, "name": "DOWN", "direction": "down",
             "frequencies": [{"low_hz": form["down_low"], "high_hz": form["down_high"]}],
             "noise_temperature_k": numbers["te_k"], "power_density_dbw_hz": numbers["ps_dbw_hz"]},
        ],
    }  # fmt: skip


_form_page = FormPage("space/file.html")


DEFAULTS: Final = {
    "name": "", "longitude_deg": "", "station_keeping_deg": "0.05",
    "date_of_receipt": "", "es_name": "HUB", "es_lat_deg": "", "es_lon_deg": "",
    "es_gain_dbi": "52", "up_low": "14.0GHz", "up_high": "14.5GHz", "down_low": "11.45GHz",
    "down_high": "11.7GHz", "sat_gain_dbi": "32", "ts_k": "600", "te_k": "140",
    "pe_dbw_hz": "-50", "ps_dbw_hz": "-70",
    **{key: "" for key in ANTENNA_FIELDS},
}  # fmt: skip


@router.get("/file", response_class=HTMLResponse)
def file_form(request: Request, principal: CurrentPrincipalDep) -> Response:
    """The filing form (notifying officers file for their own administration)."""
    return _form_page(request, principal, form=dict(DEFAULTS), errors={})


async def _form_fields(request: Request) -> dict[str, str]:
    """The filing form's fields (read once; the CSRF check has read the same form)."""
    data = await request.form()
    return {key: str(data.get(key, ""))[:200] for key in FORM_FIELDS}


@router.post("/file", response_class=HTMLResponse, dependencies=[csrf_protected])
def file_network(
    request: Request,
    principal: CurrentPrincipalDep,
    session: SessionDep,
    form: Annotated[dict[str, str], Depends(_form_fields)],
) -> Response:
    """File a GSO network with one earth station and an up and a down beam."""
    errors: dict[str, str] = {}
    if not principal.signed_in or principal.administration is None:
        errors["form"] = "sign in as a notifying officer of an administration to file"
        return _form_page(request, principal, form=form, errors=errors, status_code=403)
    try:
        received = (
            date.fromisoformat(form["date_of_receipt"]) if form["date_of_receipt"] else date.today()
        )
    except ValueError:
        errors["date_of_receipt"] = "expected YYYY-MM-DD"
        received = date.today()
    document = _document(form, principal.administration, errors)
    if errors:
        return _form_page(request, principal, form=form, errors=errors, status_code=422)
    try:
        created = usecases.submit_network(
            session, principal=principal, document=document, date_of_receipt=received
        )
    except InvalidInput as exc:
        errors[_FIELD_OF_PATH.get(exc.field, "form")] = f"{exc.field}: {exc.reason}"
        return _form_page(request, principal, form=form, errors=errors, status_code=422)
    except OpenITUError as exc:
        errors["form"] = exc.detail
        return _form_page(request, principal, form=form, errors=errors, status_code=exc.status)
    return _form_page(request, principal, form=form, errors={}, created=created, status_code=201)
