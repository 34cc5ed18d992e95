"""The DuckDB file: where it is, its schema, safe read-only opening and all-or-nothing writing."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from tracker import ROOT
from tracker.people.links import refresh_links
from tracker.store.writer import now_text, set_meta

SCHEMA_DIR = Path(__file__).with_name("schema")
# 2: derived rec_base and status_spans; 3: comment_spans; 4: targets as of a date;
# 5: publication dates may be unknown, forces added on purpose, stated targets stored with each update
SCHEMA_VERSION = "5"
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
    refresh_links(con)
    con.execute((SCHEMA_DIR / "derived" / "refresh.sql").read_text(encoding="utf-8"))


def stored_version(path: Path) -> str | None:
    """The schema version the file was written with (None for none or an unreadable one)."""
    con = open_reader(path)
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
    the file to a fresh in-memory instance opens exactly the file on disk now. `USE` is per connection, so every
    cursor is pointed at the file before it is handed out.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self._con = con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own (one per query and thread), reading the file."""
        cur = self._con.cursor()
        cur.execute(f"USE {ALIAS}")
        return cur

    def execute(self, sql: str, params=None) -> duckdb.DuckDBPyConnection:
        """Run one statement on the reader's own connection."""
        return self._con.execute(sql, params)

    def close(self) -> None:
        """Close the instance (cursors still running keep it alive until they finish)."""
        self._con.close()


ALIAS = "tracker"


def open_reader(path: Path | None = None) -> Reader:
    """Open the file as it is now, read-only, with no access to any other file, or raise StoreError."""
    path = Path(path or default_path())
    if not path.exists():
        raise StoreError(f"No database at {path}. Build one with 'python -m tracker demo' or 'python -m tracker ingest FILES'.")
    con = duckdb.connect(":memory:", config={k: v for k, v in READER_CONFIG.items() if k in INSTANCE_SETTINGS})
    try:
        con.execute(f"ATTACH $path AS {ALIAS} (READ_ONLY)", {"path": str(path)})
        con.execute(f"USE {ALIAS}")
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
    default) for the one before. With fresh, start empty.
    """
    wait = LOCK_WAIT if wait is None else wait
    # Through a symlink, write where it points: replacing the link itself would leave its target stale.
    path = Path(os.path.realpath(path or default_path()))
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give the database file's path (e.g. {path / 'tracker.duckdb'})")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "a+") as lock:
        take_turn(lock, path, wait)
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
                apply_schema(con)
                con.execute("BEGIN TRANSACTION")
                committed = None  # inside the transaction
                yield con
                refresh_derived(con)
                set_meta(con, schema_version=SCHEMA_VERSION, written_at=now_text())
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


def take_turn(lock, path: Path, wait: float) -> None:
    """Hold the writers' lock, waiting up to `wait` seconds; then say who holds it and give up."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another writer"
            if time.monotonic() >= deadline:
                raise StoreError(f"{path} is being written by {holder}; gave up after waiting {wait:.0f} s. "
                                 "Try again when it has finished (set TRACKER_LOCK_WAIT to wait longer).") from None
            if not told:
                print(f"waiting: {path} is being written by {holder}", file=sys.stderr)
                told = True
            time.sleep(0.1)  # polling a lock another process holds
    lock.seek(0)
    lock.truncate()
    lock.write(f"process {os.getpid()} ({' '.join(sys.argv)[:120]}) since {now_text()}")
    lock.flush()


class NothingToWrite(Exception):
    """Raised inside `writing` to leave the file untouched when an import adds nothing."""

