"""Column mappings: a force's own spreadsheet headers matched to the tracker's fields, proposed, checked and applied."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from tracker.core.dates import end_of_month
from tracker.ingest.cells import row_of
from tracker.ingest.problems import ImportProblem
from tracker.ingest.tables import REC_OPTIONAL, REC_REQUIRED, UPD_OPTIONAL, UPD_REQUIRED

TABLE_KINDS = ("recommendations", "updates")
FIELDS = {"recommendations": REC_REQUIRED + REC_OPTIONAL, "updates": UPD_REQUIRED + UPD_OPTIONAL}
REQUIRED = {"recommendations": ("id", "report", "text"), "updates": ("id",)}  # force may be chosen for the file
SPEC_KEYS = ("sheet", "dated_columns")  # besides field names, what a mapping's object may hold

# Headers forces use for each field, compared after normalising (lower case, single spaces, no punctuation).
SYNONYMS = {
    "recommendations": {
        "id": ("rec ref", "ref", "reference", "rec no", "rec id", "recommendation ref", "recommendation id",
               "recommendation number", "rec number"),
        "force": ("police force", "force name"),
        "report": ("inspection", "report title", "inspection report", "source report", "report name"),
        "text": ("recommendation", "recommendation text", "description", "recommendation description"),
        "published_on": ("published", "publication date", "date published", "report date"),
        "kind": ("type", "category", "recommendation type"),
        "theme": ("area", "topic", "thematic area"),
        "owner": ("lead officer", "lead", "responsible", "responsible officer", "action owner", "owner name"),
        "overseer": ("chief officer lead", "oversight", "senior responsible officer", "sro", "executive lead"),
        "board": ("governance board", "governance", "oversight board"),
        "target_original": ("original target", "original target date", "original deadline", "original due date"),
        "target_current": ("target date", "due", "deadline", "due date", "target", "revised target",
                           "current target", "revised target date"),
        "rag": ("rag status", "rag rating", "rating", "red amber green"),
        "cause_of_concern": ("cause of concern", "coc", "coc ref", "parent cause of concern", "cause of concern id"),
        "peel_question": ("peel question", "peel area", "question"),
    },
    "updates": {
        "id": ("rec ref", "ref", "reference", "rec no", "rec id", "recommendation ref", "recommendation id",
               "recommendation number", "rec number"),
        "force": ("police force", "force name"),
        "date": ("date of update", "updated", "update date", "last updated", "date updated", "as at"),
        "status": ("current status", "progress status"),
        "text": ("latest update", "progress", "update", "comment", "comments", "progress update", "commentary",
                 "latest position"),
        "percent": ("percent complete", "percentage complete", "percent", "percentage", "progress percent",
                    "percent progress", "completion percent", "percent done"),
    },
}
FUZZY_CUTOFF = 0.8
MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                         "dec"))}
WIDE_WORDS = re.compile(r"\b(update|updates|progress|comment|comments|position|commentary)\b", re.I)


@dataclass(frozen=True)
class TableSpec:
    """How one of our tables is read from a sheet: our field -> their header, the sheet, and dated update columns."""

    columns: dict[str, str]
    sheet: str | None = None
    dated: dict[str, date] = field(default_factory=dict)  # their header -> the update's date (a wide layout)


Mapping = dict[str, TableSpec]  # 'recommendations' | 'updates' -> its spec


@dataclass
class Proposal:
    """A proposed mapping for one of our tables from one sheet's headers, and how each field was matched."""

    kind: str
    columns: dict[str, str]              # field -> header, applied
    how: dict[str, str]                  # field -> exact | case and spacing | synonym
    suggestions: dict[str, str]          # field -> header: a close spelling, shown and never applied
    dated: dict[str, date]               # header -> date
    unused: list[str]                    # headers nothing reads

    @property
    def complete(self) -> bool:
        """Whether every required field has a column (updates need a date, a text, a status or dated columns)."""
        if any(f not in self.columns for f in REQUIRED[self.kind]):
            return False
        return self.kind == "recommendations" or bool(self.dated) or (
            "date" in self.columns and ("text" in self.columns or "status" in self.columns))

    @property
    def is_ours(self) -> bool:
        """Whether every column matched exactly: the sheet already uses the tracker's names."""
        return bool(self.columns) and set(self.how.values()) == {"exact"}


def norm(header: str) -> str:
    """A header as compared: lower case, '%' as the word percent, other punctuation and underscores as spaces, single
    spaces ('% Complete' is 'percent complete')."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(header).lower().replace("%", " percent ")).split())


def header_date(header: str) -> date | None:
    """The date a wide layout's column header gives its updates ('Update Jan 2019' -> 2019-01-31, 'Progress Q2 2020'
    -> 2020-06-30, 'Update 15/04/2019' -> 2019-04-15), or None when the header is not a dated update column."""
    if not WIDE_WORDS.search(header):
        return None
    text = header.lower()
    if m := re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b", text):
        return safe_date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.search(r"\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\b", text):
        if m[2] in MONTHS:
            return safe_date(int(m[3]), MONTHS[m[2]], int(m[1]))
    if m := re.search(r"\bq([1-4])\s*[-/ ]?\s*(\d{4})\b|\b(\d{4})\s*[-/ ]?\s*q([1-4])\b", text):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        return end_of_month(year, quarter * 3)
    if m := re.search(r"\b([a-z]{3})[a-z]*\.?[\s-]+(\d{4}|\d{2})\b", text):
        if m[1] in MONTHS:
            year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
            return end_of_month(year, MONTHS[m[1]])
    if m := re.search(r"\b(\d{4})-(\d{1,2})\b|\b(\d{1,2})/(\d{4})\b", text):
        year, month = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 1 <= month <= 12:
            return end_of_month(year, month)
    return None


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None for an impossible one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def propose(headers: list[str], kind: str) -> Proposal:
    """Match a sheet's headers to one of our tables: exactly, then ignoring case and spacing, then by known synonyms;
    close spellings are suggestions only. Each header is used once; dated update columns are found for updates."""
    fields = FIELDS[kind]
    headers = [str(h) for h in headers]
    dated = {h: d for h in headers if kind == "updates" and (d := header_date(h)) is not None}
    free = [h for h in headers if h not in dated]
    columns: dict[str, str] = {}
    how: dict[str, str] = {}
    steps = (("exact", lambda h, f: h.strip() == f),
             ("case and spacing", lambda h, f: norm(h) == norm(f)),
             ("synonym", lambda h, f: norm(h) in SYNONYMS[kind].get(f, ())))
    for name, matches in steps:
        for f in fields:
            if f in columns:
                continue
            for h in free:
                if h not in columns.values() and matches(h, f) and not rag_as_status(h, f):
                    columns[f], how[f] = h, name
                    break
    left = [h for h in free if h not in columns.values()]
    suggestions: dict[str, str] = {}
    for f in fields:
        if f in columns:
            continue
        names = {norm(f): f, **{s: f for s in SYNONYMS[kind].get(f, ())}}
        for h in left:
            if h not in suggestions.values() and not rag_as_status(h, f) and difflib.get_close_matches(
                    norm(h), list(names), n=1, cutoff=FUZZY_CUTOFF):
                suggestions[f] = h
                break
    unused = [h for h in left if h not in suggestions.values()]
    return Proposal(kind, columns, how, suggestions, dated, unused)


def rag_as_status(header: str, field_name: str) -> bool:
    """A RAG column is the force's own rating: it never stands for the status."""
    return field_name == "status" and "rag" in norm(header).split()


def parse_mapping(obj, where: str) -> Mapping:
    """A mapping from its JSON form ({"recommendations": {"id": "Rec Ref", ...}, "updates": {...}}), checked; an
    ImportProblem names what is wrong."""
    if not isinstance(obj, dict) or not obj or set(obj) - set(TABLE_KINDS):
        raise ImportProblem(f"{where}: a mapping is an object with 'recommendations' and/or 'updates', each mapping "
                            "the tracker's field names to your column headers")
    out: Mapping = {}
    for kind, spec in obj.items():
        if not isinstance(spec, dict):
            raise ImportProblem(f"{where}: '{kind}' must be an object of field: header")
        unknown = [k for k in spec if k not in FIELDS[kind] and k not in SPEC_KEYS]
        if unknown:
            raise ImportProblem(f"{where}: '{kind}' has no field '{unknown[0]}'; its fields are "
                                f"{', '.join(FIELDS[kind])} (and 'sheet', 'dated_columns')")
        columns = {k: v for k, v in spec.items() if k not in SPEC_KEYS}
        if any(not isinstance(v, str) or not v.strip() for v in columns.values()):
            raise ImportProblem(f"{where}: in '{kind}', every field maps to a column header (text)")
        raw_dated = spec.get("dated_columns") or {}
        if not isinstance(raw_dated, dict):
            raise ImportProblem(f"{where}: '{kind}'.dated_columns must be an object of header: date, like "
                                '{"Update Jan 2024": "2024-01-31"}')
        sheet = spec.get("sheet")
        if sheet is not None and (not isinstance(sheet, str) or not sheet.strip()):
            raise ImportProblem(f"{where}: '{kind}'.sheet must be the sheet's name as text, like \"Tracker\"")
        dated = {}
        for header, raw in raw_dated.items():
            try:
                dated[header] = date.fromisoformat(raw)
            except (TypeError, ValueError):
                raise ImportProblem(f"{where}: '{kind}'.dated_columns['{header}'] must be a date like 2019-01-31") \
                    from None
        missing = [f for f in REQUIRED[kind] if f not in columns]
        if missing:
            raise ImportProblem(f"{where}: '{kind}' needs a column for {', '.join(missing)}")
        out[kind] = TableSpec(columns, sheet, dated)
    return out


def mapping_of_text(text: str, where: str) -> Mapping:
    """A mapping from its JSON text, checked; an ImportProblem names `where` when the text is not one."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{where}: not valid JSON ({exc}); see the README for the format") from None
    except RecursionError:  # the JSON decoder recurses once a level of nesting
        raise ImportProblem(f"{where} is nested too deeply to be a mapping") from None
    return parse_mapping(obj, where)


def mapping_json(mapping: Mapping) -> str:
    """A mapping in its JSON form (the format `ingest --mapping FILE.json` reads)."""
    obj = {}
    for kind, spec in mapping.items():
        entry: dict = dict(spec.columns)
        if spec.sheet:
            entry["sheet"] = spec.sheet
        if spec.dated:
            entry["dated_columns"] = {h: d.isoformat() for h, d in spec.dated.items()}
        obj[kind] = entry
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def choose_sheet(sheets: dict[str, pd.DataFrame], kind: str, spec: TableSpec, where: str) -> str:
    """The sheet a spec reads: the one it names, else the one named for the table, else the only one."""
    by_name = {n.strip().lower(): n for n in sheets}
    if spec.sheet:
        if spec.sheet.strip().lower() not in by_name:
            raise ImportProblem(f"{where}: the mapping's sheet '{spec.sheet}' is not in the workbook; its sheets are "
                                f"{', '.join(sheets)}")
        return by_name[spec.sheet.strip().lower()]
    if kind in by_name:
        return by_name[kind]
    if len(sheets) == 1:
        return next(iter(sheets))
    raise ImportProblem(f"{where}: the workbook has sheets {', '.join(sheets)}; say which one holds the {kind} "
                        "('sheet' in the mapping)")


def mapped_tables(frame: pd.DataFrame, kind: str, spec: TableSpec, where: str,
                  force: str | None) -> list[tuple[str, pd.DataFrame]]:
    """One sheet read through a spec as tables in our column names, each with where it came from (a wide layout gives
    one updates table per dated column). Row numbers (the index) stay the sheet's."""
    frame = frame.rename(columns=lambda c: str(c).strip())
    for f, header in spec.columns.items():
        if header.strip() not in frame.columns:
            raise ImportProblem(f"{where}, row 1 (the header): the mapping reads '{header}' for {f}, but there is no "
                                f"such column; the columns are {', '.join(map(str, frame.columns))}")
    for header in spec.dated:
        if header.strip() not in frame.columns:
            raise ImportProblem(f"{where}, row 1 (the header): the mapping reads dated updates from '{header}', but "
                                "there is no such column")
    base = pd.DataFrame({f: frame[h.strip()] for f, h in spec.columns.items()}, index=frame.index)
    if "force" not in base:
        if not force:
            raise ImportProblem(f"{where}: the sheet has no force column; choose the force it belongs to "
                                "(--force NAME, or the force on the Import page)")
        base["force"] = force
    if kind == "recommendations":
        return [(where, base)]
    tables = []
    given = [f for f in ("date", "status", "text", "percent") if f in base]
    if "date" in base:
        said = base[[f for f in ("status", "text", "percent") if f in base]].apply(
            lambda c: c.str.strip() != "").any(axis=1)
        undated = said & (base["date"].str.strip() == "")
        if undated.any():
            row = undated.idxmax()
            raise ImportProblem(f"{where}, row {row_of(row)}, column '{spec.columns['date']}': empty, but the row has "
                                "an update; give the update's date, or clear its text and status")
        keep = (base[given].apply(lambda c: c.str.strip() != "").any(axis=1))
        tables.append((where, base[keep]))
    ids = [f for f in ("id", "force") if f in base]
    for header, on in spec.dated.items():
        cells = frame[header.strip()]
        filled = cells.str.strip() != ""
        part = base.loc[filled, ids].copy()
        part["date"] = on.isoformat()
        part["text"] = cells[filled]
        tables.append((f"{where}, column '{header}'", part))
    return tables
