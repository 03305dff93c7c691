"""Charts of a non-GSO system over time at one place, as SVG.

Elevation: time across, elevation (0-90°) up, one line per satellite while it is above
the horizon, the minimum elevation dashed; each line carries its satellite's name.
Aggregate pfd: the power sum over the visible satellites and the strictest Table 21-4
limit of those satellites, time by time; each point carries its time and value."""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from typing import Final

import numpy as np

from openitu.radio.checks import FloatArray
from openitu.space.ngso import AggregatePfd, LookAngles

WIDTH: Final = 900
HEIGHT: Final = 320
LEFT: Final = 50
RIGHT: Final = 10
TOP: Final = 20
BOTTOM: Final = 40
MAX_LINES: Final = 60
COLOURS: Final = ("#1d4e89", "#c0392b", "#2a9d8f", "#e76f51", "#6a4c93", "#8a6d1d")


def _time_axis(times: list[datetime], plot_w: float) -> tuple[FloatArray, list[str]]:
    """Each time's x, and the hour ticks and start label below the plot."""
    span_s = max((times[-1] - times[0]).total_seconds(), 1.0)
    offsets = np.array([(t - times[0]).total_seconds() for t in times])
    parts = []
    hours = span_s / 3600.0
    tick_h = next((h for h in (1, 2, 3, 6, 12, 24, 48) if hours / h <= 8), 96)
    tick = 0.0
    while tick <= hours + 1e-9:
        x = LEFT + tick * 3600.0 / span_s * plot_w
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'text-anchor="middle">+{tick:g} h</text>')  # fmt: skip
        tick += tick_h
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11">from '
                 f'{escape(times[0].isoformat(timespec="minutes"))} UTC</text>')  # fmt: skip
    return np.asarray(LEFT + offsets / span_s * plot_w), parts


def elevation_chart_svg(angles: LookAngles, *, min_elevation_deg: float, title: str) -> str:
    """The chart; at most `MAX_LINES` satellites (those that rise highest) are drawn."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(angles.times)
    xs, time_labels = _time_axis(angles.times, plot_w)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="elevation-title" class="elevation-chart">',
        f'<title id="elevation-title">{escape(title)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#f4f6f8" '
        'stroke="#ccd"/>',
    ]
    for degrees in range(0, 91, 15):
        y = TOP + plot_h * (1 - degrees / 90)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                     'stroke="#dde"/>')  # fmt: skip
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{degrees}°</text>')  # fmt: skip
    parts.extend(time_labels)
    floor_y = TOP + plot_h * (1 - min(max(min_elevation_deg, 0.0), 90.0) / 90)
    parts.append(f'<line class="min-elevation" data-deg="{min_elevation_deg:g}" x1="{LEFT}" '
                 f'y1="{floor_y:.1f}" x2="{LEFT + plot_w}" y2="{floor_y:.1f}" stroke="#555" '
                 'stroke-dasharray="5 4"/>')  # fmt: skip
    elevation = np.nan_to_num(angles.elevation_deg, nan=-90.0)
    peaks = elevation.max(axis=1) if count else np.zeros(len(angles.names))
    shown = [int(i) for i in np.argsort(-peaks) if peaks[i] >= 0.0][:MAX_LINES]
    for order, row in enumerate(sorted(shown)):
        ys = TOP + plot_h * (1 - np.clip(elevation[row], 0.0, 90.0) / 90)
        above = elevation[row] >= 0.0
        name = escape(angles.names[row])
        colour = COLOURS[order % len(COLOURS)]
        parts.append(f'<g class="satellite" data-satellite="{name}" '
                     f'data-max-elevation="{peaks[row]:.2f}"><title>{name}</title>')  # fmt: skip
        start = None
        for index in range(count + 1):
            if index < count and above[index]:
                start = index if start is None else start
                continue
            if start is not None:
                points = " ".join(f"{xs[i]:.1f},{ys[i]:.1f}" for i in range(start, index))
                parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                             'stroke-width="1.5"/>')  # fmt: skip
                start = None
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _runs(values: FloatArray) -> list[tuple[int, int]]:
    """The [start, stop) index ranges where ``values`` is finite."""
    finite = np.isfinite(values)
    runs, start = [], None
    for index in range(len(values) + 1):
        if index < len(values) and finite[index]:
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    return runs


def aggregate_pfd_chart_svg(times: list[datetime], total: AggregatePfd, *, title: str) -> str:
    """The summed pfd (a solid line, a point per sample while a satellite is visible) and
    the strictest limit of the satellites then visible (dashed), in dB(W/m²) up."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    xs, time_labels = _time_axis(times, plot_w)
    shown = np.concatenate([total.total_dbw_m2, total.strictest_limit_dbw_m2])
    shown = shown[np.isfinite(shown)]
    # whole 10 dB steps around what is drawn, so the grid reads in round numbers
    low = 10.0 * math.floor(float(shown.min()) / 10.0) if shown.size else -160.0
    high = 10.0 * math.ceil(float(shown.max()) / 10.0) if shown.size else -100.0
    high = max(high, low + 10.0)

    def y_of(values: FloatArray) -> FloatArray:
        return np.asarray(TOP + plot_h * (high - values) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="aggregate-title" class="aggregate-pfd-chart" '
        f'data-low-dbw-m2="{low:g}" data-high-dbw-m2="{high:g}">',
        f'<title id="aggregate-title">{escape(title)}</title>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#f4f6f8" '
        'stroke="#ccd"/>',
    ]
    step = 10.0 if high - low <= 60.0 else 20.0
    level = low
    while level <= high + 1e-9:
        y = float(y_of(np.asarray(level)))
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
                     'stroke="#dde"/>')  # fmt: skip
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{level:g}</text>')  # fmt: skip
        level += step
    parts.append(f'<text x="4" y="{TOP - 6}" font-size="11">dB(W/m²)</text>')
    parts.extend(time_labels)
    limit_y = y_of(total.strictest_limit_dbw_m2)
    for start, stop in _runs(total.strictest_limit_dbw_m2):
        points = " ".join(f"{xs[i]:.1f},{limit_y[i]:.1f}" for i in range(start, stop))
        parts.append(f'<polyline class="strictest-limit" points="{points}" fill="none" '
                     'stroke="#555" stroke-dasharray="5 4"/>')  # fmt: skip
    sum_y = y_of(total.total_dbw_m2)
    for start, stop in _runs(total.total_dbw_m2):
        points = " ".join(f"{xs[i]:.1f},{sum_y[i]:.1f}" for i in range(start, stop))
        parts.append(f'<polyline class="aggregate-pfd" points="{points}" fill="none" '
                     f'stroke="{COLOURS[0]}" stroke-width="1.5"/>')  # fmt: skip
    parts.append('<g class="aggregate-points">')
    for index in np.flatnonzero(np.isfinite(total.total_dbw_m2)):
        at = escape(times[index].isoformat().replace("+00:00", "Z"))
        parts.append(
            f'<circle class="aggregate-point" cx="{xs[index]:.1f}" cy="{sum_y[index]:.1f}" r="1" '
            f'fill="{COLOURS[0]}" data-at="{at}" '
            f'data-dbw-m2="{total.total_dbw_m2[index]:.4f}" '
            f'data-limit-dbw-m2="{total.strictest_limit_dbw_m2[index]:.4f}" '
            f'data-visible="{total.visible[index]}"/>'
        )
    parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)
