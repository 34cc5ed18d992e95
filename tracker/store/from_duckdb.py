"""Move a database the previous version kept in a DuckDB file (and its workflow journal beside it) into PostgreSQL,
exactly: every history row in one write, then each table's row count and content hash compared on both sides."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from tracker.store.copy import COPY_SQL, FILE_ERA, LATEST_BY, SQL_DIR, WORKFLOW, Replica
from tracker.store.database import StoreError, open_reader, writing
from tracker.store.queries import quoted_statement, sql_text
from tracker.store.server import Location

MOVE_SQL = SQL_DIR / "move"
JOURNAL_TABLES = WORKFLOW  # the tables the previous version kept in the journal beside its file
# Columns added after a file's era, and what its rows hold there: a journal before meetings has no meeting column, and
# meetings before boards had forces say neither whose board they were nor that it was national.
LATER = {"events": {"meeting": None, "public": None}, "meetings": {"force": None, "national": False},
         "people": {"job_title": None, "public_name": False}, "extra_forces": {"body": False},
         "recommendation_versions": {"cause_id": None, "peel_question": None}}
FILE_ONLY = ("schema_version", "written_at")  # facts of the file itself, kept in its meta: they do not move
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


def fingerprint(con, rows: pa.Table, columns: list[str]) -> tuple[int, str]:
    """(rows, MD5 of the rows as text in sorted order) of a table's rows, on a DuckDB connection: the same on both
    sides."""
    con.register("fingerprinted", rows)
    try:
        return tuple(con.execute(quoted_statement(MOVE_SQL / "fingerprint.sql", columns=tuple(columns))).fetchall()[0])
    finally:
        con.unregister("fingerprinted")


def source_tables(path: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, tuple[str, list[str]]]]:
    """The old file (and journal) opened read-only in a connection of their own, and where each history table is:
    {table: (its catalog, the columns it has)}."""
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    con = duckdb.connect(":memory:")
    try:
        con.execute(sql_text(MOVE_SQL / "attach_old_file.sql"), {"path": str(path)})
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path} is not a DuckDB file the tracker wrote: {exc}") from None
    version = con.execute(sql_text(MOVE_SQL / "old_schema_version.sql")).fetchall()
    if not version or version[0][0] != LAST_FILE_VERSION:
        con.close()
        found = version[0][0] if version else "none"
        raise StoreError(f"{path} was written by schema version {found}; open it once with the last DuckDB-file "
                         f"release (schema version {LAST_FILE_VERSION}) so it is upgraded, then move it")
    old = columns_of(con, "old")
    where = {t: ("old", old.get(t, [])) for t in FILE_ERA if t not in JOURNAL_TABLES}
    journal = journal_of(path)
    if journal.exists():
        con.execute(sql_text(MOVE_SQL / "attach_old_journal.sql"), {"path": str(journal)})
        have = columns_of(con, "old_journal")
        where |= {t: ("old_journal", have[t]) for t in JOURNAL_TABLES if t in have}
    return con, where


def columns_of(con, database: str) -> dict[str, list[str]]:
    """Each table of an attached catalog and its columns, in order."""
    out: dict[str, list[str]] = {}
    for table, column in con.execute(sql_text(MOVE_SQL / "old_columns.sql"), {"database": database}).fetchall():
        out.setdefault(table, []).append(column)
    return out


def file_rows(old, path: Path, table: str, database: str, have: list[str], copy: Replica) -> pa.Table:
    """A table's rows as the file holds them, in the copy's columns now: a column added since the file's era holds
    what LATER says; the file's own facts are left out of `meta`."""
    columns = copy.columns[table]
    missing = [c for c in columns if c not in have]
    if [c for c in missing if c not in LATER.get(table, {})]:
        raise StoreError(f"{path}: table {table} lacks {', '.join(missing)}")
    rows = old.sql(quoted_statement(MOVE_SQL / "old_rows.sql", database=database, table=table,
                                    columns=tuple(c for c in columns if c in have))).to_arrow_table()
    shape = copy.arrow_schema(table)
    for name in missing:
        rows = rows.append_column(shape.field(name), pa.array([LATER[table][name]] * rows.num_rows,
                                                               type=shape.field(name).type))
    if table == "meta":
        rows = rows.filter(pc.invert(pc.is_in(rows["key"], pa.array(FILE_ONLY))))
    return rows.select(columns)


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
    try:
        columns = copy.columns
        frames = {table: file_rows(old, path, table, database, have, copy) for table, (database, have) in where.items()}

        def load(con):
            for table, rows in frames.items():
                con.register("moving", rows)
                statement = "move_in_latest.sql" if table in LATEST_BY else "move_in.sql"
                con.execute(quoted_statement(MOVE_SQL / statement, table=table, columns=tuple(columns[table])))
                con.unregister("moving")

        with writing(location) as con:
            load(con)
        fresh = Replica(location)  # read back from PostgreSQL alone, as a new replica would
        out = []
        for table in where:
            rows_before, hash_before = fingerprint(old, frames[table], columns[table])
            held = fresh.cursor().sql(quoted_statement(COPY_SQL / "table_rows.sql", table=table,
                                                       columns=tuple(columns[table]))).to_arrow_table()
            rows_after, hash_after = fingerprint(old, held, columns[table])
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
