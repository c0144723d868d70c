"""The server-drawn bar charts: the shapes follow the numbers, the scale ends on a round
number, and the SVG carries no inline style (the Content-Security-Policy forbids it)."""

from __future__ import annotations

from django.template.loader import render_to_string

from motcua.office.charts import Series, bar_chart, nice_ceiling


def test_the_scale_ends_on_a_round_number():
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 19, 24, 230, 12_001)] == [
        1,
        1,
        5,
        10,
        20,
        25,
        250,
        20_000,
    ]


def test_grouped_bars_are_as_tall_as_their_values():
    chart = bar_chart(
        "Tiếp nhận",
        ["01/03", "02/03"],
        [Series("Tiếp nhận", [10, 5], "chart-a"), Series("Giải quyết", [0, 20], "chart-b")],
    )
    heights = [bar.height for bar in chart.bars]
    assert len(heights) == 4
    assert heights[3] == 2 * heights[0] == 4 * heights[2] and heights[1] == 0
    assert chart.grid[-1].label == "20"
    assert chart.bars[0].title == "01/03 — Tiếp nhận: 10"
    assert [tick.label for tick in chart.labels] == ["01/03", "02/03"]


def test_stacked_bars_sit_on_each_other():
    chart = bar_chart(
        "Đúng hạn",
        ["T1"],
        [Series("Đúng hạn", [3], "chart-b"), Series("Quá hạn", [1], "chart-c")],
        stacked=True,
    )
    lower, upper = chart.bars
    assert upper.y + upper.height == lower.y
    assert lower.x == upper.x


def test_many_periods_keep_their_labels_readable():
    days = [f"{day:02d}/03" for day in range(1, 32)]
    chart = bar_chart("Tháng 3", days, [Series("Tiếp nhận", list(range(31)), "chart-a")])
    assert len(chart.labels) <= 12 and chart.labels[0].label == "01/03"


def test_the_svg_has_a_title_and_no_inline_style():
    chart = bar_chart("Hồ sơ tiếp nhận", ["01/03"], [Series("Tiếp nhận", [2.5], "chart-a")])
    svg = render_to_string("office/reports/_chart.html", {"chart": chart, "id": "bd"})
    assert 'role="img"' in svg and '<title id="bd-title">Hồ sơ tiếp nhận' in svg
    assert "style=" not in svg
    assert "2,5" in svg  # the bar's own title, as Vietnamese writes it
    assert (
        'height="' in svg and "," not in svg.split("<rect")[1].split(">")[0]
    )  # numbers unlocalised


def test_no_data_no_chart():
    chart = bar_chart("Trống", [], [Series("Tiếp nhận", [], "chart-a")])
    assert chart.empty
    assert "Chưa có số liệu" in render_to_string(
        "office/reports/_chart.html", {"chart": chart, "id": "x"}
    )
