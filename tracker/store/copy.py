"""A replica's DuckDB copy of the system of record: loaded once from PostgreSQL, kept current to a watermark by
pulling only the rows of later writes, with the derived tables every query reads.

The copy holds the history tables under the catalog `tracker` with the derived tables beside them, and the workflow
folded in (the schema `tracker.folded`, first on a reader's search path: `updates` with the rows the workflow's
events add; every item's spans are computed over both). A write's own small copy (store/scratch.py) is made
the same way and derived by the same functions, so the rules read an item as the pages show it.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from tracker.core.forces import BODIES
from tracker.store.name_links import refresh_links
from tracker.store.queries import pg_statement, quoted_statement, sql_text
from tracker.store.server import Location, StoreError, Unavailable, first_line, pool, ready, service_errors

SCHEMA_DIR = Path(__file__).with_name("schema")
SQL_DIR = Path(__file__).with_name("sql")
COPY_SQL = SQL_DIR / "copy"  # the copy's own statements: its catalog `tracker`, the pulls, the folding-in
PG_SQL_DIR = Path(__file__).with_name("pg_sql")  # statements PostgreSQL runs
# The history tables, as PostgreSQL holds them. Two keep only their latest row a key in the copy.
HISTORY = ("meta", "imports", "reports", "recommendation_versions", "extra_forces", "updates", "people",
           "name_aliases", "audit", "import_actions", "saved_mappings", "events", "meetings", "reminder_settings",
           "reminders_sent", "evidence", "responses", "publications", "item_links", "peel_grades", "reminders_bounced",
           "force_policies", "source_addressees")
LATEST_BY = {"meta": "key", "reports": "id"}
# The history the derived tables (recommendations, rec_base, name_links, the spans) are computed from: a write to
# any of these rebuilds them all; new events or meetings fold in again only the items they touch.
DERIVED_FROM = {"recommendation_versions", "import_actions", "reports", "updates", "people", "name_aliases",
                "extra_forces"}
READER_CONFIG = {"memory_limit": "1GB", "threads": 2, "allocator_background_threads": True}
CHECK_EVERY = 0.05  # seconds: reruns closer together than this share one look at the watermark


def pg_call(location: Location, fn):
    """Run fn(connection) on a pooled connection; an unreachable server becomes Unavailable with a clear message."""
    with service_errors(), pool(location).connection() as con:
        return fn(con)


ARROW_TYPES = {"text": pa.string(), "integer": pa.int32(), "bigint": pa.int64(), "boolean": pa.bool_(),
               "date": pa.date32(), "timestamp without time zone": pa.timestamp("us"), "_text": pa.list_(pa.string()),
               "_int4": pa.list_(pa.int32()), "_int8": pa.list_(pa.int64())}


def history_shape(pg) -> dict[str, pa.Schema]:
    """Each history table's columns and types, as PostgreSQL's catalogue describes what the migrations made (less
    change_no), as Arrow: the one schema every copy's history tables are made from."""
    fields: dict[str, list] = {t: [] for t in HISTORY}
    for table, column, data_type, udt_name in pg.execute(sql_text(PG_SQL_DIR / "history_columns.sql"),
                                                          {"tables": list(HISTORY)}).fetchall():
        kind = ARROW_TYPES.get(udt_name if data_type == "ARRAY" else data_type)
        if kind is None:
            raise StoreError(f"the copy cannot hold {table}.{column}, of PostgreSQL's type {data_type} ({udt_name})")
        fields[table].append(pa.field(column, kind))
    missing = [t for t, f in fields.items() if not f]
    if missing:
        raise StoreError(f"the database has no table {missing[0]}: run 'python -m tracker migrate'")
    return {t: pa.schema(f) for t, f in fields.items()}


def make_copy(shape: dict[str, pa.Schema], config: dict | None = None, folder: Path | None = None
              ) -> tuple[duckdb.DuckDBPyConnection, dict[str, list[str]]]:
    """A new DuckDB holding the copy's schema, empty: the history tables in the shape PostgreSQL gives (history_shape),
    then the derived tables, views and macros of schema/. In memory, or with `folder` in a file of its own there
    (tracker.duckdb, made afresh), which DuckDB pages in and out under its memory limit. The connection, and each
    history table's columns."""
    if folder is None:
        con = duckdb.connect(":memory:", config=config or {})
        con.execute(sql_text(COPY_SQL / "attach_memory.sql"))
    else:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("tracker.duckdb*"):
            old.unlink()
        con = duckdb.connect(str(folder / "tracker.duckdb"), config={**(config or {}), "temp_directory": str(folder)})
    # The copy reaches no other file: nothing from the data or a query can read or write one.
    con.execute(sql_text(COPY_SQL / "open_copy.sql"))
    cur = con.cursor()
    cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
    for table, schema in shape.items():
        cur.register("shape", schema.empty_table())
        cur.execute(quoted_statement(COPY_SQL / "create_history_table.sql", table=table))
        cur.unregister("shape")
    for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
        cur.execute(sql_text(sql_file))
    cur.execute(sql_text(SQL_DIR / "add_known_bodies.sql"), {"names": list(BODIES)})
    cur.execute(sql_text(COPY_SQL / "fold_views.sql"))
    cur.close()
    return con, {t: schema.names for t, schema in shape.items()}


def arrow_rows(schema: pa.Schema, rows: list[tuple]) -> pa.Table:
    """Rows read from PostgreSQL (a history table's columns, then change_no) as Arrow, typed as the copy holds them."""
    schema = schema.append(pa.field("change_no", pa.int64()))
    return pa.Table.from_pylist([dict(zip(schema.names, r, strict=True)) for r in rows], schema=schema)


def insert_rows(cur, table: str, columns: list[str], rows) -> None:
    """Add rows (Arrow, in `columns` and change_no) to the copy's table; the latest row a key replaces the held one
    where only it counts."""
    cur.register("pulled", rows)
    try:
        if table in LATEST_BY:
            cur.execute(quoted_statement(COPY_SQL / "replace_latest_pulled.sql", table=table, key=LATEST_BY[table]))
            cur.execute(quoted_statement(COPY_SQL / "append_latest_pulled.sql", table=table, columns=tuple(columns),
                                         key=LATEST_BY[table]))
        else:
            cur.execute(quoted_statement(COPY_SQL / "append_pulled.sql", table=table, columns=tuple(columns)))
    finally:
        cur.unregister("pulled")


def derive(cur, keys: list[str] | None = None, similarity: bool = True) -> None:
    """Rebuild the derived tables from the history (keys None), or those of these items only (new events arrived
    for them). Each item's history is its imported updates with the rows the workflow's events add (the fold path:
    sql/copy/fold_views.sql), and its spans are computed over both. `similarity`: the related recommendations' weights
    too (a write's own copy of a few items reads none)."""
    cur.execute(sql_text(COPY_SQL / "fold_path.sql"))
    if keys is None:
        cur.execute(sql_text(SCHEMA_DIR / "derived" / "current.sql"))
        refresh_links(cur)
        cur.execute(sql_text(COPY_SQL / "unfold_all.sql"))
        cur.execute(sql_text(COPY_SQL / "add_workflow_rows.sql"), {"keys": None})
        cur.execute(sql_text(SCHEMA_DIR / "derived" / "refresh.sql"))
        if similarity:
            cur.execute(sql_text(SCHEMA_DIR / "derived" / "similarity.sql"))
    elif keys:
        cur.execute(sql_text(COPY_SQL / "unfold_workflow_rows.sql"), {"keys": keys})
        cur.execute(sql_text(COPY_SQL / "add_workflow_rows.sql"), {"keys": keys})
        for spans in ("status_spans", "comment_spans"):
            cur.execute(quoted_statement(COPY_SQL / "unfold_spans.sql", spans=spans), {"keys": keys})
        cur.execute(sql_text(COPY_SQL / "fold_status_spans.sql"), {"keys": keys})
        cur.execute(sql_text(COPY_SQL / "fold_comment_spans.sql"), {"keys": keys})
    cur.execute(sql_text(COPY_SQL / "use_copy.sql"))


class Replica:
    """The process's copy of one database: readers take cursors on it as of its watermark."""

    def __init__(self, location: Location):
        self.location = location
        self.lock = threading.RLock()
        self.watermark = -1
        self.epoch = None
        self.checked_at = 0.0
        self.pending_full = False  # every derived table to rebuild before the next read
        self.pending_keys: set[str] = set()  # items whose workflow rows to fold in again before the next read
        self.written = False  # this process wrote since the last pull: the next read pulls first
        self._adbc = None
        ready(location)
        self.shape = pg_call(location, history_shape)
        folder = os.environ.get("TRACKER_COPY_DIR")  # a copy on local disk, one folder a copy (see the README)
        self.folder = Path(folder) / f"copy-{os.getpid()}-{id(self)}" if folder else None
        self.con, self.columns = make_copy(self.shape, READER_CONFIG, self.folder)
        self.sync(force=True)
        self._derive_pending()  # a replica starts with its copy whole, derived tables included

    # ---- reading -------------------------------------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (one a query and thread) on the copy as of its watermark, derived tables current; after
        this process wrote, the copy pulls first, so whoever wrote reads their own write (served as it stands if
        PostgreSQL cannot be reached)."""
        if self.written:
            try:
                self.sync(force=True)
            except Unavailable:
                pass
        if self.pending_full or self.pending_keys:
            with self.lock:
                self._derive_pending()
        cur = self.con.cursor()
        cur.execute(sql_text(COPY_SQL / "read_path.sql"))
        return cur

    def execute(self, sql: str, params=None) -> duckdb.DuckDBPyConnection:
        """Run one statement on a fresh cursor (its result stays readable after this returns)."""
        return self.cursor().execute(sql, params)

    def shutdown(self) -> None:
        """Let go of the copy's connection to PostgreSQL (the process is ending, or the copy is forgotten), and of its
        file, if it has one."""
        self._drop_adbc()
        if self.folder is not None:
            self.con.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def version(self) -> str:
        """The data's version the copy holds, for caches: the database's epoch and the watermark."""
        return f"{self.epoch}:{self.watermark}"

    def head(self) -> tuple[str, int]:
        """The database's epoch and its latest write's number, in PostgreSQL: one cheap query."""
        return pg_call(self.location, lambda con: tuple(con.execute(sql_text(PG_SQL_DIR / "head.sql")).fetchone()))

    def sync(self, force: bool = False) -> bool:
        """Pull whatever was written since the watermark; True if anything came. A pull already under way in another
        thread is not waited for (unless forced): the copy as it stands is served."""
        force = force or self.written  # after this process wrote, its next look pulls, whoever looked last
        if not force and time.monotonic() - self.checked_at < CHECK_EVERY:
            return False
        if not self.lock.acquire(blocking=force):
            return False
        try:
            epoch, head = self.head()
            self.checked_at = time.monotonic()
            self.written = False
            if epoch != self.epoch:
                self.watermark = -1  # the database was emptied and built again (a new demo): load it whole
            if head == self.watermark:
                return False
            self._pull()
            return True
        finally:
            self.lock.release()

    def _pull(self) -> None:
        """Copy in the rows of every write after the watermark, from one snapshot, in one DuckDB transaction (the
        whole history, table by table, the first time)."""
        since = self.watermark
        if since < 0:
            epoch, now = self._load_whole()
            self.pending_full = True
        else:
            epoch, now, tables = self._fetch(since)
            with self._transaction() as cur:
                cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
                changed = {t for t, rows in tables.items() if rows.num_rows}
                for table in changed:
                    insert_rows(cur, table, self.columns[table], tables[table])
            if changed & DERIVED_FROM:
                self.pending_full = True
            elif "events" in changed:
                self.pending_keys.update(tables["events"].column("key").to_pylist())
        self.watermark, self.epoch = now, epoch

    def _fetch(self, since: int):
        """(the epoch, the snapshot's write number, {table: Arrow rows of the writes after `since`}) from one
        REPEATABLE READ snapshot: every write up to that number had committed (the counter's lock orders their
        commits), so its rows are all there. Only the tables with new rows are read."""
        def read(con):
            con.execute(pg_statement("read_snapshot"))
            epoch, now = con.execute(sql_text(PG_SQL_DIR / "head.sql")).fetchone()
            latest = dict(con.execute(pg_statement("latest_changes")).fetchall())
            tables = {}
            for table, last in latest.items():
                if last is not None and since < last:
                    rows = con.execute(pg_statement("rows_since", table=table, columns=tuple(self.columns[table])),
                                       {"since": since, "now": now}).fetchall()
                    tables[table] = arrow_rows(self.shape[table], rows)
            con.rollback()
            return epoch, now, tables

        return pg_call(self.location, read)

    def _load_whole(self) -> tuple[str, int]:
        """The whole history from one REPEATABLE READ snapshot through ADBC as Arrow, each table inserted as soon as
        it is read (so only one table's rows are held at a time), in one DuckDB transaction; (epoch, write number)."""
        import adbc_driver_postgresql.dbapi as adbc
        from adbc_driver_manager import dbapi as adbc_api

        for attempt in (1, 2):
            try:
                if self._adbc is None:
                    self._adbc = adbc.connect(self.location.app_url, autocommit=True)
                cur = self._adbc.cursor()
                try:
                    with self._transaction() as copy:
                        copy.execute(sql_text(COPY_SQL / "use_copy.sql"))
                        cur.execute(sql_text(PG_SQL_DIR / "begin_read_snapshot.sql"))
                        cur.execute(sql_text(PG_SQL_DIR / "head.sql"))
                        epoch, now = cur.fetchone()
                        for table in HISTORY:
                            copy.execute(quoted_statement(COPY_SQL / "empty_table.sql", table=table))
                            cur.execute(quoted_statement(PG_SQL_DIR / "rows_since_arrow.sql", table=table,
                                                         columns=tuple(self.columns[table])), parameters=(-1, now))
                            rows = cur.fetch_arrow_table()
                            if rows.num_rows:
                                insert_rows(copy, table, self.columns[table], rows)
                            del rows
                        cur.execute(sql_text(PG_SQL_DIR / "end_read_snapshot.sql"))
                    return epoch, now
                finally:
                    cur.close()
            except (adbc_api.Error, OSError) as exc:  # a dropped connection is tried once more, from the start
                self._drop_adbc()
                if attempt == 2:
                    raise Unavailable(f"the data service is unavailable ({first_line(exc)})") from None
        raise AssertionError("unreachable")

    def _drop_adbc(self) -> None:
        from adbc_driver_manager import dbapi as adbc_api

        try:
            if self._adbc is not None:
                self._adbc.close()
        except (adbc_api.Error, OSError):  # closing a broken connection can fail too; it is gone either way
            pass
        self._adbc = None

    def _derive_pending(self) -> None:
        """Rebuild what the pulls left pending, in one transaction (readers see the copy before it or after)."""
        if not (self.pending_full or self.pending_keys):
            return
        with self._transaction() as cur:
            derive(cur, None if self.pending_full else sorted(self.pending_keys))
        self.pending_full, self.pending_keys = False, set()

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own in one DuckDB transaction: committed when the block ends, rolled back if it raises."""
        cur = self.con.cursor()
        try:
            cur.begin()
            yield cur
            cur.commit()
        except BaseException:
            cur.rollback()
            raise
        finally:
            cur.close()
