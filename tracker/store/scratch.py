"""A write's own small copy: the history of the few items its rules read, from PostgreSQL inside the write's
transaction (after it locked them), in a DuckDB with the copy's schema, derived by the same functions: so a rule
reads an item exactly as the pages show it, and a write never needs the whole copy."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from tracker.store.copy import COPY_SQL, arrow_rows, derive, history_shape, insert_rows, make_copy
from tracker.store.queries import pg_statement, sql_text
from tracker.store.write import Write

PG_SQL_DIR = Path(__file__).with_name("pg_sql")
BY_ITEM = ("recommendation_versions", "updates", "events", "evidence", "item_links")  # an item's own rows
WHOLE = ("meta", "imports", "import_actions", "extra_forces", "meetings", "people", "name_aliases",
         "force_policies")  # small, shared
_lock = threading.Lock()
_made: list = []  # the process's one scratch database, made on first use: (connection, history shape)


def scratch_database(w: Write) -> tuple[duckdb.DuckDBPyConnection, dict[str, pa.Schema]]:
    """The process's scratch DuckDB (the copy's schema, empty), made once, and its history tables' shape (the
    migrations' schema, the same for every database this release opens). Called holding the scratch's lock."""
    if not _made:
        shape = history_shape(w.pg)
        _made.append((make_copy(shape)[0], shape))
    return _made[0]


@contextmanager
def items_copy(w: Write, keys: Iterable[str], reports: Iterable[str] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB cursor on the history of these items (as the write's transaction sees it: its own rows included), their
    reports and any other `reports`, and the small shared tables, with the derived tables built, on a reader's search
    path. Nothing of it outlives the block: it is one DuckDB transaction, rolled back."""
    with _copy(w, (*BY_ITEM, *WHOLE, "reports"), sorted(set(keys)), sorted(set(reports))) as cur:
        derive(cur, similarity=False)
        cur.execute(sql_text(COPY_SQL / "read_path.sql"))
        yield cur


@contextmanager
def tables_copy(w: Write, tables: Iterable[str], keys: Iterable[str] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB cursor on these history tables as the write's transaction sees them (the small shared ones whole, an
    item's own rows for the items `keys`), for a rule that reads nothing derived. Rolled back, like items_copy."""
    with _copy(w, tuple(tables), sorted(set(keys)), []) as cur:
        cur.execute(sql_text(COPY_SQL / "read_path.sql"))
        yield cur


@contextmanager
def _copy(w: Write, tables: tuple[str, ...], keys: list[str], reports: list[str]):
    """The scratch database's cursor in a transaction, holding these tables' rows from the write's transaction."""
    with _lock:
        con, shape = scratch_database(w)
        cur = con.cursor()
        cur.begin()
        try:
            cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
            for table in tables:
                statement = ("item_rows" if table in BY_ITEM else "item_reports" if table == "reports"
                             else "whole_table")
                names = shape[table].names
                rows = w.pg.execute(pg_statement(statement, table=table, columns=tuple(names)),
                                    {"keys": keys, "reports": reports}).fetchall()
                if rows:
                    insert_rows(cur, table, names, arrow_rows(shape[table], rows))
            yield cur
        finally:
            cur.rollback()
            cur.close()
