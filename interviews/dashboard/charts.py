"""Build server-rendered, accessible SVG charts for the dashboard.

Pure functions: no database, no request. The SVG uses presentation attributes and
``chart-*`` classes only (no inline styles or scripts), so it passes a strict
Content Security Policy and still renders without any CSS.
"""

import datetime
import math
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

SCALE_MAX = 10
WIDTH = 640
TEXT_COLOR = "#495057"
GRID_COLOR = "#ced4da"
BAR_COLOR = "#0d6efd"
MAX_X_LABELS = 8
MAX_BAR_LABEL = 24

# Trend geometry: legend on top, y axis labels on the left, dates underneath.
TREND_HEIGHT = 320
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 40, WIDTH - 16, 40, TREND_HEIGHT - 48
PLOT_PADDING = 20

# Bar geometry: labels right-aligned in a left column, counts after each bar.
BAR_LABEL_RIGHT, BAR_LEFT, BAR_RIGHT = 180, 188, WIDTH - 48
BAR_ROW, BAR_HEIGHT, BAR_TOP = 28, 18, 8


@dataclass(frozen=True)
class TrendPoint:
    """One completed reflection's numbers on the 0-10 scale."""

    label: str
    when: datetime.date
    before: int | None
    after: int | None
    confidence: int | None


@dataclass(frozen=True)
class Chart:
    """An SVG chart plus the same data as a table for screen readers."""

    title: str
    description: str
    svg: SafeString
    table_caption: str
    columns: list[str]
    rows: list[list[str]]

    @property
    def is_empty(self):
        return not self.rows


@dataclass(frozen=True)
class _Series:
    attr: str
    name: str
    css_class: str
    color: str
    dasharray: str  # a second cue besides colour


def _n(value):
    """Format a coordinate rounded to one decimal."""
    return f"{value:.1f}"


def _join(parts):
    return mark_safe("".join(parts))  # noqa: S308 - every part comes from format_html


def _svg(chart_id, title, description, height, body):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMidYMid meet" font-family="sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        desc=description,
        body=body,
    )


def _text(x, y, content, css_class="chart-label", anchor="start"):
    return format_html(
        '<text class="{}" x="{}" y="{}" font-size="12" fill="{}" text-anchor="{}">{}</text>',
        css_class,
        _n(x),
        _n(y),
        TEXT_COLOR,
        anchor,
        content,
    )


def _y(value):
    value = max(0, min(SCALE_MAX, value))
    return PLOT_BOTTOM - value / SCALE_MAX * (PLOT_BOTTOM - PLOT_TOP)


def _xs(count):
    if count == 1:
        return [(PLOT_LEFT + PLOT_RIGHT) / 2]
    step = (PLOT_RIGHT - PLOT_LEFT - 2 * PLOT_PADDING) / (count - 1)
    return [PLOT_LEFT + PLOT_PADDING + i * step for i in range(count)]


def _segments(coords):
    """Split (x, y-or-None) pairs into runs of known values; a None leaves a gap."""
    runs, current = [], []
    for x, y in coords:
        if y is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        runs.append(current)
    return runs


def _trend_series():
    return [
        _Series("before", gettext("Feelings before"), "chart-line-before", "#d55e00", "6 4"),
        _Series("after", gettext("Feelings after"), "chart-line-after", "#0072b2", "none"),
        _Series(
            "confidence", gettext("Confidence after"), "chart-line-confidence", "#009e73", "2 3"
        ),
    ]


def _draw_series(series, points, xs, dates):
    parts = []
    coords = [(x, getattr(p, series.attr)) for x, p in zip(xs, points, strict=True)]
    for run in _segments(coords):
        if len(run) > 1:
            parts.append(
                format_html(
                    '<polyline class="chart-line {}" points="{}" fill="none" stroke="{}" '
                    'stroke-width="2" stroke-dasharray="{}"/>',
                    series.css_class,
                    " ".join(f"{_n(x)},{_n(_y(v))}" for x, v in run),
                    series.color,
                    series.dasharray,
                )
            )
    for (x, value), point, when in zip(coords, points, dates, strict=True):
        if value is None:
            continue
        hover = gettext("%(label)s, %(date)s: %(series)s %(value)s of 10") % {
            "label": point.label,
            "date": when,
            "series": series.name,
            "value": value,
        }
        parts.append(
            format_html(
                '<circle class="chart-point {}" cx="{}" cy="{}" r="4" fill="{}">'
                "<title>{}</title></circle>",
                series.css_class,
                _n(x),
                _n(_y(value)),
                series.color,
                hover,
            )
        )
    return parts


def _legend(all_series):
    parts = []
    for i, series in enumerate(all_series):
        x = PLOT_LEFT + i * 190
        parts.append(
            format_html(
                '<g class="chart-legend-item"><line class="{}" x1="{}" y1="14" x2="{}" y2="14" '
                'stroke="{}" stroke-width="2" stroke-dasharray="{}"/>'
                '<circle class="{}" cx="{}" cy="14" r="4" fill="{}"/>{}</g>',
                series.css_class,
                _n(x),
                _n(x + 24),
                series.color,
                series.dasharray,
                series.css_class,
                _n(x + 12),
                series.color,
                _text(x + 32, 18, series.name, "chart-label chart-legend"),
            )
        )
    return format_html('<g class="chart-legend">{}</g>', _join(parts))


def _y_grid():
    """Return the lines at 0, 5 and 10 with their labels, shared by the 0-10 line charts."""
    grid = []
    for value in (0, SCALE_MAX // 2, SCALE_MAX):
        y = _y(value)
        grid.append(
            format_html(
                '<line class="chart-axis chart-grid" x1="{}" y1="{}" x2="{}" y2="{}" '
                'stroke="{}" stroke-width="1"/>',
                _n(PLOT_LEFT),
                _n(y),
                _n(PLOT_RIGHT),
                _n(y),
                GRID_COLOR,
            )
        )
        grid.append(_text(PLOT_LEFT - 8, y + 4, str(value), "chart-label chart-axis", "end"))
    return grid


def before_after_chart(points, *, chart_id="chart-trend"):
    """Return a line chart of feelings before/after and confidence, or None without data."""
    if not points:
        return None
    points = sorted(points, key=lambda p: (p.when, p.label))
    all_series = _trend_series()
    # The same "1 Dec 2026" as every other date in Rebound, not the locale's "Dec. 1, 2026".
    dates = [date_format(p.when, "j M Y") for p in points]
    xs = _xs(len(points))

    grid = _y_grid()
    every = math.ceil(len(points) / MAX_X_LABELS)
    for i, (x, point) in enumerate(zip(xs, points, strict=True)):
        if i % every == 0:
            tick = date_format(point.when, "j M")
            grid.append(_text(x, PLOT_BOTTOM + 20, tick, "chart-label chart-axis", "middle"))

    lines = [part for s in all_series for part in _draw_series(s, points, xs, dates)]
    title = gettext("Recovery trend")
    description = ngettext(
        "Feelings before and after, and confidence after, for %(count)d reflection, "
        "each on a scale from 0 to 10.",
        "Feelings before and after, and confidence after, for %(count)d reflections "
        "in date order, each on a scale from 0 to 10.",
        len(points),
    ) % {"count": len(points)}
    body = _join([_legend(all_series), *grid, *lines])
    missing = gettext("not recorded")
    rows = [
        [
            p.label,
            when,
            *(missing if v is None else str(v) for v in (p.before, p.after, p.confidence)),
        ]
        for p, when in zip(points, dates, strict=True)
    ]
    return Chart(
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, TREND_HEIGHT, body),
        table_caption=gettext("Feelings and confidence for each reflection"),
        columns=[gettext("Interview"), gettext("Date"), *(s.name for s in all_series)],
        rows=rows,
    )


def _shorten(label):
    return label if len(label) <= MAX_BAR_LABEL else label[: MAX_BAR_LABEL - 1] + "…"


def bar_chart(title, description, items, *, chart_id=None, label_heading=None, value_heading=None):
    """Return a horizontal bar chart of (label, count) items, or None if all counts are 0."""
    items = sorted(items, key=lambda item: (-item[1], item[0]))
    if not items or items[0][1] <= 0:
        return None
    chart_id = chart_id or f"chart-{slugify(title) or 'bars'}"
    largest = items[0][1]
    rows = []
    for i, (label, count) in enumerate(items):
        top = BAR_TOP + i * BAR_ROW
        width = max(count, 0) / largest * (BAR_RIGHT - BAR_LEFT)
        middle = top + BAR_ROW / 2
        rows.append(
            format_html(
                '<g class="chart-bar-row"><title>{}</title>{}'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>{}</g>',
                gettext("%(label)s: %(count)s") % {"label": label, "count": count},
                _text(BAR_LABEL_RIGHT, middle + 4, _shorten(label), anchor="end"),
                _n(BAR_LEFT),
                _n(middle - BAR_HEIGHT / 2),
                _n(width),
                _n(BAR_HEIGHT),
                BAR_COLOR,
                _text(BAR_LEFT + width + 6, middle + 4, str(count), "chart-label chart-value"),
            )
        )
    height = 2 * BAR_TOP + len(items) * BAR_ROW
    return Chart(
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, height, _join(rows)),
        table_caption=title,
        columns=[label_heading or gettext("Name"), value_heading or gettext("Count")],
        rows=[[label, str(count)] for label, count in items],
    )


# Stage geometry: like the bars, with room after each bar for "4 of 10 (40%)".
STAGE_BAR_RIGHT = WIDTH - 112


def stage_chart(
    title,
    description,
    stages,
    *,
    chart_id,
    table_caption,
    label_heading,
    value_heading,
):
    """Return a bar per (label, count, text) stage, in the order given, each as wide as its count.

    The text (the count, with its share where there is one) is written after the bar and in
    the table, so a bar never stands without its number.
    """
    largest = max((count for _, count, _ in stages), default=0)
    rows = []
    for i, (label, count, text) in enumerate(stages):
        top = BAR_TOP + i * BAR_ROW
        width = count / largest * (STAGE_BAR_RIGHT - BAR_LEFT) if largest else 0
        middle = top + BAR_ROW / 2
        rows.append(
            format_html(
                '<g class="chart-bar-row"><title>{}</title>{}'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>{}</g>',
                gettext("%(label)s: %(count)s") % {"label": label, "count": text},
                _text(BAR_LABEL_RIGHT, middle + 4, _shorten(label), anchor="end"),
                _n(BAR_LEFT),
                _n(middle - BAR_HEIGHT / 2),
                _n(width),
                _n(BAR_HEIGHT),
                BAR_COLOR,
                _text(BAR_LEFT + width + 6, middle + 4, text, "chart-label chart-value"),
            )
        )
    height = 2 * BAR_TOP + len(stages) * BAR_ROW
    return Chart(
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, height, _join(rows)),
        table_caption=table_caption,
        columns=[label_heading, value_heading],
        rows=[[label, text] for label, _, text in stages],
    )


# One colour and one dash pattern a line, so lines differ without colour too.
STING_STYLES = (
    ("#0072b2", "none"),
    ("#d55e00", "6 4"),
    ("#009e73", "2 3"),
    ("#cc79a7", "8 3 2 3"),
    ("#e69f00", "4 4"),
    ("#56b4e9", "1 3"),
)
STING_LEGEND_ROW = 22


def sting_chart(lines, moments, *, chart_id, title, description, label_of):
    """Return one line per interview across the moments (0-10), or None without a point.

    lines have `.values` (one value or None per moment); label_of(line) names a line in
    the legend, the point titles and the table. A missing value leaves a gap in its line.
    """
    lines = [line for line in lines if any(value is not None for value in line.values)]
    if not lines:
        return None
    xs = _xs(len(moments))
    legend_top = TREND_HEIGHT - 8
    height = legend_top + STING_LEGEND_ROW * len(lines) + 8
    parts = _y_grid()
    for x, moment in zip(xs, moments, strict=True):
        parts.append(_text(x, PLOT_BOTTOM + 20, moment, "chart-label chart-axis", "middle"))
    missing = gettext("not recorded")
    rows = []
    for i, line in enumerate(lines):
        color, dasharray = STING_STYLES[i % len(STING_STYLES)]
        label = label_of(line)
        css_class = f"chart-line-sting-{i % len(STING_STYLES)}"
        coords = list(zip(xs, line.values, strict=True))
        for run in _segments(coords):
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline class="chart-line {}" points="{}" fill="none" stroke="{}" '
                        'stroke-width="2" stroke-dasharray="{}"/>',
                        css_class,
                        " ".join(f"{_n(x)},{_n(_y(v))}" for x, v in run),
                        color,
                        dasharray,
                    )
                )
        for (x, value), moment in zip(coords, moments, strict=True):
            if value is None:
                continue
            hover = gettext("%(label)s, %(moment)s: %(value)s of 10") % {
                "label": label,
                "moment": moment,
                "value": value,
            }
            parts.append(
                format_html(
                    '<circle class="chart-point {}" cx="{}" cy="{}" r="4" fill="{}">'
                    "<title>{}</title></circle>",
                    css_class,
                    _n(x),
                    _n(_y(value)),
                    color,
                    hover,
                )
            )
        y = legend_top + STING_LEGEND_ROW * i + 8
        parts.append(
            format_html(
                '<g class="chart-legend-item"><line class="{}" x1="{}" y1="{}" x2="{}" y2="{}" '
                'stroke="{}" stroke-width="2" stroke-dasharray="{}"/>{}</g>',
                css_class,
                _n(PLOT_LEFT),
                _n(y),
                _n(PLOT_LEFT + 24),
                _n(y),
                color,
                dasharray,
                _text(PLOT_LEFT + 32, y + 4, label, "chart-label chart-legend"),
            )
        )
        rows.append([label, *(missing if v is None else str(v) for v in line.values)])
    return Chart(
        title=title,
        description=description,
        svg=_svg(chart_id, title, description, height, _join(parts)),
        table_caption=title,
        columns=[gettext("Interview"), *(str(moment) for moment in moments)],
        rows=rows,
    )
