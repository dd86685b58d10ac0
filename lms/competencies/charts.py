"""Geometry for the learner's competence chart, drawn as server-rendered SVG.

Python computes the numbers, the template (`_my_chart.html`) only draws them,
so that no JavaScript is needed and a test can read the chart back. The chart
is 320 units wide: on a 320 px phone it draws at about its own size and
scales with the viewBox elsewhere. Markers differ by shape, not by colour
alone: a bar for the current level, a triangle above the bar for the target,
a circle below it for the self-assessment.
"""

from dataclasses import dataclass

WIDTH = 320
LABEL_WIDTH = 52
RIGHT_MARGIN = 14
AXIS_HEIGHT = 26
ROW_HEIGHT = 44
BAR_TOP = 13
BAR_HEIGHT = 14
LABEL_CHARACTERS = 7


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Bar:
    competency_id: int
    label: str
    name: str
    level: int | None
    target: int | None
    self_level: int | None
    row_y: float
    separator_y: float
    bar_y: float
    bar_width: float
    text_y: float
    value_x: float
    value_inside: bool
    target_x: float | None
    target_points: str
    self_x: float | None
    self_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    plot_x: float
    plot_width: float
    max_level: int
    ticks: list[Tick]
    bars: list[Bar]
    bar_height: int = BAR_HEIGHT
    grid_top: int = AXIS_HEIGHT - 4
    tick_y: int = 14

    @property
    def label_x(self) -> float:
        return self.plot_x - 6


@dataclass(frozen=True)
class ChartInput:
    competency_id: int
    label: str
    name: str
    level: int | None
    target: int | None
    self_level: int | None


def _label(text: str) -> str:
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(rows: list[ChartInput], max_level: int) -> BarChart:
    """One bar per competency on a scale from 0 to `max_level`."""
    max_level = max(max_level, 1)
    plot_x = LABEL_WIDTH
    plot_width = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
    unit = plot_width / max_level

    def x_of(value: int) -> float:
        return round(plot_x + min(max(value, 0), max_level) * unit, 2)

    step = 1 if max_level <= 10 else 2
    ticks = [
        Tick(x=x_of(value), label=str(value)) for value in range(0, max_level + 1, step)
    ]
    bars = []
    for index, row in enumerate(rows):
        row_y = AXIS_HEIGHT + index * ROW_HEIGHT
        bar_y = row_y + BAR_TOP
        bar_width = round(min(max(row.level or 0, 0), max_level) * unit, 2)
        value_inside = row.level is not None and row.level >= max_level
        target_x = x_of(row.target) if row.target is not None else None
        bars.append(
            Bar(
                competency_id=row.competency_id,
                label=_label(row.label or str(index + 1)),
                name=row.name,
                level=row.level,
                target=row.target,
                self_level=row.self_level,
                row_y=row_y,
                separator_y=row_y + ROW_HEIGHT,
                bar_y=bar_y,
                bar_width=bar_width,
                text_y=bar_y + BAR_HEIGHT - 3,
                value_x=round(plot_x + bar_width + (-4 if value_inside else 4), 2),
                value_inside=value_inside,
                target_x=target_x,
                target_points=(
                    f"{target_x - 6},{bar_y - 10} {target_x + 6},{bar_y - 10} "
                    f"{target_x},{bar_y - 1}"
                    if target_x is not None
                    else ""
                ),
                self_x=(x_of(row.self_level) if row.self_level is not None else None),
                self_y=bar_y + BAR_HEIGHT + 7,
            )
        )
    return BarChart(
        width=WIDTH,
        height=AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 2,
        plot_x=plot_x,
        plot_width=plot_width,
        max_level=max_level,
        ticks=ticks,
        bars=bars,
    )
