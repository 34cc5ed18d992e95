"""PEEL grades from a CSV file (force, year, question, grade): checked, then added all-or-nothing as new rows (the
latest import of a force, year and question stands)."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pandas as pd

from tracker.core import clock
from tracker.core.forces import known_force
from tracker.core.text import clean_name
from tracker.ingest.cells import row_of
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import read_tables
from tracker.ingest.statements import SQL_DIR
from tracker.store.database import write
from tracker.store.writer import record_audit

COLUMNS = ["force", "year", "question", "grade"]
GRADES = ("outstanding", "good", "adequate", "requires improvement", "inadequate")
FIRST_YEAR = 2014  # PEEL began in 2014
MAX_QUESTION = 200


def read_grades(path: Path, extra_forces: tuple[str, ...] = (), today: date | None = None) -> pd.DataFrame:
    """The grades file checked: a force the tracker holds, a year from 2014 to this one, a question, and one of the
    five grades (any case); each force, year and question once."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise ImportProblem(f"{path}: PEEL grades are a .csv file with the columns {', '.join(COLUMNS)}")
    if not path.is_file():
        raise ImportProblem(f"{path}: no such file")
    frame = next(iter(read_tables(path).values())).fillna("")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if sorted(frame.columns) != sorted(COLUMNS):
        raise ImportProblem(f"{path}, row 1 (the header): the columns must be {', '.join(COLUMNS)}")
    frame = frame[(frame != "").any(axis=1)]
    this_year = (today or clock.today()).year
    rows, seen = [], {}
    for idx, r in frame.iterrows():
        where = f"{path}, row {row_of(idx)}"
        force = known_force(str(r["force"]), extra_forces)
        if force is None:
            raise ImportProblem(f"{where}: force '{r['force']}' is not a force the tracker holds")
        year = str(r["year"]).strip()
        if not year.isdigit() or not FIRST_YEAR <= int(year) <= this_year:
            raise ImportProblem(f"{where}: year '{year}' is not a PEEL year; write the year of the inspection, "
                                f"{FIRST_YEAR} to {this_year}")
        question = clean_name(str(r["question"]))
        if not question or len(question) > MAX_QUESTION:
            raise ImportProblem(f"{where}: 'question' is empty or longer than {MAX_QUESTION} characters; write the "
                                "PEEL question as the report names it: 'Investigating crime'")
        grade = " ".join(str(r["grade"]).lower().split())
        if grade not in GRADES:
            close = difflib.get_close_matches(grade, GRADES, n=1)
            raise ImportProblem(f"{where}: grade '{r['grade']}' is not one of {', '.join(GRADES)}"
                                + (f" (did you mean '{close[0]}'?)" if close else ""))
        mark = (force, int(year), question.lower())
        if mark in seen:
            raise ImportProblem(f"{where}: {force}'s {year} grade for '{question}' is also on row {seen[mark]}")
        seen[mark] = row_of(idx)
        rows.append({"force": force, "year": int(year), "question": question, "grade": grade})
    if not rows:
        raise ImportProblem(f"{path}: no grades in the file")
    return pd.DataFrame(rows, columns=COLUMNS)


def import_grades(path: Path, db, actor: str, role: str = "operator", via: str = "command line") -> int:
    """Add the file's grades in one write, with an audit row; how many rows."""
    from tracker.ingest.importer import held

    grades = read_grades(Path(path), held(db).forces)

    def add(w) -> None:
        add_grades(w, grades, actor, str(path))
        record_audit(w, actor, role, via, "PEEL grades import", str(path), after={"grades": len(grades)})

    write(db, add)
    return len(grades)


def add_grades(w, grades: pd.DataFrame, actor: str, source: str) -> None:
    """Append PEEL grades (force, year, question, grade) inside a write."""
    at, number = clock.now(), w.number()
    w.run_many(SQL_DIR / "add_peel_grades.sql", [
        {"force": r.force, "year": int(r.year), "question": r.question, "grade": r.grade, "at": at,
         "actor": actor[:200], "source": source[:500], "change_no": number} for r in grades.itertuples(index=False)])
