"""Plotly figures for the pages, built from query results; one colour per status everywhere."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from tracker.core.display import ACCENT, AGEING_COLOURS, ALARM, CONNECTOR, GOOD, LIGHT, MUTED, NEUTRAL_DOT
from tracker.core.statuses import CANONICAL, FUNNEL, apart_text, colour, label, pattern

FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 14}
PATTERN_INK = "#0B0C0C"  # the lines of a bar's fill pattern: parts of a chart differ by more than their colour
AGEING_PATTERNS = ("", "/", "x", ".")  # one a band of days overdue, as AGEING_COLOURS
# Five statuses or ageing bands wrap onto several rows above a narrow chart and cover its title: beside it instead.
# Every figure's template, set once for the process: a template named in each figure's layout is built again for each
# (about 17 ms a chart, a third of a warm overview rerun).
pio.templates.default = "plotly_white"
SIDE_LEGEND = {"orientation": "v", "yanchor": "top", "y": 1, "xanchor": "left", "x": 1.02, "traceorder": "normal"}
SHAPES = ("", "/", "\\", "x", "-", "|", "+", ".")  # Plotly's own pattern shapes; any other pattern is an SVG path


def fill(status: str | None) -> dict:
    """A status's bar pattern as Plotly takes it: one of its shapes, or a path drawn on an 8-pixel tile."""
    chosen = pattern(status)
    return {"shape": chosen, "fgcolor": PATTERN_INK} if chosen in SHAPES else \
        {"path": chosen, "size": 8, "fgcolor": PATTERN_INK}


def shown(value) -> str:
    """A value from the data as Plotly shows it literally: Plotly reads a subset of HTML in every label, tick, legend
    and hover text ('<a href>', '<b>'), so '<', '>' and '&' are written as entities, which it shows as the characters."""
    return html.escape(str(value), quote=False)


def shown_all(values) -> list[str]:
    """shown() for each value."""
    return [shown(v) for v in values]


def unique_short(texts: list[str], limit: int = 60) -> list[str]:
    """Texts cut to a length with an ellipsis, kept distinct (two long titles alike at the start stay two rows)."""
    out: list[str] = []
    for text in texts:
        cut = text if len(text) <= limit else text[: limit - 3] + "…"
        n = 2
        while cut in out:
            cut = f"{text[: limit - 8]}… ({n})"
            n += 1
        out.append(cut)
    return out


def base(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    """Shared layout: readable on a projector, no clipped labels, legend above the plot."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font=FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 70, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "title": None},
    )
    return fig


def funnel(df: pd.DataFrame) -> go.Figure:
    """The status funnel over the lifecycle; the items closed apart (superseded, no further action) are counted in the
    title."""
    stages = df.set_index("status")["n"].reindex(FUNNEL, fill_value=0).rename_axis("status").reset_index()
    apart = apart_text(df.groupby("status")["n"].sum())
    fig = go.Figure(go.Funnel(
        y=[label(s) for s in stages["status"]],
        x=stages["n"].astype(int),
        customdata=[[s] for s in stages["status"]],
        marker={"color": [colour(s) for s in stages["status"]]},
        texttemplate="%{x:,}",
        textposition="outside",  # inside, the narrow stages' counts were unreadable
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,}<extra></extra>",
        connector={"line": {"color": CONNECTOR}},
    ))
    fig = base(fig, f"Status funnel  ·  {apart}, shown apart")
    return fig.update_layout(margin={"r": 70})


def status_by_force(df: pd.DataFrame, max_forces: int = 43) -> go.Figure:
    """Stacked horizontal bars: each force's recommendations by status, most open at the top."""
    order = list(dict.fromkeys(df["force"]))[:max_forces]
    df = df[df["force"].isin(order)]
    statuses = [s for s in CANONICAL if s in set(df["status"])] + sorted(set(df["status"]) - set(CANONICAL))
    fig = go.Figure()
    for status in statuses:
        part = df[df["status"] == status].set_index("force")["n"].reindex(order, fill_value=0)
        fig.add_bar(
            y=shown_all(order), x=part.astype(int), name=shown(label(status)), orientation="h",
            marker={"color": colour(status), "pattern": fill(status)},
            customdata=[[status, force] for force in order],
            hovertemplate="%{y}: %{x:,} " + shown(label(status).lower()) + "<extra></extra>",
        )
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed", "automargin": True}, xaxis_title="Recommendations")
    fig = base(fig, "Status by force", height=max(360, 22 * len(order) + 120))
    return fig.update_layout(legend=SIDE_LEGEND)


def ageing_by_force(df: pd.DataFrame, max_forces: int = 43) -> go.Figure:
    """Stacked bars of overdue items by days overdue, per force."""
    order = list(dict.fromkeys(df["force"]))[:max_forces]
    fig = go.Figure()
    names = dict(zip(df["bucket"], df["ageing"], strict=False))
    for bucket in sorted(names):  # the buckets present, numbered and labelled by the SQL macro ageing_bucket
        part = df[df["bucket"] == bucket].set_index("force")["n"].reindex(order, fill_value=0)
        fig.add_bar(y=shown_all(order), x=part.astype(int), name=f"{names[bucket]} days", orientation="h",
                    marker={"color": AGEING_COLOURS[int(bucket) - 1],
                            "pattern": {"shape": AGEING_PATTERNS[int(bucket) - 1], "fgcolor": PATTERN_INK}},
                    hovertemplate="%{y}: %{x:,}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed", "automargin": True}, xaxis_title="Overdue recommendations")
    return base(fig, "Days overdue, by force", height=max(360, 22 * len(order) + 120)).update_layout(legend=SIDE_LEGEND)


def workload(df: pd.DataFrame, who: str, top: int = 25) -> go.Figure:
    """Open items per person, most first, overdue as its own bar beside."""
    df = df.head(top)
    fig = go.Figure()
    # A person belongs to one force: the force beside the name keeps two people of one name apart.
    people = shown_all(df["person"] + " (" + df["force"] + ")")
    fig.add_bar(y=people, x=df["open"], name="Open", orientation="h", marker_color=ACCENT,
                customdata=df[["person"]].to_numpy(), hovertemplate="%{y}: %{x:,} open<extra></extra>")
    fig.add_bar(y=people, x=df["overdue"], name="Overdue", orientation="h",
                marker={"color": ALARM, "pattern": {"shape": "/", "fgcolor": PATTERN_INK}},
                customdata=df[["person"]].to_numpy(), hovertemplate="%{y}: %{x:,} overdue<extra></extra>")
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed", "automargin": True}, xaxis_title="Recommendations")
    return base(fig, f"Open and overdue items by {who} (top {len(df)})", height=max(360, 30 * len(df) + 120))


def implementation_trend(selected: pd.DataFrame, national: pd.DataFrame | None, name: str) -> go.Figure:
    """Quarterly implementation rate of the selection, against the national line."""
    fig = go.Figure()
    if national is not None:
        fig.add_scatter(x=national["quarter_end"], y=national["implementation_rate"], name="National",
                        line={"color": MUTED, "dash": "dash"}, hovertemplate="%{x|%d %b %Y}: %{y:.0%}<extra>National</extra>")
    fig.add_scatter(x=selected["quarter_end"], y=selected["implementation_rate"], name=shown(name),
                    line={"color": ACCENT, "width": 3}, hovertemplate="%{x|%d %b %Y}: %{y:.0%}<extra></extra>")
    fig.update_layout(yaxis={"tickformat": ".0%", "range": [0, 1], "title": "Complete among published"})
    return base(fig, "Implementation rate by quarter")


def opened_closed(df: pd.DataFrame) -> go.Figure:
    """Recommendations opened (published) and closed (completed) in each quarter."""
    fig = go.Figure()
    fig.add_bar(x=df["quarter"], y=df["opened"], name="Opened", marker_color=colour("awaiting-review"),
                hovertemplate="%{x|%b %Y}: %{y:,} opened<extra></extra>")
    fig.add_bar(x=df["quarter"], y=df["closed"], name="Completed",
                marker={"color": colour("complete"), "pattern": fill("complete")},
                hovertemplate="%{x|%b %Y}: %{y:,} completed<extra></extra>")
    fig.update_layout(barmode="group", yaxis_title="Recommendations")
    return base(fig, "Opened and completed per quarter")


def cohorts(df: pd.DataFrame) -> go.Figure:
    """Share completed within one and two years of publication, by year published."""
    fig = go.Figure()
    fig.add_bar(x=df["year"], y=df["share_1y"], name="Within 1 year", marker_color=LIGHT,
                hovertemplate="%{x}: %{y:.0%}<extra>within 1 year</extra>")
    fig.add_bar(x=df["year"], y=df["share_2y"], name="Within 2 years",
                marker={"color": GOOD, "pattern": {"shape": ".", "fgcolor": PATTERN_INK}},
                hovertemplate="%{x}: %{y:.0%}<extra>within 2 years</extra>")
    fig.update_layout(barmode="group", yaxis={"tickformat": ".0%", "range": [0, 1]},
                      xaxis={"dtick": 1, "title": "Year published"})
    return base(fig, "Completed within one and two years, by year published", height=380)


def force_vs_national(df: pd.DataFrame, national_rate: float | None) -> go.Figure:
    """Each force's implementation rate as a bar, the national rate as a line."""
    df = df.sort_values("implementation_rate", ascending=False)
    fig = go.Figure(go.Bar(x=shown_all(df["force"]), y=df["implementation_rate"], marker_color=ACCENT,
                           hovertemplate="%{x}: %{y:.0%}<extra></extra>"))
    if national_rate is not None:
        fig.add_hline(y=national_rate, line_dash="dash", line_color=MUTED,
                      annotation_text=f"National {national_rate:.0%}", annotation_position="top right")
    fig.update_layout(yaxis={"tickformat": ".0%", "range": [0, 1]}, xaxis={"tickangle": -45, "automargin": True})
    return base(fig, "Implementation rate by force, against the national rate", height=460)


def report_grid(df: pd.DataFrame) -> go.Figure:
    """Report × force heatmap of the share complete; blank where a force has none of the report."""
    reports = list(dict.fromkeys(df["report_title"]))
    forces = sorted(set(df["force"]))
    grid = df.pivot_table(index="report_title", columns="force", values="share_complete").reindex(index=reports, columns=forces)
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=shown_all(forces), y=shown_all(unique_short(reports)), zmin=0, zmax=1, colorscale="Viridis",
        colorbar={"title": "Complete", "tickformat": ".0%"}, hoverongaps=False,
        hovertemplate="%{y}<br>%{x}: %{z:.0%} complete<extra></extra>",
    ))
    fig.update_layout(yaxis={"autorange": "reversed", "automargin": True}, xaxis={"tickangle": -45, "automargin": True})
    return base(fig, "Share complete, report by force", height=max(420, 26 * len(reports) + 220))


def timeline(history: pd.DataFrame) -> go.Figure:
    """A recommendation's dated history: status changes as coloured markers on their row, comments as dots."""
    fig = go.Figure()
    statuses = history[history["status"].notna()]
    comments = history[history["status"].isna()]
    for status, part in statuses.groupby("status", sort=False):
        fig.add_scatter(x=part["on_date"], y=[shown(label(status))] * len(part), mode="markers", name=shown(label(status)),
                        marker={"size": 16, "color": colour(status), "symbol": "diamond"},
                        hovertemplate="%{x|%d %b %Y}: " + shown(label(status)) + "<extra></extra>")
    if len(comments):
        fig.add_scatter(x=comments["on_date"], y=["Comment"] * len(comments), mode="markers", name="Comment",
                        marker={"size": 10, "color": NEUTRAL_DOT}, hovertemplate="%{x|%d %b %Y}: comment<extra></extra>")
    fig.update_layout(showlegend=False, yaxis={"automargin": True})
    return base(fig, "History", height=300)


GROUP_COLOURS = (ACCENT, ALARM, GOOD, "#CC79A7", "#E69F00", LIGHT, MUTED, "#882255", "#F0E442", NEUTRAL_DOT)
DASHES = ("solid", "dash", "dot", "dashdot", "longdash")  # curves differ by their line as well as their colour


def translucent(hex_colour: str, alpha: float = 0.18) -> str:
    """'#0072B2' -> 'rgba(0,114,178,0.18)', for a confidence band."""
    value = hex_colour.lstrip("#")
    return f"rgba({int(value[0:2], 16)},{int(value[2:4], 16)},{int(value[4:6], 16)},{alpha})"


def completion_curves(curve: pd.DataFrame, title: str = "Share complete, by years since publication") -> go.Figure:
    """Kaplan–Meier curves as the share complete (1 − S) by years since publication, each with its 95% band."""
    fig = go.Figure()
    for i, (grp, part) in enumerate(curve.groupby("grp", sort=True)):
        part = part.sort_values("t")
        years = [0.0, *(part["t"] / 365.25).tolist()]
        colour = GROUP_COLOURS[i % len(GROUP_COLOURS)]
        done, low, high = ([0.0, *(1 - part[c]).tolist()] for c in ("s", "upper", "lower"))
        fig.add_scatter(x=years + years[::-1], y=high + low[::-1], fill="toself", fillcolor=translucent(colour),
                        line={"width": 0, "shape": "hv"}, hoverinfo="skip", showlegend=False)
        fig.add_scatter(x=years, y=done, name=shown(grp),
                        line={"color": colour, "width": 3, "shape": "hv", "dash": DASHES[i % len(DASHES)]},
                        hovertemplate="%{x:.1f} years: %{y:.0%} complete<extra>" + shown(grp) + "</extra>")
    fig.update_layout(yaxis={"tickformat": ".0%", "range": [0, 1], "title": "Complete"},
                      xaxis={"title": "Years since publication", "rangemode": "tozero"})
    return base(fig, title, height=460)


def median_by_cohort(medians: pd.DataFrame) -> go.Figure:
    """Kaplan–Meier median days to complete by year published, with its 95% interval (open items counted)."""
    df = medians.dropna(subset=["median"])
    fig = go.Figure(go.Scatter(
        x=df["grp"], y=df["median"], mode="markers+lines", line={"color": ACCENT},
        error_y={"type": "data", "symmetric": False, "array": (df["median_upper"] - df["median"]).fillna(0),
                 "arrayminus": (df["median"] - df["median_lower"]).fillna(0), "color": MUTED},
        hovertemplate="Published %{x}: median %{y:,.0f} days<extra></extra>"))
    fig.update_layout(yaxis_title="Days", xaxis={"title": "Year published", "type": "category"})
    return base(fig, "Median days to complete, by year published (open items counted)", height=360)
