"""A dry run that shows exactly what an import would change: new recommendations, new updates, changed fields
(before -> after), warnings and errors, computed by the writer's own merge rule without writing anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tracker.ingest.importer import prepare
from tracker.ingest.mapping import Mapping
from tracker.ingest.problems import ImportProblem
from tracker.ingest.statements import sql
from tracker.store.batch import REC_COLUMNS, REPORT_COLUMNS, UPDATE_COLUMNS, Batch
from tracker.store.database import open_reader
from tracker.store.writer import statement

# The fields a person reads on a recommendation, in the order a change is listed (flags and provenance left out).
SHOWN_FIELDS = ("report", "kind", "theme", "text", "published_on", "owner", "overseer", "board", "target_original",
                "target_current", "force_rag")
MAX_FILES_CHECKED_ALONE = 50


@dataclass
class Preview:
    """What an import would do. Frames hold every row (the page shows counts first, then a sample)."""

    new_recommendations: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, force, report, text
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)              # id, force, field, before, after
    new_updates: pd.DataFrame = field(default_factory=pd.DataFrame)          # id, force, on_date, status, text
    updates_held: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    version: str = ""  # the data's version the preview was computed against

    @property
    def changed_recommendations(self) -> int:
        """How many held recommendations would change."""
        return 0 if self.changes.empty else self.changes[["id", "force"]].drop_duplicates().shape[0]

    @property
    def writes_anything(self) -> bool:
        """Whether Apply would write (no errors and something new)."""
        return not self.errors and bool(len(self.new_recommendations) or len(self.changes) or len(self.new_updates))


def data_version(db) -> str:
    """The version of the data an import is checked against: the last write's number."""
    return open_reader(db).version()


def preview_import(paths: list[str], db, force: str | None = None, new_forces=(), today: date | None = None,
                   mapping: Mapping | None = None, progress=None, root: Path | None = None,
                   scope: tuple[str, ...] | None = None) -> Preview:
    """Check an import exactly as far as writing and say what it would change; nothing is written."""
    version = data_version(db)
    try:
        batch = prepare(paths, db, force, new_forces, today, mapping, progress, root, scope)
    except ImportProblem as exc:
        return Preview(errors=errors_of(paths, db, force, new_forces, today, mapping, str(exc), root, scope),
                       version=version)
    out = differences(batch, db)
    out.warnings = list(batch.warnings)
    out.version = version
    return out


def errors_of(paths, db, force, new_forces, today, mapping, first: str, root: Path | None = None,
              scope: tuple[str, ...] | None = None) -> list[str]:
    """The first problem of the whole import, and the first of every other file that has one on its own (the checks
    stop at a file's first problem, so each bad file is named once)."""
    found = [first]
    if 1 < len(paths) <= MAX_FILES_CHECKED_ALONE:
        for path in paths:
            try:
                prepare([path], db, force, new_forces, today, mapping, root=root, scope=scope)
            except ImportProblem as exc:
                if str(exc) not in found:
                    found.append(str(exc))
    return found


def differences(batch: Batch, db) -> Preview:
    """The batch against what the database holds, by the writer's merge rule (store/sql), on a read-only view."""
    cur = open_reader(db).cursor()
    try:
        cur.register("batch_reports", batch.reports[REPORT_COLUMNS])
        cur.register("batch_recs", batch.recommendations[REC_COLUMNS])
        cur.register("batch_updates", batch.updates[UPDATE_COLUMNS])
        for name in ("merge_recommendations", "changed_recommendations", "new_updates"):
            cur.execute(statement(name))
        titles = dict(zip(batch.reports["id"], batch.reports["title"], strict=True))
        new = cur.execute(sql("preview_new")).df()
        new["report"] = new["report"].map(titles)
        after = cur.execute(sql("preview_after")).df()
        before = cur.execute(sql("preview_before")).df().set_index("key")
        # an update's recommendation is in the batch, or held already (a file of updates only)
        updates = cur.execute(sql("preview_updates")).df()
    finally:
        cur.close()
    return Preview(new_recommendations=new, changes=field_changes(after, before, titles), new_updates=updates,
                   updates_held=len(batch.updates) - len(updates))


def field_changes(after: pd.DataFrame, before: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """Changed fields of held recommendations, one row per field: id, force, field, before, after (as text)."""
    rows = []
    for rec in after.itertuples(index=False):
        old = before.loc[rec.key]
        for name in SHOWN_FIELDS:
            was, now = old[name], getattr(rec, name)
            if name == "report":
                was, now = old["report_title"], titles.get(now, now)
            if shown(was) != shown(now):
                rows.append({"id": rec.id, "force": rec.force, "field": FIELD_LABELS.get(name, name),
                             "before": shown(was), "after": shown(now)})
    return pd.DataFrame(rows, columns=["id", "force", "field", "before", "after"])


FIELD_LABELS = {"published_on": "published", "target_original": "original target",
                "target_current": "current target", "force_rag": "force's RAG"}


def shown(value) -> str:
    """A field's value as the preview shows it: dates as 2021-03-04, nothing as ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
