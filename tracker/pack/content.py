"""What goes in a board pack, gathered through the same named queries the pages use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from tracker.analysis.survival import AT_RISK_SHOWN
from tracker.core import clock
from tracker.core.display import DASH, fmt_date, fmt_days, fmt_int, fmt_pct, missing
from tracker.core.filters import Filters
from tracker.core.policies import rag_rules
from tracker.core.rag import Rules, rated
from tracker.core.sources import source_name
from tracker.core.statuses import label
from tracker.core.text import clip as clip_text

Query = Callable[..., pd.DataFrame | dict | None]  # (name, filters, **extra parameters) -> rows, or a row (:one)
TABLE_ROWS = 25
APPENDIX_ITEMS = 100
WORKLOAD_PEOPLE = 15


@dataclass
class PackContent:
    """Every figure and table of one pack, and what it was built for."""

    filters: Filters
    since: date
    info: dict
    headline: dict
    funnel: pd.DataFrame
    by_force: pd.DataFrame
    overdue: pd.DataFrame
    stale: pd.DataFrame
    workload: pd.DataFrame
    trend: pd.DataFrame
    national_trend: pd.DataFrame | None
    changes: pd.DataFrame
    appendix: pd.DataFrame
    km: dict | None = None  # the Kaplan–Meier median time to complete and its interval (km_medians)
    at_risk: pd.DataFrame | None = None  # open items unlikely to be complete by their target (forecasts)
    off_track: pd.DataFrame | None = None  # open items marked off track before they are overdue
    rules: Rules = field(default_factory=Rules)  # each force's RAG rule on the as-of date
    generated_at: datetime = field(default_factory=lambda: clock.now())

    @property
    def is_demo(self) -> bool:
        """Whether the data is the demo dataset."""
        return bool(self.info.get("is_demo"))

    def scope(self) -> list[tuple[str, str]]:
        """The filters as (name, value) lines for the cover; 'All' where a filter is empty."""
        f = self.filters
        return [
            ("Scope", scope_text(f)),
            ("Forces", ", ".join(f.forces) or ("All forces (national)" if f.scope is None else "All in scope")),
            ("Sources", ", ".join(source_name(s) for s in f.sources) or "All"),
            ("Themes", ", ".join(f.themes) or "All"),
            ("Reports", ", ".join(f.reports) or "All"),
            ("Kinds", ", ".join(f.kinds) or "All"),
            ("Statuses", ", ".join(f.statuses) or "All"),
            ("Owners", ", ".join(f.owners) or "All"),
            ("Search", f.q or DASH),
            ("Stale after", f"{f.stale_days} days without an update"),
        ]

    def dates(self) -> list[tuple[str, str]]:
        """The dates a reader needs: as of, changes since, the data's latest update and import."""
        return [
            ("As of", fmt_date(self.filters.as_of)),
            ("Changes since", fmt_date(self.since)),
            ("Latest update in the data", fmt_date(self.info.get("last_update_on"))),
            ("Last import", str(self.info.get("last_import_at") or DASH).replace("T", " ")),
            ("Pack generated", self.generated_at.strftime("%d %b %Y %H:%M")),
        ]

    def tiles(self) -> list[tuple[str, str]]:
        """The headline figures as (label, value), the same as the Overview page's tiles."""
        h = self.headline
        return [
            ("Recommendations", fmt_int(h["total"])),
            ("Open", fmt_int(h["open"])),
            ("Complete", fmt_int(h["complete"])),
            ("Overdue", fmt_int(h["overdue"])),
            ("Stale", fmt_int(h["stale"])),
            ("Implementation rate", fmt_pct(h["implementation_rate"])),
            ("Median time to complete", fmt_days(self.km["median"]) if self.km else DASH),
        ]

    def rated(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Rows of open items with their RAG in words ('rating'), each by its force's rule on the as-of date."""
        return rated(rows, self.rules, self.filters.as_of, symbols=False)

    def rag_legend(self) -> str:
        """The RAG rules of the forces in the pack's overdue and stale tables, in words."""
        return self.rules.legend([*self.overdue["force"], *self.stale["force"], *self.appendix["force"]])

    def change_counts(self) -> list[tuple[str, int]]:
        """How many items changed since the previous meeting, by kind of change."""
        counts = self.changes["change"].value_counts() if len(self.changes) else pd.Series(dtype=int)
        return [(kind, int(counts.get(kind, 0))) for kind in ("newly complete", "newly overdue", "status changed", "new")]


def scope_text(filters: Filters) -> str:
    """Whose items a pack holds: every force, or only those its reader may see."""
    if filters.scope is None:
        return "Every force (national)"
    return "Only " + (", ".join(filters.scope) or "nothing") + ": the forces this pack's reader may see"


def default_since(as_of: date) -> date:
    """The previous meeting's date when none is given: a quarter (91 days) before the as-of date."""
    return as_of - timedelta(days=91)


def gather(query: Query, filters: Filters, since: date | None = None) -> PackContent:
    """Run every query the pack needs for these filters."""
    since = since or default_since(filters.as_of)
    trend = query("quarterly_trend", filters)
    return PackContent(
        filters=filters,
        since=since,
        info=query("data_info", filters.only_date()),
        headline=query("headline", filters),
        funnel=query("status_funnel", filters),
        by_force=query("status_by_force", filters),
        # Only the rows the tables show; the headline holds how many there are in all.
        overdue=query("overdue_items", filters, sort="days_overdue", limit=TABLE_ROWS),
        stale=query("stale_items", filters, limit=TABLE_ROWS),
        workload=query("owner_workload", filters, by="owner"),
        trend=trend,
        national_trend=query("quarterly_trend", filters.national()) if filters.forces else None,
        changes=query("changes_since", filters, since=since),
        appendix=query("overdue_with_comments", filters, limit=APPENDIX_ITEMS),
        km=first_row(query("km_medians", filters, split="none")),
        at_risk=query("at_risk_items", filters, limit=AT_RISK_SHOWN),
        off_track=query("off_track_items", filters, limit=TABLE_ROWS),
        rules=rag_rules(query("force_policies", filters.only_date()).to_dict("records")),
    )


def first_row(frame: pd.DataFrame) -> dict | None:
    """A one-group result as a dict (None when there is none)."""
    return frame.iloc[0].to_dict() if len(frame) else None


def connection_query(con) -> Query:
    """A Query that runs on an open DuckDB connection (the command line's way)."""
    from tracker.store import queries

    def run(name: str, filters: Filters, **extra) -> pd.DataFrame | dict | None:
        return queries.run(con, name, **filters.params(), **extra)

    return run


@dataclass(frozen=True)
class Table:
    """A table as both writers draw it: text cells, relative column widths and a note on what was left out."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]
    note: str = ""


clip = clip_text  # a pack's cells: nothing for none

def day(value) -> str:
    """A date cell."""
    return fmt_date(value)


def rag_cell(rating: str, percent) -> str:
    """A pack's RAG cell: the rating in words and the percent complete it was rated by, or that its dates rated it."""
    return f"{rating}, by dates" if missing(percent) else f"{rating}, {int(percent)}%"


def shown_note(shown: int, total: int, what: str) -> str:
    """'First 25 of 312 …' when rows were left out, else nothing."""
    return f"First {shown:,} of {total:,} {what}; every row is in the dashboard's XLSX download." if total > shown else ""


def tables(content: PackContent, rows: int = TABLE_ROWS) -> dict[str, Table]:
    """The pack's tables, keyed by section: overdue, off track, stale, workload, at risk, changes."""
    o, s, w, c = content.rated(content.overdue), content.rated(content.stale), content.workload, content.changes
    legend = content.rag_legend() if len(o) or len(s) else ""
    at_risk = content.at_risk if content.at_risk is not None else pd.DataFrame(
        columns=["key", "force", "owner", "target_current", "p_by_target", "expected_on", "text"])
    off = content.off_track if content.off_track is not None else pd.DataFrame(
        columns=["key", "force", "owner", "target_current", "forecast", "reason"])
    return {
        "off_track": Table(
            "Off track before they are overdue", ("Item", "Force", "Owner", "Target", "Revised forecast", "Why"),
            [(r.key, r.force, clip(r.owner, 28) or DASH, day(r.target_current), day(r.forecast), clip(r.reason, 90))
             for r in off.head(rows).itertuples()],
            (0.08, 0.11, 0.12, 0.09, 0.1, 0.5), shown_note(min(rows, len(off)), len(off), "items off track")),
        "overdue": Table(
            "Overdue items", ("Item", "RAG", "Force", "Owner", "Status", "Target", "Days overdue", "Recommendation"),
            [(r.key, rag_cell(r.rating, r.percent), r.force, clip(r.owner, 28) or DASH, label(r.status),
              day(r.target_current), fmt_int(r.days_overdue), clip(r.text, 80)) for r in o.head(rows).itertuples()],
            (0.08, 0.09, 0.1, 0.11, 0.1, 0.09, 0.07, 0.36),
            " ".join(filter(None, (shown_note(min(rows, len(o)), int(content.headline["overdue"]), "overdue items"),
                                   legend)))),
        "stale": Table(
            f"Stale items: no update for more than {content.filters.stale_days} days",
            ("Item", "RAG", "Force", "Owner", "Status", "Last update", "Days silent", "Recommendation"),
            [(r.key, rag_cell(r.rating, r.percent), r.force, clip(r.owner, 28) or DASH, label(r.status),
              day(r.last_update_on), fmt_int(r.days_since_update), clip(r.text, 80)) for r in s.head(rows).itertuples()],
            (0.08, 0.09, 0.1, 0.11, 0.1, 0.09, 0.07, 0.36),
            " ".join(filter(None, (shown_note(min(rows, len(s)), int(content.headline["stale"]), "stale items"),
                                   legend)))),
        "workload": Table(
            "Owner workloads", ("Owner", "Force", "Open", "Overdue", "Due in 30 days", "Stale"),
            [(clip(r.person, 40), clip(r.force, 60), fmt_int(r.open), fmt_int(r.overdue), fmt_int(r.due_30),
              fmt_int(r.stale)) for r in w.head(WORKLOAD_PEOPLE).itertuples()],
            (0.22, 0.38, 0.1, 0.1, 0.1, 0.1), shown_note(min(WORKLOAD_PEOPLE, len(w)), len(w), "owners")),
        "at_risk": Table(
            "At risk of missing their target (forecast)", ("Item", "Force", "Owner", "Target", "Chance by target",
                                                           "Expected", "Recommendation"),
            [(r.key, r.force, clip(r.owner, 28) or DASH, day(r.target_current), fmt_pct(r.p_by_target),
              day(r.expected_on), clip(r.text, 80)) for r in at_risk.head(rows).itertuples()],
            (0.08, 0.11, 0.12, 0.09, 0.09, 0.09, 0.42),
            shown_note(min(rows, len(at_risk)), len(at_risk), "items at risk")),
        "changes": Table(
            f"Changes since {fmt_date(content.since)}", ("Change", "Item", "Force", "Owner", "Then", "Now", "Recommendation"),
            [(r.change.capitalize(), r.key, r.force, clip(r.owner, 28) or DASH,
              label(r.status_before) if r.status_before != "not yet published" else "Not yet published",
              label(r.status_now), clip(r.text, 70)) for r in c.head(rows).itertuples()],
            (0.1, 0.08, 0.1, 0.12, 0.12, 0.12, 0.36), shown_note(min(rows, len(c)), len(c), "changes")),
    }
