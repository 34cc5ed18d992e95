"""A batch of recommendations and updates ready to store, and storing it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from tracker.core.statuses import slugify

REC_COLUMNS = [
    "key", "id", "force", "report", "kind", "theme", "theme_from", "text", "published_on",
    "owner", "owner_extracted", "overseer", "overseer_extracted", "board", "board_extracted",
    "target_original", "target_current", "target_text", "target_extracted",
]
REPORT_COLUMNS = ["id", "title", "published_on", "inspectorate"]
UPDATE_COLUMNS = ["key", "on_date", "status", "text", "source", "position"]
KINDS = ("recommendation", "area for improvement", "cause of concern")


@dataclass
class Batch:
    """What one import will add: three frames with the columns above, and warnings."""

    kind: str
    sources: list[str]
    reports: pd.DataFrame
    recommendations: pd.DataFrame
    updates: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


@dataclass
class Summary:
    """What an import did."""

    recommendations_added: int
    recommendations_changed: int
    updates_added: int
    updates_already_held: int
    warnings: list[str]

    @property
    def changed_anything(self) -> bool:
        """Whether the database has anything new."""
        return bool(self.recommendations_added or self.recommendations_changed or self.updates_added)


def rec_key(rec_id: int, force: str) -> str:
    """The key of a recommendation in a force: '8019-west-yorkshire'."""
    return f"{rec_id}-{slugify(force)}"


def inspectorate_for(title: str, published_on) -> str:
    """Which inspectorate published a report: joint with HMCPSI where the CPS is inspected too."""
    name = "HMIC" if published_on is not None and published_on < pd.Timestamp("2017-07-19").date() else "HMICFRS"
    lowered = title.lower()
    if "cps" in lowered or "crown prosecution" in lowered or "joint" in lowered:
        return f"{name} and HMCPSI"
    return name


def reports_frame(titles_dates: pd.DataFrame) -> pd.DataFrame:
    """Reports from (title, published_on) pairs: one row a title, earliest date."""
    grouped = titles_dates.groupby("title", as_index=False)["published_on"].min()
    grouped["id"] = grouped["title"].map(slugify)
    grouped["inspectorate"] = [inspectorate_for(t, d) for t, d in zip(grouped["title"], grouped["published_on"], strict=False)]
    return grouped[REPORT_COLUMNS]


def store_batch(con: duckdb.DuckDBPyConnection, batch: Batch, kind_label: str | None = None) -> Summary:
    """Add a batch inside the caller's transaction: upsert reports and recommendations, append new updates."""
    cur = con.cursor()
    cur.register("batch_reports", batch.reports[REPORT_COLUMNS])
    cur.register("batch_recs", batch.recommendations[REC_COLUMNS])
    cur.register("batch_updates", batch.updates[UPDATE_COLUMNS])
    import_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchone()[0]
    added, changed = cur.execute(
        """
        SELECT count(*) FILTER (WHERE r.key IS NULL),
               count(*) FILTER (WHERE r.key IS NOT NULL AND (
                   r.text IS DISTINCT FROM b.text OR r.report IS DISTINCT FROM b.report
                   OR r.kind IS DISTINCT FROM b.kind OR r.theme IS DISTINCT FROM b.theme
                   OR r.owner IS DISTINCT FROM coalesce(b.owner, r.owner)
                   OR r.overseer IS DISTINCT FROM coalesce(b.overseer, r.overseer)
                   OR r.board IS DISTINCT FROM coalesce(b.board, r.board)
                   OR r.target_current IS DISTINCT FROM coalesce(b.target_current, r.target_current)
                   OR r.published_on IS DISTINCT FROM b.published_on))
        FROM batch_recs b LEFT JOIN recommendations r ON r.key = b.key
        """
    ).fetchone()
    cur.execute(
        """
        CREATE OR REPLACE TEMP TABLE new_updates AS
        SELECT DISTINCT ON (b.key, b.on_date, b.status, b.text) b.*
        FROM batch_updates b
        WHERE NOT EXISTS (
            SELECT 1 FROM updates u
            WHERE u.key = b.key AND u.on_date = b.on_date
              AND u.status IS NOT DISTINCT FROM b.status AND u.text IS NOT DISTINCT FROM b.text)
        ORDER BY b.key, b.on_date, b.status, b.text, b.position
        """
    )
    new_updates = cur.execute("SELECT count(*) FROM new_updates").fetchone()[0]
    summary = Summary(added, changed, new_updates, len(batch.updates) - new_updates, batch.warnings)
    if not summary.changed_anything:
        return summary
    cur.execute(
        """
        INSERT INTO reports SELECT * FROM batch_reports
        ON CONFLICT (id) DO UPDATE SET published_on = least(reports.published_on, excluded.published_on)
        """
    )
    cur.execute(
        """
        INSERT INTO recommendations SELECT *, $import_id FROM batch_recs
        ON CONFLICT (key) DO UPDATE SET
            report = excluded.report, kind = excluded.kind, text = excluded.text,
            theme = excluded.theme, theme_from = excluded.theme_from,
            published_on = excluded.published_on,
            owner = coalesce(excluded.owner, recommendations.owner),
            owner_extracted = CASE WHEN excluded.owner IS NULL THEN recommendations.owner_extracted ELSE excluded.owner_extracted END,
            overseer = coalesce(excluded.overseer, recommendations.overseer),
            overseer_extracted = CASE WHEN excluded.overseer IS NULL THEN recommendations.overseer_extracted ELSE excluded.overseer_extracted END,
            board = coalesce(excluded.board, recommendations.board),
            board_extracted = CASE WHEN excluded.board IS NULL THEN recommendations.board_extracted ELSE excluded.board_extracted END,
            target_original = coalesce(recommendations.target_original, excluded.target_original),
            target_current = coalesce(excluded.target_current, recommendations.target_current),
            target_text = coalesce(excluded.target_text, recommendations.target_text),
            target_extracted = CASE WHEN excluded.target_current IS NULL THEN recommendations.target_extracted ELSE excluded.target_extracted END
        """,
        {"import_id": import_id},
    )
    cur.execute(
        "INSERT INTO updates SELECT key, on_date, status, text, source, position, $import_id FROM new_updates",
        {"import_id": import_id},
    )
    cur.execute(
        "INSERT INTO imports VALUES ($id, $at, $kind, $sources, $recs, $updates)",
        {
            "id": import_id,
            "at": datetime.now().replace(microsecond=0),
            "kind": kind_label or batch.kind,
            "sources": "; ".join(batch.sources)[:2000],
            "recs": added,
            "updates": new_updates,
        },
    )
    return summary
