"""The DuckDB file: where it is, its schema, safe read-only opening and all-or-nothing writing."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from tracker import ROOT
from tracker.ingest.facts import stated_target

SCHEMA_DIR = Path(__file__).with_name("schema")
SCHEMA_VERSION = "4"  # 2: derived rec_base and status_spans; 3: comment_spans; 4: targets as of a date
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
    """Rebuild the tables derived from the history (every write does, inside its transaction)."""
    comments = con.execute("SELECT key, on_date, position, text FROM updates WHERE text IS NOT NULL").fetchall()
    stated = pd.DataFrame(
        [(key, on, pos, target) for key, on, pos, text in comments if (target := stated_target(text))],
        columns=["key", "on_date", "position", "target"],
    ).astype({"key": str, "position": "int64"})
    stated["on_date"] = pd.to_datetime(stated["on_date"]).dt.date
    stated["target"] = pd.to_datetime(stated["target"]).dt.date
    con.register("stated_targets", stated)
    try:
        con.execute((SCHEMA_DIR / "derived" / "refresh.sql").read_text(encoding="utf-8"))
    finally:
        con.unregister("stated_targets")


def ensure_current(path: Path | None = None) -> bool:
    """Bring a database written by an older version up to this schema (derived tables included); True if it did."""
    path = Path(path or default_path())
    if not path.exists():
        return False
    con = open_reader(path)
    try:
        version = meta(con).get("schema_version")
    except duckdb.Error:
        version = None
    finally:
        con.close()
    if version == SCHEMA_VERSION:
        return False
    with writing(path):
        pass  # writing() applies the schema and rebuilds the derived tables
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
def writing(path: Path | None = None, fresh: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Write to a copy of the database in one transaction, then swap it in atomically.

    The file in place is never modified: readers (the dashboard) keep reading it undisturbed,
    a failure or a kill part-way leaves it exactly as it was, and the swap is one rename.
    Writers take turns through a lock file next to the database. With fresh, start empty.
    """
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
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
                con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', $v), ('written_at', $t)",
                    {"v": SCHEMA_VERSION, "t": datetime.now().isoformat(timespec="seconds")},
                )
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


class NothingToWrite(Exception):
    """Raised inside `writing` to leave the file untouched when an import adds nothing."""

