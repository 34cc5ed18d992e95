"""The one write path: a write is a plain function of a PostgreSQL connection, run in exactly one transaction (as
Datasette's execute_write_fn); it returns its result or raises, and its side effects run only after the commit.

A write locks what its rules read (items(), or facts() for a write of imported facts), reads and checks, and then
takes the next number from the write counter (number()) just before it inserts: the counter's row lock makes writes
commit in number order, so a copy that holds every row up to number N has every committed row up to N."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import psycopg

from tracker.store.queries import pg_statement, sql_text
from tracker.store.server import Location, StoreError, pool, ready, service_errors

PG_SQL_DIR = Path(__file__).with_name("pg_sql")
ATTEMPTS = 3  # a write PostgreSQL rolled back to break a deadlock is made again, from the start, this many times


class Write:
    """One write's transaction: its connection, the numbers it takes, and what runs after it commits."""

    def __init__(self, pg: psycopg.Connection, location: Location):
        self.pg = pg
        self.location = location
        self._number: int | None = None
        self._after: list[Callable[[], object]] = []
        self._locked: set[str] = set()
        self._facts: str | None = None

    def run(self, statement: str | Path, /, **params) -> list[tuple]:
        """Run a PostgreSQL statement file (store/pg_sql/<name>.sql, or a room's own by its path) with bound
        parameters; its rows (none for a statement that returns none)."""
        path = statement if isinstance(statement, Path) else PG_SQL_DIR / f"{statement}.sql"
        cur = self.pg.execute(sql_text(path), params or None)
        return cur.fetchall() if cur.description else []

    def run_many(self, statement: str | Path, rows: list[dict]) -> None:
        """Run a statement file once for each row of parameters (one round trip for them all)."""
        path = statement if isinstance(statement, Path) else PG_SQL_DIR / f"{statement}.sql"
        if rows:
            self.pg.cursor().executemany(sql_text(path), rows)

    def facts(self, exclusive: bool = False) -> None:
        """Lock the imported facts: shared by a write whose rules read them (any item write), exclusive by a write that
        changes them (an import, a retraction, the directory), which so waits for the first and they for it."""
        wanted = "exclusive" if exclusive else "shared"
        if self._facts == wanted or self._facts == "exclusive":
            return
        self.pg.execute(sql_text(PG_SQL_DIR / ("lock_writes.sql" if exclusive else "share_writes.sql")))
        self._facts = wanted

    def items(self, keys: Iterable[str]) -> None:
        """Lock these items until the write ends (in key order, so two writes on the same items cannot deadlock), after
        the facts' shared lock: another write on one of them waits, and then sees this one."""
        self.facts()
        wanted = sorted(set(keys) - self._locked)
        if wanted:
            self.pg.execute(sql_text(PG_SQL_DIR / "lock_item.sql"), {"keys": wanted}).fetchall()
            self._locked.update(wanted)

    def number(self) -> int:
        """The write's number, taken from the counter on first use (its row stays locked until the commit)."""
        if self._number is None:
            self._number = int(self.pg.execute(sql_text(PG_SQL_DIR / "take_counter.sql")).fetchone()[0])
        return self._number

    def after_commit(self, fn: Callable[[], object]) -> None:
        """Run fn once the write has committed (an email, a file on disk); never if it rolls back."""
        self._after.append(fn)


def write(location: Location, fn: Callable[[Write], object]):
    """Run fn(write) in one PostgreSQL transaction and commit; what fn returned. An exception rolls everything back
    (nothing is saved) and reaches the caller; the service unreachable or a write the grants refuse becomes a
    StoreError saying so."""
    ready(location)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with service_errors(writing=True), pool(location).connection() as pg:
                with pg.transaction():
                    done = Write(pg, location)
                    result = fn(done)
            break
        except psycopg.errors.TransactionRollback:  # a deadlock PostgreSQL broke, or a serialization failure
            if attempt == ATTEMPTS:
                raise StoreError("the database could not order this write with others at the same time; nothing "
                                 "was saved: try again") from None
    for side_effect in done._after:
        side_effect()
    return result


def copy_in(pg: psycopg.Connection, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Append rows to a PostgreSQL history table with COPY: each row in the columns given, then its write's number."""
    with pg.cursor().copy(pg_statement("copy_rows_in", table=table, columns=columns)) as copy:
        for row in rows:
            copy.write_row(row)
