"""Workflow facts an export carries (priorities, withholdings, links between items), written again on import by the
workflow's own rules, as the person importing, in the import's write: only where the item has no such fact yet, so
an older export never undoes a later decision, and a second import of the same file writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from tracker.core import clock
from tracker.people.access import Person
from tracker.store.batch import Batch
from tracker.store.queries import sql_text
from tracker.store.scratch import tables_copy
from tracker.store.write import Write
from tracker.workflow.events import EventWrite, WorkflowError, new_batch
from tracker.workflow.links import apply_link
from tracker.workflow.progress import apply_priority, apply_withhold

SQL_DIR = Path(__file__).resolve().parent.parent / "store" / "sql"


def restorer(person: Person, source: str = "command line") -> Callable[[Write, Batch], int]:
    """What writes a batch's workflow facts as `person` (ingest's `facts`): each checked by the rule that checks it
    when made in the app; a refusal names the item and stops the whole import. How many it wrote."""

    def restore(w: Write, batch: Batch) -> int:
        keys = sorted(set(batch.priorities["key"]) | set(batch.withholdings["key"]) | set(batch.links["key"]))
        with tables_copy(w, ("events", "item_links"), keys) as cur:
            said = set(cur.execute(sql_text(SQL_DIR / "standing_facts.sql"), {"keys": keys}).fetchall())
        today = clock.today()
        written = 0
        for row in batch.priorities.itertuples(index=False):
            if ("priority", row.key, None) not in said:
                with refusal_names(row.key):
                    b = new_batch(source)
                    on = row.on_date if isinstance(row.on_date, date) else today
                    apply_priority(EventWrite(w, b), b, person, on, row.key, int(row.priority), row.reason)
                written += 1
        for row in batch.withholdings.itertuples(index=False):
            if ("withholding", row.key, None) not in said:
                with refusal_names(row.key):
                    b = new_batch(source)
                    apply_withhold(EventWrite(w, b), b, person, today, row.key, "withhold", row.reason)
                written += 1
        for row in batch.links.itertuples(index=False):
            if ("link", row.key, f"{row.relation} {row.other}") not in said:
                with refusal_names(row.key):
                    apply_link(EventWrite(w, new_batch(source)), person, row.key, row.other, row.relation, row.reason,
                               False, source)
                written += 1
        return written

    return restore


@contextmanager
def refusal_names(key: str) -> Iterator[None]:
    """A refusal of one fact's write says which item it was about."""
    try:
        yield
    except WorkflowError as exc:
        raise WorkflowError(f"{key}: {exc}") from None
