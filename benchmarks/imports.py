"""Import benchmark: a force's own spreadsheet (renamed columns, one row per recommendation and its latest update) read
through a column mapping, previewed and applied, and an import retracted and restored, on the demo database at several
sizes.

Run from the repository root:  .venv/bin/python -m benchmarks.imports [--sizes 8000,100000] [--rows 1000,10000]
Writes benchmarks/imports-results.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.demo.builder import build_demo  # noqa: E402
from tracker.ingest.history import act_on_import  # noqa: E402
from tracker.ingest.importer import ingest  # noqa: E402
from tracker.ingest.mapping import propose_all  # noqa: E402
from tracker.ingest.preview import preview_import  # noqa: E402

AS_OF = date(2026, 11, 28)


def force_tracker(path: Path, rows: int) -> None:
    """A Kent tracker in a force's own layout: every row a new recommendation with one dated update."""
    frame = pd.DataFrame({
        "Rec Ref": [900_000 + i for i in range(rows)],
        "Inspection": [f"Benchmark inspection {i % 40}" for i in range(rows)],
        "Recommendation": [f"The force should do benchmark thing {i}." for i in range(rows)],
        "Lead Officer": [f"Supt Bench {i % 97}" for i in range(rows)],
        "RAG": ["Amber" if i % 3 else "Green" for i in range(rows)],
        "Target Date": ["2027-03-31"] * rows,
        "Latest Update": [f"Progress on {i}." for i in range(rows)],
        "Date of update": ["2026-10-01"] * rows,
    })
    frame.to_csv(path, index=False)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """Seconds a call takes, and its result."""
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="8000,100000")
    parser.add_argument("--rows", default="1000,10000")
    args = parser.parse_args()
    lines = ["# Import benchmark", "", (f"{platform.processor() or platform.machine()}, Python "
             f"{platform.python_version()}; `python -m benchmarks.imports --sizes {args.sizes} --rows {args.rows}`."),
             ("A Kent tracker in a force's own layout (renamed columns, a RAG column, one row per recommendation and "
             "its latest update) read through the proposed column mapping. Seconds, one run each."), "",
             "| database | spreadsheet rows | preview (dry run) | apply | retract | restore | file size |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            master = tmp / f"demo-{size}.duckdb"
            build_demo(master, n=size, seed=7, as_of=AS_OF)
            for rows in (int(r) for r in args.rows.split(",")):
                db = tmp / "work.duckdb"
                shutil.copyfile(master, db)
                sheet = tmp / f"kent-{rows}.csv"
                force_tracker(sheet, rows)
                mapping = {k: p.spec() for k, p in propose_all(list(pd.read_csv(sheet, nrows=0).columns)).items()}
                preview_s, preview = timed(preview_import, [str(sheet)], db, force="Kent", mapping=mapping,
                                           today=AS_OF)
                assert not preview.errors and len(preview.new_recommendations) == rows
                apply_s, summary = timed(ingest, [str(sheet)], db, force="Kent", mapping=mapping, today=AS_OF)
                number = summary.import_id
                retract_s, _ = timed(act_on_import, db, number, "retract", "bench", "admin", "command line")
                restore_s, _ = timed(act_on_import, db, number, "restore", "bench", "admin", "command line")
                lines.append(f"| {size:,} | {rows:,} | {preview_s:.2f} | {apply_s:.2f} | {retract_s:.2f} | "
                             f"{restore_s:.2f} | {db.stat().st_size / 1e6:.0f} MB |")
                print(lines[-1], flush=True)
    out = ROOT / "benchmarks" / "imports-results.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
