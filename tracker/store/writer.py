"""Store a Batch, the audit trail and the data's facts inside a write (store/write.py): the merge rule runs on the
write's own copy of the batch's items (store/sql/), and what it decides is appended to PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tracker.core import clock
from tracker.store.batch import ADDRESSEE_COLUMNS, REC_COLUMNS, REPORT_COLUMNS, UPDATE_COLUMNS, Batch, Origin, Summary
from tracker.store.queries import quoted_statement, sql_text
from tracker.store.scratch import items_copy, scratch_database
from tracker.store.write import Write, copy_in

SQL_DIR = Path(__file__).with_name("sql")
COMMAND_LINE = Origin()


def statement(name: str) -> str:
    """The text of store/sql/<name>.sql."""
    return sql_text(SQL_DIR / f"{name}.sql")


def execute(cur: duckdb.DuckDBPyConnection, name: str, **params):
    """Run one statement of store/sql on a DuckDB cursor with bound parameters."""
    return cur.execute(statement(name), params or None)


def set_meta(w: Write, **facts: str) -> None:
    """Record facts about the data (demo flag, last import time…): a new row a key, the latest counts."""
    for key, value in facts.items():
        w.run("add_meta", key=key, value=value, change_no=w.number())


def now_text() -> str:
    """This moment, as the meta table keeps times."""
    return clock.now().isoformat()


def store_batch(w: Write, batch: Batch, kind_label: str | None = None, origin: Origin = COMMAND_LINE) -> Summary:
    """Add a batch inside the write: the merge rule decides, on the write's own copy of the batch's items, which
    recommendations are new or changed and which updates are not held yet; those rows, the reports, the recipients
    it adds and the import's log row are appended. The imported facts are locked first (exclusive)."""
    w.facts(exclusive=True)
    keys = set(batch.recommendations["key"]) | set(batch.updates["key"])
    with items_copy(w, keys, reports=set(batch.reports["id"])) as cur:
        shape = scratch_database(w)[1]
        cur.execute(sql_text(SQL_DIR / "copy" / "use_copy.sql"))  # the history as imported, the workflow left out
        cur.register("batch_reports", batch.reports[REPORT_COLUMNS])
        cur.register("batch_recs", batch.recommendations[REC_COLUMNS])
        cur.register("batch_updates", batch.updates[UPDATE_COLUMNS])
        execute(cur, "merge_recommendations")
        execute(cur, "changed_recommendations")
        added, changed = execute(cur, "count_changes").fetchall()[0]
        execute(cur, "new_updates")
        new_updates = execute(cur, "count_new_updates").fetchall()[0][0]
        summary = Summary(added, changed, new_updates, len(batch.updates) - new_updates, batch.warnings)
        addressees = new_addressees(w, batch)
        summary.addressees_added = len(addressees)
        if not summary.changed_anything:
            return summary
        rows = {table: cur.execute(quoted_statement(SQL_DIR / f"{table}_to_write.sql", columns=tuple(shape[table].names)),
                                   None if table == "reports" else {"import_id": 0}).fetchall()
                for table in ("reports", "recommendation_versions", "updates")}
        forces = [f for (f,) in execute(cur, "import_forces").fetchall()]
    # The number and the import's id only now, the write's own copy let go: the counter is held for the inserts alone.
    number = w.number()
    summary.import_id = import_id = int(w.run("next_import_id")[0][0])
    at = clock.now()
    for table, found in rows.items():
        names = shape[table].names
        marked = names.index("import_id") if table != "reports" else None
        copy_in(w.pg, table, tuple(names),
                ((*r, number) if marked is None else (*r[:marked], import_id, *r[marked + 1:], number) for r in found))
    w.run_many("add_source_addressee", [{**a, "import_id": import_id, "change_no": number} for a in addressees])
    bodies = [f for f in batch.new_forces if f in batch.new_bodies]
    for name in batch.new_forces:
        w.run("add_force", name=name, at=at, import_id=import_id, body=name in bodies, change_no=number)
    w.run("add_import", id=import_id, at=at, kind=kind_label or batch.kind, sources="; ".join(batch.sources)[:2000],
          recs=added, updates=new_updates, changed=changed, actor=origin.actor[:200], role=origin.role,
          via=origin.via, mapping=origin.mapping, forces=forces, change_no=number)
    set_meta(w, last_import_at=now_text())
    return summary


def new_addressees(w: Write, batch: Batch) -> list[dict]:
    """The batch's addressees of source documents not recorded yet, as rows to add."""
    if batch.addressees.empty:
        return []
    held = {tuple(r) for r in w.run("held_addressees", refs=sorted(set(batch.addressees["source_ref"])))}
    rows = batch.addressees[ADDRESSEE_COLUMNS].astype(object).where(batch.addressees.notna(), None)
    return [r for r in rows.to_dict("records") if (r["source"], r["source_ref"], r["written"]) not in held]


def record_audit(w: Write, actor: str, role: str, source: str, action: str, entity: str,
                 before: dict | None = None, after: dict | None = None) -> None:
    """Add a row to the audit trail, inside the write."""
    w.run("add_audit", made_at=clock.now(), actor=actor[:200], role=role, source=source,
          action=action, entity=entity[:2000], before=None if before is None else json.dumps(before, default=str),
          after=None if after is None else json.dumps(after, default=str), change_no=w.number())

