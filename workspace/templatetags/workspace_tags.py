"""Small pictures for the workspace: a sparkline of records over the last runs, as inline SVG (no script)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def sparkline(values: list[int], label: str = "", width: int = 96, height: int = 24) -> SafeString:
    """A polyline of ``values`` (oldest first) scaled to the box; one point is a dot, none is a dash."""
    if not values:
        return mark_safe('<span class="spark-empty" aria-hidden="true">–</span>')
    low, high = min(values), max(values)
    span = (high - low) or 1
    step = width / max(1, len(values) - 1)
    points = " ".join(
        f"{i * step:.1f},{height - 2 - (value - low) / span * (height - 4):.1f}" for i, value in enumerate(values)
    )
    last_x, last_y = points.split(" ")[-1].split(",")
    return format_html(
        '<svg class="sparkline" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">'
        "<title>{label}</title>"
        '<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/>'
        '<circle cx="{x}" cy="{y}" r="2" fill="currentColor"/></svg>',
        w=width,
        h=height,
        label=label,
        points=points,
        x=last_x,
        y=last_y,
    )
