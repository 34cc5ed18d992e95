"""Move a database the previous version kept in a DuckDB file (and its workflow journal beside it) into PostgreSQL,
exactly: every history row in one write, then each table's row count and content hash compared on both sides."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tracker.store.copy import FILE_ERA, LATEST_BY, Replica
from tracker.store.database import StoreError, open_reader, writing
from tracker.store.server import Location

JOURNAL_TABLES = ("events", "meetings", "reminder_settings", "reminders_sent")
# Columns added after a file's era, and what its rows hold there: a journal before meetings has no meeting column, and
# meetings before boards had forces say neither whose board they were nor that it was national.
LATER = {"events": {"meeting": "NULL", "public": "NULL::BOOLEAN"}, "meetings": {"force": "NULL", "national": "false"},
         "people": {"job_title": "NULL::VARCHAR", "public_name": "false"}, "extra_forces": {"body": "false"},
         "recommendation_versions": {"cause_id": "NULL::INTEGER", "peel_question": "NULL::VARCHAR"}}
LAST_FILE_VERSION = "9"  # the schema version the last DuckDB-file release wrote


@dataclass(frozen=True)
class Moved:
    """One table as it was in the file and as PostgreSQL holds it now."""

    table: str
    rows_before: int
    hash_before: str
    rows_after: int
    hash_after: str

    @property
    def same(self) -> bool:
        return (self.rows_before, self.hash_before) == (self.rows_after, self.hash_after)


def journal_of(path: Path) -> Path:
    """The workflow journal the previous version kept beside a file: tracker.duckdb -> tracker.journal.duckdb."""
    path = Path(os.path.realpath(path))
    return path.with_name(f"{path.stem}.journal{path.suffix or '.duckdb'}")


def fingerprint(con, table: str, columns: list[str]) -> tuple[int, str]:
    """(rows, MD5 of the rows as text in sorted order) of a table, on a DuckDB connection: the same on both sides."""
    cols = ", ".join(f'"{c}"' for c in columns)
    return tuple(con.execute(f"SELECT count(*), coalesce(md5(string_agg(r, chr(10) ORDER BY r)), '') FROM "
                             f"(SELECT CAST(row({cols}) AS VARCHAR) AS r FROM {table})").fetchall()[0])


def source_tables(path: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, str]]:
    """The old file (and journal) opened read-only in a connection of their own, and where each history table is."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH $p AS old (READ_ONLY)", {"p": str(path)})
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path} is not a DuckDB file the tracker wrote: {exc}") from None
    version = con.execute("SELECT value FROM old.main.meta WHERE key = 'schema_version'").fetchall()
    if not version or version[0][0] != LAST_FILE_VERSION:
        con.close()
        found = version[0][0] if version else "none"
        raise StoreError(f"{path} was written by schema version {found}; open it once with the last DuckDB-file "
                         f"release (schema version {LAST_FILE_VERSION}) so it is upgraded, then move it")
    where = {t: f"old.main.{t}" for t in FILE_ERA if t not in JOURNAL_TABLES}
    journal = journal_of(path)
    if journal.exists():
        con.execute("ATTACH $p AS old_journal (READ_ONLY)", {"p": str(journal)})
        have = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = "
                                          "'old_journal'").fetchall()}
        where |= {t: f"old_journal.main.{t}" for t in JOURNAL_TABLES if t in have}
    return con, where


def move(path: Path, location: Location, say=print) -> list[Moved]:
    """Copy every history row of the file into an empty database in one write; compare counts and hashes.

    The file's `meta` holds facts of the file itself (its schema version, when it was written): only the data's facts
    (demo flag and date, last import) move. Raises StoreError when the database already holds anything, or when any
    table differs after the move (naming it).
    """
    path = Path(path)
    copy = open_reader(location)
    if copy.watermark != 0:
        raise StoreError(f"{location.label} already holds data; move a file only into an empty database")
    old, where = source_tables(path)
    file_only = ("schema_version", "written_at")
    try:
        columns = copy.columns
        frames, mapped = {}, {}
        for table, source in where.items():
            have = [c for (c,) in old.execute(f"SELECT column_name FROM (DESCRIBE {source})").fetchall()]
            missing = [c for c in columns[table] if c not in have]
            if [c for c in missing if c not in LATER.get(table, {})]:
                raise StoreError(f"{path}: table {table} lacks {', '.join(missing)}")
            select = ", ".join(f'"{c}"' if c in have else f'{LATER[table][c]} AS "{c}"' for c in columns[table])
            where_clause = f" WHERE key NOT IN {file_only}" if table == "meta" else ""
            mapped[table] = f"(SELECT {select} FROM {source}{where_clause})"
            frames[table] = old.sql(mapped[table]).to_arrow_table()

        def load(con):
            for table, rows in frames.items():
                con.register("moving", rows)
                verb = "INSERT OR REPLACE" if table in LATEST_BY else "INSERT"
                names = ", ".join(f'"{c}"' for c in columns[table])
                con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM moving")
                con.unregister("moving")

        with writing(location) as con:
            load(con)
        fresh = Replica(location)  # read back from PostgreSQL alone, as a new replica would
        out = []
        for table in where:
            rows_before, hash_before = fingerprint(old, mapped[table], columns[table])
            rows_after, hash_after = fingerprint(fresh.cursor(), f"tracker.main.{table}", columns[table])
            moved = Moved(table, rows_before, hash_before, rows_after, hash_after)
            say(f"{table:<24} {rows_before:>9,} rows  {hash_before}  →  {rows_after:>9,} rows  {hash_after}"
                f"  {'same' if moved.same else 'DIFFERENT'}")
            out.append(moved)
        fresh.shutdown()
    finally:
        old.close()
    different = [m.table for m in out if not m.same]
    if different:
        raise StoreError(f"the move did not copy {', '.join(different)} exactly; compare the lines above")
    return out
