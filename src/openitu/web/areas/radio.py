"""/radio: emission designators, free space, antenna patterns; /radio/slant-path,
/radio/link-budget and /radio/path for the Earth-space and terrestrial paths.

Thin: each form's text is read into numbers here (a bad one named by its field), the
work is done by `openitu.usecases.radio` (the case registry the CLI and the API use) and
the pictures by `openitu.radio.chart`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, Final, Literal
from urllib.parse import urlencode

import numpy as np
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput
from openitu.radio import antennas, cases, chart
from openitu.radio.emissions import hz_in_full
from openitu.radio.propagation import p618
from openitu.radio.propagation.p452 import LOSS_FIELDS
from openitu.service.auth import public
from openitu.service.deps import ContextDep
from openitu.service.routes.register import terrain_of
from openitu.units import parse_frequency_hz
from openitu.usecases import radio as usecases
from openitu.web.pages import render

router = APIRouter(prefix="/radio", include_in_schema=False, dependencies=[public])


def _float(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(field, f"expected a number, got {text!r}") from None
    if not np.isfinite(value):
        raise InvalidInput(field, "must be finite")
    return value


def _optional(text: str, field: str) -> float | None:
    return _float(text, field) if text.strip() else None


def _form(request: Request, defaults: Mapping[str, str]) -> dict[str, str]:
    """The form's fields as typed (the defaults where absent), for reading and for showing
    back."""
    return {name: request.query_params.get(name, default) for name, default in defaults.items()}


def _attempt(errors: dict[str, str], rename: Mapping[str, str], work: Callable[[], Any]) -> Any:
    """``work()``, or None with its `InvalidInput` recorded under the form's field name."""
    try:
        return work()
    except InvalidInput as exc:
        errors[rename.get(exc.field, exc.field)] = exc.reason
        return None


def _calculator_page(
    request: Request,
    template: str,
    form: dict[str, str],
    *,
    sent_with: str,
    compute: Callable[[], Any],
    rename: Mapping[str, str] | None = None,
    **context: Any,
) -> Response:
    """A calculator's page: its form as given and, once the query carries ``sent_with``
    (the form was sent), the answer, or the bad field named next to its box (422)."""
    errors: dict[str, str] = {}
    result = _attempt(errors, rename or {}, compute) if sent_with in request.query_params else None
    return render(request, template, status_code=422 if errors else 200, errors=errors,
                  form=form, result=result, **context)  # fmt: skip


# --- /radio ---------------------------------------------------------------------------------

PATTERN_FIELDS: Final = {
    "pattern": "S.465",
    "pattern_f": "12 GHz",
    "pattern_d_m": "1.2",
    "pattern_gmax": "",
    "pattern_efficiency": "",
    "pattern_half_beamwidth": "",
    "pattern_ln": "",
}
# The pattern functions' keywords, as the form names them.
_PATTERN_NAMES: Final = {
    "f": "pattern_f",
    "d_m": "pattern_d_m",
    "gmax_dbi": "pattern_gmax",
    "gain_dbi": "pattern_gmax",
    "efficiency": "pattern_efficiency",
    "half_beamwidth_deg": "pattern_half_beamwidth",
    "ln_db": "pattern_ln",
}


def _pattern(form: Mapping[str, str], errors: dict[str, str]) -> dict[str, Any] | None:
    def work() -> dict[str, Any]:
        frequency = form["pattern_f"].strip()
        pattern = usecases.antenna_pattern(
            pattern=form["pattern"],
            f_hz=parse_frequency_hz(frequency, field="pattern_f") if frequency else None,
            d_m=_optional(form["pattern_d_m"], "pattern_d_m"),
            gmax_dbi=_optional(form["pattern_gmax"], "pattern_gmax"),
            efficiency=_optional(form["pattern_efficiency"], "pattern_efficiency"),
            half_beamwidth_deg=_optional(form["pattern_half_beamwidth"], "pattern_half_beamwidth"),
            ln_db=_optional(form["pattern_ln"], "pattern_ln"),
        )
        angles = pattern["angles_deg"][1:]
        pattern["svg"] = chart.line_chart_svg(
            [chart.Series(pattern["pattern"], angles, pattern["gain_dbi"][1:])],
            chart_id="pattern-plot",
            title=f"Gain against off-axis angle, {pattern['pattern']}",
            x_label="off-axis angle [deg] (log scale)",
            y_label="gain [dBi]",
            log_x=True,
        )
        return pattern

    try:
        return work()
    except InvalidInput as exc:
        field = _PATTERN_NAMES.get(exc.field, "pattern")
        if exc.field == "parameters":
            # A keyword the pattern does not take: name the form's field that gave it.
            given = [key for key in _PATTERN_NAMES if f"'{key}'" in exc.reason]
            field = _PATTERN_NAMES[given[0]] if given else "pattern"
        errors[field] = exc.reason
        return None


@router.get("", response_class=HTMLResponse)
def radio_page(
    request: Request,
    designator: Annotated[str | None, Query()] = None,
    f: Annotated[str | None, Query()] = None,
    d_km: Annotated[str | None, Query()] = None,
    eirp_dbw: Annotated[str | None, Query()] = None,
    gr_dbi: Annotated[str, Query()] = "0",
) -> Response:
    """The radio engineering page: three forms, errors shown next to their field."""
    errors: dict[str, str] = {}
    emission: dict[str, Any] | None = None
    link: dict[str, Any] | None = None
    if designator:
        try:
            emission = cases.emission(designator)
            emission["hz_in_full"] = hz_in_full(emission["necessary_bandwidth_hz"])
        except InvalidInput as exc:
            errors["designator"] = exc.reason
    if f or d_km:
        try:
            f_hz = parse_frequency_hz(f or "", field="f")
            distance = _float(d_km or "", "d_km")
            eirp = _float(eirp_dbw, "eirp_dbw") if eirp_dbw else None
            link = cases.free_space(
                f_hz=f_hz, d_km=distance, eirp_dbw=eirp, gr_dbi=_float(gr_dbi or "0", "gr_dbi")
            )
        except InvalidInput as exc:
            errors[exc.field] = exc.reason
    pattern_form = _form(request, PATTERN_FIELDS)
    plot = _pattern(pattern_form, errors)
    return render(
        request,
        "radio/index.html",
        status_code=422 if errors else 200,
        errors=errors,
        emission=emission,
        link=link,
        plot=plot,
        patterns=antennas.PATTERNS,
        form={
            "designator": designator or "",
            "f": f or "",
            "d_km": d_km or "",
            "eirp_dbw": eirp_dbw or "",
            "gr_dbi": gr_dbi,
            **pattern_form,
        },
    )


# --- /radio/slant-path ----------------------------------------------------------------------

# P.618's editions, as the slant-path and link-budget forms offer them (value, text).
EDITION_CHOICES: Final = tuple((edition, edition) for edition in p618.P618_EDITIONS)

PLACE_FIELDS: Final = {"lat_deg": "", "lon_deg": "", "hs_km": ""}
SLANT_FIELDS: Final = {
    **PLACE_FIELDS,
    "f_ghz": "",
    "p_percent": "0.01",
    "edition": p618.P618_DEFAULT,
    "el_deg": "",
    "sat_lon_deg": "",
    "d_m": "1.2",
    "eta": "0.65",
    "tau_deg": "45",
}
_CURVE_COLOURS: Final = {
    "a_total_db": "#1f5fa8",
    "a_rain_db": "#2a9d8f",
    "a_gas_db": "#e76f51",
    "a_cloud_db": "#6a4c93",
    "a_scint_db": "#8a6d1d",
}
_CURVE_NAMES: Final = {
    "a_total_db": "total",
    "a_rain_db": "rain",
    "a_gas_db": "gases",
    "a_cloud_db": "clouds",
    "a_scint_db": "scintillation",
}


def _slant(form: Mapping[str, str]) -> dict[str, Any]:
    result = usecases.slant_path(
        lat_deg=_float(form["lat_deg"], "lat_deg"),
        lon_deg=_float(form["lon_deg"], "lon_deg"),
        hs_km=_optional(form["hs_km"], "hs_km"),
        f_ghz=_float(form["f_ghz"], "f_ghz"),
        p_percent=_float(form["p_percent"], "p_percent"),
        edition=form["edition"],
        el_deg=_optional(form["el_deg"], "el_deg"),
        sat_lon_deg=_optional(form["sat_lon_deg"], "sat_lon_deg"),
        d_m=_float(form["d_m"], "d_m"),
        eta=_float(form["eta"], "eta"),
        tau_deg=_float(form["tau_deg"], "tau_deg"),
    )
    curve = result["curve"]
    percentages = [row["p_percent"] for row in curve]
    result["svg"] = chart.line_chart_svg(
        [
            chart.Series(_CURVE_NAMES[key], percentages, [row[key] for row in curve], colour)
            for key, colour in _CURVE_COLOURS.items()
        ],
        chart_id="attenuation-curve",
        title=f"Attenuation exceeded against percentage of time, {result['edition']}",
        x_label="percentage of an average year [%] (log scale)",
        y_label="attenuation [dB]",
        log_x=True,
    )
    return result


@router.get("/slant-path", response_class=HTMLResponse)
def slant_path_page(request: Request) -> Response:
    """P.618 attenuation of an Earth-space path at a place, elevation given or from a GSO
    satellite's longitude, with the attenuation against the percentage of time."""
    form = _form(request, SLANT_FIELDS)
    carried = ("lat_deg", "lon_deg", "hs_km", "sat_lon_deg", "p_percent", "edition", "d_m", "eta")
    budget_link = "/radio/link-budget?" + urlencode({key: form[key] for key in carried})
    return _calculator_page(
        request,
        "radio/slant_path.html",
        form,
        sent_with="lat_deg",
        compute=lambda: _slant(form),
        budget_link=budget_link,
        editions=EDITION_CHOICES,
        outputs=_CURVE_NAMES,
    )


# --- /radio/link-budget ---------------------------------------------------------------------

LINK_FIELDS: Final = {
    **PLACE_FIELDS,
    "sat_lon_deg": "",
    "p_percent": "0.1",
    "edition": p618.P618_DEFAULT,
    "d_m": "1.2",
    "eta": "0.65",
    "bandwidth_mhz": "36",
    "up_f_ghz": "14",
    "up_eirp_dbw": "",
    "up_gt_db_k": "",
    "up_required_cn_db": "",
    "up_other_losses_db": "0",
    "down_f_ghz": "12",
    "down_eirp_dbw": "",
    "down_gt_db_k": "",
    "down_required_cn_db": "",
    "down_other_losses_db": "0",
}
# The rows of the budget table: the use case's key, its label, its unit.
BUDGET_ROWS: Final = (
    ("eirp_dbw", "e.i.r.p. of the transmitting end", "dBW"),
    ("free_space_loss_db", "Free-space loss (P.525-4) over the slant range", "dB"),
    ("atmospheric_loss_db", "Atmospheric loss (P.618 total) for the percentage of time", "dB"),
    ("other_losses_db", "Other losses", "dB"),
    ("total_loss_db", "Total path loss", "dB"),
    ("gt_db_k", "G/T of the receiving end", "dB/K"),
    ("c_n0_dbhz", "C/N0", "dB(Hz)"),
    ("bandwidth_dbhz", "Noise bandwidth", "dB(Hz)"),
    ("c_n_db", "C/N", "dB"),
    ("required_cn_db", "Required C/N", "dB"),
    ("margin_db", "Margin", "dB"),
)
_DIRECTION_KEYWORDS: Final = (
    "f_ghz", "eirp_dbw", "gt_db_k", "required_cn_db", "other_losses_db",
)  # fmt: skip


def _link(form: Mapping[str, str]) -> dict[str, Any]:
    shared: dict[str, Any] = {
        "lat_deg": _float(form["lat_deg"], "lat_deg"),
        "lon_deg": _float(form["lon_deg"], "lon_deg"),
        "hs_km": _optional(form["hs_km"], "hs_km"),
        "sat_lon_deg": _float(form["sat_lon_deg"], "sat_lon_deg"),
        "p_percent": _float(form["p_percent"], "p_percent"),
        "edition": form["edition"],
        "d_m": _float(form["d_m"], "d_m"),
        "eta": _float(form["eta"], "eta"),
        "bandwidth_hz": _float(form["bandwidth_mhz"], "bandwidth_mhz") * 1e6,
    }
    links: dict[str, dict[str, Any]] = {}
    directions: tuple[tuple[Literal["uplink", "downlink"], str], ...] = (
        ("uplink", "up_"),
        ("downlink", "down_"),
    )
    for direction, prefix in directions:
        own: dict[str, Any] = {
            key: _float(form[prefix + key], prefix + key) for key in _DIRECTION_KEYWORDS
        }
        rename = {key: prefix + key for key in _DIRECTION_KEYWORDS} | {
            "bandwidth_hz": "bandwidth_mhz"
        }
        try:
            links[direction] = usecases.link_budget(direction=direction, **shared, **own)
        except InvalidInput as exc:
            raise InvalidInput(rename.get(exc.field, exc.field), exc.reason) from None
    combined = usecases.combined_cn_db(
        uplink_cn_db=links["uplink"]["c_n_db"], downlink_cn_db=links["downlink"]["c_n_db"]
    )
    svg = chart.line_chart_svg(
        [
            chart.Series(
                direction,
                [row["p_percent"] for row in links[direction]["curve"]],
                [row["margin_db"] for row in links[direction]["curve"]],
                colour,
            )
            for direction, colour in (("uplink", "#1f5fa8"), ("downlink", "#c0392b"))
        ]
        + [
            chart.Series(
                "no margin",
                [usecases.CURVE_PERCENTAGES[0], usecases.CURVE_PERCENTAGES[-1]],
                [0.0, 0.0],
                "#555",
                dashed=True,
            )
        ],
        chart_id="margin-curve",
        title="Margin against percentage of time",
        x_label="percentage of an average year [%] (log scale)",
        y_label="margin [dB]",
        log_x=True,
    )
    return {**links, "combined_cn_db": combined, "look": links["uplink"]["look"], "svg": svg}


@router.get("/link-budget", response_class=HTMLResponse)
def link_budget_page(request: Request) -> Response:
    """Uplink and downlink budgets of a GSO link at an earth station, each term shown."""
    form = _form(request, LINK_FIELDS)
    return _calculator_page(
        request,
        "radio/link_budget.html",
        form,
        # The slant-path page links here with the place and satellite filled in, not the
        # carriers: the budget is worked out once the form has been sent whole.
        sent_with="up_eirp_dbw",
        compute=lambda: _link(form),
        rows=BUDGET_ROWS,
        editions=EDITION_CHOICES,
    )


# --- /radio/path ----------------------------------------------------------------------------

PATH_FIELDS: Final = {
    "model": "p452",
    "tx_lat_deg": "",
    "tx_lon_deg": "",
    "rx_lat_deg": "",
    "rx_lon_deg": "",
    "tx_height_m": "30",
    "rx_height_m": "10",
    "f_mhz": "",
    "p_percent": "1",
    "gt_dbi": "0",
    "gr_dbi": "0",
    "pol": "h",
    "ptx_kw": "1",
    "rx_area": "rural",
}
MODELS: Final = usecases.PATH_MODELS
RX_AREAS: Final = ("rural", "suburban", "urban", "dense_urban", "sea")
# The intermediate losses of P.452-18, as the Recommendation names them.
P452_LABELS: Final = {
    "lbfsg_db": "Free space and gases, Lbfsg",
    "lb0p_db": "Line of sight, not exceeded for p %, Lb0p",
    "lb0b_db": "Line of sight, not exceeded for β0 %, Lb0β",
    "ldsph_db": "Spherical-Earth diffraction, Ldsph",
    "ld50_db": "Diffraction, median, Ld50",
    "ldp_db": "Diffraction, not exceeded for p %, Ldp",
    "lbs_db": "Troposcatter, Lbs",
    "lba_db": "Ducting and layer reflection, Lba",
}


def _path(form: Mapping[str, str], context: ContextDep) -> dict[str, Any]:
    # Each model reads its own boxes only: P.1546's form may leave P.452's gains blank.
    own = ("gt_dbi", "gr_dbi") if form["model"] == "p452" else ("ptx_kw",)
    numbers = {
        key: _float(form[key], key)
        for key in ("tx_lat_deg", "tx_lon_deg", "rx_lat_deg", "rx_lon_deg", "tx_height_m",
                    "rx_height_m", "f_mhz", "p_percent", *own)
    }  # fmt: skip
    result = usecases.path_between(
        terrain=terrain_of(context), model=form["model"], **numbers, pol=form["pol"],
        rx_area=form["rx_area"],
    )  # fmt: skip
    profile = result["profile"]
    # P.452 takes k50 from the case's ΔN; P.1546 takes no refractivity, so the median 4/3.
    k_text = f"k50 = {profile['k_factor']:.3f}" if form["model"] == "p452" else "median k = 4/3"
    result["earth_note"] = f"a_e = {profile['effective_radius_km']:.0f} km, {k_text}"
    result["svg"] = chart.profile_svg(
        profile["d_km"],
        profile["h_m"],
        bulge_m=profile["bulge_m"],
        earth_note=result["earth_note"],
        tx_height_m=numbers["tx_height_m"],
        rx_height_m=numbers["rx_height_m"],
        chart_id="profile-plot",
        title=f"Path profile over the effective Earth ({result['earth_note']}), "
        f"{result['model']}: basic loss {result['lb_db']:.2f} dB",
    )
    return result


@router.get("/path", response_class=HTMLResponse)
def path_page(request: Request, context: ContextDep) -> Response:
    """P.452 or P.1546 between two points, the profile from the register's terrain source."""
    form = _form(request, PATH_FIELDS)
    return _calculator_page(
        request,
        "radio/path.html",
        form,
        sent_with="tx_lat_deg",
        compute=lambda: _path(form, context),
        models=MODELS,
        rx_areas=RX_AREAS,
        p452_labels={key: P452_LABELS[key] for key in LOSS_FIELDS if key in P452_LABELS},
    )
