"""Charts and tables for a meeting room's projector: every piece of text at least 18 px, few words, nothing to scroll."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from tracker.analysis import charts
from tracker.analysis.charts import shown, shown_all
from tracker.core.display import ALARM, DASH, days_left_text, fmt_date, fmt_int, fmt_pct, missing
from tracker.core.responses import STAGE_NAMES
from tracker.core.statuses import apart_text, label
from tracker.core.text import clip as clip_text

TEXT = 20  # px: the body text of every chart
SMALLEST = 18  # px: nothing smaller (axis ticks, legends, table cells)
TITLE = 24
SLIPPING = "#E69F00"  # Okabe–Ito orange, beside the alarm colour for overdue
HEADER_FILL = "#E6EEF6"
CHAR_PX = 9.5  # an average character's width at 18 px, with room to spare
LINE_PX = 24


def for_room(fig: go.Figure, height: int, title: str | None = None) -> go.Figure:
    """Room sizes on any figure: large text, the legend below the plot (never against the title), no hover-only
    meaning."""
    fig.update_layout(
        height=height, font={"size": TEXT}, title={"text": title or "", "font": {"size": TITLE}, "x": 0, "xanchor": "left"},
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "xanchor": "left", "x": 0, "font": {"size": TEXT}},
        hoverlabel={"font": {"size": SMALLEST}},
        margin={"l": 10, "r": 30, "t": 50 if title else 10, "b": 10},
    )
    fig.update_xaxes(tickfont={"size": SMALLEST}, title_font={"size": SMALLEST})
    fig.update_yaxes(tickfont={"size": SMALLEST}, title_font={"size": SMALLEST})
    return fig


def funnel(df: pd.DataFrame, height: int) -> go.Figure:
    """The status funnel with its counts at room size."""
    fig = charts.funnel(df)
    fig.update_traces(textfont={"size": TEXT})
    return for_room(fig, height, f"Status · {apart_text(df.groupby('status')['n'].sum())} apart").update_layout(
        margin={"r": 90})


def status_by(df: pd.DataFrame, by: str, height: int, top: int = 8) -> go.Figure:
    """Each force's (or theme's) items by status, stacked: the groups with most open items."""
    fig = charts.status_by_force(df.rename(columns={"grp": "force"}), max_forces=top)
    fig.update_layout(xaxis_title=None)
    groups = df["grp"].nunique()
    what = "forces" if by == "force" else "themes"
    title = f"By {by}" + (f" · the {top} of {groups} {what} with most open" if groups > top else "")
    return for_room(fig, height, title)


def owners(df: pd.DataFrame, height: int) -> go.Figure:
    """Overdue and slipping open items for the owners with most overdue."""
    fig = go.Figure()
    people = shown_all(df["owner"])
    fig.add_bar(y=people, x=df["overdue"], name="Overdue", orientation="h", marker_color=ALARM,
                text=counts(df["overdue"]), textposition="outside", cliponaxis=False,
                hovertemplate="%{y}: %{x:,} overdue<extra></extra>")
    fig.add_bar(y=people, x=df["slipping"], name="Slipping (target moved later)", orientation="h",
                marker={"color": SLIPPING, "pattern": {"shape": "/", "fgcolor": charts.PATTERN_INK}},
                text=counts(df["slipping"]), textposition="outside", cliponaxis=False,
                hovertemplate="%{y}: %{x:,} slipping<extra></extra>")
    fig.update_layout(barmode="group", yaxis={"autorange": "reversed", "automargin": True},
                      uniformtext={"minsize": SMALLEST, "mode": "show"})
    fig.update_traces(textfont={"size": SMALLEST})
    return for_room(fig, height, "By owner")


def counts(values: pd.Series) -> list[str]:
    """Bar labels: each count, and nothing on an empty bar."""
    return [f"{int(v):,}" if v else "" for v in values]


def table(headers: list[str], rows: list[list[str]], widths: list[float], width_px: int = 640) -> go.Figure:
    """A table of text at room size, every cell literal and at most two lines, so its height is known: each cell is
    wrapped to the characters its column holds at `width_px` (the narrowest screen it is drawn on) and clipped."""
    chars = [max(6, int(width_px * w / sum(widths) / CHAR_PX) - 1) for w in widths]
    cells = [[fit(value, n) for value, n in zip(row, chars, strict=True)] for row in rows]
    lines = max((cell.count("\n") + 1 for row in cells for cell in row), default=1)
    columns = [[shown(c).replace("\n", "<br>") for c in col] for col in zip(*cells, strict=True)]
    fig = go.Figure(go.Table(
        columnwidth=widths,
        header={"values": [shown(fit(h, n)).replace("\n", "<br>") for h, n in zip(headers, chars, strict=True)],
                "font": {"size": SMALLEST, "color": "#1f1f1f"}, "fill_color": HEADER_FILL, "align": "left",
                "height": line_height(2)},
        cells={"values": columns, "font": {"size": SMALLEST}, "align": "left", "height": line_height(lines),
               "fill_color": "white", "line_color": "#dddddd"},
    ))
    # The rows as given, before fitting, ride along as the figure's meta: the table's text alternative reads them.
    return fig.update_layout(height=line_height(2) + line_height(lines) * len(rows) + 4,
                             margin={"l": 0, "r": 0, "t": 0, "b": 0}, meta={"headers": headers, "rows": rows})


def line_height(lines: int) -> int:
    """A table row's pixel height for this many lines of room text."""
    return 14 + LINE_PX * lines


def fit(text: str, chars: int) -> str:
    """Text in at most two lines of `chars` characters: its own two lines when it has them ('104\nKent'), else wrapped
    at spaces; whatever is left over is cut with an ellipsis."""
    given = str(text).split("\n")
    if len(given) > 1:
        return "\n".join(clip(line, chars) for line in given[:2])
    text = " ".join(given[0].split())
    if len(text) <= chars:
        return text
    return "\n".join(textwrap.wrap(text, chars, break_long_words=False, max_lines=2, placeholder="…"))


def clip(text, limit: int) -> str:
    """Short text for a room's cell (a dash for none): core.text.clip."""
    return clip_text(text, limit, DASH)


def ref(row) -> str:
    """An item as the room names it: its number over its force."""
    return f"{int(row.id)}\n{row.force}"


def overdue_table(df: pd.DataFrame) -> go.Figure:
    """The most overdue items with their original and current targets."""
    rows = [[ref(r), clip(r.owner, 40), fmt_date(r.target_original), fmt_date(r.target_current), fmt_int(r.days_overdue)]
            for r in df.itertuples()]
    return table(["Item", "Owner", "Original target", "Current target", "Days overdue"], rows, [1.9, 1.5, 1.2, 1.2, 1.0])


def proposal(status, target) -> str:
    """What a submission proposes, in a few words: 'Complete and target 1 Mar 2027'."""
    parts = []
    if isinstance(status, str):
        parts.append(label(status))
    if not missing(target):
        parts.append(f"target {fmt_date(target)}")
    return " and ".join(parts) or DASH


def decision_table(df: pd.DataFrame) -> go.Figure:
    """Submissions waiting for this board: who proposes what."""
    rows = [[f"#{int(r.seq)}", ref(r), clip(r.owner, 40), proposal(r.status, r.target), fmt_date(r.target_current)]
            for r in df.itertuples()]
    return table(["No.", "Item", "Owner", "Proposes", "Target now"], rows, [0.6, 1.9, 1.4, 2.0, 1.2])


def extensions_table(df: pd.DataFrame) -> go.Figure:
    """Extension requests waiting for this board: the target now and the one asked for, the slip, the moves so far and
    whether only the board may agree it."""
    rows = [[f"#{int(r.seq)}", ref(r), fmt_date(r.target_current), fmt_date(r.target_requested), fmt_int(r.slip_days),
             fmt_int(r.moves), "Yes" if r.board_only else "No"] for r in df.itertuples()]
    return table(["No.", "Item", "Target now", "Requested", "Slip (days)", "Moves so far", "Board only"], rows,
                 [0.6, 1.3, 1.2, 1.2, 0.8, 0.8, 0.9])


def at_risk_table(df: pd.DataFrame) -> go.Figure:
    """Items the forecast says will miss their target, least likely first."""
    rows = [[ref(r), clip(r.owner, 40), fmt_date(r.target_current), fmt_pct(r.p_by_target), fmt_date(r.expected_on)]
            for r in df.itertuples()]
    return table(["Item", "Owner", "Target", "Chance by then", "Expected"], rows, [1.9, 1.4, 1.2, 1.0, 1.2])


def risk_table(df: pd.DataFrame) -> go.Figure:
    """Risk acceptances waiting for this board to note them: the item, why, and the sign-off so far."""
    rows = [[f"#{int(r.seq)}", ref(r), clip(r.reason, 120), signed(r)] for r in df.itertuples()]
    return table(["No.", "Item", "Why the risk is accepted", "Signed off"], rows, [0.6, 1.4, 3.2, 1.9])


def signed(r) -> str:
    """A risk acceptance's sign-off in a few words: 'J Doe, chief officer, 15 Mar 2023', or 'not yet'."""
    if missing(r.signed_by):
        return "not yet"
    return f"{r.signed_by}, {r.signed_as}, {fmt_date(r.signed_on)}"


def decided(r) -> str:
    """A recorded decision in a few words."""
    if r.kind == "target":
        return f"Target agreed: {fmt_date(r.target)}"
    if r.kind == "risk_noting":
        return "Risk acceptance noted"
    if r.decision == "accept":
        return "Accepted: " + proposal(r.proposed_status, r.proposed_target)
    return "Returned"


def decisions_table(df: pd.DataFrame) -> go.Figure:
    """The decisions recorded at this meeting, in order."""
    rows = [[ref(r), clip(r.owner, 40), decided(r), clip(r.reason, 200)] for r in df.itertuples()]
    return table(["Item", "Owner", "Decision", "Why"], rows, [1.4, 1.3, 2.2, 2.8], width_px=1080)


def responses_table(df: pd.DataFrame) -> go.Figure:
    """The statutory responses due within 28 days or overdue: force, report, deadline and where each stands in words."""
    rows = [[r.force, clip(r.report_title, 60), fmt_date(r.deadline), days_left_text(r.days_left),
             STAGE_NAMES.get(r.stage, r.stage)] for r in df.itertuples()]
    return table(["Force", "Report", "Deadline", "Where it stands", "Stage"], rows, [1.1, 3.0, 1.0, 1.2, 1.6],
                 width_px=1080)
