"""Geometry for the trend chart, drawn as server-rendered SVG.

Python computes the coordinates and the template (`trend_chart.html`) only
draws them, so no JavaScript is needed and a test can read the chart back.
The chart is 320 units wide, like the learner's competence chart: on a 320 px
phone it draws at about its own size and scales with the viewBox elsewhere.
Each month with a share is a circle as well as a point on the line, so the
values do not depend on seeing the line's colour; a month without a share
(no snapshot, or too few people) breaks the line."""

import math
from dataclasses import dataclass
from datetime import date

WIDTH = 320
HEIGHT = 200
PLOT_LEFT = 46
PLOT_RIGHT = WIDTH - 12
PLOT_TOP = 10
PLOT_BOTTOM = HEIGHT - 30
MAX_MONTH_LABELS = 6
SHARE_TICKS = (0, 25, 50, 75, 100)
MONTH_LABEL_HALF = 20  # half the width of "Sep 25" at 12px


@dataclass(frozen=True)
class ShareTick:
    y: float
    share: int


@dataclass(frozen=True)
class MonthTick:
    x: float
    month: date

    @property
    def anchor(self) -> str:
        """Labels at the edges align inwards, so that none is cut off."""
        if self.x - MONTH_LABEL_HALF < 0:
            return "start"
        if self.x + MONTH_LABEL_HALF > WIDTH:
            return "end"
        return "middle"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    month: date
    share: int


@dataclass(frozen=True)
class LineChart:
    share_ticks: list[ShareTick]
    month_ticks: list[MonthTick]
    lines: list[str]
    points: list[Point]
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = PLOT_TOP
    plot_bottom: int = PLOT_BOTTOM

    @property
    def share_label_x(self) -> int:
        return self.plot_left - 6

    @property
    def month_label_y(self) -> int:
        return self.plot_bottom + 18


def _y_of(share: int) -> float:
    return round(PLOT_BOTTOM - share / 100 * (PLOT_BOTTOM - PLOT_TOP), 2)


def line_chart(values: list[tuple[date, int | None]]) -> LineChart:
    """One point per month with a share (0 to 100); None leaves a gap."""
    count = len(values)
    step = (PLOT_RIGHT - PLOT_LEFT) / (count - 1) if count > 1 else 0

    def x_of(index: int) -> float:
        if count == 1:
            return (PLOT_LEFT + PLOT_RIGHT) / 2
        return round(PLOT_LEFT + index * step, 2)

    every = max(1, math.ceil(count / MAX_MONTH_LABELS))
    month_ticks = [
        MonthTick(x=x_of(index), month=month)
        for index, (month, _share) in enumerate(values)
        if index % every == 0
    ]
    points: list[Point] = []
    lines: list[str] = []
    run: list[str] = []
    for index, (month, share) in enumerate(values):
        if share is None:
            if len(run) > 1:
                lines.append(" ".join(run))
            run = []
            continue
        point = Point(x=x_of(index), y=_y_of(share), month=month, share=share)
        points.append(point)
        run.append(f"{point.x},{point.y}")
    if len(run) > 1:
        lines.append(" ".join(run))
    return LineChart(
        share_ticks=[ShareTick(y=_y_of(share), share=share) for share in SHARE_TICKS],
        month_ticks=month_ticks,
        lines=lines,
        points=points,
    )
