"""The timeline chart of dated events (matplotlib, imported only when a chart is drawn)."""

from __future__ import annotations

from typing import Any

from .model import TimelineEvent

TEXT_COLOURS = ("#1f77b4", "#d95f02", "#7570b3", "#1b9e77")


def figure_html(figure: Any, alt: str) -> str:
    """The figure as an <img> with alternative text (no pyplot, no display backend)."""
    import base64
    import io
    from html import escape

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}">'


def timeline_figure(events: list[TimelineEvent], text_of: dict[str, str], titles: dict[str, str]) -> Any:
    """A horizontal timeline: one row per event, a dot for a year, a bar for a span.

    `text_of` maps a paragraph id to its text id, `titles` a text id to its title; colour
    and a legend tell the texts apart, and each row is labelled in words, so the chart
    does not depend on colour alone.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    import textwrap

    ordered = sorted(events, key=lambda e: (e.start, e.end or e.start, e.paragraph))
    texts = list(dict.fromkeys(text_of[e.paragraph] for e in ordered))
    colours = {text: TEXT_COLOURS[n % len(TEXT_COLOURS)] for n, text in enumerate(texts)}
    labels = []
    for event in ordered:
        flag = " (dates contradict: see note)" if event.note else ""
        label = f"{event.when} · {event.place} · {event.event} [{event.paragraph}]{flag}"
        labels.append("\n".join(textwrap.wrap(label, 72)))
    lines = sum(label.count("\n") + 1 for label in labels)
    figure = Figure(figsize=(12, 0.3 * lines + 0.25 * len(ordered) + 1.2), dpi=100)
    axes = figure.add_subplot()
    for row, event in enumerate(ordered):
        colour = colours[text_of[event.paragraph]]
        if event.end and event.end != event.start:
            axes.plot([event.start, event.end], [row, row], color=colour, linewidth=7, solid_capstyle="butt")
        else:
            axes.plot([event.start], [row], marker="o", markersize=10, color=colour)
    years = [e.start for e in ordered] + [e.end or e.start for e in ordered]
    axes.set_xlim(min(years) - 0.5, max(years) + 0.5)
    axes.set_xticks(range(min(years), max(years) + 1))
    axes.set_ylim(len(ordered) - 0.5, -0.5)
    axes.set_yticks(range(len(ordered)), labels, fontsize=9)
    axes.grid(axis="both", linestyle=":", linewidth=0.6)
    for side in ("right", "top"):
        axes.spines[side].set_visible(False)
    for text in texts:
        axes.plot([], [], marker="o", linestyle="", color=colours[text], label=titles[text])
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(texts), frameon=False, fontsize=10)
    figure.suptitle("Dated events in the two texts, as the texts give them (a bar is a span)", fontsize=11, x=0.01, ha="left")
    figure.tight_layout()
    return figure
