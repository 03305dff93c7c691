"""The radio pages' pictures as SVG: line charts (attenuation or margin against the
percentage of time, antenna gain against off-axis angle) and a path profile (terrain,
antennas, line of sight over the effective Earth's bulge).

Plain SVG strings the pages inline. Every series is a polyline carrying its name and, in
``data-values``, the numbers it was drawn from ("x,y x,y ..."); a series of few points
also marks each point (data-x, data-y), so that what is drawn can be checked against the
numbers it came from.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final, Literal


@dataclass(frozen=True)
class Frame:
    """A chart's size and the margins around its plot [px]: the margins hold the axes'
    labels, the plot is what is left inside them. Any chart drawn on two axes can take
    one (the space area's charts carry the same six numbers)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_w(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        return self.height - self.top - self.bottom

    def grid(
        self, axis: Literal["x", "y"], ticks: Sequence[float], place: Callable[[float], float]
    ) -> list[str]:
        """A grid line across the plot at each tick and the tick's value beside the axis
        (left of the plot for ``y``, below it for ``x``); ``place`` maps a value to its
        pixel along the axis."""
        parts = []
        for tick in ticks:
            at = place(tick)
            if axis == "y":
                line = (f'x1="{self.left}" x2="{self.left + self.plot_w}" '
                        f'y1="{at:.1f}" y2="{at:.1f}" stroke="#dde"')  # fmt: skip
                label = f'x="{self.left - 5}" y="{at + 4:.1f}" font-size="11" text-anchor="end"'
            else:
                line = (f'x1="{at:.1f}" x2="{at:.1f}" '
                        f'y1="{self.top}" y2="{self.top + self.plot_h}" stroke="#eef"')  # fmt: skip
                label = (f'x="{at:.1f}" y="{self.top + self.plot_h + 15}" font-size="11" '
                         'text-anchor="middle"')  # fmt: skip
            parts += [f"<line {line}/>", f"<text {label}>{tick:g}</text>"]
        return parts


FRAME: Final = Frame(width=640, height=320, left=56, right=16, top=28, bottom=44)
# A series with at most this many points shows each of them (with its values).
MARKED_POINTS: Final = 60


@dataclass(frozen=True)
class Series:
    """One line: its name, its points, its colour; ``area`` fills below it (terrain)."""

    name: str
    x: Sequence[float]
    y: Sequence[float]
    colour: str = "#1f5fa8"
    dashed: bool = False
    area: bool = False


def _nice_step(span: float, count: int = 6) -> float:
    raw = span / count if span > 0 else 1.0
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)


def _linear_ticks(low: float, high: float) -> tuple[float, float, list[float]]:
    """Bounds widened to whole steps, and the ticks between them."""
    if high <= low:
        low, high = low - 1.0, high + 1.0
    step = _nice_step(high - low)
    start, stop = math.floor(low / step) * step, math.ceil(high / step) * step
    ticks = [start + i * step for i in range(round((stop - start) / step) + 1)]
    return start, stop, ticks


def _fmt(value: float) -> str:
    return f"{value:.10g}"


def line_chart_svg(
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    x_label: str,
    y_label: str,
    log_x: bool = False,
) -> str:
    """The series on shared axes (x logarithmic when ``log_x``; its values then > 0)."""
    xs = [float(v) for s in series for v in s.x]
    ys = [float(v) for s in series for v in s.y if math.isfinite(v)]
    left, top, plot_w, plot_h = FRAME.left, FRAME.top, FRAME.plot_w, FRAME.plot_h
    if log_x:
        x_low, x_high = math.log10(min(xs)), math.log10(max(xs))
        if x_high - x_low < 1.0:
            # Less than a decade: widen to whole decades, so that at least two ticks show.
            x_low, x_high = math.floor(x_low), max(math.ceil(x_high), math.floor(x_low) + 1.0)
        decades = range(math.ceil(x_low - 1e-9), math.floor(x_high + 1e-9) + 1)
        x_ticks = [10.0**e for e in decades]

        def to_x(v: float) -> float:
            return left + (math.log10(v) - x_low) / (x_high - x_low) * plot_w
    else:
        x_start, x_stop, x_ticks = _linear_ticks(min(xs), max(xs))

        def to_x(v: float) -> float:
            return left + (v - x_start) / (x_stop - x_start) * plot_w

    y_start, y_stop, y_ticks = _linear_ticks(min(ys), max(ys))

    def to_y(v: float) -> float:
        return top + (y_stop - v) / (y_stop - y_start) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" '
        f'viewBox="0 0 {FRAME.width} {FRAME.height}" width="{FRAME.width}" '
        f'height="{FRAME.height}" role="img" aria-labelledby="{escape(chart_id)}-title">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f8f9fb" '
        'stroke="#99a"/>',
    ]
    parts += FRAME.grid("y", y_ticks, to_y)
    parts += FRAME.grid("x", x_ticks, to_x)
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{FRAME.height - 6}" font-size="12" '
                 f'text-anchor="middle">{escape(x_label)}</text>')  # fmt: skip
    parts.append(f'<text x="{left}" y="{top - 10}" font-size="12">{escape(y_label)}</text>')
    for line in series:
        pairs = [
            (float(a), float(b)) for a, b in zip(line.x, line.y, strict=True) if math.isfinite(b)
        ]
        points = " ".join(f"{to_x(a):.1f},{to_y(b):.1f}" for a, b in pairs)
        name = escape(line.name)
        parts.append(f'<g class="series" data-series="{name}"><title>{name}</title>')
        if line.area and pairs:
            bottom = top + plot_h
            parts.append(f'<polygon points="{to_x(pairs[0][0]):.1f},{bottom} {points} '
                         f'{to_x(pairs[-1][0]):.1f},{bottom}" fill="#d8c8a8" '
                         'stroke="none"/>')  # fmt: skip
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        values = " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in pairs)
        parts.append(f'<polyline points="{points}" data-values="{values}" fill="none" '
                     f'stroke="{line.colour}" stroke-width="1.6"{dash}/>')  # fmt: skip
        if len(pairs) <= MARKED_POINTS:
            parts += [
                f'<circle class="point" cx="{to_x(a):.1f}" cy="{to_y(b):.1f}" r="2.5" '
                f'fill="{line.colour}" data-x="{_fmt(a)}" data-y="{_fmt(b)}"/>'
                for a, b in pairs
            ]
        parts.append("</g>")
    # The legend runs along the top, right of the y axis' label, clear of the lines.
    legend_x = left + 16 + 7 * len(y_label)
    for line in series:
        parts.append(f'<text class="legend" x="{legend_x}" y="{top - 10}" font-size="11" '
                     f'fill="{line.colour}">— {escape(line.name)}</text>')  # fmt: skip
        legend_x += 28 + 7 * len(line.name)
    parts.append("</svg>")
    return "\n".join(parts)


def profile_svg(
    d_km: Sequence[float],
    h_m: Sequence[float],
    *,
    bulge_m: Sequence[float],
    earth_note: str,
    tx_height_m: float,
    rx_height_m: float,
    chart_id: str,
    title: str,
) -> str:
    """The path profile as the ray between the antennas sees it: terrain raised by the
    Earth's bulge at the effective radius (``bulge_m`` at each point, 0 at the ends:
    `openitu.radio.profile.earth_bulge_m`), the bulge alone (sea level), each antenna
    above its end and the straight line between the antennas' tops. ``earth_note``
    (which effective radius, e.g. "a_e = 8494 km, median k = 4/3") is written under the
    distance axis."""
    seen_m = [float(h) + float(b) for h, b in zip(h_m, bulge_m, strict=True)]
    tx_top = seen_m[0] + tx_height_m
    rx_top = seen_m[-1] + rx_height_m
    return line_chart_svg(
        [
            Series("terrain", d_km, seen_m, colour="#7a5c2e", area=True),
            Series("sea level", d_km, bulge_m, colour="#4a7fb0"),
            Series("line of sight", [d_km[0], d_km[-1]], [tx_top, rx_top],
                   colour="#c0392b", dashed=True),
            Series("transmitter", [d_km[0], d_km[0]], [seen_m[0], tx_top], colour="#1d4e89"),
            Series("receiver", [d_km[-1], d_km[-1]], [seen_m[-1], rx_top], colour="#2a9d8f"),
        ],
        chart_id=chart_id,
        title=title,
        x_label=f"distance from the transmitter [km] · Earth's bulge at {earth_note}",
        # Short: the legend shares the line above the plot with it.
        y_label="height [m]",
    )  # fmt: skip
