"""What every space chart's SVG starts with: the root element, sized by its view box and
labelled by its title for screen readers (`openitu.space.chart`, `openitu.space.ngso_chart`)."""

from __future__ import annotations

from html import escape


def svg_open(
    *, width: float, height: float, chart_id: str, css_class: str, title: str, attributes: str = ""
) -> list[str]:
    """The opening ``<svg>`` tag and its ``<title>``; ``attributes`` (each with a leading
    space) go on the root, e.g. the bounds a chart was drawn with."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-labelledby="{chart_id}-title" class="{css_class}"{attributes}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
