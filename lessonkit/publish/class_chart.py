"""The class report's chart per lesson: the share of items right per exercise, as a PNG data URI.

matplotlib without pyplot (no display backend); the page embeds the image, so the report
stays one self-contained file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..views.charts import figure_data_uri

if TYPE_CHECKING:
    from .class_data import ExerciseShare

BAR = "#0072b2"  # Okabe-Ito blue: dark enough for white space around it, told apart in greyscale
EMPTY = "#bbbbbb"
WIDTH_IN, HEIGHT_IN, DPI = 8.4, 2.9, 100  # at most 840 × 290 px: inside the page's column at 1366 px


def chart_width(shares: list[ExerciseShare]) -> int:
    """Pixels: about 62 per exercise, so a lesson of two exercises is not two slabs across the page."""
    return round(min(WIDTH_IN, 1.3 + 0.62 * max(len(shares), 3)) * DPI)


def share_chart(shares: list[ExerciseShare]) -> str:
    """A bar per exercise (page order) with its percentage and how many learners checked it,
    as a data URI `chart_width` × HEIGHT_IN wide; an exercise nobody checked has a grey stub
    marked "–"."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(chart_width(shares) / DPI, HEIGHT_IN), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    names = [share.exercise for share in shares]
    heights = [share.percent if share.percent is not None else 1.0 for share in shares]
    colours = [BAR if share.percent is not None else EMPTY for share in shares]
    bars = axes.bar(names, heights, color=colours, width=0.7)
    for bar, share in zip(bars, shares):
        label = f"{share.percent:.0f}%\nn={share.learners}" if share.percent is not None else "–"
        axes.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 2),
                      textcoords="offset points", ha="center", va="bottom", fontsize=8, linespacing=1.0)
    axes.set_ylim(0, 125)
    axes.set_yticks([0, 25, 50, 75, 100])
    axes.set_ylabel("% of items right", fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    axes.tick_params(axis="x", labelsize=8)
    if len(shares) > 9:  # ids slanted, each ending under its bar
        for tick in axes.get_xticklabels():
            tick.set(rotation=40, ha="right", rotation_mode="anchor")
    for side in ("right", "top"):
        axes.spines[side].set_visible(False)
    return figure_data_uri(figure)


def chart_alt(shares: list[ExerciseShare]) -> str:
    """The chart's figures in words, for its text alternative."""
    parts = [f"{share.exercise} {share.percent:.0f}% right ({share.learners} learners)" if share.percent is not None
             else f"{share.exercise} not checked" for share in shares]
    return "Share of items right per exercise: " + "; ".join(parts) + "."
