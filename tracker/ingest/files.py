"""Turn record files, CSV files and XLSX workbooks into one Batch, or one clear error."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker.core.dates import DateError, parse_date
from tracker.core.forces import known_force
from tracker.core.statuses import AWAITING, normalise, slugify
from tracker.ingest.facts import extract
from tracker.ingest.register import Record, RecordError, parse_record
from tracker.ingest.themes import theme_for
from tracker.store.batch import (
    KINDS,
    REC_COLUMNS,
    UPDATE_COLUMNS,
    Batch,
    rec_key,
    reports_frame,
)

RECORD_SUFFIXES = {".txt", ".record"}
TABLE_SUFFIXES = {".csv", ".xlsx"}
MAX_RECORD_BYTES = 5 * 1024 * 1024

REC_REQUIRED = ["id", "force", "report", "text"]
REC_OPTIONAL = ["published_on", "kind", "theme", "owner", "overseer", "board", "target_original", "target_current"]
UPD_REQUIRED = ["id", "force", "date"]
UPD_OPTIONAL = ["status", "text"]
KIND_ALIASES = {"afi": "area for improvement", "coc": "cause of concern", "rec": "recommendation"}


class ImportProblem(ValueError):
    """Input that cannot be imported; the message names the file, the line or row and what to do."""


@dataclass
class Source:
    """A file to import and the force it belongs to, if its folder names one."""

    path: Path
    folder_force: str | None


def find_files(paths: list[str]) -> list[Source]:
    """Every importable file under the paths given, in a stable order."""
    found: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ImportProblem(f"{raw}: no such file or folder")
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            and p.suffix.lower() in RECORD_SUFFIXES | TABLE_SUFFIXES
        )
        for f in files:
            if f.suffix.lower() not in RECORD_SUFFIXES | TABLE_SUFFIXES:
                raise ImportProblem(f"{f}: unknown kind of file; import .txt records, .csv or .xlsx")
            found.append(Source(f, known_force(f.parent.name)))
    if not found:
        raise ImportProblem(f"{', '.join(paths)}: no .txt, .csv or .xlsx files found")
    return found


def read_text(path: Path) -> str:
    """A record file's text, or ImportProblem for empty, binary, oversized or non-UTF-8 files."""
    data = path.read_bytes()
    if not data.strip():
        raise ImportProblem(f"{path}: the file is empty; a record starts with 'Report title (id)'")
    if len(data) > MAX_RECORD_BYTES:
        raise ImportProblem(f"{path}: {len(data) / 1e6:.0f} MB is too large for one record (at most 5 MB); split it, one record a file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ImportProblem(f"{path}: the file is UTF-16; save it as UTF-8 and import it again")
    if b"\x00" in data:
        raise ImportProblem(f"{path}: this is a binary file, not a text record")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportProblem(
            f"{path}, line {line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8 and import it again"
        ) from None


def record_rows(record: Record, force: str, source: str) -> tuple[dict, list[dict]]:
    """One recommendation row and its update rows, with facts extracted from the comments."""
    key = rec_key(record.id, force)
    if not record.entries:
        raise ImportProblem(f"{source}: recommendation {record.id} has no dated entries, so its publication date is unknown")
    published = min((e.on for e in record.entries if e.status == AWAITING), default=min(e.on for e in record.entries))
    facts = {"owner": None, "overseer": None, "board": None}
    targets: list[tuple] = []
    ordered = sorted(enumerate(record.entries), key=lambda pair: (pair[1].on, pair[0]))
    for _, entry in ordered:
        if entry.text:
            found = extract(entry.text)
            for name in facts:
                facts[name] = getattr(found, name) or facts[name]
            if found.target:
                targets.append((found.target, found.target_text))
    rec = {
        "key": key, "id": record.id, "force": force, "report": record.title, "kind": "recommendation",
        "theme": theme_for(record.title, record.text), "theme_from": "rules", "text": record.text,
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
        {"key": key, "on_date": e.on, "status": e.status, "text": e.text, "source": source, "position": i}
        for i, e in enumerate(record.entries)
    ]
    return rec, updates


def check_columns(columns: list[str], required: list[str], optional: list[str], where: str) -> None:
    """Raise ImportProblem for missing or unknown columns, suggesting the likely spelling."""
    allowed = required + optional
    for col in columns:
        if col not in allowed:
            guess = difflib.get_close_matches(col, allowed, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise ImportProblem(f"{where}, row 1 (the header): unknown column '{col}'{hint}; rename or remove it. "
                                f"The columns are {', '.join(allowed)}")
    missing = [c for c in required if c not in columns]
    if missing:
        raise ImportProblem(f"{where}, row 1 (the header): missing column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}; add {'them' if len(missing) > 1 else 'it'}. "
                            f"Required are {', '.join(required)}")


def column_dates(values: pd.Series, where: str, column: str, required: bool) -> pd.Series:
    """Parse a column of dates fast when ISO, row by row otherwise; errors name the row."""
    iso = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    result = iso.dt.date.astype(object).where(iso.notna(), None)
    for idx in values.index[iso.isna()]:
        raw = values.at[idx]
        row = idx + 2
        if not raw.strip():
            if required:
                raise ImportProblem(f"{where}, row {row}: '{column}' is empty; write a date like 2017-07-05")
            continue
        try:
            result.at[idx] = parse_date(raw)
        except DateError as exc:
            raise ImportProblem(f"{where}, row {row}: {column}: {exc}") from None
    return result


def column_ids(values: pd.Series, where: str) -> pd.Series:
    """Parse the id column; errors name the row."""
    numbers = pd.to_numeric(values.str.strip(), errors="coerce")
    bad = numbers.isna() | (numbers % 1 != 0) | (numbers < 0)
    if bad.any():
        idx = bad.idxmax()
        raise ImportProblem(f"{where}, row {idx + 2}: id '{values.at[idx]}' is not a whole number; every row needs the register's numeric id")
    return numbers.astype("int64")


def column_forces(values: pd.Series, where: str) -> pd.Series:
    """Canonical force names; blank forces are an error naming the row."""
    blank = values.str.strip() == ""
    if blank.any():
        idx = blank.idxmax()
        raise ImportProblem(f"{where}, row {idx + 2}: 'force' is empty; every row needs its force")
    names = {v: known_force(v) or v.strip() for v in values.unique()}
    return values.map(names)


def table_recommendations(frame: pd.DataFrame, where: str) -> tuple[pd.DataFrame, list[str]]:
    """Validate a recommendations table and shape it to REC_COLUMNS."""
    check_columns(list(frame.columns), REC_REQUIRED, REC_OPTIONAL, where)
    for col in REC_OPTIONAL:
        if col not in frame:
            frame[col] = ""
    out = pd.DataFrame({"id": column_ids(frame["id"], where), "force": column_forces(frame["force"], where)})
    for col in ("report", "text"):
        blank = frame[col].str.strip() == ""
        if blank.any():
            raise ImportProblem(f"{where}, row {blank.idxmax() + 2}: '{col}' is empty")
    out["report"] = frame["report"].str.strip()
    out["text"] = frame["text"].str.strip()
    out["key"] = [rec_key(i, f) for i, f in zip(out["id"], out["force"], strict=False)]
    dupes = out[out.duplicated("key", keep=False)]
    if len(dupes):
        first = dupes.index[0]
        raise ImportProblem(f"{where}, row {first + 2}: recommendation {out.at[first, 'id']} in {out.at[first, 'force']} appears twice; keep one row per id and force")
    kinds = frame["kind"].str.strip().str.lower().replace(KIND_ALIASES).replace("", "recommendation")
    bad = ~kinds.isin(KINDS)
    if bad.any():
        raise ImportProblem(f"{where}, row {bad.idxmax() + 2}: kind '{frame.at[bad.idxmax(), 'kind']}' is not one of {', '.join(KINDS)}")
    out["kind"] = kinds
    given_theme = frame["theme"].str.strip()
    out["theme_from"] = ["import" if t else "rules" for t in given_theme]
    out["theme"] = [t or theme_for(r, x) for t, r, x in zip(given_theme, out["report"], out["text"], strict=False)]
    out["published_on"] = column_dates(frame["published_on"], where, "published_on", required=False)
    for col in ("owner", "overseer", "board"):
        out[col] = frame[col].str.strip().replace("", None)
        out[f"{col}_extracted"] = False
    out["target_original"] = column_dates(frame["target_original"], where, "target_original", required=False)
    out["target_current"] = column_dates(frame["target_current"], where, "target_current", required=False)
    out["target_current"] = out["target_current"].where(out["target_current"].notna(), out["target_original"])
    out["target_text"] = None
    out["target_extracted"] = False
    return out, []


def table_updates(frame: pd.DataFrame, where: str) -> tuple[pd.DataFrame, list[str]]:
    """Validate an updates table and shape it to UPDATE_COLUMNS plus id and force."""
    check_columns(list(frame.columns), UPD_REQUIRED, UPD_OPTIONAL, where)
    for col in UPD_OPTIONAL:
        if col not in frame:
            frame[col] = ""
    out = pd.DataFrame({"id": column_ids(frame["id"], where), "force": column_forces(frame["force"], where)})
    out["key"] = [rec_key(i, f) for i, f in zip(out["id"], out["force"], strict=False)]
    out["on_date"] = column_dates(frame["date"], where, "date", required=True)
    warnings: list[str] = []
    statuses = {}
    for raw in frame["status"].unique():
        if raw.strip():
            slug, known = normalise(raw)
            statuses[raw] = slug
            if not known:
                warnings.append(f"{where}: unknown status '{raw.strip()}' kept as '{slug}'")
    out["status"] = frame["status"].map(lambda s: statuses.get(s))
    out["text"] = frame["text"].str.strip().replace("", None)
    empty = out["status"].isna() & out["text"].isna()
    if empty.any():
        raise ImportProblem(f"{where}, row {empty.idxmax() + 2}: the update has neither a status nor a text")
    out["source"] = where
    out["position"] = range(len(out))
    return out, warnings


def read_table(path: Path) -> dict[str, pd.DataFrame]:
    """The sheets of an XLSX or the one table of a CSV, every cell as text."""
    if path.stat().st_size == 0:
        raise ImportProblem(f"{path}: the file is empty; see the README for the columns")
    if path.suffix.lower() == ".csv":
        head = path.open("rb").read(4096)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ImportProblem(f"{path}: the file is UTF-16; save it as CSV UTF-8 and import it again")
        if b"\x00" in head:
            raise ImportProblem(f"{path}: this is a binary file, not a CSV")
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportProblem(f"{path}: the file is not UTF-8 ({exc.reason}); save it as CSV UTF-8 and import it again") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise ImportProblem(f"{path}: not a readable CSV: {str(exc).strip()}") from None
        return {path.stem: frame}
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise ImportProblem(f"{path}: not a readable XLSX workbook ({type(exc).__name__}); save it again from Excel as .xlsx") from None
    wanted = {"recommendations", "updates"}
    names = {n.strip().lower(): n for n in sheets}
    if not wanted & set(names):
        raise ImportProblem(f"{path}: the workbook has sheets {', '.join(sheets)}; it needs a sheet named 'recommendations' and/or 'updates'")
    return {n: sheets[names[n]] for n in ("recommendations", "updates") if n in names}


def table_kind(name: str, frame: pd.DataFrame, where: str) -> str:
    """Whether a table holds recommendations or updates: by sheet/file name, else by its columns."""
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    lowered = name.lower()
    if "update" in lowered or ("date" in frame.columns and "report" not in frame.columns):
        return "updates"
    if "recommendation" in lowered or "report" in frame.columns:
        return "recommendations"
    raise ImportProblem(f"{where}: cannot tell whether this table holds recommendations (needs a 'report' column) or updates (needs a 'date' column)")


def build_batch(paths: list[str], force: str | None = None) -> Batch:
    """Read every file under the paths into one Batch; raise ImportProblem on the first bad input."""
    sources = find_files(paths)
    recs: list[dict] = []
    updates: list[dict] = []
    rec_frames: list[pd.DataFrame] = []
    upd_frames: list[pd.DataFrame] = []
    warnings: list[str] = []
    seen: dict[str, tuple[str, str]] = {}
    chosen_force = (known_force(force) or force.strip()) if force else None
    for src in sources:
        where = str(src.path)
        if src.path.suffix.lower() in RECORD_SUFFIXES:
            try:
                record = parse_record(read_text(src.path), where)
            except RecordError as exc:
                raise ImportProblem(str(exc)) from None
            rec_force = chosen_force or src.folder_force
            if not rec_force:
                raise ImportProblem(
                    f"{where}: the record does not say which force it belongs to; pass --force NAME "
                    "or put the file in a folder named for the force"
                )
            rec, rows = record_rows(record, rec_force, where)
            if rec["key"] in seen and seen[rec["key"]][1] != rec["text"]:
                raise ImportProblem(
                    f"{where}, line 1: recommendation {record.id} in {rec_force} is also in {seen[rec['key']][0]} with a different text; keep one"
                )
            seen[rec["key"]] = (where, rec["text"])
            recs.append(rec)
            updates.extend(rows)
            warnings.extend(record.warnings)
            continue
        for name, frame in read_table(src.path).items():
            sheet_where = where if src.path.suffix.lower() == ".csv" else f"{where} [sheet {name}]"
            if frame.empty:
                continue
            if table_kind(name, frame, sheet_where) == "recommendations":
                frame_recs, more = table_recommendations(frame, sheet_where)
                rec_frames.append(frame_recs)
            else:
                frame_upd, more = table_updates(frame, sheet_where)
                upd_frames.append(frame_upd)
            warnings.extend(more)
    rec_frame = pd.concat([pd.DataFrame(recs, columns=REC_COLUMNS), *rec_frames], ignore_index=True) if rec_frames else pd.DataFrame(recs, columns=REC_COLUMNS)
    upd_frame = pd.concat([pd.DataFrame(updates, columns=UPDATE_COLUMNS), *upd_frames], ignore_index=True) if upd_frames else pd.DataFrame(updates, columns=UPDATE_COLUMNS)
    dupes = rec_frame[rec_frame.duplicated("key", keep=False)]
    if len(dupes) and dupes.groupby("key")["text"].nunique().max() > 1:
        key = dupes.groupby("key")["text"].nunique().idxmax()
        raise ImportProblem(f"{', '.join(paths)}: recommendation {key} appears twice with different texts; keep one")
    rec_frame = rec_frame.drop_duplicates("key", keep="last")
    rec_frame = fill_published(rec_frame, upd_frame)
    rec_frame["report"] = rec_frame["report"].astype(str)
    report_frame = reports_frame(rec_frame.rename(columns={"report": "title"})[["title", "published_on"]])
    rec_frame["report"] = rec_frame["report"].map(slugify)
    return Batch(
        kind="+".join(sorted({s.path.suffix.lower().lstrip(".") for s in sources})),
        sources=[str(s.path) for s in sources],
        reports=report_frame,
        recommendations=rec_frame,
        updates=upd_frame[UPDATE_COLUMNS],
        warnings=warnings,
    )


def fill_published(recs: pd.DataFrame, updates: pd.DataFrame) -> pd.DataFrame:
    """Give recommendations with no publication date their first awaiting-review or earliest update date."""
    missing = recs["published_on"].isna()
    if not missing.any():
        return recs
    first = updates.sort_values(["on_date"]).groupby("key")["on_date"]
    awaiting = updates[updates["status"] == AWAITING].groupby("key")["on_date"].min()
    fill = awaiting.combine_first(first.min())
    recs.loc[missing, "published_on"] = recs.loc[missing, "key"].map(fill)
    still = recs["published_on"].isna()
    if still.any():
        row = recs[still].iloc[0]
        raise ImportProblem(
            f"recommendation {row['id']} in {row['force']}: no published_on and no dated updates; add a published_on column value"
        )
    return recs


def known_keys_problem(batch: Batch, held: set[str]) -> None:
    """Raise ImportProblem when an update belongs to no recommendation in the batch or the database."""
    keys = set(batch.recommendations["key"]) | held
    orphans = batch.updates[~batch.updates["key"].isin(keys)]
    if len(orphans):
        row = orphans.iloc[0]
        raise ImportProblem(
            f"{row['source']}, row {int(row['position']) + 2}: update for recommendation {row['key']} which is neither in this import nor in the database; import its recommendation first"
        )


def held_keys(db) -> set[str]:
    """Keys of the recommendations already in the database (empty when there is none)."""
    from tracker.store.database import open_reader

    if not Path(db).exists():
        return set()
    con = open_reader(db)
    try:
        return {k for (k,) in con.execute("SELECT key FROM recommendations").fetchall()}
    finally:
        con.close()


def ingest(paths: list[str], db, force: str | None = None, dry_run: bool = False):
    """Import files in one transaction (or only validate them, with dry_run); return the Summary."""
    from tracker.store.batch import Summary, store_batch
    from tracker.store.database import NothingToWrite, writing

    batch = build_batch(paths, force)
    known_keys_problem(batch, held_keys(db))
    if dry_run:
        return Summary(len(batch.recommendations), 0, len(batch.updates), 0, batch.warnings)
    result: list[Summary] = []
    try:
        with writing(db) as con:
            summary = store_batch(con, batch)
            result.append(summary)
            if not summary.changed_anything:
                raise NothingToWrite
            con.execute("INSERT OR REPLACE INTO meta VALUES ('last_import_at', strftime(now(), '%Y-%m-%dT%H:%M:%S'))")
    except NothingToWrite:
        pass
    return result[0]
