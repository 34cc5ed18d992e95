"""Files for spreadsheet programs: XLSX with real dates and text that never runs, and CSV made inert for Excel."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from tracker.core.display import missing

# OWASP's list: a cell starting with one of these is read by Excel, LibreOffice and Sheets as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold: the same for every workbook


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
    no formula at all and the values stay exactly as they were, ready to import again. The same frames give the same
    bytes: its properties' creation and modification times and every part of its zip dated ZIP_EPOCH (saved_alike).
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
    saved_alike(book, target)


class AlikeZip(zipfile.ZipFile):
    """A zip whose parts are all dated ZIP_EPOCH (zipfile dates a part written by name now, and one copied from a file
    by the file's time)."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        """Write one part, dated ZIP_EPOCH when it is given by name."""
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_EPOCH)
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """Copy a file in as a part dated ZIP_EPOCH (openpyxl writes each sheet to a temporary file first)."""
        self.writestr(str(arcname or filename), Path(filename).read_bytes(), compress_type, compresslevel)


def saved_alike(book: Workbook, target) -> None:
    """Save a workbook (to a path or a binary file object) so that the same content gives the same bytes.

    openpyxl's own save stamps the time into the properties and into every part of the zip.
    """
    book.properties.created = book.properties.modified = datetime(*ZIP_EPOCH)
    with AlikeZip(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()


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
