"""An SVG chart of budget shares: the unit system beside the GNI what-if."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from openitu.governance.finance import Assessment

_UNIT_COLOUR = "#1f5fa8"
_GNI_COLOUR = "#d98b1f"


def shares_chart_svg(assessment: Assessment, *, width: int = 760, bar_height: int = 14) -> str:
    """Horizontal bars, one pair per contributor (largest unit share first): the share by
    contributory units and, where a GNI figure is known, the share by GNI, on one scale."""
    shares = sorted(assessment.shares, key=lambda share: (-share.amount, share.contributor.key))
    label_width, right = 200, 90
    plot = width - label_width - right
    top = 30
    row = 2 * bar_height + 8
    height = top + row * len(shares) + 20
    largest = max(
        [share.amount for share in shares]
        + [share.gni_amount for share in shares if share.gni_amount is not None]
        + [Decimal("0.01")]
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="shares-chart" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Budget shares by contributory units and by gross national income">',
        f'<rect x="{label_width}" y="6" width="12" height="12" fill="{_UNIT_COLOUR}"/>',
        f'<text x="{label_width + 16}" y="16" font-size="12">contributory units</text>',
        f'<rect x="{label_width + 150}" y="6" width="12" height="12" fill="{_GNI_COLOUR}"/>',
        f'<text x="{label_width + 166}" y="16" font-size="12">gross national income '
        "(what-if)</text>",
    ]
    for index, share in enumerate(shares):
        y = top + index * row
        name = escape(share.contributor.name)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height + 3}" font-size="12" '
            f'text-anchor="end">{name}</text>'
        )
        for offset, amount, colour, series in (
            (0, share.amount, _UNIT_COLOUR, "units"),
            (bar_height, share.gni_amount, _GNI_COLOUR, "gni"),
        ):
            if amount is None:
                continue
            length = float(amount / largest) * plot
            parts.append(
                f'<rect class="bar-{series}" data-key="{escape(share.contributor.key)}" '
                f'x="{label_width}" y="{y + offset}" width="{length:.2f}" '
                f'height="{bar_height - 2}" fill="{colour}"><title>{name}: CHF '
                f"{amount:,.2f}</title></rect>"
            )
            parts.append(
                f'<text x="{label_width + length + 4:.2f}" y="{y + offset + bar_height - 3}" '
                f'font-size="10">{amount:,.0f}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
