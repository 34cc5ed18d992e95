"""Map a click on a chart to the filter it means (pure, so it is unit-tested)."""

from __future__ import annotations

import html

from tracker.core.forces import FORCES


def selected_points(selection) -> list[dict]:
    """The points of a plotly_chart selection event, whatever shape it arrives in."""
    if not selection:
        return []
    sel = selection.get("selection", selection) if isinstance(selection, dict) else getattr(selection, "selection", None)
    if sel is None:
        return []
    points = sel.get("points", []) if isinstance(sel, dict) else getattr(sel, "points", [])
    return list(points or [])


def selection_to_filter(selection, known_statuses: set[str], known_forces: set[str] | None = None) -> dict[str, list[str]]:
    """{'status': [...], 'force': [...]} from clicked funnel stages or bars; unknown values are ignored.

    Statuses travel in customdata (the slug), forces as customdata's second item or, failing that, as the bar's
    category (x or y; charts write categories HTML-escaped, so they are unescaped here).
    """
    forces_ok = set(known_forces) if known_forces is not None else set(FORCES)
    statuses: list[str] = []
    forces: list[str] = []
    for point in selected_points(selection):
        custom = point.get("customdata")
        items = list(custom) if isinstance(custom, (list, tuple)) else [custom]
        slug = items[0] if items else None
        if isinstance(slug, str) and slug in known_statuses and slug not in statuses:
            statuses.append(slug)
        for value in (*items[1:2], point.get("y"), point.get("x")):
            value = html.unescape(value) if isinstance(value, str) else value
            if isinstance(value, str) and value in forces_ok and value not in forces:
                forces.append(value)
                break
    out: dict[str, list[str]] = {}
    if statuses:
        out["status"] = statuses
    if forces:
        out["force"] = forces
    return out
