"""The geostationary arc as SVG: longitude across, frequency bands down, networks as
marks, and a selected network's coordination arc (Appendix 5) shaded.

One lane per band group (C, Ku, Ka and "other"); a filed network is a mark in each lane
its beams use; catalogue satellites (no band data) sit in their own lane. Marks carry
their network id, name and longitude as data attributes, and link to the network page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

from openitu.space import arc
from openitu.space.svg import svg_open

LANES: Final = (
    ("C", 3.4e9, 7.075e9),
    ("Ku", 10.7e9, 14.5e9),
    ("Ka", 17.3e9, 30.0e9),
    ("other", 0.0, 3e12),
)
WIDTH: Final = 1000
LANE_HEIGHT: Final = 60
LEFT: Final = 70
TOP: Final = 30


@dataclass(frozen=True)
class Mark:
    network_id: int
    name: str
    longitude_deg: float
    bands: tuple[tuple[float, float], ...]
    catalogue: bool
    administration: str | None = None


def lane_of(low_hz: float, high_hz: float) -> str:
    for name, low, high in LANES[:-1]:
        if low_hz < high and high_hz > low:
            return name
    return "other"


def _x(longitude_deg: float) -> float:
    return LEFT + (longitude_deg + 180.0) / 360.0 * (WIDTH - LEFT - 10)


def arc_chart_svg(marks: Sequence[Mark], *, selected: Mark | None = None) -> str:
    lanes = [name for name, _, _ in LANES] + ["catalogue"]
    height = TOP + LANE_HEIGHT * len(lanes) + 30
    y = {name: TOP + i * LANE_HEIGHT for i, name in enumerate(lanes)}
    parts = svg_open(width=WIDTH, height=height, chart_id="arc", css_class="arc-chart",
                     title="Geostationary arc: networks by longitude and band")  # fmt: skip
    for name in lanes:
        top = y[name]
        parts.append(f'<rect x="{LEFT}" y="{top}" width="{WIDTH - LEFT - 10}" '
                     f'height="{LANE_HEIGHT - 4}" fill="#f4f6f8" stroke="#ccd"/>')  # fmt: skip
        parts.append(f'<text x="5" y="{top + LANE_HEIGHT / 2}" font-size="12">{name}</text>')
    for lon in range(-180, 181, 30):
        x = _x(lon)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{height - 30}" '
                     'stroke="#dde" stroke-width="1"/>')  # fmt: skip
        parts.append(f'<text x="{x:.1f}" y="{height - 12}" font-size="11" '
                     f'text-anchor="middle">{lon}°</text>')  # fmt: skip
    if selected is not None:
        for lane in sorted({lane_of(low, high) for low, high in selected.bands}):
            widths = [arc.arc_for_band(low, high, "fixed-satellite")
                      for low, high in selected.bands if lane_of(low, high) == lane]  # fmt: skip
            width = max((w for w in widths if w is not None), default=None)
            if width is None:
                continue
            for start, end in _wrapped(
                selected.longitude_deg - width, selected.longitude_deg + width
            ):
                parts.append(
                    f'<rect class="coordination-arc" data-lane="{lane}" data-arc-deg="{width:g}" '
                    f'x="{_x(start):.1f}" y="{y[lane]}" width="{_x(end) - _x(start):.1f}" '
                    f'height="{LANE_HEIGHT - 4}" fill="#f4a261" fill-opacity="0.45"/>'
                )
    for mark in marks:
        lanes_of_mark = (
            ["catalogue"] if mark.catalogue else sorted({lane_of(lo, hi) for lo, hi in mark.bands})
        )
        chosen = selected is not None and mark.network_id == selected.network_id
        for lane in lanes_of_mark:
            x = _x(mark.longitude_deg)
            top = y[lane] + 6
            colour = "#999" if mark.catalogue else ("#c0392b" if chosen else "#1d4e89")
            label = escape(f"{mark.name} ({mark.longitude_deg:g}°)")
            link = "" if mark.catalogue else f' href="/space/networks/{mark.network_id}"'
            parts.append(
                f'<a{link} class="mark{" selected" if chosen else ""}" '
                f'data-network-id="{mark.network_id}" data-longitude="{mark.longitude_deg:g}" '
                f'data-lane="{lane}"><title>{label}</title>'
                f'<rect x="{x - 1.5:.1f}" y="{top}" width="3" height="{LANE_HEIGHT - 16}" '
                f'fill="{colour}"/></a>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def _wrapped(start: float, end: float) -> list[tuple[float, float]]:
    """An arc that crosses ±180° is drawn as two pieces."""
    if start < -180.0:
        return [(start + 360.0, 180.0), (-180.0, end)]
    if end > 180.0:
        return [(start, 180.0), (-180.0, end - 360.0)]
    return [(start, end)]


@dataclass(frozen=True)
class PfdCell:
    lat_deg: float
    lon_deg: float
    margin_db: float | None
    """Limit minus pfd; None where the satellite is below the horizon."""


def pfd_map_svg(cells: Sequence[PfdCell], *, step_deg: float, title: str) -> str:
    """An equirectangular map of the pfd margin against Table 21-4: green where the limit
    is met (darker with more margin), red where it is exceeded, grey where the satellite
    is not seen. Each cell carries its position and margin as data attributes."""
    scale = 2.5  # pixels per degree
    width, height = 360 * scale, 180 * scale
    parts = svg_open(width=width, height=height + 20, chart_id="pfd", css_class="pfd-map",
                     title=title)  # fmt: skip
    parts.append(f'<rect x="0" y="0" width="{width:g}" height="{height:g}" fill="#eef2f5"/>')
    for cell in cells:
        x = (cell.lon_deg + 180.0 - step_deg / 2) * scale
        y = (90.0 - cell.lat_deg - step_deg / 2) * scale
        if cell.margin_db is None:
            colour, state, margin = "#bbbbbb", "hidden", ""
        elif cell.margin_db < 0:
            colour, state, margin = "#c0392b", "exceeds", f"{cell.margin_db:.2f}"
        else:
            shade = max(0.25, 1.0 - min(cell.margin_db, 30.0) / 40.0)
            colour = f"rgb({int(60 * shade)},{int(170 * shade + 40)},{int(80 * shade)})"
            state, margin = "meets", f"{cell.margin_db:.2f}"
        parts.append(
            f'<rect class="pfd-cell {state}" data-lat="{cell.lat_deg:g}" '
            f'data-lon="{cell.lon_deg:g}" data-margin-db="{margin}" x="{x:.1f}" y="{y:.1f}" '
            f'width="{step_deg * scale:.1f}" height="{step_deg * scale:.1f}" fill="{colour}"/>'
        )
    for lon in range(-180, 181, 30):
        x = (lon + 180) * scale
        parts.append(f'<line x1="{x:g}" y1="0" x2="{x:g}" y2="{height:g}" stroke="#fff" '
                     'stroke-width="0.5"/>')  # fmt: skip
        parts.append(f'<text x="{x:g}" y="{height + 14:g}" font-size="10" '
                     f'text-anchor="middle">{lon}°</text>')  # fmt: skip
    for lat in range(-60, 61, 30):
        y = (90 - lat) * scale
        parts.append(f'<line x1="0" y1="{y:g}" x2="{width:g}" y2="{y:g}" stroke="#fff" '
                     'stroke-width="0.5"/>')  # fmt: skip
    parts.append("</svg>")
    return "\n".join(parts)
