import datetime
import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from interviews.dashboard.charts import Chart, TrendPoint, bar_chart, before_after_chart

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<script>alert('x')</script> & Co"
CHART_PARTIAL = "interviews/dashboard/partials.html#chart"


def point(day, before=None, after=None, confidence=None, label="Acme"):
    return TrendPoint(
        label=label,
        when=datetime.date(2026, 3, day),
        before=before,
        after=after,
        confidence=confidence,
    )


def parse(chart):
    return ET.fromstring(str(chart.svg))


def markers(chart, css_class):
    return [
        c
        for c in parse(chart).iter(f"{SVG}circle")
        if css_class in c.get("class").split() and "chart-point" in c.get("class").split()
    ]


def polylines(chart, css_class):
    return [p for p in parse(chart).iter(f"{SVG}polyline") if css_class in p.get("class").split()]


def bars(chart):
    return [r for r in parse(chart).iter(f"{SVG}rect") if r.get("class") == "chart-bar"]


def test_trend_chart_draws_a_marker_per_value_and_a_line_per_series():
    chart = before_after_chart([point(d, 8, 5, 4) for d in (1, 2, 3)])

    for series in ("chart-line-before", "chart-line-after", "chart-line-confidence"):
        assert len(markers(chart, series)) == 3
        assert len(polylines(chart, series)) == 1
        assert len(polylines(chart, series)[0].get("points").split()) == 3


def test_trend_values_map_ten_to_the_top_and_zero_to_the_bottom():
    chart = before_after_chart([point(1, before=10, after=0, confidence=5)])

    (top,) = markers(chart, "chart-line-before")
    (bottom,) = markers(chart, "chart-line-after")
    (middle,) = markers(chart, "chart-line-confidence")
    assert (top.get("cx"), top.get("cy")) == ("332.0", "40.0")
    assert bottom.get("cy") == "272.0"
    assert middle.get("cy") == "156.0"


def test_trend_points_are_drawn_in_date_order_across_the_plot():
    chart = before_after_chart([point(9, before=0), point(2, before=10)])

    (line,) = polylines(chart, "chart-line-before")
    assert line.get("points") == "60.0,40.0 604.0,272.0"


def test_trend_has_gridlines_at_zero_five_and_ten():
    chart = before_after_chart([point(1, 3, 2, 6)])

    grid = [line for line in parse(chart).iter(f"{SVG}line") if "chart-grid" in line.get("class")]
    assert sorted(line.get("y1") for line in grid) == ["156.0", "272.0", "40.0"]
    assert len(parse(chart).findall(f"{SVG}g[@class='chart-legend']/{SVG}g")) == 3


def test_missing_values_leave_a_gap_in_the_line():
    chart = before_after_chart(
        [point(1, 8, 6, 5), point(2, 7, None, 5), point(3, 6, 3, 6), point(4, 5, 2, 7)]
    )

    assert len(markers(chart, "chart-line-after")) == 3
    (line,) = polylines(chart, "chart-line-after")  # the lone first point has no line
    assert len(line.get("points").split()) == 2
    assert chart.rows[1][3] == "not recorded"


def test_marker_titles_give_the_value_on_hover():
    chart = before_after_chart([point(1, before=8, label="Globex")])

    (marker,) = markers(chart, "chart-line-before")
    assert marker.find(f"{SVG}title").text == "Globex, 1 Mar 2026: Feelings before 8 of 10"


def test_trend_table_rows_match_the_data_in_date_order():
    chart = before_after_chart([point(5, 9, 4, 6, label="Initech"), point(1, 7, None, 3)])

    assert chart.columns == [
        "Interview",
        "Date",
        "Feelings before",
        "Feelings after",
        "Confidence after",
    ]
    assert chart.rows == [
        ["Acme", "1 Mar 2026", "7", "not recorded", "3"],
        ["Initech", "5 Mar 2026", "9", "4", "6"],
    ]
    assert not chart.is_empty


def test_trend_axis_dates_read_day_then_month_like_the_rest_of_the_site():
    chart = before_after_chart([point(1, 5, 5, 5), point(12, 6, 6, 6)])

    ticks = [
        text.text
        for text in parse(chart).iter(f"{SVG}text")
        if "chart-axis" in text.get("class").split() and not text.text.isdigit()
    ]
    assert ticks == ["1 Mar", "12 Mar"]


@pytest.mark.parametrize(
    "chart",
    [
        pytest.param(before_after_chart([point(1, 5, 5, 5)], chart_id="trend"), id="trend"),
        pytest.param(bar_chart("Causes", "What went wrong", [("Nerves", 2)], chart_id="trend")),
    ],
)
def test_svg_is_an_image_labelled_by_its_own_title_and_description(chart):
    svg = parse(chart)

    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "trend-title trend-desc"
    assert svg.find(f"{SVG}title[@id='trend-title']").text == chart.title
    assert svg.find(f"{SVG}desc[@id='trend-desc']").text == chart.description
    assert svg.get("width") == "100%"
    assert svg.get("viewBox").startswith("0 0 640 ")
    assert svg.get("preserveAspectRatio") == "xMidYMid meet"


def test_each_chart_gets_its_own_ids_by_default():
    trend = parse(before_after_chart([point(1, 5, 5, 5)]))
    causes = parse(bar_chart("Recurring causes", "Why", [("Nerves", 1)]))
    lessons = parse(bar_chart("Lesson themes", "What", [("Mindset", 1)]))

    ids = {svg.find(f"{SVG}title").get("id") for svg in (trend, causes, lessons)}
    assert len(ids) == 3


def test_bar_chart_draws_a_bar_per_item_sorted_by_count_then_label():
    chart = bar_chart("Causes", "Why", [("Nerves", 2), ("Enthusiasm", 5), ("Logistics", 2)])

    assert len(bars(chart)) == 3
    assert chart.rows == [["Enthusiasm", "5"], ["Logistics", "2"], ["Nerves", "2"]]
    assert chart.columns == ["Name", "Count"]
    labels = [t.text for t in parse(chart).iter(f"{SVG}text")]
    assert labels == ["Enthusiasm", "5", "Logistics", "2", "Nerves", "2"]


def test_longest_bar_fills_the_width_and_others_scale_to_it():
    chart = bar_chart("Causes", "Why", [("Nerves", 2), ("Enthusiasm", 4)])

    assert [bar.get("width") for bar in bars(chart)] == ["404.0", "202.0"]
    assert [bar.get("y") for bar in bars(chart)] == ["13.0", "41.0"]


def test_long_bar_labels_are_shortened_in_the_svg_but_whole_in_the_table():
    label = "Caught out by questions about salary expectations"
    chart = bar_chart("Causes", "Why", [(label, 1)])

    assert parse(chart).find(f"{SVG}g/{SVG}text").text == "Caught out by questions…"
    assert chart.rows == [[label, "1"]]


def test_user_entered_labels_are_escaped():
    trend = before_after_chart([point(1, 5, 5, 5, label=EVIL)])
    bars_ = bar_chart(EVIL, EVIL, [(EVIL, 3)])

    for chart in (trend, bars_):
        assert "<script" not in chart.svg
        assert "&lt;script&gt;" in chart.svg
        parse(chart)  # still well-formed


def test_no_points_gives_no_chart():
    assert before_after_chart([]) is None


@pytest.mark.parametrize("items", [[], [("Nerves", 0), ("Logistics", 0)]])
def test_bar_chart_without_counts_gives_no_chart(items):
    assert bar_chart("Causes", "Why", items) is None


def test_same_input_gives_the_same_svg():
    points = [point(3, 8, 4, 6), point(1, 9, None, 2), point(2, None, 5, 5)]
    items = [("Nerves", 2), ("Logistics", 2), ("Mindset", 7)]

    assert before_after_chart(points).svg == before_after_chart(list(reversed(points))).svg
    assert bar_chart("Causes", "Why", items).svg == bar_chart("Causes", "Why", items[::-1]).svg


def test_svg_has_no_inline_style_or_script():
    charts = [
        before_after_chart([point(d, 10 - d, d, 5, label=EVIL) for d in range(1, 12)]),
        bar_chart("Causes", "Why", [(EVIL, 4), ("Nerves", 1)]),
    ]

    for chart in charts:
        assert "style=" not in chart.svg
        assert "<style" not in chart.svg
        assert "<script" not in chart.svg
        assert "<foreignObject" not in chart.svg


def test_coordinates_are_rounded_to_one_decimal():
    chart = before_after_chart([point(d, d % 11, 3, 7) for d in range(1, 8)])

    for marker in markers(chart, "chart-line-before"):
        assert len(marker.get("cx").split(".")[1]) == 1
        assert len(marker.get("cy").split(".")[1]) == 1


def test_partial_renders_the_svg_caption_and_hidden_table():
    chart = bar_chart("Recurring causes", "Causes across interviews", [(EVIL, 3), ("Nerves", 1)])

    html = render_to_string(CHART_PARTIAL, {"chart": chart})

    assert html.count("<svg") == 1
    hidden = html.split('<div class="chart-data">')[1].split("</div>")[0]
    assert "<table>" in hidden
    assert "<caption>Recurring causes</caption>" in html
    assert '<th scope="col">Name</th><th scope="col">Count</th>' in html
    assert '<th scope="row">Nerves</th><td>1</td>' in html
    assert "<figcaption" in html
    assert "Causes across interviews" in html
    assert "<script" not in html


def test_partial_renders_nothing_without_a_chart():
    assert render_to_string(CHART_PARTIAL, {"chart": None}).strip() == ""


def test_chart_without_rows_is_empty():
    chart = Chart(title="t", description="d", svg="", table_caption="c", columns=[], rows=[])

    assert chart.is_empty
