"""Pictures of the indicators as SVG: a world choropleth on the Natural Earth 1:110m
country polygons, and a bar chart of the countries with the highest values.

Both are plain SVG strings (the pages inline them; the routes serve them as files, and
the page turns them into PNG in the browser). Every country shape and bar carries its
ISO code and value as data attributes, so what is drawn can be checked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Final

from openitu.geo.polygons import country_rings

SCALE: Final = 2.4  # pixels per degree
TOP: Final = 84.0
BOTTOM: Final = -58.0  # Antarctica is left off the map
PALETTE: Final = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA: Final = "#d9d9d9"


def _x(lon: float) -> float:
    return (lon + 180.0) * SCALE


def _y(lat: float) -> float:
    return (TOP - lat) * SCALE


def _fmt(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.1f}"
    return f"{value:.2f}"


def classes(values: Sequence[float], count: int = len(PALETTE)) -> list[float]:
    """Upper bounds of ``count`` equal-width classes from the lowest to the highest value."""
    low, high = min(values), max(values)
    if high <= low:
        return [high] * count
    step = (high - low) / count
    return [low + step * (i + 1) for i in range(count)]


def _colour(value: float, bounds: Sequence[float]) -> str:
    for colour, bound in zip(PALETTE, bounds, strict=True):
        if value <= bound:
            return colour
    return PALETTE[-1]


def choropleth_svg(
    values: Mapping[str, float | None],
    *,
    iso2_of_iso3: Mapping[str, str],
    title: str,
    unit: str,
) -> str:
    """A world map shading each country by its value (``values`` keyed by ISO2; grey
    where a country has none)."""
    width, height = 360 * SCALE, (TOP - BOTTOM) * SCALE
    present = [v for v in values.values() if v is not None and math.isfinite(v)]
    bounds = classes(present) if present else []
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height + 40:g}" '
        f'width="{width:g}" height="{height + 40:g}" role="img" class="indicator-map" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width:g}" height="{height:g}" fill="#f4f8fb"/>',
    ]
    for iso3, rings in sorted(country_rings().items()):
        iso2 = iso2_of_iso3.get(iso3)
        value = values.get(iso2) if iso2 else None
        fill = NO_DATA if value is None or not bounds else _colour(value, bounds)
        path = " ".join(
            "M"
            + " L".join(f"{_x(lon):.1f} {_y(max(BOTTOM, min(TOP, lat))):.1f}" for lon, lat in ring)
            + " Z"
            for ring in rings
        )
        shown = "" if value is None else _fmt(value)
        label = f"{iso2 or iso3}: {shown or 'no data'}"
        parts.append(
            f'<path class="country{" has-value" if value is not None else ""}" '
            f'data-iso3="{iso3}" data-iso2="{iso2 or ""}" data-value="{shown}" '
            f'fill="{fill}" stroke="#ffffff" stroke-width="0.4" d="{path}">'
            f"<title>{escape(label)}</title></path>"
        )
    # Legend: one swatch per class, then "no data".
    y = height + 12
    x = 10.0
    lower = min(present) if present else 0.0
    for colour, bound in zip(PALETTE, bounds, strict=False):
        parts.append(f'<rect x="{x:g}" y="{y:g}" width="14" height="12" fill="{colour}"/>')
        text = f"{_fmt(lower)}-{_fmt(bound)}"
        parts.append(f'<text x="{x + 18:g}" y="{y + 10:g}" font-size="11">{escape(text)}</text>')
        x += 30 + 7 * len(text)
        lower = bound
    parts.append(f'<rect x="{x:g}" y="{y:g}" width="14" height="12" fill="{NO_DATA}"/>')
    parts.append(f'<text x="{x + 18:g}" y="{y + 10:g}" font-size="11">no data</text>')
    parts.append(
        f'<text x="{width - 10:g}" y="{y + 10:g}" font-size="11" text-anchor="end">'
        f"{escape(unit)}</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart_svg(
    rows: Sequence[tuple[str, str, float]], *, title: str, unit: str, limit: int = 20
) -> str:
    """Horizontal bars for the ``limit`` highest of ``rows`` (code, name, value)."""
    top = sorted(rows, key=lambda r: (-r[2], r[0]))[:limit]
    bar_height, label_width, plot_width = 18, 190, 480
    height = 40 + bar_height * max(1, len(top)) + 10
    width = label_width + plot_width + 90
    high = max((r[2] for r in top), default=0.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="indicator-chart" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{label_width}" y="20" font-size="13" font-weight="bold">'
        f"{escape(title)} ({escape(unit)})</text>",
    ]
    for i, (code, name, value) in enumerate(top):
        y = 32 + i * bar_height
        length = max(1.0, value / high * plot_width)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 12}" font-size="11" text-anchor="end">'
            f"{escape(name[:30])}</text>"
        )
        parts.append(
            f'<rect class="bar" data-country="{code}" data-value="{_fmt(value)}" '
            f'x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height - 4}" '
            f'fill="{PALETTE[3]}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 12}" font-size="11">'
            f"{_fmt(value)}</text>"
        )
    if not top:
        parts.append(f'<text x="{label_width}" y="48" font-size="12">no data</text>')
    parts.append("</svg>")
    return "\n".join(parts)
