"""Write the store back out: JSON, CSV (importable), XLSX (importable) and register records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from tracker.ingest.register import Entry, Record, write_record

RECS_SQL = """
SELECT r.key, r.id, r.force, rp.title AS report, r.kind, r.theme, r.text, r.published_on,
       r.owner, r.overseer, r.board, r.target_original, r.target_current
FROM recommendations r JOIN reports rp ON rp.id = r.report
ORDER BY r.force, r.id
"""
UPDATES_SQL = """
SELECT r.id, r.force, u.on_date AS date, u.status, u.text, u.key, u.position
FROM updates u JOIN recommendations r ON r.key = u.key
ORDER BY r.force, r.id, u.on_date, u.position
"""


def frames(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All recommendations and all updates, in a stable order."""
    cur = con.cursor()
    return cur.execute(RECS_SQL).df(), cur.execute(UPDATES_SQL).df()


def as_json(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Recommendations with their updates in date order and their latest status by date."""
    recs, updates = frames(con)
    grouped = {k: g for k, g in updates.groupby("key", sort=False)}
    out = []
    for rec in recs.itertuples(index=False):
        rows = grouped.get(rec.key)
        items = [] if rows is None else [
            {"date": pd.Timestamp(u.date).date().isoformat(), "status": none_if_na(u.status), "text": none_if_na(u.text)}
            for u in rows.itertuples(index=False)
        ]
        statuses = [i["status"] for i in items if i["status"]]
        target = rec.target_current
        out.append({
            "id": int(rec.id), "force": rec.force, "report": rec.report, "kind": rec.kind, "theme": rec.theme,
            "text": rec.text, "status": statuses[-1] if statuses else None, "owner": none_if_na(rec.owner),
            "overseer": none_if_na(rec.overseer),
            "target": None if pd.isna(target) else pd.Timestamp(target).date().isoformat(),
            "updates": items,
        })
    return out


def none_if_na(value):
    """None for pandas' missing values, the value otherwise."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def write_csv(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """recommendations.csv and updates.csv in a folder, in the columns the importer reads."""
    folder.mkdir(parents=True, exist_ok=True)
    recs, updates = frames(con)
    recs = recs.drop(columns=["key"])
    updates = updates.drop(columns=["key", "position"])
    paths = [folder / "recommendations.csv", folder / "updates.csv"]
    recs.to_csv(paths[0], index=False, date_format="%Y-%m-%d")
    updates.to_csv(paths[1], index=False, date_format="%Y-%m-%d")
    return paths


def write_xlsx(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """One workbook, sheets 'recommendations' and 'updates', dates as dates, header frozen."""
    from tracker.store.spreadsheet import write_workbook

    recs, updates = frames(con)
    write_workbook(path, {"recommendations": recs.drop(columns=["key"]), "updates": updates.drop(columns=["key", "position"])})
    return path


def write_records(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """One register-format record a file, in one folder a force."""
    recs, updates = frames(con)
    grouped = {k: g for k, g in updates.groupby("key", sort=False)}
    written = []
    for rec in recs.itertuples(index=False):
        rows = grouped.get(rec.key)
        entries = () if rows is None else tuple(
            Entry(pd.Timestamp(u.date).date(), none_if_na(u.status), none_if_na(u.text))
            for u in rows.sort_values("position").itertuples(index=False)
        )
        path = folder / rec.force / f"{rec.id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_record(Record(int(rec.id), rec.report, rec.text, entries)), encoding="utf-8")
        written.append(path)
    return written


def json_default(value):
    """Dates as ISO strings in JSON."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump_json(con: duckdb.DuckDBPyConnection) -> str:
    """The JSON export as text."""
    return json.dumps(as_json(con), ensure_ascii=False, indent=1, default=json_default)
