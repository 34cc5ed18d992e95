"""The pack's charts: the pages' own Plotly figures, sized for a printed page."""

from __future__ import annotations

import plotly.graph_objects as go

from tracker.analysis import charts
from tracker.pack.content import WORKLOAD_PEOPLE, PackContent

WIDTH = 1100


def figures(content: PackContent) -> dict[str, tuple[go.Figure, int, int]]:
    """Each chart with the pixel size it is drawn at: funnel, by_force, workload, trend."""
    name = ", ".join(content.filters.forces) if content.filters.forces else "Selection"
    by_force = charts.status_by_force(content.by_force)
    n_forces = content.by_force["force"].nunique()
    out = {
        "funnel": (charts.funnel(content.funnel), 900, 380),
        "by_force": (by_force, WIDTH, max(420, 22 * n_forces + 140)),
        "workload": (charts.workload(content.workload, "owner", top=WORKLOAD_PEOPLE), WIDTH,
                     max(420, 30 * min(WORKLOAD_PEOPLE, len(content.workload)) + 140)),
        "trend": (charts.implementation_trend(content.trend, content.national_trend,
                                              name if len(name) < 40 else "Selected forces"), WIDTH, 620),
    }
    for fig, _, _ in out.values():
        fig.update_layout(font={"size": 18}, title_font={"size": 22})  # larger type for a printed page
    out["funnel"][0].update_traces(textfont={"size": 18})
    return out
