"""The store as the rest of the tracker sees it: the process's copy of a database (for reading), one write at a time
through it, and the database's facts; the system of record behind it is PostgreSQL (tracker/store/server.py)."""

from __future__ import annotations

import atexit
import os
import threading
from datetime import datetime

import psycopg

from tracker.store.copy import PG_SQL_DIR, SQL_DIR, Replica, pg_call
from tracker.store.queries import pg_statement, sql_text
from tracker.store.server import (
    Location,
    StoreError,
    Unavailable,
    close_pools,
    default_folder,
    first_line,
    locate,
    migrate,
)
from tracker.store.write import write as write_in

__all__ = ["StoreError", "Unavailable", "default_path", "ensure_current", "is_empty", "locate",
           "meta", "open_reader", "replica", "reset", "write"]
_replicas: dict[str, Replica] = {}
_lock = threading.Lock()
_located: dict[tuple, Location] = {}
LOCATED_BY = ("TRACKER_DATABASE_URL", "TRACKER_OWNER_URL", "TRACKER_PG_SERVER", "TRACKER_DB")


def default_path():
    """The embedded database's folder when none is given: $TRACKER_DB, else data/postgres in the project."""
    return default_folder()


def located(db=None, url: str | None = None) -> Location:
    """server.locate(db, url), remembered for the process (a write looks its copy up on every call: the lookup
    otherwise costs a path resolution and file checks each time). Keyed on everything locate reads."""
    if isinstance(db, Location):
        return db
    key = (None if db is None else str(db), url, os.getcwd(), *(os.environ.get(v) for v in LOCATED_BY))
    found = _located.get(key)
    if found is None:
        found = _located[key] = locate(db, url)
    return found


def replica(db=None, url: str | None = None) -> Replica:
    """The process's one copy of the database `db` names (see server.locate), made on first use."""
    location = located(db, url)
    with _lock:
        found = _replicas.get(location.app_url)
        if found is None:
            found = Replica(location)
            _replicas[location.app_url] = found
    return found


def open_reader(db=None, url: str | None = None) -> Replica:
    """The process's copy, brought up to date with everything written so far."""
    found = replica(db, url)
    found.sync(force=True)
    return found


def forget_all() -> None:
    """Drop every copy this process holds and close its connections (tests; a copy is made again on next use)."""
    with _lock:
        found = list(_replicas.values())
        _replicas.clear()
        _located.clear()
    for one in found:
        one.shutdown()
    close_pools()


@atexit.register
def _shutdown() -> None:
    for found in list(_replicas.values()):
        found.shutdown()


def write(db, fn):
    """One write (store/write.py): fn(write) in one PostgreSQL transaction, committed; what fn returned. The
    process's copy, if it has one, pulls the write before its next read, so whoever wrote reads their own write."""
    location = located(db)
    try:
        return write_in(location, fn)
    finally:
        found = _replicas.get(location.app_url)
        if found is not None:
            found.written = True


def look(db, fn):
    """fn(write) in a transaction that writes nothing: a read of the system of record itself (the directory, a few
    items), through a write's own small copy, without loading the process's copy of everything."""
    return write_in(located(db), fn)


def evidence_content(db, sha256: str) -> bytes | None:
    """An evidence file's bytes from PostgreSQL (never copied into a replica), or None if not held."""
    location = located(db)
    row = pg_call(location, lambda con: con.execute(sql_text(PG_SQL_DIR / "evidence_content.sql"),
                                                    {"sha256": sha256}).fetchone())
    return None if row is None else bytes(row[0])


def reset(db=None) -> None:
    """Empty the database and build its schema again, as its owner (the demo replaces whatever was there)."""
    location = located(db)
    if location.owner_url is None:
        raise StoreError("emptying the database needs its owner (TRACKER_OWNER_URL)")
    migrate(location)
    try:
        with psycopg.connect(location.owner_url, autocommit=True) as con:
            con.execute(pg_statement("empty_schema"))
    except psycopg.OperationalError as exc:
        raise Unavailable(f"the database {location.label} cannot be reached: {first_line(exc)}") from None
    migrate(location, installed_by=f"reset {datetime.now():%Y-%m-%d %H:%M}")


def meta(con) -> dict[str, str]:
    """The key/value facts stored with the data (demo flag, demo date, last import time)."""
    return dict(con.cursor().execute(sql_text(SQL_DIR / "meta.sql")).fetchall())


def ensure_current(db=None) -> bool:
    """Create the database and apply its migrations when they are ours to apply; True if any was applied."""
    location = located(db)
    if location.owner_url is None:
        return False
    return bool(migrate(location))


def is_empty(db=None) -> bool:
    """Whether nothing has ever been written to the database (a first start builds the demo then)."""
    return pg_call(located(db), lambda con: con.execute(sql_text(PG_SQL_DIR / "head.sql")).fetchone()[1]) == 0
