"""Read every input file into one Batch: register records and tables, duplicates checked, publication dates filled."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tracker.core import clock
from tracker.core.dates import DateError, implausible
from tracker.core.forces import known_force
from tracker.core.sources import DEFAULT_SOURCE, SourceError, answer_by, rule_of
from tracker.core.statuses import AWAITING
from tracker.core.text import clean_name, clean_text, has_control
from tracker.ingest.cells import force_problem
from tracker.ingest.coroners import is_coroners_report, report_rows
from tracker.ingest.facts import extract
from tracker.ingest.iopc import MAPPING as IOPC_MAPPING
from tracker.ingest.iopc import SOURCE as IOPC
from tracker.ingest.iopc import is_iopc_layout
from tracker.ingest.mapping import Mapping, choose_sheet, mapped_tables
from tracker.ingest.problems import ImportProblem
from tracker.ingest.register import Record, RecordError, id_from_name, parse_record
from tracker.ingest.reports import report_ids, reports_frame
from tracker.ingest.sources import Source, find_files, read_record_text, read_tables
from tracker.ingest.tables import Context, table_kind, table_links, table_recommendations, table_updates, workflow_facts
from tracker.ingest.themes import theme_for
from tracker.store.batch import (
    ADDRESSEE_COLUMNS,
    LINK_COLUMNS,
    PRIORITY_COLUMNS,
    REC_COLUMNS,
    UPDATE_COLUMNS,
    WITHHOLDING_COLUMNS,
    Batch,
    rec_key,
)

UNKNOWN_REPORT = "Report not known"  # the report of a page without a title line, until one names it


@dataclass
class Held:
    """What the database already holds that an import is checked against."""

    keys: set[str] = field(default_factory=set)
    reports: dict[str, str] = field(default_factory=dict)  # title -> id
    report_dates: dict[str, date] = field(default_factory=dict)  # title -> earliest known publication
    forces: tuple[str, ...] = ()  # forces added on purpose before


@dataclass
class Parts:
    """Rows read so far, with the file each recommendation came from."""

    recs: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    rec_frames: list[pd.DataFrame] = field(default_factory=list)
    upd_frames: list[pd.DataFrame] = field(default_factory=list)
    priority_frames: list[pd.DataFrame] = field(default_factory=list)
    withholding_frames: list[pd.DataFrame] = field(default_factory=list)
    link_frames: list[pd.DataFrame] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (file, text)
    addressees: list[dict] = field(default_factory=list)  # a source document's addressees (report by title)


def record_rows(record: Record, force: str, source: str, today: date, warnings: list[str]) -> tuple[dict, list[dict]]:
    """One recommendation row and its update rows, with facts extracted from the comments.

    A record with no dated entry yet has no publication date of its own: it is left empty here, to be taken from its
    report (fill_published).
    """
    key = rec_key(record.id, force)
    for entry in record.entries:
        try:
            note = implausible(entry.on, today)
        except DateError as exc:
            raise ImportProblem(f"{source}: entry dated {entry.on.isoformat()}: {exc}") from None
        if note:
            warnings.append(f"{source}: entry dated {note}")
    if any(has_control(t) for t in (record.text, *(e.text or "" for e in record.entries))):
        warnings.append(f"{source}: control characters removed")
    published = min((e.on for e in record.entries if e.status == AWAITING),
                    default=min((e.on for e in record.entries), default=None))
    facts = {"owner": None, "overseer": None, "board": None}
    targets: list[tuple] = []
    stated: dict[int, date | None] = {}
    ordered = sorted(enumerate(record.entries), key=lambda pair: (pair[1].on, pair[0]))
    for i, entry in ordered:
        if entry.text:
            found = extract(entry.text)
            stated[i] = found.target
            for name in facts:
                facts[name] = clean_name(getattr(found, name) or "") or facts[name]
            if found.target:
                targets.append((found.target, found.target_text))
    text = clean_text(record.text)
    title = clean_name(record.title)
    rec = {
        "key": key, "id": record.id, "force": force, "report": title, "kind": record.kind,
        "theme": theme_for(title, text), "theme_from": "rules", "text": text,
        "published_on": published,
        "owner": facts["owner"], "owner_extracted": facts["owner"] is not None,
        "overseer": facts["overseer"], "overseer_extracted": facts["overseer"] is not None,
        "board": facts["board"], "board_extracted": facts["board"] is not None,
        "target_original": targets[0][0] if targets else None,
        "target_current": targets[-1][0] if targets else None,
        "target_text": targets[-1][1] if targets else None,
        "target_extracted": bool(targets),
    }
    updates = [
        {"key": key, "on_date": e.on, "status": e.status, "text": clean_text(e.text) if e.text else None,
         "source": source, "position": i, "stated_target": stated.get(i)}
        for i, e in enumerate(record.entries)
    ]
    return rec, updates


def read_record(src: Source, chosen_force: str | None, ctx: Context, parts: Parts) -> None:
    """Add one register record file's rows to parts."""
    where = src.shown
    try:
        record = parse_record(read_record_text(src.path), where, named_id=id_from_name(src.path.name))
    except RecordError as exc:
        raise ImportProblem(str(exc)) from None
    if not record.title:  # a page for one recommendation: its report is the one given, or not known
        record = replace(record, title=ctx.report or UNKNOWN_REPORT)
        parts.warnings.append(f"{where}: its report is {'given with --report' if ctx.report else 'not known'}: "
                              f"'{record.title}'" + ("" if ctx.report else "; give it with --report TITLE"))
    force = chosen_force or known_force(src.folder, ctx.forces)
    if not force:
        raise ImportProblem(f"{where}: the record does not say which force it belongs to; pass --force NAME "
                            "or put the file in a folder named for the force")
    rec, rows = record_rows(record, force, where, ctx.today, parts.warnings)
    if not record.entries:
        parts.warnings.append(f"{where}: recommendation {record.id} has no dated entries yet; imported as open with no "
                              "update, its publication date taken from its report where known")
    if rec["key"] in parts.seen and parts.seen[rec["key"]][1] != rec["text"]:
        raise ImportProblem(f"{where}, line 1: recommendation {record.id} in {force} is also in "
                            f"{parts.seen[rec['key']][0]} with a different text; keep one")
    parts.seen[rec["key"]] = (where, rec["text"])
    parts.recs.append(rec)
    parts.updates.extend(rows)
    parts.warnings.extend(record.warnings)


def read_coroners_report(src: Source, parts: Parts) -> None:
    """Add one coroner's report's items and addressees to parts."""
    rows = report_rows(src)
    for rec in rows.recs:
        if rec["key"] in parts.seen and parts.seen[rec["key"]][1] != rec["text"]:
            raise ImportProblem(f"{src.shown}: {rec['source_ref']} in {rec['force']} is also in "
                                f"{parts.seen[rec['key']][0]} with a different text; keep one")
        parts.seen[rec["key"]] = (src.shown, rec["text"])
    parts.recs.extend(rows.recs)
    parts.addressees.extend(rows.addressees)
    parts.warnings.extend(rows.warnings)


def read_table_file(src: Source, ctx: Context, parts: Parts, mapping: Mapping | None = None,
                    force: str | None = None) -> None:
    """Add one CSV's or workbook's rows to parts, read through a column mapping when one is given."""
    where = src.shown
    if mapping:
        read_mapped_file(src, ctx, parts, mapping, force)
        return
    suffix = src.path.suffix.lower()
    tables = read_tables(src.path)
    if ctx.source == IOPC or (ctx.source is None and suffix == ".csv"
                              and any(is_iopc_layout(f) for f in tables.values())):
        read_mapped_file(src, replace(ctx, source=IOPC), parts, IOPC_MAPPING, force)
        return
    for name, frame in tables.items():
        sheet_where = where if suffix == ".csv" else f"{where} [{name}]" if suffix == ".json" else f"{where} [sheet {name}]"
        if frame.empty:
            continue
        add_table(parts, table_kind(name, frame, sheet_where), frame, sheet_where, ctx)


def add_table(parts: Parts, kind: str, frame: pd.DataFrame, where: str, ctx: Context) -> None:
    """Check one table of recommendations, updates or links and add its rows and warnings to parts."""
    if kind == "recommendations":
        rows, more = table_recommendations(frame, where, ctx)
        parts.rec_frames.append(rows)
        priorities, withholdings = workflow_facts(rows)
        parts.priority_frames.append(priorities)
        parts.withholding_frames.append(withholdings)
    elif kind == "links":
        rows, more = table_links(frame, where, ctx)
        parts.link_frames.append(rows)
    else:
        rows, more = table_updates(frame, where, ctx)
        parts.upd_frames.append(rows)
    parts.warnings.extend(more)


def read_mapped_file(src: Source, ctx: Context, parts: Parts, mapping: Mapping, force: str | None) -> None:
    """Add one CSV's or workbook's rows to parts through a column mapping (one sheet may give both tables)."""
    where = src.shown
    if src.path.suffix.lower() == ".json":
        raise ImportProblem(f"{where}: a JSON export is read as it is; import it without --mapping")
    sheets = read_tables(src.path, every_sheet=True)
    for kind, spec in mapping.items():
        name = choose_sheet(sheets, kind, spec, where)
        frame = sheets[name]
        sheet_where = where if src.path.suffix.lower() == ".csv" else f"{where} [sheet {name}]"
        if frame.empty:
            continue
        for part_where, table in mapped_tables(frame, kind, spec, sheet_where, force or src_force(src, ctx)):
            if not table.empty:
                add_table(parts, kind, table, part_where, ctx)


def src_force(src: Source, ctx: Context) -> str | None:
    """The force a file's folder names, if any."""
    return known_force(src.folder, ctx.forces)


def combined(rows: list[dict], frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Rows from records and frames from tables as one frame with the given columns."""
    first = pd.DataFrame(rows, columns=columns)
    return pd.concat([first, *(f[columns] for f in frames)], ignore_index=True) if frames else first


def latest_each(frames: list[pd.DataFrame], columns: list[str], unique: list[str]) -> pd.DataFrame:
    """Frames of workflow facts as one, the last file's where two give the same item (or link) one."""
    return combined([], [f for f in frames if len(f)], columns).drop_duplicates(unique, keep="last")


def without_duplicates(recs: pd.DataFrame, paths: list[str]) -> pd.DataFrame:
    """One row a key; the same key with two texts across files is an error."""
    dupes = recs[recs.duplicated("key", keep=False)]
    if len(dupes):
        texts = dupes.groupby("key")["text"].nunique()
        if texts.max() > 1:
            raise ImportProblem(f"{', '.join(paths)}: recommendation {texts.idxmax()} appears twice with different "
                                "texts; keep one")
    return recs.drop_duplicates("key", keep="last")


def fill_published(recs: pd.DataFrame, updates: pd.DataFrame, held: Held, warnings: list[str]) -> pd.DataFrame:
    """Publication dates not given: the first awaiting-review update, else the earliest update, else the report's date
    (from another recommendation of the report, in this import or held); else unknown, with a warning."""
    missing = recs["published_on"].isna()
    if not missing.any():
        return recs
    recs = recs.copy()
    first = updates.groupby("key")["on_date"].min()
    awaiting = updates[updates["status"] == AWAITING].groupby("key")["on_date"].min()
    from_updates = recs.loc[missing, "key"].map(awaiting.combine_first(first))
    recs.loc[missing, "published_on"] = from_updates
    report_dates = {**held.report_dates, **recs.dropna(subset=["published_on"]).groupby("report")["published_on"].min()}
    still = recs["published_on"].isna()
    recs.loc[still, "published_on"] = recs.loc[still, "report"].map(report_dates)
    for row in recs[recs["published_on"].isna()].itertuples():
        warnings.append(f"recommendation {row.id} in {row.force}: publication date unknown (no published_on, no dated "
                        "update, no other recommendation of its report); shown as unknown and left out of age figures")
    recs["published_on"] = recs["published_on"].astype(object).where(recs["published_on"].notna(), None)
    return recs


def as_day(value) -> date | None:
    """A cell's date as a date (a pandas Timestamp's day), or None where it has none."""
    if value is None or not isinstance(value, date) or pd.isna(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def with_clocks(recs: pd.DataFrame, source: str | None = None) -> pd.DataFrame:
    """Each recommendation's source (as read, else `source`, else an inspection's), addressee (as read, else whoever
    its source says answers) and last day to answer by its source's clock. Before this, answer_by holds only a date
    the source itself states (a coroner's "namely by …"), which wins where the source's rule says so."""
    recs = recs.copy()
    recs["source"] = recs["source"].where(recs["source"].notna(), source or DEFAULT_SOURCE)
    try:
        rules = {s: rule_of(s) for s in set(recs["source"])}
    except SourceError as exc:
        raise ImportProblem(str(exc)) from None
    recs["addressee"] = [a if isinstance(a, str) and a else rules[s].answered_by
                         for a, s in zip(recs["addressee"], recs["source"], strict=True)]
    recs["answer_by"] = [answer_by(s, as_day(p), as_day(st))
                         for s, p, st in zip(recs["source"], recs["published_on"], recs["answer_by"], strict=True)]
    recs["answer_by"] = recs["answer_by"].astype(object)
    return recs


def publisher(reports: pd.DataFrame, recs: pd.DataFrame) -> list[str]:
    """Who published each report: an inspection's inspectorate, else its source's name (a coroner's report…)."""
    first = dict(zip(recs["report"], recs["source"], strict=True))
    return [i if first.get(t, DEFAULT_SOURCE) == DEFAULT_SOURCE else rule_of(first[t]).name
            for t, i in zip(reports["title"], reports["inspectorate"], strict=True)]


def build_batch(paths: list[str], force: str | None = None, held: Held | None = None, new_forces: tuple[str, ...] = (),
                today: date | None = None, mapping: Mapping | None = None, progress=None, root: Path | None = None,
                report: str | None = None, source: str | None = None) -> Batch:
    """Read every file under the paths into one Batch; raise ImportProblem on the first bad input.

    Tables are read through `mapping` when one is given; `progress(done, total)` is called after each file; files are
    named relative to `root` (an upload's folder) when given; `report` is the report title of pages that have no title
    line; `source` is the source every file comes from (--source), else each file's is recognised from its content."""
    held = held or Held()
    ctx = Context(forces=(*held.forces, *new_forces), today=today or clock.today(),
                  report=clean_name(report) if report else None, source=source)
    chosen_force = None
    if force:
        chosen_force = known_force(force, ctx.forces)
        if chosen_force is None:
            raise force_problem(force, "--force")
    sources = find_files(paths, root)
    parts = Parts()
    for done, src in enumerate(sources, 1):
        if is_coroners_report(src, ctx.source):
            read_coroners_report(src, parts)
        elif src.is_pdf:
            raise ImportProblem(f"{src.shown}: a PDF is read as a coroner's report only")
        elif src.is_record:
            read_record(src, chosen_force, ctx, parts)
        else:
            read_table_file(src, ctx, parts, mapping, chosen_force)
        if progress:
            progress(done, len(sources))
    recs = without_duplicates(combined(parts.recs, parts.rec_frames, REC_COLUMNS), paths)
    updates = combined(parts.updates, parts.upd_frames, UPDATE_COLUMNS)
    recs = with_clocks(fill_published(recs, updates, held, parts.warnings), ctx.source)
    recs["report"] = recs["report"].astype(str)
    ids = report_ids(sorted(set(recs["report"])), held.reports)
    reports = reports_frame(recs.rename(columns={"report": "title"})[["title", "published_on"]], ids)
    reports["inspectorate"] = publisher(reports, recs)
    recs["report"] = recs["report"].map(ids)
    addressees = pd.DataFrame(parts.addressees, columns=ADDRESSEE_COLUMNS)
    addressees["report"] = addressees["report"].map(ids)
    used = set(recs["force"])
    return Batch(
        kind="+".join(sorted({s.path.suffix.lower().lstrip(".") for s in sources})),
        sources=[s.shown for s in sources],
        reports=reports,
        recommendations=recs,
        updates=updates,
        warnings=parts.warnings,
        new_forces=tuple(f for f in new_forces if f in used),
        priorities=latest_each(parts.priority_frames, PRIORITY_COLUMNS, ["key"]),
        withholdings=latest_each(parts.withholding_frames, WITHHOLDING_COLUMNS, ["key"]),
        links=latest_each(parts.link_frames, LINK_COLUMNS, ["key", "other", "relation"]),
        addressees=addressees.drop_duplicates(["source", "source_ref", "written"]),
    )
