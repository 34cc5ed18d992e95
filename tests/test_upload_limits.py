"""Uploads that would exhaust memory are refused before they are read whole, naming the file and the limit, in bounded
memory (each measured in a process of its own); zip parts that lie about their size are refused with a message; the
sweep of upload folders takes only those whose process is gone (the server-level cases: test_import_browser)."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tracker.ingest.limits import MAX_CELLS, MAX_COLUMNS, MAX_LINE_BYTES, MAX_ROWS
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import read_tables
from tracker.ingest.uploads import spool

ROOT = Path(__file__).parent.parent
PEAK_MB = 300  # the bound for reading any one of these files

MEASURE = """
import json, sys
from pathlib import Path
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import read_tables

def high_water_kb():
    # VmHWM is this process's own peak (its address space is new since exec); getrusage's ru_maxrss is not: Linux
    # keeps the high-water mark of the forking parent (a pytest worker) across exec.
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:"))
    return int(line.split()[1])

base = high_water_kb()
try:
    read_tables(Path(sys.argv[1]), every_sheet=True)
    message = None
except ImportProblem as exc:
    message = str(exc)
print(json.dumps({"message": message, "base_kb": base, "peak_kb": high_water_kb()}))
"""


def measured(path: Path) -> dict:
    """Read the file in a fresh Python (the libraries imported first) and report the message and the peak memory."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def far_cell_workbook(path: Path) -> Path:
    """A header and one value at XFD1048576: a few KB that declare 17 billion cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "recommendations"
    sheet["A1"], sheet["B1"] = "id", "force"
    sheet["XFD1048576"] = "x"
    book.save(path)
    return path


def test_a_few_kilobytes_of_xlsx_declaring_a_whole_sheet_is_refused_in_bounded_memory(tmp_path):
    path = far_cell_workbook(tmp_path / "far.xlsx")
    assert path.stat().st_size < 10_000
    got = measured(path)
    assert got["message"] == (f"{path} [sheet recommendations], row 1,048,576: a value in column 16,384, beyond the "
                              f"{MAX_COLUMNS} columns a table may have; delete what is there, or the columns the "
                              "import does not need")
    assert got["peak_kb"] < PEAK_MB * 1024


@pytest.mark.parametrize("content, message", [
    (b"id,force\n" + b"\n" * 49_000_000,  # blank lines
     f": more than {MAX_ROWS:,} lines under the header, the most one file may hold; split it into parts and import each"),
    (b"," * 49_000_000 + b"\n",  # a header of 49 million columns on one line
     (f", line 1: longer than {MAX_LINE_BYTES // 1_000_000} MB, the longest line a CSV may have; is it a CSV? Save it "
     "again as CSV UTF-8")),
], ids=["blank-lines", "one-long-header"])
def test_a_49_mb_csv_that_would_fill_memory_is_refused_in_bounded_memory(tmp_path, content, message):
    path = tmp_path / "big.csv"
    path.write_bytes(content)
    got = measured(path)
    assert got["message"] == f"{path}{message}"
    assert got["peak_kb"] < PEAK_MB * 1024


def test_a_header_within_a_line_but_beyond_the_columns_is_refused(tmp_path):
    path = tmp_path / "columns.csv"
    path.write_text(",".join(f"c{i}" for i in range(MAX_COLUMNS + 1)) + "\n1\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"line 1: the header has {MAX_COLUMNS + 1} columns, more than the "
                                            rf"{MAX_COLUMNS} a table may have"):
        read_tables(path)


def test_cells_beyond_the_limit_are_refused_at_the_line_that_passes_it(tmp_path):
    path = tmp_path / "cells.csv"
    columns = 100
    lines = MAX_CELLS // columns + 1  # within the rows, past the cells on its last line
    path.write_text(",".join(f"c{i}" for i in range(columns)) + "\n" + "\n" * lines, encoding="utf-8")
    with pytest.raises(ImportProblem, match=rf"more than {MAX_CELLS:,} cells \(100 columns by {lines:,} lines"):
        read_tables(path)


def test_files_within_the_limits_read_as_before(tmp_path):
    path = tmp_path / "fine.csv"
    path.write_text("id,force,text\n1,Kent,\"two\nlines\"\n\n2,Essex,é\n", encoding="utf-8-sig")
    frame = read_tables(path)["fine"]
    assert frame.to_dict("list") == {"id": ["1", "", "2"], "force": ["Kent", "", "Essex"], "text": ["two\nlines", "", "é"]}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "updates"
    sheet.append(["id", "status"])
    sheet.append([7, "complete"])
    sheet.append([])
    sheet.append([8, None])
    sheet["F9"].number_format = "0.00"  # a styled empty cell far out is not a column
    book.save(tmp_path / "fine.xlsx")
    frame = read_tables(tmp_path / "fine.xlsx")["updates"]
    assert list(frame.columns) == ["id", "status"]
    assert frame.values.tolist() == [["7", "complete"], ["", ""], ["8", ""]]


def test_a_csv_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"id,text\n1,ok\n2,caf\xe9\n")
    with pytest.raises(ImportProblem, match=r"latin.csv, line 3: the file is not UTF-8 \(byte 0xe9\)"):
        read_tables(path)


def lying_zip(name: str, body: bytes, declared: int) -> bytes:
    """A zip of one part whose local and central headers both declare `declared` bytes unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, body)
    data = bytearray(buffer.getvalue())
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


@pytest.mark.parametrize("declared", [10, 5000])
def test_a_zip_part_that_lies_about_its_size_is_refused_with_a_message(tmp_path, declared):
    upload = lying_zip("Kent/recs.csv", b"id,force\n" + b"1,Kent\n" * 200, declared)
    with pytest.raises(ImportProblem, match=r"^forces.zip: Kent/recs.csv is not what the zip says it is; upload it"):
        spool("forces.zip", io.BytesIO(upload), tmp_path)


def test_a_workbook_whose_sheet_lies_about_its_size_is_refused_with_a_message(tmp_path):
    good = tmp_path / "good.xlsx"
    far_cell_workbook(good)
    parts = {}
    with zipfile.ZipFile(good) as archive:
        for info in archive.infolist():
            parts[info.filename] = archive.read(info)
    sheet = "xl/worksheets/sheet1.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            archive.writestr(name, body)
    data = bytearray(buffer.getvalue())
    at = data.index(b"PK\x01\x02")  # the first central directory entry
    while True:  # find the sheet's central entry and shrink its declared size
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]).decode() == sheet:
            struct.pack_into("<I", data, at + 24, 100)
            break
        extra, comment = struct.unpack_from("<HH", data, at + 30)
        at += 46 + name_len + extra + comment
    lied = tmp_path / "lied.xlsx"
    lied.write_bytes(bytes(data))
    with pytest.raises(ImportProblem, match=r"lied.xlsx: not a readable XLSX workbook \(BadZipFile\); save it again"):
        read_tables(lied)


def test_the_sweep_takes_only_folders_whose_process_is_gone(tmp_path):
    import fcntl
    import os

    from tracker.app.upload_folders import LOCK, sweep

    live, dead, unfinished = (tmp_path / n for n in ("process-live", "process-dead", "process-unfinished"))
    for folder in (live, dead, unfinished):
        (folder / "session-1").mkdir(parents=True)
    held = os.open(live / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(held, fcntl.LOCK_EX)  # a live process holds its lock
    os.close(os.open(dead / LOCK, os.O_RDWR | os.O_CREAT))  # a dead one's lock file, nobody holding it
    code = "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR); fcntl.flock(fd, fcntl.LOCK_EX)"
    subprocess.run([sys.executable, "-c", code, str(dead / LOCK)], check=True, timeout=60)  # held, then died
    try:
        assert sweep(tmp_path) == [dead, unfinished]
        assert live.is_dir() and not dead.exists() and not unfinished.exists()
    finally:
        os.close(held)


def bzip2_workbook(path: Path) -> Path:
    """A real workbook whose sheet part is compressed with bzip2 and holds 200 MB of spaces: a few hundred bytes that
    zipfile's bzip2 reader would unpack whole at the first read."""
    good = far_cell_workbook(path.with_name("good.xlsx"))
    with zipfile.ZipFile(good) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in parts.items():
            if name == sheet:
                archive.writestr(name, body.replace(b"<sheetData>", b"<sheetData>" + b" " * 200_000_000, 1),
                                 compress_type=zipfile.ZIP_BZIP2)
            else:
                archive.writestr(name, body)
    return path


def test_a_workbook_compressed_in_a_way_excel_does_not_write_is_refused_in_bounded_memory(tmp_path):
    """zipfile unpacks a bzip2 part whole at its first read, whatever the cap on the bytes asked for: such a part is
    refused before anything reads it (Excel writes only stored and deflated parts)."""
    found = measured(bzip2_workbook(tmp_path / "bzip2.xlsx"))
    assert found["message"] == (f"{tmp_path / 'bzip2.xlsx'}: the workbook is compressed in a way Excel does not write; "
                                "save it again from Excel as .xlsx")
    assert (found["peak_kb"] - found["base_kb"]) / 1024 < 40


def test_a_zip_upload_with_a_part_compressed_in_an_unusual_way_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("Kent/recs.csv", b"id,force\n" + b"1,Kent\n" * 200)
    with pytest.raises(ImportProblem, match=r"^forces.zip: Kent/recs.csv is compressed in a way ordinary zip tools do "
                                            r"not use; make the zip again$"):
        spool("forces.zip", io.BytesIO(buffer.getvalue()), tmp_path)
