"""Elevation over time of a non-GSO system's satellites from one place, as SVG: time
across, elevation (0-90°) up, one line per satellite while it is above the horizon, the
minimum elevation dashed. Each line carries its satellite's name as a data attribute."""

from __future__ import annotations

from html import escape
from typing import Final

import numpy as np

from openitu.space.ngso import LookAngles

WIDTH: Final = 900
HEIGHT: Final = 320
LEFT: Final = 50
RIGHT: Final = 10
TOP: Final = 20
BOTTOM: Final = 40
MAX_LINES: Final = 60
COLOURS: Final = ("#1d4e89", "#c0392b", "#2a9d8f", "#e76f51", "#6a4c93", "#8a6d1d")


def elevation_chart_svg(angles: LookAngles, *, min_elevation_deg: float, title: str) -> str:
    """The chart; at most `MAX_LINES` satellites (those that rise highest) are drawn."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(angles.times)
    span_s = max((angles.times[-1] - angles.times[0]).total_seconds(), 1.0)
    offsets = np.array([(t - angles.times[0]).total_seconds() for t in angles.times])
    xs = LEFT + offsets / span_s * plot_w
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
    hours = span_s / 3600.0
    tick_h = next((h for h in (1, 2, 3, 6, 12, 24, 48) if hours / h <= 8), 96)
    tick = 0.0
    while tick <= hours + 1e-9:
        x = LEFT + tick * 3600.0 / span_s * plot_w
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
                     f'text-anchor="middle">+{tick:g} h</text>')  # fmt: skip
        tick += tick_h
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" font-size="11">from '
                 f'{escape(angles.times[0].isoformat(timespec="minutes"))} UTC</text>')  # fmt: skip
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
