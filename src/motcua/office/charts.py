"""Bar charts drawn on the server as SVG: no script, no library, nothing fetched from elsewhere.

`bar_chart` turns categories and series of numbers into shapes (rectangles, grid lines, labels)
and `office/reports/_chart.html` writes them as an inline <svg>. The page shows the same numbers
in a table beside each chart (the chart is an image with a title for screen readers; the table
is what they read), so a chart never carries a figure the table lacks. Colours come from
classes in office/reports.css (the Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 720
HEIGHT = 260
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 14, 44
MAX_X_LABELS = 12
MIN_TOP = 4  # the scale of a chart of small counts still steps by whole numbers


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    css: str  # chart-a, chart-b, chart-c: the colour classes of office/reports.css


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    title: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    grid: list[Tick] = field(default_factory=list)  # horizontal lines, y positions
    labels: list[Tick] = field(default_factory=list)  # category labels, x positions
    legend: list[Series] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM
    empty: bool = False


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (at least 1): the top grid line."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.1f}".replace(".", ",")


def bar_chart(
    title: str, categories: Sequence[str], series: Sequence[Series], *, stacked: bool = False
) -> Chart:
    """Bars per category: side by side (grouped) or one on top of the other (`stacked`)."""
    chart = Chart(title=title, legend=list(series))
    count = len(categories)
    if not count or not series:
        chart.empty = True
        return chart
    if stacked:
        highest = max(sum(s.values[index] or 0 for s in series) for index in range(count))
    else:
        highest = max((value or 0) for s in series for value in s.values)
    top = max(nice_ceiling(highest), MIN_TOP)
    plot_height = chart.plot_bottom - TOP
    plot_width = chart.plot_right - chart.plot_left

    def y_of(value: float) -> float:
        return round(chart.plot_bottom - value / top * plot_height, 1)

    for step in range(5):
        value = top * step / 4
        chart.grid.append(Tick(y_of(value), _number(value)))
    slot = plot_width / count
    gap = slot * 0.2
    bar_width = (slot - gap) / (1 if stacked else len(series))
    every = math.ceil(count / MAX_X_LABELS)
    for index, category in enumerate(categories):
        left = chart.plot_left + index * slot + gap / 2
        base = 0.0
        for number, s in enumerate(series):
            value = s.values[index] or 0
            x = left if stacked else left + number * bar_width
            bottom = base if stacked else 0
            y_top, y_bottom = y_of(bottom + value), y_of(bottom)
            chart.bars.append(
                Bar(
                    x=round(x, 1),
                    y=y_top,
                    width=round(max(bar_width - 1, 1), 1),
                    height=round(y_bottom - y_top, 1),
                    css=s.css,
                    title=f"{category} — {s.label}: {_number(value)}",
                )
            )
            if stacked:
                base += value
        if index % every == 0:
            chart.labels.append(Tick(round(chart.plot_left + (index + 0.5) * slot, 1), category))
    return chart
