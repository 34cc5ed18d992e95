"""Files for spreadsheet programs: XLSX with real dates and text that never runs, and CSV made inert for Excel."""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from tracker.core.display import missing

# OWASP's list: a cell starting with one of these is read by Excel, LibreOffice and Sheets as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"


def inert(value):
    """A text a spreadsheet will show rather than evaluate: a leading formula character gets a quote before it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_safe(text: str) -> str:
    """Text XLSX can hold: characters XML forbids become U+FFFD instead of failing the whole file."""
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, text)


def cell_value(value):
    """A frame value as an XLSX cell value: None for missing, Python dates and numbers as themselves."""
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    if isinstance(value, str):
        return xlsx_safe(value)
    return value


def write_workbook(target, sheets: dict[str, pd.DataFrame]) -> None:
    """Write each frame to its sheet; target is a path or a binary file object.

    Every text is stored as a text cell (openpyxl would store '=HYPERLINK(…)' as a live formula), so the workbook holds
    no formula at all and the values stay exactly as they were, ready to import again.
    """
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name[:31])
        sheet.append([xlsx_safe(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False, name=None):
            sheet.append([cell_value(v) for v in row])
        sheet.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, start=1):
            letter = get_column_letter(i)
            cells = sheet[letter][1:]
            is_date = False
            for c in cells:
                if c.data_type == "f":  # a text that looked like a formula: keep it a text
                    c.data_type = "s"
                elif isinstance(c.value, (date, datetime)):
                    c.number_format = "DD MMM YYYY"
                    is_date = True
            sample = [0 if c.value is None else (11 if is_date else len(str(c.value))) for c in cells[:200]]
            sheet.column_dimensions[letter].width = min(max(max([len(str(col)), *sample]) + 2, 8), 60)
    book.save(target)


def workbook_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """The workbook as bytes, for a download button."""
    buf = io.BytesIO()
    write_workbook(buf, sheets)
    return buf.getvalue()


def csv_for_spreadsheets(frame: pd.DataFrame) -> bytes:
    """A CSV meant to be opened in Excel: UTF-8 with a byte-order mark, every text cell inert (see `inert`).

    Not for importing again: `python -m tracker export --format csv` writes the lossless files for that.
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(inert)
    return out.to_csv(index=False).encode("utf-8-sig")
