"""A replica's DuckDB copy of the system of record: loaded once from PostgreSQL, kept current to a watermark by
pulling only newer rows, with the derived tables every query reads; and the write that goes through it.

The copy holds the history tables under the catalog `tracker` (as the file did) with the derived tables beside them,
and the workflow's folding-in (`updates` with the submissions' rows, spans recomputed for the items they touch) in
the schema `tracker.folded`, first on a reader's search path. A write (writing()) runs the tracker's rules and
statements on the copy inside a DuckDB transaction while it holds PostgreSQL's write counter, takes exactly the rows
it appended, inserts them into PostgreSQL stamped with the counter's number, and commits PostgreSQL before the copy.
A workflow write (write_events()) holds the counter only with a share lock and writes its events to PostgreSQL
alone; copies pull events by the transaction that wrote them.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psycopg
import pyarrow as pa

from tracker.core.forces import BODIES
from tracker.people.links import refresh_links
from tracker.store.event_write import CopyWrite, LockedWrite, StaleCopy
from tracker.store.queries import pg_statement, quoted_statement, sql_text
from tracker.store.server import Location, StoreError, Unavailable, first_line, pool, ready

SCHEMA_DIR = Path(__file__).with_name("schema")
JOURNAL_SCHEMA = Path(__file__).with_name("journal.sql")
SQL_DIR = Path(__file__).with_name("sql")
COPY_SQL = SQL_DIR / "copy"  # the copy's own statements: its catalog `tracker`, the pulls, the folding-in
PG_SQL_DIR = Path(__file__).with_name("pg_sql")  # statements PostgreSQL runs
# The history tables, as PostgreSQL holds them. Two keep only their latest row a key in the copy.
HISTORY = ("meta", "imports", "reports", "recommendation_versions", "extra_forces", "updates", "people",
           "name_aliases", "audit", "import_actions", "saved_mappings", "events", "meetings", "reminder_settings",
           "reminders_sent", "evidence", "responses", "publications", "item_links",
           "peel_grades")
FILE_ERA = HISTORY[:-5]  # the tables a DuckDB file of the tracker held (migrate --from): the last five came after
LATEST_BY = {"meta": "key", "reports": "id"}
WORKFLOW = ("events", "meetings", "reminder_settings", "reminders_sent")  # as they are in `folded` (fold_views.sql)
# The history the derived tables (recommendations, rec_base, name_links, the spans) are computed from.
DERIVED_FROM = {"recommendation_versions", "import_actions", "reports", "updates", "people", "name_aliases",
                "extra_forces"}
# What the workflow's fast writes read from the copy rather than PostgreSQL (see write_events): a write to any of
# these says so in data_version.facts_no.
FACTS = DERIVED_FROM | {"meta", "imports", "meetings"}
READER_CONFIG = {"memory_limit": "1GB", "threads": 2, "allocator_background_threads": True}
CHECK_EVERY = 0.05  # seconds: reruns closer together than this share one look at the watermark


def pg_call(location: Location, fn: Callable):
    """Run fn(connection) on a pooled connection; an unreachable server becomes Unavailable with a clear message."""
    try:
        with pool(location).connection() as con:
            return fn(con)
    except (psycopg.OperationalError, psycopg.errors.AdminShutdown) as exc:
        raise Unavailable(f"the data service is unavailable ({first_line(exc)})") from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(f"the database refused: {first_line(exc)}") from None
    except Exception as exc:
        if type(exc).__name__ == "PoolTimeout":
            raise Unavailable("the data service is unavailable (no connection within 10 s)") from None
        raise


@contextmanager
def write_failures() -> Iterator[None]:
    """A write's database errors as people see them: the service unreachable (nothing was saved), or the write
    refused by the database's grants."""
    try:
        yield
    except (psycopg.OperationalError, psycopg.errors.AdminShutdown) as exc:
        raise Unavailable(f"the data service is unavailable ({first_line(exc)}); nothing was saved") from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(f"the database refused the write: {first_line(exc)}") from None


class Replica:
    """The process's copy of one database: readers take cursors; writers go through write()."""

    def __init__(self, location: Location):
        self.location = location
        self.lock = threading.RLock()
        self.watermark = -1
        self.checked_at = 0.0
        self.dirty = False  # history rows arrived whose derived tables are not rebuilt yet (done before a read)
        self.pending_full = False  # every derived table to rebuild (an import, the import log, the directory)
        self.pending_keys: set[str] = set()  # items whose workflow rows to fold in again
        self._adbc = None
        self._schemas: dict[str, pa.Schema] = {}
        self.last_write: dict[str, float] = {}
        self.horizon: tuple[int, frozenset[int]] = (0, frozenset())  # events pulled: see advance()
        self.snapshot = ""  # the server's snapshot at the last pull (head() compares)
        self.events_pulled = 0  # events the copy has pulled (part of the version, so caches see them)
        self.own_unpulled = False  # this process wrote events the copy has not pulled yet (pulled before a read)
        self.facts_cache: dict = {}  # (key, day) -> what the imported history says of an item (the fast write)
        self.epoch = None
        self.con = duckdb.connect(":memory:", config=READER_CONFIG)
        # The copy reaches no file: nothing from the data or a query can read or write one.
        self.con.execute(sql_text(COPY_SQL / "open_copy.sql"))
        cur = self.con.cursor()
        cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
        for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
            cur.execute(sql_text(sql_file))
        cur.execute(sql_text(SQL_DIR / "add_known_bodies.sql"), {"names": list(BODIES)})
        cur.execute(sql_text(JOURNAL_SCHEMA))
        self.columns = {t: [] for t in HISTORY}
        for table, column in cur.execute(sql_text(COPY_SQL / "history_columns.sql"), {"tables": list(HISTORY)}).fetchall():
            self.columns[table].append(column)
        cur.close()
        self.append_only = tuple(t for t in HISTORY if t not in LATEST_BY)
        ready(location)
        self.sync(force=True)
        self._derive_now()  # a replica starts with its copy whole, derived tables included

    # ---- reading -------------------------------------------------------------------------------------------------

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (one a query and thread) on the copy as of its watermark; after this process wrote, the
        copy pulls first, so the writer reads its own write (served as it stands if PostgreSQL cannot be reached, or
        another thread is writing or pulling)."""
        if self.own_unpulled:
            try:
                self.sync()
            except Unavailable:
                pass
        if self.dirty:
            with self.lock:
                self._derive_now()
        cur = self.con.cursor()
        cur.execute(sql_text(COPY_SQL / "read_path.sql"))
        return cur

    def execute(self, sql: str, params=None) -> duckdb.DuckDBPyConnection:
        """Run one statement on a fresh cursor (its result stays readable after this returns)."""
        return self.cursor().execute(sql, params)

    def close(self) -> None:
        """Kept for callers that opened a reader: the copy is the process's and stays."""

    def shutdown(self) -> None:
        """Let go of the copy's connections (the process is ending, or the copy is forgotten)."""
        self._drop_adbc()

    def version(self) -> str:
        """The data's version the copy holds, for caches: the last counted write's number and the events pulled."""
        return f"{self.epoch}:{self.watermark}:{self.events_pulled}"

    def head(self) -> tuple[str, int, str]:
        """The database's epoch, its latest counted write's number and the server's snapshot (which changes when any
        transaction begins writing or ends), in PostgreSQL: one cheap query."""
        return pg_call(self.location, lambda con: tuple(
            con.execute(sql_text(PG_SQL_DIR / "head.sql")).fetchone()))

    def sync(self, force: bool = False) -> bool:
        """Pull whatever was written since the watermark and rebuild what it touches; True if anything came.

        A sync already under way (or a write) in another thread is not waited for: the copy as it stands is served.
        """
        if not force and time.monotonic() - self.checked_at < CHECK_EVERY:
            return False
        if not self.lock.acquire(blocking=force):
            return False
        try:
            epoch, head, snapshot = self.head()
            self.checked_at = time.monotonic()
            if epoch != self.epoch:
                self.watermark = -1  # the database was emptied and built again (a new demo): load it whole
            if head == self.watermark and snapshot == self.snapshot:
                return False  # no write counted since, and no transaction has begun writing or ended
            return self._pull()
        finally:
            self.lock.release()

    def _pull(self, for_write: bool = False) -> bool:
        """Copy the rows after the watermark in (every row of a consistent snapshot), in one DuckDB transaction, and
        rebuild what they touch; True if any row came (or the copy was loaded whole)."""
        since = self.watermark
        epoch, now, tables, horizon, snapshot = self._fetch(since)
        with self._transaction() as cur:
            cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
            if since < 0:
                for table in HISTORY:
                    cur.execute(quoted_statement(COPY_SQL / "empty_table.sql", table=table))
            changed = {t for t, rows in tables.items() if rows.num_rows}  # tables with nothing new are left out
            for table in changed:
                self._insert(cur, table, tables[table])
            self._note(changed if since >= 0 else set(HISTORY),
                       tables["events"].column("key").to_pylist() if "events" in tables else [])
            if for_write and self.pending_full:  # a write's rules read the derived items: build them first
                self._derive_pending(cur)
        self.watermark, self.epoch, self.horizon, self.snapshot = now, epoch, horizon, snapshot
        self.events_pulled += tables["events"].num_rows if "events" in tables else 0
        self.own_unpulled = False
        return since < 0 or bool(changed)

    def _fetch(self, since: int):
        """(the epoch, the snapshot's write number, {table: Arrow rows after `since`}, the events' new horizon, the
        snapshot) from one REPEATABLE READ snapshot, so the rows are exactly those of every counted write up to that
        number (the counter's lock orders their commits), and every event of a transaction that had ended by then.

        Events come by the transactions that wrote them, because workflow writes commit without the counter: those of
        every transaction from the horizon's oldest (the oldest still running at the last pull) on, less those pulled
        already; the new horizon is the snapshot's oldest running transaction (every older one has ended).

        A copy's first load reads whole tables through ADBC as Arrow; a catch-up (a few rows, on every rerun after a
        write and before every write) goes through the pool's psycopg connection, which costs a round trip a table
        with new rows rather than ADBC's statement preparation."""
        if since < 0:
            return self._fetch_arrow(since)

        def read(con):
            con.execute(pg_statement("read_snapshot"))
            epoch, now, snapshot, xmin = con.execute(pg_statement("snapshot")).fetchone()
            # One look at every counted table's latest write, then only the tables that have new rows; events by the
            # transactions that wrote them.
            latest = dict(con.execute(pg_statement("latest_changes")).fetchall())
            names = [*self.columns["events"], "change_no"]
            found = con.execute(sql_text(PG_SQL_DIR / "new_events.sql"),
                                {"since": str(self.horizon[0]), "had": [str(x) for x in self.horizon[1]]}).fetchall()
            tables = {"events": pa.Table.from_pylist([dict(zip(names, r[:-1], strict=True)) for r in found],
                                                     schema=self.arrow_schema("events"))}
            horizon = advance(self.horizon, int(xmin), [int(r[-1]) for r in found])
            for table, last in latest.items():
                if last is not None and last > since:
                    names = [*self.columns[table], "change_no"]
                    rows = con.execute(pg_statement("rows_since", table=table, columns=tuple(self.columns[table])),
                                       {"since": since, "now": now}).fetchall()
                    tables[table] = pa.Table.from_pylist([dict(zip(names, r, strict=True)) for r in rows],
                                                         schema=self.arrow_schema(table))
            con.rollback()
            return epoch, now, tables, horizon, snapshot

        return pg_call(self.location, read)

    def arrow_schema(self, table: str) -> pa.Schema:
        """The Arrow schema of a history table's rows as pulled (its columns, then change_no)."""
        found = self._schemas.get(table)
        if found is None:
            cur = self.con.cursor()
            try:
                found = cur.sql(quoted_statement(COPY_SQL / "pulled_shape.sql", table=table)).to_arrow_table().schema
            finally:
                cur.close()
            self._schemas[table] = found
        return found

    def _fetch_arrow(self, since: int):
        """_fetch for a whole load: every table through ADBC as Arrow."""
        import adbc_driver_postgresql.dbapi as adbc
        from adbc_driver_manager import dbapi as adbc_api

        adbc_errors = (adbc_api.Error, OSError)

        for attempt in (1, 2):
            try:
                if self._adbc is None:
                    self._adbc = adbc.connect(self.location.app_url, autocommit=True)
                cur = self._adbc.cursor()
                try:
                    cur.execute(sql_text(PG_SQL_DIR / "begin_read_snapshot.sql"))
                    cur.execute(sql_text(PG_SQL_DIR / "snapshot.sql"))
                    epoch, now, snapshot, xmin = cur.fetchone()
                    tables = {}
                    for table in HISTORY:
                        columns = tuple(self.columns[table])
                        if table == "events":  # every event held (written with the counter or not), and its writer
                            cur.execute(quoted_statement(PG_SQL_DIR / "all_events.sql", columns=columns))
                            found = cur.fetch_arrow_table()
                            xids = [int(x) for x in found.column("xid").to_pylist()]
                            tables[table] = found.drop_columns(["xid"])
                            continue
                        cur.execute(quoted_statement(PG_SQL_DIR / "rows_since_arrow.sql", table=table, columns=columns),
                                    parameters=(since, now))
                        tables[table] = cur.fetch_arrow_table()
                    cur.execute(sql_text(PG_SQL_DIR / "end_read_snapshot.sql"))
                    return epoch, now, tables, advance((0, frozenset()), int(xmin), xids), snapshot
                finally:
                    cur.close()
            except adbc_errors as exc:  # a dropped connection is tried once more
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

    def _insert(self, cur, table: str, rows) -> None:
        """Add pulled rows to the copy's table (the latest row a key replaces the held one where only it counts)."""
        columns = tuple(self.columns[table])
        cur.register("pulled", rows)
        try:
            if table in LATEST_BY:
                cur.execute(quoted_statement(COPY_SQL / "replace_latest_pulled.sql", table=table, columns=columns,
                                             key=LATEST_BY[table]))
            else:
                cur.execute(quoted_statement(COPY_SQL / "append_pulled.sql", table=table, columns=columns))
        finally:
            cur.unregister("pulled")

    def _note(self, changed: set[str], event_keys=()) -> None:
        """Remember what new history needs rebuilt: every derived table when an import, the import log or the
        directory changed; otherwise the workflow's folding-in of the items whose events arrived."""
        if changed & DERIVED_FROM:
            self.pending_full = True
        elif changed & {"events", "meetings"}:
            self.pending_keys.update(event_keys)
        self.dirty = self.pending_full or bool(self.pending_keys)

    def _derive_pending(self, cur) -> None:
        """Rebuild what _note remembered, inside the caller's DuckDB transaction."""
        if self.pending_full:
            self.facts_cache.clear()
            cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
            cur.execute(sql_text(SCHEMA_DIR / "derived" / "current.sql"))
            refresh_links(cur)
            cur.execute(sql_text(SCHEMA_DIR / "derived" / "refresh.sql"))
            fold_in(cur)
        elif self.pending_keys:
            fold_in(cur, sorted(self.pending_keys))
        self.pending_full, self.pending_keys, self.dirty = False, set(), False

    def _derive_now(self) -> None:
        """Rebuild what is pending in one transaction, before a read (readers see the copy before it or after)."""
        if not self.dirty:
            return
        with self._transaction() as cur:
            self._derive_pending(cur)

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

    # ---- writing -------------------------------------------------------------------------------------------------

    @contextmanager
    def writing(self, blobs: dict[str, bytes] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write: all or nothing, durable in PostgreSQL when the block ends, in the copy too.

        Holding the write counter's row lock (so writes commit in counter order), the copy is brought up to date, the
        block runs the rules and statements on it in a DuckDB transaction, and the rows it appended go to PostgreSQL
        stamped with the write's number in the same PostgreSQL transaction. An exception leaves both as they were, and
        so does a block that appends nothing (quietly: the counter does not move). `blobs` (SHA-256 -> bytes: evidence
        files' contents) go to PostgreSQL alone, in the same transaction; a content already held is kept as it is.
        """
        with self.lock, write_failures():
            cur = None
            self.sync(force=True)  # catch up before taking the counter, so holding it costs only what is new
            if self.pending_full:
                self._derive_now()  # the rules read the derived items (the workflow's folding-in waits for a read)
            with pool(self.location).connection() as pg:
                try:
                    with pg.transaction() as transaction:
                        change_no, epoch = self._take_counter(pg)
                        held_from = time.perf_counter()
                        if epoch != self.epoch:
                            self.watermark = -1  # the database was emptied and built again (a new demo)
                        # Every earlier counted write has committed (we hold the counter) and no workflow write is
                        # running (they hold its share lock): the pull brings the copy up to date.
                        self._pull(for_write=True)
                        if self.pending_full:
                            self._derive_now()  # the rules read the derived items
                        cur, marks, held = self._begin()
                        ran_from = time.perf_counter()
                        yield cur
                        ran_for = time.perf_counter() - ran_from
                        rows = self._appended(cur, marks, held)
                        if not any(rows.values()):
                            raise psycopg.Rollback(transaction)  # psycopg's way out of a block, quietly
                        for table, found in rows.items():
                            if found:
                                copy_rows(pg, table, self.columns[table], found, change_no)
                        if any(rows[t] for t in FACTS):
                            pg.execute(sql_text(PG_SQL_DIR / "note_facts_write.sql"), {"change_no": change_no})
                        own_xid = None
                        if rows["events"]:
                            seq_at = self.columns["events"].index("seq")
                            pg.execute(sql_text(PG_SQL_DIR / "number_events_after.sql"),
                                       {"top": max(r[seq_at] for r in rows["events"])})
                            own_xid = int(pg.execute(sql_text(PG_SQL_DIR / "own_xid.sql")).fetchone()[0])
                        for sha256, content in (blobs or {}).items():
                            pg.execute(sql_text(PG_SQL_DIR / "add_evidence_content.sql"),
                                       {"sha256": sha256, "content": content, "change_no": change_no})
                except BaseException:
                    if cur is not None:
                        cur.rollback()
                        cur.close()
                    raise
            if not any(rows.values()):
                cur.rollback()
                cur.close()
                return
            # How long this write held the counter, and the part its own statements took (the benchmark reads it).
            self.last_write = {"held": time.perf_counter() - held_from, "statements": ran_for}
            self._keep(cur, rows, change_no, own_xid)

    def write_events(self, fn: Callable[[object], object], recheck_on: tuple[type[BaseException], ...] = ()
                     ) -> tuple[object, int]:
        """A workflow write (events for some items, nothing else): fn(write) checks the rules and adds the events, on
        an event_write.LockedWrite; returns (what fn returned, {the provisional number fn was given for each of its
        events: the number PostgreSQL gave it}).

        The write holds the counter's row with a share lock, so workflow writes run side by side and commit without
        waiting for one another, while a write holding the counter (an import, the directory, a meeting, a write
        with files) waits for them, and they for it. Each item's events are read in PostgreSQL holding the item's
        lock, so two writes on one item take turns and the second sees the first: two decisions on one submission
        cannot both win. What the imported history says of the items comes from the copy, which must hold the latest
        write of those facts (else the write is made again). If it does not, or fn raised one of `recheck_on` (a
        refusal the copy may have been behind for), the write is made again on the copy brought up to date, holding
        the counter throughout (writing()).
        """
        with self.lock:
            try:
                with write_failures():
                    done = self._write_events_fast(fn)
            except recheck_on:
                done = None
            if done is not None:
                return done
            with self.writing() as cur:
                result = fn(CopyWrite(cur))
            self.last_write["checked_again"] = True
            return result, {}

    def _write_events_fast(self, fn) -> tuple[object, int] | None:
        """write_events on PostgreSQL holding the writes lock shared and the items' locks: None if it must be made
        again holding the counter."""
        if self.pending_full:
            self._derive_now()
        based_on, epoch = self.watermark, self.epoch
        cur = LazyCursor(self.con)
        try:
            with pool(self.location).connection() as pg:
                try:
                    write = LockedWrite(pg, cur, self.facts_cache, epoch, based_on)
                    ran_from = time.perf_counter()
                    result = fn(write)
                    ran_for = time.perf_counter() - ran_from
                    if not write.added:
                        pg.rollback()
                        return result, {}
                    held_from = time.perf_counter()
                    with pg.pipeline():  # one round trip: the events and the commit
                        added = pg.execute(sql_text(PG_SQL_DIR / "add_events.sql"), {
                            "rows": json.dumps(write.added, default=str), "change_no": write.counted}, prepare=True)
                        pg.commit()
                    given = dict(added.fetchall())
                except StaleCopy:
                    pg.rollback()
                    return None  # the copy's imported facts are behind (an import, the directory…)
                except (psycopg.errors.UniqueViolation, psycopg.errors.DeadlockDetected):
                    # An event id taken meanwhile (its writer died before reading the result), or two writes took
                    # the same items' locks in turn: made again.
                    pg.rollback()
                    return None
                except BaseException:
                    pg.rollback()
                    raise
            # Durable now. The copy pulls the write on its next look (at once: every reader's next rerun), as every
            # other replica does; the next write reads its items' events from PostgreSQL, so it never waits for that.
            self.checked_at, self.own_unpulled = 0.0, True
            self.last_write = {"held": time.perf_counter() - held_from, "statements": ran_for}
            return result, {r["seq"]: given[r["event_id"]] for r in write.added}
        finally:
            cur.close()

    @staticmethod
    def _take_counter(pg) -> tuple[int, str]:
        """Take the writes lock and the write counter's row lock, and the write's number (held until the PostgreSQL
        transaction ends)."""
        pg.execute(sql_text(PG_SQL_DIR / "lock_writes.sql"))
        change_no, epoch = pg.execute(sql_text(PG_SQL_DIR / "take_counter.sql")).fetchone()
        return change_no, epoch

    def _begin(self):
        """A write's DuckDB transaction on the copy, with where each append-only table ends and what the two kept
        latest-a-key hold (to find what the write appends)."""
        cur = self.con.cursor()
        cur.begin()
        cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
        marks = self._ends(cur)
        held = {t: set(cur.execute(self._rows_of(t)).fetchall()) for t in LATEST_BY}
        return cur, marks, held

    def _ends(self, cur) -> dict[str, int]:
        """Where each append-only history table ends (its last row's rowid, -1 if empty): one look at every table."""
        ends = dict(cur.execute(sql_text(COPY_SQL / "table_ends.sql")).fetchall())
        return {t: ends[t] for t in self.append_only}

    def _rows_of(self, table: str) -> str:
        return quoted_statement(COPY_SQL / "table_rows.sql", table=table, columns=tuple(self.columns[table]))

    def _appended(self, cur, marks: dict, held: dict) -> dict[str, list]:
        """The rows the write's statements added to each append-only history table (for the two kept latest-a-key,
        the new or changed ones)."""
        cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
        ends = self._ends(cur)  # then only the tables the write appended to are read
        rows = {t: [] for t in HISTORY}
        for table, mark in marks.items():
            if ends[table] > mark:
                rows[table] = cur.execute(quoted_statement(COPY_SQL / "rows_after.sql", table=table,
                                                           columns=tuple(self.columns[table])),
                                          {"mark": mark}).fetchall()
        for table in held:  # small tables (facts, reports): what is new or changed
            rows[table] = [r for r in cur.execute(self._rows_of(table)).fetchall() if r not in held[table]]
        return rows

    def _keep(self, cur, rows: dict, change_no: int, own_xid: int | None = None) -> None:
        """PostgreSQL has committed the write: the copy commits it too (its derived tables are rebuilt before the
        next read, after the counter is released, so other writers do not wait for that)."""
        try:
            key_at = self.columns["events"].index("key")
            self._note({t for t, found in rows.items() if found}, [r[key_at] for r in rows["events"]])
            cur.commit()
            self.watermark = change_no
            if own_xid is not None:  # its events are held: a pull leaves them out
                self.horizon = (self.horizon[0], self.horizon[1] | {own_xid})
        except duckdb.Error:
            cur.rollback()
            self.watermark = -1  # loaded again from PostgreSQL on the next sync
        finally:
            cur.close()


class LazyCursor:
    """A cursor on the copy's history tables, opened on first use (a workflow write whose facts are cached needs none)."""

    def __init__(self, con):
        self.con, self._cur = con, None

    def execute(self, sql: str, params=None):
        if self._cur is None:
            self._cur = self.con.cursor()
            self._cur.execute(sql_text(COPY_SQL / "use_copy.sql"))
        return self._cur.execute(sql, params)

    def close(self) -> None:
        if self._cur is not None:
            self._cur.close()


def advance(horizon: tuple[int, frozenset[int]], xmin: int, pulled: list[int]) -> tuple[int, frozenset[int]]:
    """The events' horizon after a pull: (the oldest transaction whose events may not all be held yet, the
    transactions from it on whose events are held). `xmin` is the pull's snapshot's oldest running transaction:
    every older one had ended, so its events were all visible and are held now; `pulled` are the transactions of the
    events just pulled."""
    return xmin, frozenset(x for x in (*horizon[1], *pulled) if x >= xmin)


def copy_rows(pg, table: str, columns: list[str], rows: list[tuple], change_no: int) -> None:
    """Append rows to a PostgreSQL history table with COPY, each stamped with the write's number."""
    with pg.cursor().copy(pg_statement("copy_rows_in", table=table, columns=tuple(columns))) as copy:
        for row in rows:
            copy.write_row((*row, change_no))


def fold_in(cur, keys: list[str] | None = None) -> None:
    """The workflow's rows folded into what queries see, in the schema `folded` (sql/copy/fold_views.sql): `events`
    and the other workflow tables as they are, `submissions` where each stands, `updates` the imported history (less
    retracted imports) plus the workflow's rows, and the spans recomputed for the items the workflow touched.

    With `keys`, only those items' rows are recomputed (new events arrived for them); without, everything is built.
    """
    if keys is not None:
        fold_in_items(cur, keys)
        return
    cur.execute(sql_text(COPY_SQL / "fold_views.sql"))
    cur.execute(sql_text(COPY_SQL / "add_journal_rows.sql"), {"keys": None})
    keys = [k for (k,) in cur.execute(sql_text(COPY_SQL / "folded_keys.sql")).fetchall()]
    if keys:
        fold_spans(cur, keys)
    cur.execute(sql_text(COPY_SQL / "use_copy.sql"))


def fold_in_items(cur, keys: list[str]) -> None:
    """Recompute the folded-in rows and spans of these items only (the rest stand as they were)."""
    if not keys:
        return
    cur.execute(sql_text(COPY_SQL / "fold_path.sql"))
    cur.execute(sql_text(COPY_SQL / "unfold_journal_rows.sql"), {"keys": keys})
    cur.execute(sql_text(COPY_SQL / "add_journal_rows.sql"), {"keys": keys})
    for overlay in ("overlay_status_spans", "overlay_comment_spans"):
        cur.execute(quoted_statement(COPY_SQL / "unfold_spans.sql", overlay=overlay), {"keys": keys})
    fold_spans(cur, keys)


def fold_spans(cur, keys: list[str]) -> None:
    """Mark the items as touched and compute their spans over the folded-in history, into the overlay tables."""
    cur.execute(sql_text(COPY_SQL / "add_touched.sql"), {"keys": keys})
    cur.execute(sql_text(COPY_SQL / "fold_status_spans.sql"), {"keys": keys})
    cur.execute(sql_text(COPY_SQL / "fold_comment_spans.sql"), {"keys": keys})
