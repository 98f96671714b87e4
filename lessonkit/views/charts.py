"""The timeline chart of dated events (matplotlib, imported only when a chart is drawn)."""

from __future__ import annotations

from typing import Any

from ..content.model import TimelineEvent
from .i18n import Language, say

TEXT_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")  # Okabe-Ito: told apart with colour-blindness
FIGURE_WIDTH_IN = 8.8
DPI = 100
LABEL_CHARACTERS = 52  # a wrapped row label: about half the figure, leaving the other half to the years


def figure_data_uri(figure: Any) -> str:
    """The figure as a PNG data URI at its own DPI (no pyplot, no display backend)."""
    import base64
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(figure: Any, alt: str) -> str:
    """The figure as an <img> with alternative text.

    The image is never wider than its output (max-width:100%), also inside an HTML widget,
    where JupyterLab's own rule for output images does not reach.
    """
    from html import escape

    return (f'<img src="{figure_data_uri(figure)}" alt="{escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">')


def timeline_figure(events: list[TimelineEvent], *, lang: Language = "en") -> Any:
    """A horizontal timeline: one row per event, a dot for a year, a bar for a span.

    Colour and a legend tell the actors apart (who the text says acted: OHCHR's events in
    the NGO Committee's text are OHCHR's), and each row is labelled in words, so the chart
    does not depend on colour alone. The event labels are course data and stay as written;
    the title and the flag on contradicting dates follow `lang`.

    The figure is FIGURE_WIDTH_IN inches at DPI (880 px): it fits a JupyterLab output at
    1400 px wide with the file browser open, legend included (below the axes).
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import textwrap

    from matplotlib.figure import Figure

    ordered = sorted(events, key=lambda e: (e.start, e.end or e.start, e.paragraph))
    actors = list(dict.fromkeys(e.actor for e in ordered))
    colours = {actor: TEXT_COLOURS[n % len(TEXT_COLOURS)] for n, actor in enumerate(actors)}
    labels = []
    for event in ordered:
        flag = f" {say('dates_contradict', lang)}" if event.note else ""
        label = f"{event.when} · {event.place} · {event.event} [{event.paragraph}]{flag}"
        labels.append("\n".join(textwrap.wrap(label, LABEL_CHARACTERS)))
    lines = sum(label.count("\n") + 1 for label in labels)
    height = 0.19 * lines + 0.16 * len(ordered) + 1.4
    figure = Figure(figsize=(FIGURE_WIDTH_IN, height), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    for row, event in enumerate(ordered):
        colour = colours[event.actor]
        if event.end and event.end != event.start:
            axes.plot([event.start, event.end], [row, row], color=colour, linewidth=6, solid_capstyle="butt")
        else:
            axes.plot([event.start], [row], marker="o", markersize=8, color=colour)
    years = [e.start for e in ordered] + [e.end or e.start for e in ordered]
    axes.set_xlim(min(years) - 0.5, max(years) + 0.5)
    axes.set_xticks(range(min(years), max(years) + 1))
    axes.set_ylim(len(ordered) - 0.5, -0.5)
    axes.set_yticks(range(len(ordered)), labels, fontsize=8)
    axes.grid(axis="both", linestyle=":", linewidth=0.6)
    for side in ("right", "top"):
        axes.spines[side].set_visible(False)
    for actor in actors:
        axes.plot([], [], marker="o", linestyle="", color=colours[actor], label=actor)
    figure.legend(loc="outside lower center", ncol=min(len(actors), 3), frameon=False, fontsize=9)
    figure.suptitle(say("timeline_title", lang), fontsize=10, x=0.01, ha="left")
    return figure
