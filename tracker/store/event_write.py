"""What a workflow write reads and appends: an item's events, the key of an event, the imported facts of an item and
other lookups on the copy, and the events it adds. Two kinds: on PostgreSQL under each item's lock (the fast path,
which never writes to the copy before the commit), and on a copy brought up to date holding the write counter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from psycopg.rows import dict_row

from tracker.store.queries import sql_text

SQL_DIR = Path(__file__).with_name("sql")
PG_SQL_DIR = Path(__file__).with_name("pg_sql")
EVENT_COLUMNS = ("seq", "event_id", "kind", "made_at", "on_date", "actor_id", "actor", "role", "source", "key",
                 "submission", "comment", "status", "target", "reason", "evidence", "decision", "before", "after",
                 "meeting", "public")
PROVISIONAL = 10**15  # a write's own events are numbered from here until PostgreSQL numbers them (after every real one)
FOLD_COLUMNS = ("seq", "kind", "key", "on_date", "actor_id", "submission", "status", "target", "decision")


class CopyWrite:
    """A write on the copy, inside its DuckDB transaction, holding the write counter (the copy is current)."""

    def __init__(self, cur):
        self.cur = cur
        self._events: dict[str, list[dict]] = {}

    def execute(self, sql: str, params=None):
        """Run a statement on the copy (a lookup, or a row of a table other than events)."""
        return self.cur.execute(sql, params)

    def events_of(self, key: str) -> list[dict]:
        """The item's events, as the rules fold them (this write's own included)."""
        if key not in self._events:
            rows = self.cur.execute(sql_text(SQL_DIR / "item_events.sql"), {"key": key}).fetchall()
            self._events[key] = [dict(zip(FOLD_COLUMNS, r, strict=True)) for r in rows]
        return self._events[key]

    def key_of(self, seq: int) -> str | None:
        """The item event `seq` is about (None if there is no such event)."""
        rows = self.cur.execute(sql_text(SQL_DIR / "event_key.sql"), {"seq": int(seq)}).fetchall()
        return rows[0][0] if rows else None

    def imported(self, key: str, today: date) -> tuple | None:
        """What the imported history says of the item on the day (store/sql/workflow_imported_facts.sql), or None."""
        rows = self.cur.execute(sql_text(SQL_DIR / "workflow_imported_facts.sql"), {"key": key, "today": today}).fetchall()
        return rows[0] if rows else None

    def add_event(self, values: dict) -> int:
        """Append one event (every column but seq); its number."""
        seq = self.cur.execute(sql_text(SQL_DIR / "next_event_seq.sql")).fetchall()[0][0]
        self.cur.execute(sql_text(SQL_DIR / "add_event.sql"), {**values, "seq": seq})
        self.events_of(values["key"]).append({c: values.get(c) for c in FOLD_COLUMNS} | {"seq": seq})
        return seq


class StaleCopy(Exception):
    """The copy a workflow write reads its imported facts from is behind PostgreSQL (an import, the directory, a
    meeting was written since it last pulled): the write is made again on a copy brought up to date."""


class LockedWrite:
    """A write whose events go to PostgreSQL in its open transaction: each item's events are read there under the
    item's lock (so two writes on one item take turns, and each sees the other's), the imported facts come from the
    copy as it stands (the write began by checking the copy holds the latest write of them, and its share lock on the
    counter keeps any other from being made until it ends), and the events are kept here until the insert numbers
    them."""

    def __init__(self, pg, cur, facts_cache: dict, epoch: str | None, since: int):
        self.pg, self.cur, self.cache = pg, cur, facts_cache
        self.epoch, self.since = epoch, since  # the copy's
        self.counted: int | None = None  # the latest counted write, once the writes lock is held
        self._events: dict[str, list[dict]] = {}
        self.added: list[dict] = []

    def _round_trip(self, *statements: tuple) -> list:
        """Run (sql, params, row factory or None) statements in PostgreSQL in one round trip, in order; on the write's
        first, the writes lock (shared) and the counter's facts come first, and StaleCopy is raised if the copy's
        imported facts are behind. Their cursors."""
        with self.pg.pipeline():
            facts = None
            if self.counted is None:
                self.pg.execute(sql_text(PG_SQL_DIR / "share_writes.sql"), prepare=True)
                facts = self.pg.execute(sql_text(PG_SQL_DIR / "share_counter.sql"), prepare=True)
            cursors = []
            for sql, params, row_factory in statements:
                c = self.pg.cursor(row_factory=row_factory) if row_factory else self.pg.cursor()
                c.execute(sql, params, prepare=True)
                cursors.append(c)
        if facts is not None:
            epoch, change_no, facts_no = facts.fetchone()
            if epoch != self.epoch or facts_no > self.since:
                raise StaleCopy
            self.counted = change_no
        return cursors

    def execute(self, sql: str, params=None):
        """Run a lookup on the copy."""
        return self.cur.execute(sql, params)

    def events_of(self, key: str) -> list[dict]:
        """The item's events in PostgreSQL, read once holding the item's lock until the write ends (this write's own
        added after)."""
        if key not in self._events:
            _, found = self._round_trip((sql_text(PG_SQL_DIR / "lock_item.sql"), {"key": key}, None),
                                        (sql_text(PG_SQL_DIR / "item_events.sql"), {"key": key}, dict_row))
            self._events[key] = found.fetchall()
        return self._events[key]

    def key_of(self, seq: int) -> str | None:
        """The item event `seq` is about, from PostgreSQL (None if there is no such event)."""
        (found,) = self._round_trip((sql_text(PG_SQL_DIR / "event_key.sql"), {"seq": int(seq)}, None))
        row = found.fetchone()
        return row[0] if row else None

    def imported(self, key: str, today: date) -> tuple | None:
        """What the copy's imported history says of the item on the day (cached until its derived tables change)."""
        if (key, today) not in self.cache:
            rows = self.cur.execute(sql_text(SQL_DIR / "workflow_imported_facts.sql"),
                                    {"key": key, "today": today}).fetchall()
            self.cache[(key, today)] = rows[0] if rows else None
        return self.cache[(key, today)]

    def add_event(self, values: dict) -> int:
        """Keep one event (every column but seq) for the commit; its provisional number."""
        self.events_of(values["key"])
        row = {c: values.get(c) for c in EVENT_COLUMNS} | {"seq": PROVISIONAL + len(self.added)}
        if isinstance(row["target"], str):
            row["target"] = date.fromisoformat(row["target"])
        self.added.append(row)
        self._events[values["key"]].append({c: row[c] for c in FOLD_COLUMNS})
        return row["seq"]
