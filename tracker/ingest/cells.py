"""Read one column of a table: ids, dates, forces, names and texts, each error naming its row."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from tracker.core.dates import DateError, implausible, parse_date
from tracker.core.forces import FORCES, known_force
from tracker.core.text import clean_name, clean_text, has_control
from tracker.ingest.problems import ImportProblem
from tracker.ingest.register import MAX_ID

ID = re.compile(r"\d{1,10}")


def row_of(idx: int) -> int:
    """The spreadsheet row of a frame index: row 1 is the header."""
    return int(idx) + 2


def column_ids(values: pd.Series, where: str) -> pd.Series:
    """The register's ids: plain whole numbers from 1 to 2,147,483,647 ('1e3' and '12.0' are refused)."""
    for idx, raw in values.str.strip().items():
        if not ID.fullmatch(raw) or not 1 <= int(raw) <= MAX_ID:
            raise ImportProblem(f"{where}, row {row_of(idx)}: id '{values.at[idx]}' is not a whole number from 1 to "
                                f"{MAX_ID:,}; every row needs the register's numeric id")
    return values.str.strip().astype("int64")


def column_dates(values: pd.Series, where: str, column: str, required: bool, today: date,
                 warnings: list[str], future_ok: bool = False) -> pd.Series:
    """Parse a column of dates (ISO fast, then row by row); impossible dates are errors, implausible ones warnings."""
    iso = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
    result = iso.dt.date.astype(object).where(iso.notna(), None)
    for idx in values.index[iso.isna()]:
        raw = values.at[idx]
        if not raw.strip():
            if required:
                raise ImportProblem(f"{where}, row {row_of(idx)}: '{column}' is empty; write a date like 2017-07-05")
            continue
        try:
            result.at[idx] = parse_date(raw)
        except DateError as exc:
            raise ImportProblem(f"{where}, row {row_of(idx)}: {column}: {exc}") from None
    for idx, value in result.dropna().items():
        try:
            note = implausible(value, today, future_ok)
        except DateError as exc:
            raise ImportProblem(f"{where}, row {row_of(idx)}: {column}: {exc}") from None
        if note:
            warnings.append(f"{where}, row {row_of(idx)}: {column} {note}")
    return result


def force_problem(raw: str, where: str) -> ImportProblem:
    """The error for a value that names no known force, suggesting the likeliest."""
    close = difflib.get_close_matches(clean_name(raw), FORCES, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return ImportProblem(f"{where}: '{raw}' is not one of the 43 forces of England and Wales{hint}; if it is a force "
                         f"the tracker should hold, import again with --new-force '{clean_name(raw)}'")


def column_forces(values: pd.Series, where: str, extra: Iterable[str]) -> pd.Series:
    """Canonical force names; a blank or unknown force is an error naming the row."""
    names: dict[str, str] = {}
    for idx, raw in values.items():
        if raw not in names:
            if not raw.strip():
                raise ImportProblem(f"{where}, row {row_of(idx)}: 'force' is empty; every row needs its force")
            found = known_force(raw, extra)
            if found is None:
                raise force_problem(raw, f"{where}, row {row_of(idx)}")
            names[raw] = found
    return values.map(names)


def column_names(values: pd.Series) -> pd.Series:
    """Names as stored and compared (see clean_name); blank is None."""
    return pd.Series([clean_name(v) or None for v in values], index=values.index, dtype=object)


def column_texts(values: pd.Series, where: str, column: str, warnings: list[str]) -> pd.Series:
    """Free texts as stored (see clean_text); says once per column when control characters were dropped."""
    dropped = values.map(has_control)
    if dropped.any():
        warnings.append(f"{where}, row {row_of(dropped.idxmax())}: {column}: control characters removed "
                        f"({int(dropped.sum())} cells)")
    return pd.Series([clean_text(v) or None for v in values], index=values.index, dtype=object)
