"""Find the files to import and read each into text (records) or tables of text cells (CSV, XLSX)."""

from __future__ import annotations

import json
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from tracker.ingest.limits import MAX_WORKBOOK_UNPACKED_MB, SheetBudget, check_csv, check_workbook
from tracker.ingest.problems import ImportProblem

RECORD_SUFFIXES = {".txt", ".record"}  # a register record, or a coroner's report's text (told apart by content)
PDF_SUFFIX = ".pdf"  # a coroner's report as published
TABLE_SUFFIXES = {".csv", ".xlsx"}
JSON_SUFFIX = ".json"  # the JSON export, imported when named (a folder's .json files are left alone: mappings…)
MAX_RECORD_BYTES = 5 * 1024 * 1024
SHEETS = ("recommendations", "updates", "links")


@dataclass(frozen=True)
class Source:
    """A file to import and the folder it sits in (which may name its force)."""

    path: Path
    folder: str
    shown: str = ""  # how messages and the stored history name it (the path, or the name it was uploaded as)

    @property
    def is_record(self) -> bool:
        """Whether this is a register record (else a table)."""
        return self.path.suffix.lower() in RECORD_SUFFIXES

    @property
    def is_pdf(self) -> bool:
        """Whether this is a PDF (a coroner's report as published)."""
        return self.path.suffix.lower() == PDF_SUFFIX


def find_files(paths: list[str], root: Path | None = None) -> list[Source]:
    """Every importable file under the paths given, in a stable order; named relative to `root` when given (an upload's
    folder), else by their paths."""
    found: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise ImportProblem(f"{raw}: no such file or folder")
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            and p.suffix.lower() in RECORD_SUFFIXES | TABLE_SUFFIXES | {PDF_SUFFIX}
        )
        for f in files:
            if f.suffix.lower() not in RECORD_SUFFIXES | TABLE_SUFFIXES | {JSON_SUFFIX, PDF_SUFFIX}:
                raise ImportProblem(f"{f}: unknown kind of file; import .txt records, .csv, .xlsx, a JSON export or "
                                    "a coroner's report (.txt or .pdf)")
            shown = str(f.relative_to(root)) if root is not None and f.is_relative_to(root) else str(f)
            found.append(Source(f, f.parent.name, shown))
    if not found:
        raise ImportProblem(f"{', '.join(paths)}: no .txt, .csv or .xlsx files found")
    return found


def decoded(path: Path, data: bytes, what: str, save_as: str) -> str:
    """A file's bytes as text, or ImportProblem for empty, UTF-16, binary or non-UTF-8 content."""
    if not data.strip():
        raise ImportProblem(f"{path}: the file is empty; {what}")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ImportProblem(f"{path}: the file is UTF-16; save it as {save_as} and import it again")
    if b"\x00" in data:
        raise ImportProblem(f"{path}: this is a binary file, not {'a text record' if save_as == 'UTF-8' else 'a CSV'}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportProblem(
            f"{path}, line {line}: the file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as {save_as} and import it again"
        ) from None


def read_record_text(path: Path) -> str:
    """A record file's text, or ImportProblem for empty, binary, oversized or non-UTF-8 files."""
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        raise ImportProblem(f"{path}: {size / 1e6:.0f} MB is too large for one record (at most 5 MB); "
                            "split it, one record a file")
    return decoded(path, path.read_bytes(), "a record starts with 'Report title (id)'", "UTF-8")


def read_tables(path: Path, every_sheet: bool = False) -> dict[str, pd.DataFrame]:
    """The sheets of an XLSX (those named for our tables, or with every_sheet all of them) or the one table of a CSV,
    every cell as text ('' when empty). A file beyond the limits (tracker.ingest.limits) is refused before it is read
    whole."""
    if path.suffix.lower() == JSON_SUFFIX:
        return read_json_export(path)
    if path.suffix.lower() == ".csv":
        check_csv(path)
        try:
            frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False, skip_blank_lines=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise ImportProblem(f"{path}: not a readable CSV: {str(exc).strip()}") from None
        return {path.stem: frame}
    if path.stat().st_size == 0:
        raise ImportProblem(f"{path}: the file is empty; see the README for the columns")
    return read_workbook(path, every_sheet)


def read_json_export(path: Path) -> dict[str, pd.DataFrame]:
    """The JSON export (`export --format json`) as the tables the spreadsheet export holds, every cell as text: each
    recommendation's fields ('target' is target_current; its status as of the export's date is left out, since its
    updates say it), its updates and its links, each with the recommendation's id and force."""
    size = path.stat().st_size
    if size > MAX_WORKBOOK_UNPACKED_MB * 1_000_000:
        raise ImportProblem(f"{path}: {size / 1e6:,.0f} MB is more than the {MAX_WORKBOOK_UNPACKED_MB:,} MB a JSON "
                            "export may have; export a force at a time")
    text = decoded(path, path.read_bytes(), "a JSON export is a list of recommendations", "UTF-8")
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"{path}, line {exc.lineno}: not readable JSON ({exc.msg})") from None
    except RecursionError:
        raise ImportProblem(f"{path}: nested too deeply to be a JSON export") from None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportProblem(f"{path}: not a JSON export (a list of recommendations, as `export --format json` writes)")
    recs, updates, links = [], [], []
    for n, item in enumerate(items, start=1):
        nested = {k: item.get(k) or [] for k in ("updates", "links")}
        if not all(isinstance(v, list) and all(isinstance(x, dict) for x in v) for v in nested.values()):
            raise ImportProblem(f"{path}: recommendation {n}: 'updates' and 'links' are lists of objects")
        own = {"id": item.get("id"), "force": item.get("force")}
        recs.append({("target_current" if k == "target" else k): json_cell(path, n, k, v) for k, v in item.items()
                     if k not in ("updates", "links", "status")})
        updates.extend({k: json_cell(path, n, k, v) for k, v in {**own, **u}.items()} for u in nested["updates"])
        links.extend({k: json_cell(path, n, k, v) for k, v in
                      {**own, "relation": li.get("relation"), "other_id": li.get("id"), "other_force": li.get("force"),
                       **{x: y for x, y in li.items() if x not in ("relation", "id", "force")}}.items()}
                     for li in nested["links"])
    return {name: pd.DataFrame(rows, dtype=str).fillna("") for name, rows in
            (("recommendations", recs), ("updates", updates), ("links", links)) if rows}


def json_cell(path: Path, n: int, key: str, value) -> str:
    """A JSON value as a cell's text; ImportProblem for a list or object where a value belongs."""
    if isinstance(value, (list, dict)):
        raise ImportProblem(f"{path}: recommendation {n}: '{key}' holds a list or object, not a value")
    return cell_text(value)


def read_workbook(path: Path, every_sheet: bool = False) -> dict[str, pd.DataFrame]:
    """The 'recommendations' and 'updates' sheets of a workbook (or every sheet), cells as text; date cells as ISO
    dates."""
    import openpyxl

    check_workbook(path)
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise ImportProblem(f"{path}: not a readable XLSX workbook ({type(exc).__name__}); "
                            "save it again from Excel as .xlsx") from None
    try:
        if every_sheet:
            return {n: sheet_frame(path, values[n], formulas[n]) for n in values.sheetnames}
        names = {n.strip().lower(): n for n in values.sheetnames}
        wanted = [n for n in SHEETS if n in names]
        if not wanted:
            raise ImportProblem(f"{path}: the workbook has sheets {', '.join(values.sheetnames)}; "
                                "it needs a sheet named 'recommendations' and/or 'updates'")
        return {n: sheet_frame(path, values[names[n]], formulas[names[n]]) for n in wanted}
    finally:
        values.close()
        formulas.close()


def sheet_frame(path: Path, values, formulas) -> pd.DataFrame:
    """One sheet as a frame of text, row i of the frame being row i + 2 of the sheet; a formula whose value was never
    saved is an error naming its cell.

    The sheet's declared size is ignored (a few bytes can declare A1:XFD1048576, and reading to it pads every row to
    16,384 cells): rows are read as stored, counted against the limits as they come, and blank rows held as a count.
    """
    budget = SheetBudget(path, values.title)
    values.reset_dimensions()
    formulas.reset_dimensions()
    rows: list[list[str]] = []
    blank = 0
    try:
        for number, (value_row, formula_row) in enumerate(zip(values.iter_rows(), formulas.iter_rows(),
                                                              strict=False), start=1):
            cells = []
            for cell, raw in zip(value_row, formula_row, strict=False):
                if cell.value is None and isinstance(raw.value, str) and raw.value.startswith("="):
                    raise ImportProblem(
                        f"{path} [sheet {values.title}], cell {raw.coordinate}: a formula whose value was never "
                        "saved; open the workbook in Excel and save it, or paste the column as values")
                cells.append(cell_text(cell.value, getattr(cell, "number_format", None)))
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                blank += 1
                continue
            budget.row(number, len(cells))
            rows.extend([] for _ in range(blank))
            blank = 0
            rows.append(cells)
    except (zipfile.BadZipFile, EOFError, zlib.error, SyntaxError) as exc:  # a part unlike what its zip entry says
        raise ImportProblem(f"{path} [sheet {values.title}]: the workbook is damaged ({first_words(exc)}); save it "
                            "again from Excel as .xlsx") from None
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    header = [h or f"column {i + 1}" for i, h in enumerate(rows[0] + [""] * (width - len(rows[0])))]
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows[1:]], columns=header, dtype=str)


def first_words(exc: BaseException) -> str:
    """An exception's message, short enough for a sentence."""
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]


def cell_text(value, number_format: str | None = None) -> str:
    """A cell's value as the text a CSV would hold: dates as 2021-03-04, whole numbers without '.0', a number shown as
    a percentage as the sheet shows it (0.6 formatted 0% is '60%')."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (number_format or ""):
        return f"{round(value * 100, 6):g}%"
    if isinstance(value, datetime):  # a date cell; a time of day in it means nothing to a target or an update
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
