"""Write the store out: JSON, CSV and XLSX (both lossless, to import again) and register records, only where asked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from tracker.core.errors import TrackerError
from tracker.core.spreadsheet import write_workbook
from tracker.ingest.register import Entry, Record, write_record
from tracker.store.queries import quoted_statement, sql_text

SQL_DIR = Path(__file__).with_name("sql")


class ExportError(TrackerError, ValueError):
    """An output that cannot be written where it was asked for; the message says what to do."""


def query(con, name: str, **params) -> pd.DataFrame:
    """Run exports/sql/<name>.sql on its own cursor."""
    cur = con.cursor()
    try:
        return cur.execute(sql_text(SQL_DIR / f"{name}.sql"), params or None).df()
    finally:
        cur.close()


def frames(con: duckdb.DuckDBPyConnection, as_of: date | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All recommendations (their priorities as of a date; None: the latest) and all updates, in a stable order."""
    return query(con, "all_recommendations", as_of=as_of), query(con, "all_updates")


def links(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every link between items that stands (but a cause of concern's, which the recommendations carry)."""
    return query(con, "all_links")


def table_rows(recs: pd.DataFrame) -> pd.DataFrame:
    """The recommendations in the importer's columns; a priority as a whole number (the query's join leaves it a
    float where some have none)."""
    return recs.drop(columns=["key"]).astype({"priority": "Int64"})


def update_rows(updates: pd.DataFrame) -> pd.DataFrame:
    """The updates in the importer's columns; a percent complete as a whole number (a float where some have none)."""
    return updates.drop(columns=["key", "position"]).astype({"percent": "Int64"})


def inside(folder: Path, *parts: str) -> Path:
    """folder/parts…, proved to stay inside folder (a part such as '..' or '/abs' from data never escapes it)."""
    root = folder.resolve()
    path = root.joinpath(*parts).resolve()
    if not path.is_relative_to(root) or path == root:
        raise ExportError(f"{'/'.join(parts)!r} would be written outside {folder}; nothing was written")
    return path


def output_file(path: Path) -> Path:
    """A file path that can be written: not a folder, in a folder that exists (never made here: a mistyped folder
    would otherwise be created silently)."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name, e.g. {path / 'export.xlsx'}")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} does not exist; make the folder first or give another path")
    return path


def output_folder(folder: Path) -> Path:
    """A folder to write files into, created when missing; not a file."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; give a folder for this format")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def as_json(con: duckdb.DuckDBPyConnection, as_of: date) -> list[dict]:
    """Recommendations with all their updates in date order, and each one's status as of a date (as the dashboard
    shows it then: an update dated later has not happened yet)."""
    recs, updates = frames(con, as_of)
    statuses = dict(query(con, "statuses_as_of", as_of=as_of).itertuples(index=False, name=None))
    grouped = {k: g for k, g in updates.groupby("key", sort=False)}
    linked = {k: g for k, g in links(con).groupby("key", sort=False)}
    out = []
    for rec in recs.itertuples(index=False):
        rows = grouped.get(rec.key)
        items = [] if rows is None else [
            {"date": pd.Timestamp(u.date).date().isoformat(), "status": none_if_na(u.status), "text": none_if_na(u.text),
             **({"author": u.author, "review": u.review} if isinstance(u.author, str) else {}),
             **({"percent": whole(u.percent)} if whole(u.percent) is not None else {})}
            for u in rows.itertuples(index=False)
        ]
        status = statuses.get(rec.key)
        mine = linked.get(rec.key)
        out.append({
            "id": int(rec.id), "force": rec.force, "report": rec.report, "kind": rec.kind, "theme": rec.theme,
            "text": rec.text, "status": None if status in (None, "no-status") else status, "owner": none_if_na(rec.owner),
            "overseer": none_if_na(rec.overseer), "target": day(rec.target_current),
            "published_on": day(rec.published_on), "board": none_if_na(rec.board),
            "target_original": day(rec.target_original), "rag": none_if_na(rec.rag),
            "cause_of_concern": whole(rec.cause_of_concern), "peel_question": none_if_na(rec.peel_question),
            "priority": whole(rec.priority), "priority_reason": none_if_na(rec.priority_reason),
            "priority_on": day(rec.priority_on), "withheld_reason": none_if_na(rec.withheld_reason),
            "updates": items,
            "links": [] if mine is None else [
                {"relation": li.relation, "id": int(li.other_id), "force": li.other_force,
                 "reason": none_if_na(li.reason)} for li in mine.itertuples(index=False)],
        })
    return out


def none_if_na(value):
    """None for pandas' missing values, the value otherwise."""
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def day(value) -> str | None:
    """A date as ISO text, None for none."""
    return None if none_if_na(value) is None else pd.Timestamp(value).date().isoformat()


def whole(value) -> int | None:
    """A whole number (an id, a priority), None for none."""
    return None if none_if_na(value) is None else int(value)


def write_csv(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """recommendations.csv, updates.csv and links.csv in a folder, in the columns the importer reads: lossless, for
    importing again (values are exactly as held, so a text starting with '=' stays so; downloads for Excel are made
    inert)."""
    output_folder(folder)
    recs, updates = frames(con)
    paths = [folder / "recommendations.csv", folder / "updates.csv", folder / "links.csv"]
    table_rows(recs).to_csv(paths[0], index=False, date_format="%Y-%m-%d")
    update_rows(updates).to_csv(paths[1], index=False, date_format="%Y-%m-%d")
    links(con).drop(columns=["key"]).to_csv(paths[2], index=False)
    return paths


def write_xlsx(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """One workbook, sheets 'recommendations', 'updates' and 'links', dates as dates, header frozen, texts as texts
    (the same data gives the same bytes: core.spreadsheet)."""
    output_file(path)
    recs, updates = frames(con)
    write_workbook(path, {"recommendations": table_rows(recs), "updates": update_rows(updates),
                          "links": links(con).drop(columns=["key"])})
    return path


def write_records(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """One register-format record a file, in one folder a force."""
    output_folder(folder)
    recs, updates = frames(con)
    grouped = {k: g for k, g in updates.groupby("key", sort=False)}
    written = []
    for rec in recs.itertuples(index=False):
        rows = grouped.get(rec.key)
        entries = () if rows is None else tuple(
            Entry(pd.Timestamp(u.date).date(), none_if_na(u.status), none_if_na(u.text))
            for u in rows.sort_values("position").itertuples(index=False)
        )
        path = inside(folder, rec.force, f"{int(rec.id)}.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(write_record(Record(int(rec.id), rec.report, rec.text, entries)), encoding="utf-8")
        written.append(path)
    return written


def json_default(value):
    """Dates as ISO strings in JSON."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump_json(con: duckdb.DuckDBPyConnection, as_of: date) -> str:
    """The JSON export as text."""
    return json.dumps(as_json(con, as_of), ensure_ascii=False, indent=1, default=json_default)


# What an analyst's DuckDB file holds: every table a query of ours reads, as the app sees it (the workflow folded in).
ANALYST_TABLES = ("reports", "recommendations", "recommendation_versions", "updates", "status_spans", "comment_spans",
                  "rec_base", "people", "name_links", "events", "submissions", "meetings", "imports", "import_actions",
                  "extra_forces", "audit")


def write_duckdb(con, path: Path) -> Path:
    """A standalone DuckDB file of the data as it stands, for the analyst's own tools (written whole, then renamed in).

    The copy reaches no file itself, so each table is handed over as Arrow to a connection of the new file's own.
    """
    path = output_file(path)
    staged = path.with_name(f".{path.name}.partial")
    staged.unlink(missing_ok=True)
    out = duckdb.connect(str(staged))
    try:
        for table in ANALYST_TABLES:
            rows = con.cursor().sql(quoted_statement(SQL_DIR / "whole_table.sql", table=table)).to_arrow_table()
            out.register("rows", rows)
            out.execute(quoted_statement(SQL_DIR / "table_from_rows.sql", table=table))
            out.unregister("rows")
        out.close()
    except BaseException:
        out.close()
        staged.unlink(missing_ok=True)
        raise
    staged.replace(path)
    return path
