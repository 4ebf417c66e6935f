"""Server-rendered SVG bar charts: no JavaScript, readable when printed or zoomed.

Each chart draws one Figure's rows as horizontal bars (stacked when the figure
has several series) and writes each value beside its bar; the same numbers
are always in the table that follows it, which is what screen readers are pointed to.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
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
    parts: list[SafeString] = []
    if legend:
        for n, s in enumerate(figure.series):
            parts.append(
                format_html(
                    '<rect x="0" y="{}" width="16" height="16" fill="{}"/>'
                    '<text x="24" y="{}">{}</text>',
                    n * LEGEND + 2,
                    COLOURS[n % len(COLOURS)],
                    n * LEGEND + 15,
                    titles[s],
                )
            )
    for r, (row, total) in enumerate(zip(figure.rows, totals, strict=True)):
        y = top + r * ROW
        parts.append(format_html('<text x="0" y="{}">{}</text>', y + 16, row[0]))
        x = 0.0
        for n, i in enumerate(index):
            w = BAR_WIDTH * _number(row[i]) / scale
            if w > 0:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="18" fill="{}"/>',
                        f"{x:.1f}",
                        y + 22,
                        f"{w:.1f}",
                        COLOURS[n % len(COLOURS)],
                    )
                )
            x += w
        shown = f"{total:g}%" if figure.percent else f"{total:g}"
        parts.append(format_html('<text x="{}" y="{}">{}</text>', f"{x + 6:.1f}", y + 36, shown))
    return format_html(
        '<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="chart-{slug}-title" '
        'font-family="{font}" font-size="15" fill="#0b0c0c">'
        '<title id="chart-{slug}-title">{title} (the same figures are in the table)</title>'
        "{body}</svg>",
        w=width,
        h=height,
        font=FONT,
        slug=figure.slug,
        title=figure.title,
        body=format_html_join("", "{}", ((p,) for p in parts)),
    )
