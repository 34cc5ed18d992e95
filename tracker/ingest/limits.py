"""How large a spreadsheet may be, checked before and while it is read, so that one file cannot exhaust a replica's
memory: rows, columns, cells and line length, and a workbook's unpacked size."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import Path

from tracker.core.zips import STREAMABLE
from tracker.ingest.problems import ImportProblem

MAX_ROWS = 500_000         # a sheet's or a CSV's rows under the header (a force's history is a few thousand)
MAX_COLUMNS = 200          # a table's columns (the tracker's own tables have a dozen; dated-update sheets more)
MAX_CELLS = 5_000_000      # rows × columns, as read into memory
MAX_LINE_BYTES = 1_000_000  # one physical line of a CSV: a header, or a row with its quoted text
MAX_WORKBOOK_UNPACKED_MB = 1_000  # every part of an XLSX, unpacked (XML is verbose: ten times its zip is usual)
MAX_SHARED_STRINGS_MB = 200       # the one part openpyxl holds whole in memory
SPLIT = "split it into parts and import each"


def check_csv(path: Path) -> None:
    """Read a CSV once as a stream, in bounded memory, and refuse it (naming the file, the line and the limit) if it is
    empty, UTF-16, binary or not UTF-8, or has a line, a header, rows or cells beyond the limits."""
    with open(path, "rb") as fh:
        start = fh.read(2)
        if start in (b"\xff\xfe", b"\xfe\xff"):
            raise ImportProblem(f"{path}: the file is UTF-16; save it as CSV UTF-8 and import it again")
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        lines = columns = 0
        anything = False
        while line := fh.readline(MAX_LINE_BYTES + 1):
            lines += 1
            if len(line) > MAX_LINE_BYTES:
                raise ImportProblem(f"{path}, line {lines}: longer than {MAX_LINE_BYTES // 1_000_000} MB, the "
                                    "longest line a CSV may have; is it a CSV? Save it again as CSV UTF-8")
            if b"\x00" in line:
                raise ImportProblem(f"{path}: this is a binary file, not a CSV")
            try:
                text = decoder.decode(line)
            except UnicodeDecodeError as exc:
                raise ImportProblem(f"{path}, line {lines}: the file is not UTF-8 (byte 0x{line[exc.start]:02x}); "
                                    "save it as CSV UTF-8 and import it again") from None
            anything = anything or bool(text.strip())
            if lines == 1:
                columns = header_width(text)
                if columns > MAX_COLUMNS:
                    raise ImportProblem(f"{path}, line 1: the header has {columns:,} columns, more than the "
                                        f"{MAX_COLUMNS} a table may have; remove the columns the import does not need")
            if lines - 1 > MAX_ROWS:
                raise ImportProblem(f"{path}: more than {MAX_ROWS:,} lines under the header, the most one file may "
                                    f"hold; {SPLIT}")
            if (lines - 1) * max(columns, 1) > MAX_CELLS:
                raise ImportProblem(f"{path}: more than {MAX_CELLS:,} cells ({columns} columns by {lines - 1:,} "
                                    f"lines and counting), the most one file may hold; {SPLIT}")
    if not anything:
        raise ImportProblem(f"{path}: the file is empty; see the README for the columns")


def header_width(line: str) -> int:
    """How many columns a CSV's header line names."""
    return len(next(csv.reader(io.StringIO(line)), []))


def check_workbook(path: Path) -> None:
    """Refuse an XLSX whose parts would unpack beyond the limits (a zip's sizes are what reading it will allow: a part
    that holds more than it declares fails its check when read)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ImportProblem(f"{path}: not a readable XLSX workbook; save it again from Excel as .xlsx") from None
    if any(p.compress_type not in STREAMABLE for p in parts):
        raise ImportProblem(f"{path}: the workbook is compressed in a way Excel does not write; save it again from "
                            "Excel as .xlsx")
    total = sum(p.file_size for p in parts)
    if total > MAX_WORKBOOK_UNPACKED_MB * 1_000_000:
        raise ImportProblem(f"{path}: the workbook unpacks to {total / 1e6:,.0f} MB, more than "
                            f"{MAX_WORKBOOK_UNPACKED_MB:,} MB; {SPLIT}")
    strings = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_SHARED_STRINGS_MB * 1_000_000:
        raise ImportProblem(f"{path}: the workbook's text unpacks to {strings / 1e6:,.0f} MB, more than "
                            f"{MAX_SHARED_STRINGS_MB} MB; {SPLIT}")


class SheetBudget:
    """Counts a sheet's rows and cells as they are read, refusing the first past the limits (naming the cell)."""

    def __init__(self, path: Path, sheet: str):
        self.where = f"{path} [sheet {sheet}]"
        self.widest = 0

    def row(self, number: int, width: int) -> None:
        """Account for sheet row `number` (1 is the header) holding values up to column `width`."""
        if width > MAX_COLUMNS:
            raise ImportProblem(f"{self.where}, row {number:,}: a value in column {width:,}, beyond the {MAX_COLUMNS} "
                                "columns a table may have; delete what is there, or the columns the import does not "
                                "need")
        if number - 1 > MAX_ROWS:
            raise ImportProblem(f"{self.where}, row {number:,}: a value below the {MAX_ROWS:,} rows a sheet may "
                                f"hold; delete it, or {SPLIT}")
        self.widest = max(self.widest, width)
        if number * self.widest > MAX_CELLS:  # every row is padded to the widest

            raise ImportProblem(f"{self.where}, row {number:,}: more than {MAX_CELLS:,} cells, the most one sheet "
                                f"may hold; {SPLIT}")
