"""Import benchmark: a force's own spreadsheet (renamed columns, one row per recommendation and its latest update) read
through a column mapping, previewed and applied, and an import retracted and restored, on the demo database at several
sizes.

Run from the repository root:  .venv/bin/python -m benchmarks.imports [--sizes 8000,100000] [--rows 1000,10000]
Writes benchmarks/imports-results.md.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import BENCH_SQL  # noqa: E402
from tests.mapping_help import accepted_proposals  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.ingest.history import act_on_import  # noqa: E402
from tracker.ingest.importer import ingest  # noqa: E402
from tracker.ingest.preview import preview_import  # noqa: E402
from tracker.store.database import open_reader  # noqa: E402
from tracker.store.queries import sql_text  # noqa: E402

AS_OF = date(2026, 11, 28)


def force_tracker(path: Path, rows: int, first: int = 900_000) -> None:
    """A Kent tracker in a force's own layout: every row a new recommendation with one dated update."""
    frame = pd.DataFrame({
        "Rec Ref": [first + i for i in range(rows)],
        "Inspection": [f"Benchmark inspection {i % 40}" for i in range(rows)],
        "Recommendation": [f"The force should do benchmark thing {i}." for i in range(rows)],
        "Lead Officer": [f"Supt Bench {i % 97}" for i in range(rows)],
        "RAG": ["Amber" if i % 3 else "Green" for i in range(rows)],
        "Target Date": ["2027-03-31"] * rows,
        "Latest Update": [f"Progress on {i}." for i in range(rows)],
        "Date of update": ["2026-10-01"] * rows,
    })
    frame.to_csv(path, index=False)


def count(db) -> int:
    """A first read after a write: what every page does on its next rerun."""
    return open_reader(db).execute(sql_text(BENCH_SQL / "item_count_today.sql")).fetchone()[0]


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    """Seconds a call takes, and its result."""
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="8000,100000")  # recommendations in the demo imported into
    parser.add_argument("--rows", default="1000,10000")
    args = parser.parse_args()
    lines = ["# Import benchmark", "", (f"{platform.processor() or platform.machine()}, Python "
             f"{platform.python_version()}; `python -m benchmarks.imports --sizes {args.sizes} --rows {args.rows}`."),
             ("A Kent tracker in a force's own layout (renamed columns, a RAG column, one row per recommendation and "
             "its latest update) read through the proposed column mapping. Seconds, one run each."), "",
             ("Apply is timed to PostgreSQL's commit, then to the first read that shows the rows (the copy rebuilds its "
              "derived tables before it); retract and restore likewise."), "",
             ("| database | spreadsheet rows | preview (dry run) | apply: committed | apply: shown | retract: committed "
             "| retract: shown | restore: committed | restore: shown |"),
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            db = tmp / f"demo-{size}"
            build_demo(db, n=size, seed=7, as_of=AS_OF)
            for run, rows in enumerate(int(r) for r in args.rows.split(",")):
                sheet = tmp / f"kent-{rows}.csv"
                force_tracker(sheet, rows, first=900_000 + 100_000 * run)
                mapping = accepted_proposals(list(pd.read_csv(sheet, nrows=0).columns))
                preview_s, preview = timed(preview_import, [str(sheet)], db, force="Kent", mapping=mapping,
                                           today=AS_OF)
                assert not preview.errors and len(preview.new_recommendations) == rows
                apply_s, summary = timed(ingest, [str(sheet)], db, force="Kent", mapping=mapping, today=AS_OF)
                shown_apply = apply_s + timed(count, db)[0]
                number = summary.import_id
                retract_s, _ = timed(act_on_import, db, number, "retract", "bench", "admin", "command line")
                shown_retract = retract_s + timed(count, db)[0]
                restore_s, _ = timed(act_on_import, db, number, "restore", "bench", "admin", "command line")
                shown_restore = restore_s + timed(count, db)[0]
                lines.append(f"| {size:,} | {rows:,} | {preview_s:.2f} | {apply_s:.2f} | {shown_apply:.2f} | "
                             f"{retract_s:.2f} | {shown_retract:.2f} | {restore_s:.2f} | {shown_restore:.2f} |")
                print(lines[-1], flush=True)
    out = ROOT / "benchmarks" / "imports-results.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
