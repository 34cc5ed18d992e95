"""Each chart's text alternative: one sentence saying what it shows, and the same numbers as a plain table (pure:
built from the rows the chart is drawn from, for the pages and the tests alike)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tracker.core.display import fmt_date, fmt_int, fmt_pct, missing
from tracker.core.statuses import CANONICAL, FUNNEL, label, shown_apart

LEADERS = 3  # how many of the largest a sentence names


@dataclass(frozen=True)
class Alternative:
    """A chart in words: the sentence (plain text, shown literally) and its numbers (columns labelled for reading)."""

    sentence: str
    table: pd.DataFrame


def listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def funnel(df: pd.DataFrame) -> Alternative:
    """The status funnel: how many at each stage, and those closed apart."""
    counts = df.groupby("status")["n"].sum()
    total = int(counts.sum())
    rows = [(label(s), int(counts.get(s, 0))) for s in (*FUNNEL, *shown_apart(counts))]
    stages = listed([f"{n:,} {name.lower()}" for name, n in rows[:len(FUNNEL)]])
    apart = listed([f"{n:,} {name.lower()}" for name, n in rows[len(FUNNEL):]])
    sentence = f"Status funnel of {total:,} recommendations: {stages}; {apart}, shown apart."
    table = pd.DataFrame(rows, columns=["Status", "Recommendations"])
    table["Share"] = [fmt_pct(n / total) if total else fmt_pct(None) for n in table["Recommendations"]]
    return Alternative(sentence, table)


def by_force(df: pd.DataFrame, column: str, order: list[str], names: dict[str, str]) -> pd.DataFrame:
    """Forces (in `order`) by `column`'s values as labelled columns, with a total: the rows of a stacked bar chart."""
    grid = df.pivot_table(index="force", columns=column, values="n", aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=order, columns=list(names), fill_value=0).astype(int)
    grid.columns = [names[c] for c in grid.columns]
    grid.insert(len(grid.columns), "Total", grid.sum(axis=1))
    return grid.rename_axis("Force").reset_index()


def status_by_force(df: pd.DataFrame, max_forces: int = 43) -> Alternative:
    """Each force's recommendations by status, most open first (the chart's order)."""
    order = list(dict.fromkeys(df["force"]))[:max_forces]
    present = set(df["status"])
    statuses = [s for s in CANONICAL if s in present] + sorted(present - set(CANONICAL))
    table = by_force(df[df["force"].isin(order)], "status", order, {s: label(s) for s in statuses})
    total = int(table["Total"].sum())
    largest = table.sort_values("Total", ascending=False, kind="stable").head(LEADERS)
    sentence = (f"Status by force: {total:,} recommendations in {len(order):,} "
                f"{'force' if len(order) == 1 else 'forces'}; the most are in "
                f"{listed([f'{r.Force} ({r.Total:,})' for r in largest.itertuples()])}.")
    return Alternative(sentence, table)


def ageing_by_force(df: pd.DataFrame, max_forces: int = 43) -> Alternative:
    """Overdue items per force by days overdue."""
    order = list(dict.fromkeys(df["force"]))[:max_forces]
    names = {b: f"{a} days" for b, a in sorted(dict(zip(df["bucket"], df["ageing"], strict=False)).items())}
    table = by_force(df[df["force"].isin(order)], "bucket", order, names)
    total = int(table["Total"].sum())
    bands = listed([f"{int(table[name].sum()):,} {name} overdue" for name in names.values()])
    largest = table.sort_values("Total", ascending=False, kind="stable").head(LEADERS)
    sentence = (f"Days overdue, by force: {total:,} overdue recommendations, {bands}; the most are in "
                f"{listed([f'{r.Force} ({r.Total:,})' for r in largest.itertuples()])}.")
    return Alternative(sentence, table)


def workload(df: pd.DataFrame, who: str, top: int = 25) -> Alternative:
    """Open and overdue items per person (the chart's top people)."""
    df = df.head(top)
    table = pd.DataFrame({who.capitalize(): df["person"], "Force": df["force"],
                          "Open": df["open"].astype(int), "Overdue": df["overdue"].astype(int)})
    if table.empty:
        return Alternative(f"Open and overdue items by {who}: none.", table)
    first = table.iloc[0]
    sentence = (f"Open and overdue items by {who}, for the {len(table):,} with the most open: "
                f"{first.iloc[0]} ({first['Force']}) has the most, {first['Open']:,} open and "
                f"{first['Overdue']:,} overdue.")
    return Alternative(sentence, table)


def implementation_trend(selected: pd.DataFrame, national: pd.DataFrame | None, name: str) -> Alternative:
    """The selection's quarterly implementation rate, and the national line when shown."""
    table = pd.DataFrame({"Quarter ending": [fmt_date(d) for d in selected["quarter_end"]],
                          name: [fmt_pct(v) for v in selected["implementation_rate"]]})
    if national is not None:
        rates = dict(zip(national["quarter_end"], national["implementation_rate"], strict=False))
        table["National"] = [fmt_pct(rates.get(d)) for d in selected["quarter_end"]]
    if selected.empty:
        return Alternative("Implementation rate by quarter: no quarters to show.", table)
    first, last = selected.iloc[0], selected.iloc[-1]
    sentence = (f"Implementation rate by quarter for {name}: {fmt_pct(first['implementation_rate'])} at "
                f"{fmt_date(first['quarter_end'])}, {fmt_pct(last['implementation_rate'])} at "
                f"{fmt_date(last['quarter_end'])}")
    if national is not None and not national.empty:
        sentence += f", against {fmt_pct(national.iloc[-1]['implementation_rate'])} nationally"
    return Alternative(sentence + ".", table)


def opened_closed(df: pd.DataFrame) -> Alternative:
    """Recommendations published and completed in each quarter."""
    table = pd.DataFrame({"Quarter": [fmt_date(d) for d in df["quarter"]], "Opened": df["opened"].astype(int),
                          "Completed": df["closed"].astype(int)})
    sentence = (f"Opened and completed per quarter, over {len(table):,} quarters: {int(table['Opened'].sum()):,} "
                f"opened and {int(table['Completed'].sum()):,} completed.")
    return Alternative(sentence, table)


def cohorts(df: pd.DataFrame) -> Alternative:
    """Share completed within one and two years of publication, by year published."""
    table = pd.DataFrame({"Year published": df["year"].astype(int).astype(str),
                          "Within 1 year": [fmt_pct(v) for v in df["share_1y"]],
                          "Within 2 years": [fmt_pct(v) for v in df["share_2y"]]})
    known = df.dropna(subset=["share_1y"])
    if known.empty:
        return Alternative("Completed within one and two years, by year published: no year has a full year yet.",
                           table)
    best = known.sort_values(["share_1y", "year"], ascending=[False, True]).iloc[0]
    years = table["Year published"]
    span = years.iloc[0] if len(years) == 1 else f"{years.iloc[0]} to {years.iloc[-1]}"
    sentence = (f"Completed within one and two years, by year published, {span}: the highest share within a year is "
                f"{fmt_pct(best['share_1y'])}, for {int(best['year'])}.")
    return Alternative(sentence, table)


def force_vs_national(df: pd.DataFrame, national_rate: float | None) -> Alternative:
    """Each force's implementation rate, highest first, against the national rate."""
    df = df.sort_values("implementation_rate", ascending=False, kind="stable")
    table = pd.DataFrame({"Force": df["force"], "Implementation rate": [fmt_pct(v) for v in df["implementation_rate"]]})
    if table.empty:
        return Alternative("Implementation rate by force: no force to show.", table)
    top, bottom = df.iloc[0], df.iloc[-1]
    sentence = (f"Implementation rate by force, {len(df):,} forces: highest {top['force']} "
                f"({fmt_pct(top['implementation_rate'])}), lowest {bottom['force']} "
                f"({fmt_pct(bottom['implementation_rate'])})")
    if national_rate is not None:
        above = int((df["implementation_rate"] > national_rate).sum())
        sentence += f"; {above:,} above the national rate of {fmt_pct(national_rate)}"
    return Alternative(sentence + ".", table)


def report_grid(df: pd.DataFrame) -> Alternative:
    """The share complete of each report in each force (blank where a force has none of it)."""
    reports = list(dict.fromkeys(df["report_title"]))
    forces = sorted(set(df["force"]))
    grid = df.pivot_table(index="report_title", columns="force", values="share_complete", aggfunc="first")
    grid = grid.reindex(index=reports, columns=forces)
    table = grid.apply(lambda col: [fmt_pct(v) if not missing(v) else "" for v in col]).rename_axis(None, axis=1)
    table = table.rename_axis("Report").reset_index()
    sentence = (f"Share complete, report by force: {len(reports):,} reports across {len(forces):,} "
                f"{'force' if len(forces) == 1 else 'forces'}; a blank cell is a force with none of that report.")
    return Alternative(sentence, table)


def timeline(history: pd.DataFrame) -> Alternative:
    """A recommendation's dated history: its status changes and comments, oldest first."""
    rows = history.sort_values("on_date", kind="stable")
    table = pd.DataFrame({"Date": [fmt_date(d) for d in rows["on_date"]],
                          "Entry": [label(s) if not missing(s) else "Comment" for s in rows["status"]]})
    changes = rows[rows["status"].notna()]
    sentence = f"History: {len(rows):,} dated entries, {len(changes):,} of them a status"
    if len(changes):
        last = changes.iloc[-1]
        sentence += f"; the latest status is {label(last['status']).lower()}, from {fmt_date(last['on_date'])}"
    return Alternative(sentence + ".", table)


def completion_curves(curve: pd.DataFrame, years: tuple[int, ...] = (1, 2, 3)) -> Alternative:
    """The share complete by years since publication, per group, read off each curve at whole years."""
    from tracker.analysis.survival import survival_at

    rows = []
    for grp, part in curve.groupby("grp", sort=True):
        rows.append([grp, *[fmt_pct(1 - survival_at(part, 365.25 * y)) for y in years]])
    table = pd.DataFrame(rows, columns=["Group", *[f"Complete by {y} {'year' if y == 1 else 'years'}" for y in years]])
    if table.empty:
        return Alternative("Share complete by years since publication: nothing to show.", table)
    said = listed([f"{r[0]} {r[2]}" for r in rows[:LEADERS]])
    sentence = (f"Share complete by years since publication, {len(rows):,} "
                f"{'group' if len(rows) == 1 else 'groups'}; by two years: {said}.")
    return Alternative(sentence, table)


def median_by_cohort(medians: pd.DataFrame) -> Alternative:
    """Median days to complete by year published, with the 95% interval."""
    df = medians.dropna(subset=["median"])
    table = pd.DataFrame({"Year published": df["grp"].astype(str), "Median days": [fmt_int(v) for v in df["median"]],
                          "95% interval from": [fmt_int(v) for v in df["median_lower"]],
                          "95% interval to": [fmt_int(v) for v in df["median_upper"]]})
    if table.empty:
        return Alternative("Median days to complete, by year published: no year has a median yet.", table)
    said = listed([f"{d} days for {y}" for y, d in zip(table["Year published"], table["Median days"], strict=True)][:LEADERS])
    more = " (the rest in the table)" if len(table) > LEADERS else ""
    return Alternative(f"Median days to complete, by year published: {said}{more}.", table)


def owners(df: pd.DataFrame) -> Alternative:
    """The meeting's owners with overdue and slipping items."""
    table = pd.DataFrame({"Owner": df["owner"], "Overdue": df["overdue"].astype(int),
                          "Slipping": df["slipping"].astype(int)})
    if table.empty:
        return Alternative("By owner: nothing is overdue or slipping.", table)
    first = table.iloc[0]
    sentence = (f"By owner, {len(table):,} owners with overdue or slipping items: {first['Owner']} has the most, "
                f"{first['Overdue']:,} overdue and {first['Slipping']:,} slipping (target moved later).")
    return Alternative(sentence, table)


def room_table(fig, sentence: str) -> Alternative:
    """A meeting screen's table, drawn as a figure, as a plain table: its rows as given, each on one line."""
    meta = fig.layout.meta
    rows = [[" ".join(str(cell).split()) for cell in row] for row in meta["rows"]]
    return Alternative(sentence, pd.DataFrame(rows, columns=list(meta["headers"])))
