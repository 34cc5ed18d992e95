"""Store a Batch inside a write transaction: the merge rule and every write statement live in store/sql/."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

from tracker.store.batch import REC_COLUMNS, REPORT_COLUMNS, UPDATE_COLUMNS, Batch, Origin, Summary
from tracker.store.queries import sql_text

SQL_DIR = Path(__file__).with_name("sql")
COMMAND_LINE = Origin()


def statement(name: str) -> str:
    """The text of store/sql/<name>.sql."""
    return sql_text(SQL_DIR / f"{name}.sql")


def execute(cur: duckdb.DuckDBPyConnection, name: str, **params):
    """Run one write statement with bound parameters."""
    return cur.execute(statement(name), params or None)


def set_meta(con: duckdb.DuckDBPyConnection, **facts: str) -> None:
    """Record facts about the data (demo flag, last import time…) in the meta table."""
    for key, value in facts.items():
        execute(con, "set_meta", key=key, value=value)


def now_text() -> str:
    """This moment, as the meta table keeps times."""
    return datetime.now().isoformat(timespec="seconds")


def store_batch(con: duckdb.DuckDBPyConnection, batch: Batch, kind_label: str | None = None,
                origin: Origin = COMMAND_LINE) -> Summary:
    """Add a batch inside the caller's transaction: upsert reports and recommendations, append new updates.

    Everything runs on the writer's own connection: a cursor would be a connection of its own, outside the transaction.
    """
    cur = con
    cur.register("batch_reports", batch.reports[REPORT_COLUMNS])
    cur.register("batch_recs", batch.recommendations[REC_COLUMNS])
    cur.register("batch_updates", batch.updates[UPDATE_COLUMNS])
    import_id = execute(cur, "next_import_id").fetchall()[0][0]  # fetchall: a half-read result blocks the connection
    execute(cur, "merge_recommendations")
    execute(cur, "changed_recommendations")
    added, changed = execute(cur, "count_changes").fetchall()[0]
    execute(cur, "new_updates")
    new_updates = execute(cur, "count_new_updates").fetchall()[0][0]
    summary = Summary(added, changed, new_updates, len(batch.updates) - new_updates, batch.warnings, import_id)
    if not summary.changed_anything:
        for name in ("batch_reports", "batch_recs", "batch_updates"):
            cur.unregister(name)
        return summary
    at = datetime.now().replace(microsecond=0)
    execute(cur, "upsert_reports")
    execute(cur, "write_recommendations", import_id=import_id)
    execute(cur, "append_updates", import_id=import_id)
    bodies = [f for f in batch.new_forces if f in batch.new_bodies]
    if batch.new_forces:
        execute(cur, "add_forces", names=[f for f in batch.new_forces if f not in bodies], at=at, import_id=import_id,
            body=False)
    if bodies:
        execute(cur, "add_forces", names=bodies, at=at, import_id=import_id, body=True)
    execute(cur, "record_import", id=import_id, at=at, kind=kind_label or batch.kind,
        sources="; ".join(batch.sources)[:2000], recs=added, updates=new_updates, changed=changed,
        actor=origin.actor[:200], role=origin.role, via=origin.via, mapping=origin.mapping)
    set_meta(cur, last_import_at=now_text())
    for name in ("batch_reports", "batch_recs", "batch_updates"):
        cur.unregister(name)
    return summary


def record_audit(con: duckdb.DuckDBPyConnection, actor: str, role: str, source: str, action: str, entity: str,
                 before: dict | None = None, after: dict | None = None) -> None:
    """Add a row to the audit trail, inside the caller's write transaction."""
    execute(con, "record_audit", made_at=datetime.now().replace(microsecond=0), actor=actor[:200], role=role, source=source,
        action=action, entity=entity[:2000], before=None if before is None else json.dumps(before, default=str),
        after=None if after is None else json.dumps(after, default=str))
