"""Import files into the database in one all-or-nothing write, or check them without writing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from tracker.core.forces import ForceError, new_force
from tracker.core.sources import SourceError, rule_of
from tracker.core.text import slugify
from tracker.ingest.build import Held, build_batch
from tracker.ingest.mapping import Mapping, mapping_json
from tracker.ingest.problems import ImportProblem
from tracker.ingest.statements import sql
from tracker.store.batch import Batch, Origin, Summary
from tracker.store.database import open_reader, write
from tracker.store.write import Write
from tracker.store.writer import record_audit, store_batch

# Writes a batch's workflow facts inside the import's write, by the workflow's own rules (workflow.restore, a layer
# above this one); how many it wrote.
FactsWriter = Callable[[Write, Batch], int]


def held(db) -> Held:
    """What the database holds that an import is checked against (nothing when there is no database)."""
    con = open_reader(db)
    reports = con.execute(sql("held_reports")).fetchall()
    return Held(
        keys={k for (k,) in con.execute(sql("held_keys")).fetchall()},
        reports={title: rid for title, rid, _ in reports},
        report_dates={title: on for title, _, on in reports if on is not None},
        forces=tuple(n for (n,) in con.execute(sql("held_forces")).fetchall()),
    )


def known_keys_problem(batch: Batch, keys: set[str]) -> None:
    """Raise ImportProblem when an update belongs to no recommendation in the batch or the database."""
    known = set(batch.recommendations["key"]) | keys
    orphans = batch.updates[~batch.updates["key"].isin(known)]
    if len(orphans):
        row = orphans.iloc[0]
        raise ImportProblem(f"{row['source']}, row {int(row['position']) + 2}: update for recommendation {row['key']} "
                            "which is neither in this import nor in the database; import its recommendation first")


def added_forces(names: list[str] | tuple[str, ...], already: tuple[str, ...]) -> tuple[str, ...]:
    """Forces an import may add on purpose (--new-force), checked; ImportProblem for a name that cannot be a force."""
    out = []
    for raw in names:
        try:
            name = new_force(raw)
        except ForceError as exc:
            raise ImportProblem(f"--new-force: {exc}") from None
        if name not in already:
            out.append(name)
    return tuple(out)


def outside_scope_problem(batch: Batch, scope: tuple[str, ...] | None) -> None:
    """Raise ImportProblem when a force's importer brings rows of another force (scope None: every force)."""
    if scope is None:
        return
    mine = {slugify(f) for f in scope}
    recs = batch.recommendations[~batch.recommendations["key"].map(lambda k: k.split("-", 1)[1] in mine)]
    if len(recs):
        row = recs.iloc[0]
        raise ImportProblem(f"recommendation {row['id']} is in {row['force']}, outside the forces you may import for "
                            f"({', '.join(scope)}); remove its rows, or ask an importer for that force")
    upds = batch.updates[~batch.updates["key"].map(lambda k: k.split("-", 1)[1] in mine)]
    if len(upds):
        row = upds.iloc[0]
        raise ImportProblem(f"{row['source']}: an update of {row['key']}, outside the forces you may import for "
                            f"({', '.join(scope)}); remove its rows")


def prepare(paths: list[str], db, force: str | None, new_forces, today: date | None, mapping: Mapping | None = None,
            progress=None, root: Path | None = None, scope: tuple[str, ...] | None = None,
            report: str | None = None, new_bodies=(), source: str | None = None) -> Batch:
    """Read and check everything an import would write, against what the database holds and, for a force's importer,
    against the forces they may import for (`scope`); `new_bodies` are recipients to add that are national bodies;
    `source` the source every file comes from (a code of data/sources.csv), else recognised from each file."""
    if source is not None:
        try:
            rule_of(source)
        except SourceError as exc:
            raise ImportProblem(f"--source: {exc}") from None
    have = held(db)
    bodies = added_forces(new_bodies or (), have.forces)
    adding = added_forces(new_forces or (), have.forces) + bodies
    batch = build_batch(paths, force, have, adding, today, mapping, progress, root, report, source)
    batch.new_bodies = tuple(f for f in batch.new_forces if f in bodies)
    # Scope first: a force's importer is told the same about another force's id whether or not the database holds it.
    outside_scope_problem(batch, scope)
    known_keys_problem(batch, have.keys)
    batch.warnings.extend(f"adding the national body '{name}' (a recipient kept apart from the forces)"
                          if name in batch.new_bodies else
                          f"adding the force '{name}' (not one of the 43 forces of England and Wales)"
                          for name in batch.new_forces)
    return batch


def ingest(paths: list[str], db, force: str | None = None, dry_run: bool = False, new_forces=(),
           today: date | None = None, actor: str = "command line", role: str = "operator",
           source: str = "command line", mapping: Mapping | None = None, progress=None,
           root: Path | None = None, scope: tuple[str, ...] | None = None, report: str | None = None,
           new_bodies=(), facts: FactsWriter | None = None, source_code: str | None = None) -> Summary:
    """Import files in one transaction (or, with dry_run, check them exactly as far as writing); return the Summary.

    Tables are read through `mapping` when given; files are named relative to `root` (an upload's folder) if given;
    `report` is the report of record pages without a title line. The import is recorded in the import log and the
    audit trail, in the same transaction, as made by `actor` in `role` from `source`. Workflow facts an export carries
    (priorities, withholdings, links) are written by `facts` in the same transaction; without it, files that carry
    them are refused. `source_code` is the source every file comes from (--source, a code of data/sources.csv), else
    recognised from each file.
    """
    batch = prepare(paths, db, force, new_forces, today, mapping, progress, root, scope, report, new_bodies, source_code)
    if batch.workflow_facts and facts is None and not dry_run:
        raise ImportProblem(f"{'; '.join(batch.sources)}: carries {len(batch.priorities):,} priorities, "
                            f"{len(batch.withholdings):,} withholdings and {len(batch.links):,} links between items, "
                            "which are made by a person: import it as an administrator (ingest --as EMAIL)")
    if dry_run:
        return Summary(len(batch.recommendations), 0, len(batch.updates), 0, batch.warnings,
                       addressees_added=len(batch.addressees))
    def store(w) -> Summary:
        summary = store_batch(w, batch, origin=Origin(actor, role, source, mapping_json(mapping) if mapping else None))
        if facts is not None and batch.workflow_facts:
            summary.facts_added = facts(w, batch)
        if summary.changed_anything:
            record_audit(w, actor, role, source, "import", "; ".join(batch.sources),
                         after={"import": summary.import_id,
                                "recommendations_added": summary.recommendations_added,
                                "recommendations_changed": summary.recommendations_changed,
                                "updates_added": summary.updates_added, "forces_added": list(batch.new_forces),
                                "addressees_added": summary.addressees_added,
                         "workflow_facts_added": summary.facts_added})
        return summary

    return write(db, store)
