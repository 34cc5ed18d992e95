"""The DuckDB file: where it is, its schema, safe read-only opening and all-or-nothing writing."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tracker import ROOT
from tracker.people.links import refresh_links
from tracker.store.queries import sql_text
from tracker.store.writer import now_text, set_meta

SCHEMA_DIR = Path(__file__).with_name("schema")
JOURNAL_SCHEMA = Path(__file__).with_name("journal.sql")
# 2: derived rec_base and status_spans; 3: comment_spans; 4: targets as of a date;
# 5: publication dates may be unknown, forces added on purpose, stated targets stored with each update;
# 6: people, name links, spans as macros, the audit table; 7: the day each status was set (survival censoring);
# 8: boards in the filters; 9: recommendation versions, retractable imports, saved mappings, the force's own RAG
SCHEMA_VERSION = "9"
LOCK_WAIT = float(os.environ.get("TRACKER_LOCK_WAIT", "300"))  # seconds a writer waits for another to finish
READER_CONFIG = {
    "memory_limit": "1GB",
    "threads": 2,
    # DuckDB's allocator keeps freed memory; its background threads hand it back to the system within seconds
    # (measured: 880 queries left +60 MB resident without them, +30 MB twelve seconds later with them).
    "allocator_background_threads": True,
    # Set once the file is attached (attaching is itself external access), in this order: lock comes last.
    "enable_external_access": False,
    "lock_configuration": True,
}
INSTANCE_SETTINGS = {"memory_limit", "threads", "allocator_background_threads"}


class StoreError(RuntimeError):
    """The database cannot be opened or written; the message says what to do."""


def default_path() -> Path:
    """The database file: $TRACKER_DB, else data/tracker.duckdb in the project."""
    return Path(os.environ.get("TRACKER_DB") or ROOT / "data" / "tracker.duckdb")


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables and macros (idempotent)."""
    for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
        con.execute(sql_file.read_text(encoding="utf-8"))


def refresh_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the tables derived from the history and the directory (every write does, inside its transaction)."""
    con.execute((SCHEMA_DIR / "derived" / "current.sql").read_text(encoding="utf-8"))
    refresh_links(con)
    con.execute((SCHEMA_DIR / "derived" / "refresh.sql").read_text(encoding="utf-8"))


def stored_version(path: Path) -> str | None:
    """The schema version the file was written with (None for none or an unreadable one)."""
    con = open_reader(path, fold=False)  # an older file may lack what folding the journal in needs
    try:
        return meta(con).get("schema_version")
    except duckdb.Error:
        return None
    finally:
        con.close()


def upgrade(path: Path, fill: Callable[[duckdb.DuckDBPyConnection, str | None], None]) -> bool:
    """Bring a file an older version wrote up to this schema, through the one writer; True if it did.

    `fill` completes columns the new schema adds from what the old one held (given the old version); the derived
    tables are rebuilt as on every write.
    """
    path = Path(path)
    if not path.exists():
        return False
    version = stored_version(path)
    if version == SCHEMA_VERSION:
        return False
    with writing(path) as con:
        fill(con, version)
    return True


def signature(path: Path) -> str:
    """Changes whenever the file is replaced by a writer: the data's version for caches."""
    st = path.stat()
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


class Reader:
    """A read-only view of one version of the database file, in a DuckDB instance of its own.

    DuckDB shares one database instance per path within a process, so a plain `duckdb.connect(path)` after a writer
    swapped the file in would keep answering from the old file for as long as any connection to it lived. Attaching
    the file to a fresh in-memory instance opens exactly the file on disk now. The workflow journal beside it is
    attached too and folded into the history (overlay()). The search path is per connection, so every cursor is
    pointed at both before it is handed out.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (one per query and thread), reading the file."""
        cur = self._con.cursor()
        cur.execute(SEARCH_PATH)
        return cur

    def execute(self, sql: str, params=None) -> duckdb.DuckDBPyConnection:
        """Run one statement on the reader's own connection."""
        return self._con.execute(sql, params)

    def close(self) -> None:
        """Close the instance (cursors still running keep it alive until they finish)."""
        self._con.close()


ALIAS = "tracker"
# The reader's own objects (the journal folded in) first, then the file's: `updates` is the merged history when the
# journal adds to it, and the file's table when it does not.
SEARCH_PATH = f"SET search_path = 'memory.main,{ALIAS}.main'"
SQL_DIR = Path(__file__).with_name("sql")


def journal_path(db: Path) -> Path:
    """The workflow journal beside a database: data/tracker.duckdb -> data/tracker.journal.duckdb."""
    db = Path(os.path.realpath(db))
    return db.with_name(f"{db.stem}.journal{db.suffix or '.duckdb'}")


def signature_with_journal(db: Path) -> str:
    """The version of the data a reader sees: the file's and its journal's."""
    journal = journal_path(db)
    return signature(db) + ("|" + signature(journal) if journal.exists() else "")


JOURNAL_TABLES = ("events", "meetings", "reminder_settings", "reminders_sent")


def journal_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The select list that reads a journal table in this version's columns: a journal written before a column was
    added (it gets it on its next write) reads as null there."""
    have = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = 'journal' "
                                      "AND table_name = $t", {"t": table}).fetchall()}
    wanted = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'memory' "
                         "AND schema_name = 'main' AND table_name = $t ORDER BY column_index", {"t": table}).fetchall()
    return ", ".join(f'"{c}"' if c in have else f'NULL::{kind} AS "{c}"' for c, kind in wanted)


def overlay(con: duckdb.DuckDBPyConnection, has_journal: bool) -> None:
    """Fold the workflow journal into what the reader's queries see, in the reader's own in-memory catalog.

    `events` is the journal's (or an empty table), `submissions` where each stands, `updates` the file's rows (those of
    retracted imports left out) plus the journal's (with who wrote and who accepted each). When the journal adds rows
    to the history, `status_spans` and `comment_spans` are recomputed (by the same macros every write uses) for the
    recommendations it touches only, so queries stay range lookups.
    """
    con.execute("USE memory")
    if has_journal:
        con.execute(sql_text(JOURNAL_SCHEMA))  # an older journal may lack a table: the empty one stands in
        for table in JOURNAL_TABLES:
            if con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'journal' AND table_name = $t",
                           {"t": table}).fetchall()[0][0]:
                columns = journal_columns(con, table)
                con.execute(f"DROP TABLE memory.main.{table}")
                con.execute(f"CREATE VIEW memory.main.{table} AS SELECT {columns} FROM journal.main.{table}")
    else:
        con.execute(sql_text(JOURNAL_SCHEMA))
    con.execute(SEARCH_PATH)
    con.execute(f"CREATE VIEW memory.main.submissions AS {sql_text(SQL_DIR / 'submission_states.sql')}")
    con.execute(f"CREATE TABLE memory.main.journal_rows AS {sql_text(SQL_DIR / 'journal_rows.sql')}")
    retractions = con.execute("SELECT count(*) FROM duckdb_views() WHERE database_name = $db "
                              "AND view_name = 'retracted_imports'", {"db": ALIAS}).fetchall()[0][0]
    live = (f"WHERE NOT EXISTS (SELECT 1 FROM {ALIAS}.main.retracted_imports x WHERE x.import_id = u.import_id)"
            if retractions else "")  # a file written before imports could be retracted has none
    con.execute(f"""CREATE VIEW memory.main.updates AS
        SELECT key, on_date, status, text, source, position, import_id, stated_target, decided,
               NULL::VARCHAR AS author, NULL::VARCHAR AS review
        FROM {ALIAS}.main.updates u {live}
        UNION ALL SELECT * FROM memory.main.journal_rows""")
    keys = [k for (k,) in con.execute("SELECT DISTINCT key FROM memory.main.journal_rows ORDER BY key").fetchall()]
    if not keys:
        return
    con.execute(f"CREATE TABLE memory.main.touched AS SELECT rid FROM {ALIAS}.main.rec_base WHERE key IN "
                "(SELECT unnest($keys::VARCHAR[]))", {"keys": keys})
    for table, macro in (("status_spans", "status_span_rows"), ("comment_spans", "comment_span_rows")):
        con.execute(f"CREATE TABLE memory.main.overlay_{table} AS SELECT * FROM {macro}($keys)", {"keys": keys})
        con.execute(f"""CREATE VIEW memory.main.{table} AS
            SELECT * FROM {ALIAS}.main.{table} WHERE rid NOT IN (SELECT rid FROM memory.main.touched)
            UNION ALL SELECT * FROM memory.main.overlay_{table}""")


def open_reader(path: Path | None = None, fold: bool = True) -> Reader:
    """Open the file as it is now, read-only, with no access to any other file, or raise StoreError.

    With fold, the workflow journal beside it is folded in (see overlay); without, the file alone (for upgrades).
    """
    path = Path(path or default_path())
    if not path.exists():
        raise StoreError(f"No database at {path}. Build one with 'python -m tracker demo' or 'python -m tracker ingest FILES'.")
    con = duckdb.connect(":memory:", config={k: v for k, v in READER_CONFIG.items() if k in INSTANCE_SETTINGS})
    try:
        con.execute(f"ATTACH $path AS {ALIAS} (READ_ONLY)", {"path": str(path)})
        journal = journal_path(path)
        if fold and journal.exists():
            con.execute("ATTACH $path AS journal (READ_ONLY)", {"path": str(journal)})
        if fold:
            overlay(con, journal.exists())
        else:
            con.execute(SEARCH_PATH)
        for name, value in READER_CONFIG.items():
            if name not in INSTANCE_SETTINGS:
                con.execute(f"SET {name} = {value!r}" if isinstance(value, str) else f"SET {name} = {str(value).lower()}")
    except duckdb.IOException as exc:
        con.close()
        if "lock" in str(exc).lower():
            raise StoreError(
                f"{path} is locked by another program that opened it for writing. "
                "Close that program, or let 'python -m tracker' write to the file: it never locks readers out."
            ) from None
        raise StoreError(f"{path} cannot be opened: {exc}") from None
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{path} is not a readable tracker database: {exc}") from None
    return Reader(con)


def meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The key/value facts stored with the data (demo flag, last import time, version)."""
    return dict(con.cursor().execute("SELECT key, value FROM meta").fetchall())


@contextmanager
def writing(path: Path | None = None, fresh: bool = False, wait: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Write to a copy of the database in one transaction, then swap it in atomically.

    The file in place is never modified: readers (the dashboard) keep reading it undisturbed,
    a failure or a kill part-way leaves it exactly as it was, and the swap is one rename.
    Writers take turns through a lock file next to the database, waiting at most `wait` seconds (LOCK_WAIT by
    default) for the one before. With fresh, start empty. Every write rebuilds the derived tables.
    """
    def finish(con: duckdb.DuckDBPyConnection) -> None:
        refresh_derived(con)
        set_meta(con, schema_version=SCHEMA_VERSION, written_at=now_text())

    with swapped(target_of(path), fresh, LOCK_WAIT if wait is None else wait, apply_schema, finish) as con:
        yield con


def target_of(path: Path | None) -> Path:
    """The file a write goes to: through a symlink, where it points (replacing the link would leave its target stale)."""
    path = Path(os.path.realpath(path or default_path()))
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the database file's path (e.g. {path / 'tracker.duckdb'})")
    return path


@contextmanager
def swapped(path: Path, fresh: bool, wait: float, prepare: Callable, finish: Callable | None,
            announce: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Copy a DuckDB file, let the caller write to the copy in one transaction, then rename the copy over the file.

    `prepare(con)` runs before the transaction (schema), `finish(con)` inside it after the caller's writes. Holding the
    lock file beside the file, so writers take turns (`announce` says on stderr who holds it). The file is fsynced
    before the rename and its folder after, so a write the caller was told about survives a crash; a kill at any
    moment leaves the old file or the new one, never a mixture.
    """
    with held_lock(path, wait, announce), swap(path, fresh, prepare, finish) as con:
        yield con


@contextmanager
def held_lock(path: Path, wait: float, announce: bool = True) -> Iterator[None]:
    """Hold the writers' lock beside a file (released when the block ends, or when the process dies)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = acquire(path, wait, announce)
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(f"process {os.getpid()} ({' '.join(sys.argv)[:120]}) since {now_text()}")
        fh.flush()
        yield
    finally:
        fh.close()


@contextmanager
def swap(path: Path, fresh: bool, prepare: Callable, finish: Callable | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The copy-write-rename of `swapped`, for a caller that already holds the file's lock."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    # Holding the lock, no other writer is running: any temporary copy left is from a killed writer.
    for leftover in path.parent.glob(f".{path.name}.*.tmp*"):
        leftover.unlink(missing_ok=True)
    if path.exists() and not fresh:
        shutil.copyfile(path, tmp)
    committed = False
    try:
        con = duckdb.connect(str(tmp))
        try:
            prepare(con)
            con.execute("BEGIN TRANSACTION")
            committed = None  # inside the transaction
            yield con
            if finish is not None:
                finish(con)
            con.execute("COMMIT")
            committed = True
            con.execute("CHECKPOINT")
        except BaseException:
            if committed is None:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)


def acquire(path: Path, wait: float, announce: bool = True):
    """The writers' lock beside a file, as an open file that holds it; waits up to `wait` seconds, then says who holds
    it and gives up.

    The wait blocks in the kernel (on a helper thread, so it can be given up on), not in a polling loop: twenty
    writers waiting cost no CPU, and the lock passes on as soon as it is released.
    """
    fh = open(f"{path}.lock", "a+")  # held past this function: closed by whoever ends up holding the lock
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fh
    except BlockingIOError:
        pass
    fh.seek(0)
    holder = fh.read().strip() or "another writer"
    if announce:
        print(f"waiting: {path} is being written by {holder}", file=sys.stderr)
    state, guard, got = {}, threading.Lock(), threading.Event()

    def block() -> None:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with guard:
            if state.get("given_up"):
                fh.close()  # nobody wants it any more: release at once
            else:
                state["held"] = True
        got.set()

    threading.Thread(target=block, name="tracker-lock-wait", daemon=True).start()
    got.wait(wait)
    with guard:
        if state.get("held"):
            return fh
        state["given_up"] = True
    raise StoreError(f"{path} is being written by {holder}; gave up after waiting {wait:.0f} s. "
                     "Try again when it has finished (set TRACKER_LOCK_WAIT to wait longer).")


class NothingToWrite(Exception):
    """Raised inside `writing` to leave the file untouched when an import adds nothing."""



def journal_commit(db: Path | None, batch: dict, apply: Callable, wait: float | None = None) -> dict:
    """Write one batch of workflow events to the journal, with every other batch waiting at that moment (group commit).

    The batch is left in the journal's spool folder; whichever writer holds the journal's lock next applies every batch
    waiting there in one copy-and-swap, calling `apply(con, batches)`, which returns one result a batch (its event
    numbers, or why it was refused), and leaves each result beside its batch. So twenty people saving at once cost
    about one write, not twenty. This returns the batch's own result once the journal holding it is durable and visible
    to every reader. A batch whose writer died before it was applied is dropped (nobody was told it was saved), and a
    batch applied twice stores its events once (each event's id is unique).
    """
    journal = journal_path(target_of(db))
    spool = journal.with_name(f"{journal.name}.spool")
    spool.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    batch = {**batch, "id": name}
    staged = spool / f".{name}.json.tmp"
    staged.write_text(json.dumps(batch, default=str), encoding="utf-8")
    os.replace(staged, spool / f"{name}.json")
    with held_lock(journal, LOCK_WAIT if wait is None else wait, announce=False):
        done = spool / f"{name}.done"
        if not done.exists():
            waiting = [f for f in sorted(spool.glob("*.json")) if writer_alive(f)]
            batches = [json.loads(f.read_text(encoding="utf-8")) for f in waiting]
            with swap(journal, False, lambda con: con.execute(sql_text(JOURNAL_SCHEMA)), None) as con:
                results = apply(con, batches)
            for f, result in zip(waiting, results, strict=True):
                staged = f.with_name(f".{f.stem}.done.tmp")
                staged.write_text(json.dumps(result, default=str), encoding="utf-8")
                os.replace(staged, f.with_suffix(".done"))
                f.unlink(missing_ok=True)
        result = json.loads(done.read_text(encoding="utf-8"))
        done.unlink(missing_ok=True)
    return result


def writer_alive(batch_file: Path) -> bool:
    """Whether the process that left a batch in the spool is still waiting for it; a dead one's batch is removed."""
    try:
        os.kill(int(batch_file.name.split("-")[1]), 0)
        return True
    except (ProcessLookupError, ValueError, IndexError):
        batch_file.unlink(missing_ok=True)
        return False
    except PermissionError:  # alive, under another user
        return True
