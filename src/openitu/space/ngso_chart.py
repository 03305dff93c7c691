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
import numpy.typing as npt

from openitu.radio.checks import FloatArray
from openitu.space.ngso import AggregatePfd, LookAngles
from openitu.space.svg import svg_open

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


def _frame(chart_id: str, css_class: str, title: str, attributes: str = "") -> list[str]:
    """The chart's root, title and plot area."""
    parts = svg_open(width=WIDTH, height=HEIGHT, chart_id=chart_id, css_class=css_class,
                     title=title, attributes=attributes)  # fmt: skip
    parts.append(f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
                 f'height="{HEIGHT - TOP - BOTTOM}" fill="#f4f6f8" stroke="#ccd"/>')  # fmt: skip
    return parts


def _level(y: float, label: str) -> list[str]:
    """A horizontal grid line across the plot at ``y``, labelled on the left."""
    return [f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#dde"/>',
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" '
            f'text-anchor="end">{label}</text>']  # fmt: skip


def _runs(mask: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """The [start, stop) index ranges where ``mask`` holds."""
    runs, start = [], None
    for index in range(len(mask) + 1):
        if index < len(mask) and mask[index]:
            start = index if start is None else start
        elif start is not None:
            runs.append((start, index))
            start = None
    return runs


def _polylines(xs: FloatArray, ys: FloatArray, mask: npt.NDArray[np.bool_], head: str,
               tail: str) -> list[str]:  # fmt: skip
    """One polyline per run of samples where ``mask`` holds; ``head`` and ``tail`` are the
    attributes before and after its points."""
    return [f'<polyline {head}points="'
            + " ".join(f"{xs[i]:.1f},{ys[i]:.1f}" for i in range(start, stop))
            + f'" fill="none" {tail}/>' for start, stop in _runs(mask)]  # fmt: skip


def elevation_chart_svg(angles: LookAngles, *, min_elevation_deg: float, title: str) -> str:
    """The chart; at most `MAX_LINES` satellites (those that rise highest) are drawn."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(angles.times)
    xs, time_labels = _time_axis(angles.times, plot_w)
    parts = _frame("elevation", "elevation-chart", title)
    for degrees in range(0, 91, 15):
        parts.extend(_level(TOP + plot_h * (1 - degrees / 90), f"{degrees}°"))
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
        parts.extend(_polylines(xs, ys, above, "", f'stroke="{colour}" stroke-width="1.5"'))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


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

    parts = _frame("aggregate", "aggregate-pfd-chart", title,
                   f' data-low-dbw-m2="{low:g}" data-high-dbw-m2="{high:g}"')  # fmt: skip
    step = 10.0 if high - low <= 60.0 else 20.0
    level = low
    while level <= high + 1e-9:
        parts.extend(_level(float(y_of(np.asarray(level))), f"{level:g}"))
        level += step
    parts.append(f'<text x="4" y="{TOP - 6}" font-size="11">dB(W/m²)</text>')
    parts.extend(time_labels)
    limit = total.strictest_limit_dbw_m2
    parts.extend(_polylines(xs, y_of(limit), np.isfinite(limit), 'class="strictest-limit" ',
                            'stroke="#555" stroke-dasharray="5 4"'))  # fmt: skip
    sum_y = y_of(total.total_dbw_m2)
    parts.extend(_polylines(xs, sum_y, np.isfinite(total.total_dbw_m2), 'class="aggregate-pfd" ',
                            f'stroke="{COLOURS[0]}" stroke-width="1.5"'))  # fmt: skip
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
