"""The coloured spectrum chart: services over frequency, one lane per Region, as SVG.

Frequency runs on a logarithmic axis across the requested range; each band is a
column split into one stripe per allocation, coloured by its Article 1 service
(primary solid, secondary pale and hatched, so the two differ without relying on
colour). Bands carry their edges and Region as data attributes so that the page can
show a band's allocations when it is clicked.

The axis writes each tick in the unit its size calls for ("10 GHz", never
"10000 MHz": a chart is read by magnitude, unlike Article 5's band edges), and
labels every zoom: below a decade it falls back to evenly spaced round ticks.
"""

from __future__ import annotations

import math
from html import escape
from typing import Final

from openitu.spectrum.model import REGIONS, Band, Category
from openitu.spectrum.table import AllocationTable
from openitu.units import format_frequency

# Colours after the convention of the well-known national allocation charts:
# one hue per family of services.
SERVICE_COLOURS: Final[dict[str, str]] = {
    "fixed": "#e0b040",
    "fixed-satellite": "#b07f1a",
    "mobile": "#5fa8d3",
    "land mobile": "#7ec8e3",
    "maritime mobile": "#2e86ab",
    "aeronautical mobile": "#1b4f72",
    "mobile-satellite": "#3d5a80",
    "broadcasting": "#e76f51",
    "broadcasting-satellite": "#c44536",
    "radionavigation": "#2a9d8f",
    "aeronautical radionavigation": "#1d6f65",
    "maritime radionavigation": "#52b69a",
    "radionavigation-satellite": "#0b525b",
    "radiolocation": "#8ab17d",
    "radiolocation-satellite": "#5c7f4f",
    "radiodetermination-satellite": "#3c6e47",
    "amateur": "#9b5de5",
    "amateur-satellite": "#6a3fa0",
    "radio astronomy": "#f15bb5",
    "space research": "#888888",
    "space operation": "#555555",
    "earth exploration-satellite": "#a47148",
    "meteorological-satellite": "#d4a373",
    "meteorological aids": "#e9c46a",
    "inter-satellite": "#6d597a",
    "standard frequency and time signal": "#ff006e",
    "standard frequency and time signal-satellite": "#b5004f",
}
FALLBACK_COLOUR: Final = "#bbbbbb"
LANE_HEIGHT: Final = 90
LANE_GAP: Final = 18
LEFT_MARGIN: Final = 80
RIGHT_MARGIN: Final = 36  # room for half of the last tick's label
AXIS_HEIGHT: Final = 34


def colour_of(term: str) -> str:
    for candidate in (term, term.replace(" (R)", "").replace(" (OR)", "")):
        if candidate in SERVICE_COLOURS:
            return SERVICE_COLOURS[candidate]
    return FALLBACK_COLOUR


_AXIS_UNITS: Final = ((1e9, "GHz"), (1e6, "MHz"), (1e3, "kHz"), (1.0, "Hz"))


def axis_label(value_hz: float) -> str:
    """A tick's label in the largest unit that keeps the number at 1 or more:
    10e9 Hz is "10 GHz", 2.455e9 Hz "2.455 GHz", 8300 Hz "8.3 kHz"."""
    for scale, unit in _AXIS_UNITS:
        if value_hz >= scale or scale == 1.0:
            # Nine significant digits drop the binary noise of 10.0**n products.
            return f"{float(f'{value_hz / scale:.9g}'):g} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _linear_ticks(low_hz: float, high_hz: float) -> list[float]:
    """Round ticks (a 1-2-5 step) evenly spaced inside a narrow range."""
    raw_step = (high_hz - low_hz) / 6
    magnitude = 10.0 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step)
    first = math.ceil(low_hz / step)
    last = math.floor(high_hz / step)
    return [float(f"{n * step:.12g}") for n in range(first, last + 1)]


def ticks(low_hz: float, high_hz: float) -> list[float]:
    """1-2-5 ticks per decade inside the range (every integer mantissa when the range
    spans less than two decades), thinned to about a dozen; where that leaves fewer
    than four (a zoom inside a decade), evenly spaced round ticks instead."""
    decades = math.log10(high_hz) - math.log10(low_hz)
    mantissas = (1, 2, 5) if decades >= 2 else tuple(range(1, 10))
    found = []
    for exponent in range(math.floor(math.log10(low_hz)), math.ceil(math.log10(high_hz)) + 1):
        for mantissa in mantissas:
            value = mantissa * 10.0**exponent
            if low_hz <= value <= high_hz:
                found.append(value)
    if len(found) < 4:
        return _linear_ticks(low_hz, high_hz)
    step = max(1, len(found) // 12)
    return found[::step]


def chart_bands(
    table: AllocationTable, *, low_hz: float, high_hz: float, regions: tuple[int, ...] = REGIONS
) -> list[Band]:
    """The bands the chart draws over the range, lane by lane."""
    return [band for region in regions for band in table.bands_between(low_hz, high_hz, region)]


def spectrum_chart_svg(
    table: AllocationTable,
    *,
    low_hz: float,
    high_hz: float,
    regions: tuple[int, ...] = REGIONS,
    width: int = 1200,
) -> str:
    """An SVG document of the Table between ``low_hz`` and ``high_hz``."""
    low_hz = max(low_hz, 1.0)
    span = math.log10(high_hz) - math.log10(low_hz)
    plot_width = width - LEFT_MARGIN - RIGHT_MARGIN
    height = AXIS_HEIGHT + len(regions) * (LANE_HEIGHT + LANE_GAP)

    def x(frequency_hz: float) -> float:
        clipped = min(max(frequency_hz, low_hz), high_hz)
        return LEFT_MARGIN + plot_width * (math.log10(clipped) - math.log10(low_hz)) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spectrum-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-label="Table of Frequency Allocations, {escape(axis_label(low_hz))} to '
        f'{escape(axis_label(high_hz))}">',
        '<defs><pattern id="secondary-hatch" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/>'
        "</pattern></defs>",
    ]
    for lane, region in enumerate(regions):
        top = lane * (LANE_HEIGHT + LANE_GAP) + 4
        parts.append(
            f'<text x="4" y="{top + LANE_HEIGHT / 2 + 4:.1f}" class="lane-label">'
            f"Region {region}</text>"
        )
        for band in table.bands_between(low_hz, high_hz, region):
            x0, x1 = x(band.low_hz), x(band.high_hz)
            if x1 - x0 <= 0:
                continue
            title = f"{format_frequency(band.low_hz)} - {format_frequency(band.high_hz)}"
            parts.append(
                f'<g class="band" tabindex="0" data-region="{region}" '
                f'data-low-hz="{band.low_hz:.0f}" data-high-hz="{band.high_hz:.0f}">'
                f"<title>{escape(title)}: "
                f"{escape(', '.join(a.service.name for a in band.allocations) or 'not allocated')}"
                "</title>"
            )
            stripes = band.allocations or ()
            if not stripes:
                parts.append(
                    f'<rect x="{x0:.2f}" y="{top}" width="{x1 - x0:.2f}" height="{LANE_HEIGHT}" '
                    'fill="#ffffff" stroke="#cccccc" stroke-width="0.3"/>'
                )
            stripe_height = LANE_HEIGHT / max(len(stripes), 1)
            for index, allocation in enumerate(stripes):
                primary = allocation.category is Category.PRIMARY
                geometry = (
                    f'x="{x0:.2f}" y="{top + index * stripe_height:.2f}" '
                    f'width="{x1 - x0:.2f}" height="{stripe_height:.2f}"'
                )
                parts.append(
                    f'<rect {geometry} fill="{colour_of(allocation.service.term)}" '
                    f'fill-opacity="{1.0 if primary else 0.45}" '
                    f'stroke="#ffffff" stroke-width="0.3" '
                    f'data-service="{escape(allocation.service.name)}" '
                    f'data-term="{escape(allocation.service.term)}" '
                    f'data-category="{allocation.category.value}"/>'
                )
                if not primary:
                    parts.append(
                        f'<rect {geometry} fill="url(#secondary-hatch)" pointer-events="none"/>'
                    )
            parts.append("</g>")
    axis_top = len(regions) * (LANE_HEIGHT + LANE_GAP) + 4
    parts.append(
        f'<line x1="{LEFT_MARGIN}" y1="{axis_top}" x2="{LEFT_MARGIN + plot_width}" '
        f'y2="{axis_top}" stroke="#333"/>'
    )
    for tick in ticks(low_hz, high_hz):
        position = x(tick)
        parts.append(
            f'<line x1="{position:.2f}" y1="{axis_top}" x2="{position:.2f}" y2="{axis_top + 5}" '
            f'stroke="#333"/><text x="{position:.2f}" y="{axis_top + 18}" text-anchor="middle" '
            f'class="tick">{escape(axis_label(tick))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(bands: list[Band]) -> list[tuple[str, str]]:
    """(service term, colour) for every term the bands drawn allocate, and no other."""
    terms = sorted({a.service.term for band in bands for a in band.allocations})
    return [(term, colour_of(term)) for term in terms]
