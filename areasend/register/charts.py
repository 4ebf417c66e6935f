"""Server-rendered SVG bar charts: no JavaScript, readable when printed or zoomed.

Each chart draws one Figure's rows as horizontal bars (stacked when the figure
has several series) and writes each value beside its bar; the same numbers
are always in the table that follows it, which is what screen readers are pointed to.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from areasend.register.figures import Figure

# GOV.UK Frontend's typeface, as its $govuk-font-family: the text matches the page's.
FONT = "'GDS Transport', arial, sans-serif"
# GOV.UK colours, each with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ("#1d70b8", "#f47738", "#d4351c", "#00703c", "#4c2c92")
# Each label sits above its bar, so the chart stays narrow enough to read at half width.
BAR_WIDTH = 360
ROW = 46
LEGEND = 24


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def bar_chart(figure: Figure) -> SafeString:
    if not figure.series or not figure.rows:
        return mark_safe("")
    names = [c.name for c in figure.columns]
    titles = {c.name: c.title for c in figure.columns}
    index = [names.index(s) for s in figure.series]
    totals = [sum(_number(row[i]) for i in index) for row in figure.rows]
    scale = 100.0 if figure.percent else max(max(totals), 1.0)
    legend = len(figure.series) > 1
    top = LEGEND * len(figure.series) if legend else 0
    height = top + ROW * len(figure.rows) + 8
    width = BAR_WIDTH + 60
    # Plain string building, escaping only the text: format_html on every element cost the
    # dashboard's uncached render more than reading its data (45 charts, ~2,000 elements).
    parts: list[str] = []
    if legend:
        for n, s in enumerate(figure.series):
            parts.append(
                f'<rect x="0" y="{n * LEGEND + 2}" width="16" height="16" '
                f'fill="{COLOURS[n % len(COLOURS)]}"/>'
                f'<text x="24" y="{n * LEGEND + 15}">{escape(titles[s])}</text>'
            )
    for r, (row, total) in enumerate(zip(figure.rows, totals, strict=True)):
        y = top + r * ROW
        parts.append(f'<text x="0" y="{y + 16}">{escape(row[0])}</text>')
        x = 0.0
        for n, i in enumerate(index):
            w = BAR_WIDTH * _number(row[i]) / scale
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 22}" width="{w:.1f}" height="18" '
                    f'fill="{COLOURS[n % len(COLOURS)]}"/>'
                )
            x += w
        shown = f"{total:g}%" if figure.percent else f"{total:g}"
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 36}">{escape(shown)}</text>')
    slug, title = escape(figure.slug), escape(figure.title)
    return mark_safe(
        f'<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="100%" role="img" aria-labelledby="chart-{slug}-title" '
        f'font-family="{escape(FONT)}" font-size="15" fill="#0b0c0c">'
        f'<title id="chart-{slug}-title">{title} (the same figures are in the table)</title>'
        f"{''.join(parts)}</svg>"
    )
