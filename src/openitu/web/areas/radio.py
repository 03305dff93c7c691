"""/radio: emission designator decoder, free-space link budget, antenna pattern plot."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from openitu.errors import InvalidInput
from openitu.radio import antennas, cases
from openitu.radio.emissions import hz_in_full
from openitu.service.auth import public
from openitu.units import parse_frequency_hz
from openitu.web.pages import render

router = APIRouter(prefix="/radio", include_in_schema=False, dependencies=[public])

PLOT_W, PLOT_H, PLOT_PAD = 640, 300, 40


def _float(text: str, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(field, f"expected a number, got {text!r}") from None
    if not np.isfinite(value):
        raise InvalidInput(field, "must be finite")
    return value


def pattern_svg(pattern: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """Gain against off-axis angle (0-180°, log-spaced) as an inline SVG polyline."""
    angles = np.concatenate([[0.0], np.geomspace(0.05, 180.0, 400)])
    gains = antennas.antenna_gain_dbi(pattern, angles, **parameters)
    top = float(np.ceil(gains.max() / 10.0) * 10.0)
    bottom = float(np.floor(min(gains.min(), top - 20.0) / 10.0) * 10.0)
    log_min, log_max = np.log10(0.05), np.log10(180.0)
    x = PLOT_PAD + (np.log10(np.maximum(angles, 0.05)) - log_min) / (log_max - log_min) * (
        PLOT_W - 2 * PLOT_PAD
    )
    y = PLOT_PAD + (top - gains) / (top - bottom) * (PLOT_H - 2 * PLOT_PAD)
    points = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y, strict=True))
    y_ticks = [
        {"y": PLOT_PAD + (top - v) / (top - bottom) * (PLOT_H - 2 * PLOT_PAD), "label": f"{v:g}"}
        for v in np.arange(bottom, top + 0.1, 10.0)
    ]
    x_ticks = [
        {
            "x": PLOT_PAD + (np.log10(v) - log_min) / (log_max - log_min) * (PLOT_W - 2 * PLOT_PAD),
            "label": f"{v:g}",
        }
        for v in (0.1, 1.0, 10.0, 100.0)
    ]
    return {
        "points": points,
        "width": PLOT_W,
        "height": PLOT_H,
        "pad": PLOT_PAD,
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "peak_dbi": float(gains[0]),
    }


@router.get("", response_class=HTMLResponse)
def radio_page(
    request: Request,
    designator: Annotated[str | None, Query()] = None,
    f: Annotated[str | None, Query()] = None,
    d_km: Annotated[str | None, Query()] = None,
    eirp_dbw: Annotated[str | None, Query()] = None,
    gr_dbi: Annotated[str, Query()] = "0",
    pattern: Annotated[str, Query()] = "S.465",
    pattern_f: Annotated[str, Query()] = "12 GHz",
    pattern_d_m: Annotated[str, Query()] = "1.2",
) -> Response:
    """The radio engineering page: three forms, errors shown next to their field."""
    errors: dict[str, str] = {}
    emission: dict[str, Any] | None = None
    link: dict[str, Any] | None = None
    plot: dict[str, Any] | None = None
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
    try:
        parameters: dict[str, Any] = {}
        if pattern.lower() != "omni":
            parameters["f_mhz"] = parse_frequency_hz(pattern_f, field="pattern_f") / 1e6
            parameters["d_m"] = _float(pattern_d_m, "pattern_d_m")
        plot = pattern_svg(pattern, parameters)
    except InvalidInput as exc:
        field = exc.field if exc.field.startswith("pattern") else f"pattern_{exc.field}"
        errors[field if field in ("pattern_f", "pattern_d_m") else "pattern"] = exc.reason
    status = 422 if errors else 200
    return render(
        request,
        "radio/index.html",
        status_code=status,
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
            "pattern": pattern,
            "pattern_f": pattern_f,
            "pattern_d_m": pattern_d_m,
        },
    )
