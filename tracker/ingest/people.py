"""The people directory from a CSV or XLSX file (email, name, force, roles, and optionally job_title and
publicly_named): checked, then replacing the directory all-or-nothing as new versions, so every earlier state is
kept."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tracker.core import clock
from tracker.core.forces import FORCES, known_force
from tracker.core.spreadsheet import inert
from tracker.core.text import clean_name
from tracker.ingest.cells import row_of
from tracker.ingest.problems import ImportProblem
from tracker.ingest.sources import read_tables
from tracker.ingest.statements import SQL_DIR, sql
from tracker.people.access import COMMISSIONER, INSPECTORATE, ROLES
from tracker.store.database import look, write
from tracker.store.scratch import tables_copy
from tracker.store.writer import record_audit

COLUMNS = ["email", "name", "force", "roles"]
OPTIONAL = ["job_title", "publicly_named"]  # how the public site names them (tracker/publish)
VERSION_COLUMNS = ["person_id", "version", "email", "name", "force", "roles", "active", "job_title", "public_name"]
YES, NO = ("yes", "y", "true", "1"), ("", "no", "n", "false", "0")
MAX_TITLE = 200
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"  # one part of a domain name
EMAIL = re.compile(r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@" + LABEL + r"(?:\." + LABEL + r")+")
NATIONAL = ("", "national", "(national)", "none")


@dataclass
class PeopleSummary:
    """What a directory import did."""

    added: int
    changed: int
    deactivated: int
    unchanged: int
    new_people: tuple[int, ...] = ()  # the numbers of the people it added


def read_people(path: Path, extra_forces: tuple[str, ...] = ()) -> pd.DataFrame:
    """The people file checked: email (lower-case, unique, well formed), name, force (one of the forces, or national:
    left empty or 'national'), roles (';'-separated, each one of ROLES); optionally job_title (how the public site
    names them) and publicly_named (yes or no: whether it may give their name)."""
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise ImportProblem(f"{path}: a people file is a .csv or an .xlsx workbook")
    frame = next(iter(read_tables(path).values())) if path.suffix.lower() == ".csv" else read_sheet(path)
    frame = frame.fillna("")
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in COLUMNS if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in COLUMNS + OPTIONAL]
    if missing or unknown:
        raise ImportProblem(f"{path}, row 1 (the header): the columns must be {', '.join(COLUMNS)} (and optionally "
                            f"{' and '.join(OPTIONAL)})"
                            + (f"; missing {', '.join(missing)}" if missing else "")
                            + (f"; unknown {', '.join(unknown)}" if unknown else ""))
    frame = frame[(frame != "").any(axis=1)]
    rows, seen = [], {}
    for idx, r in frame.iterrows():
        where = f"{path}, row {row_of(idx)}"
        email = r["email"].strip().lower()
        if not EMAIL.fullmatch(email):
            raise ImportProblem(f"{where}: email '{r['email']}' is not an email address; write it like name@force.police.uk")
        if email in seen:
            raise ImportProblem(f"{where}: email {email} is also on row {seen[email]}; each person once")
        seen[email] = row_of(idx)
        name = clean_name(uninert(r["name"]))
        if not name:
            raise ImportProblem(f"{where}: 'name' is empty; write the name as comments do, with rank: 'Supt Wright'")
        raw_force = clean_name(r["force"])
        force = None if raw_force.lower() in NATIONAL else known_force(raw_force, extra_forces)
        if raw_force.lower() not in NATIONAL and force is None:
            close = difflib.get_close_matches(raw_force, [*FORCES, *extra_forces], n=1, cutoff=0.6)
            raise ImportProblem(f"{where}: force '{raw_force}' is not a force the tracker holds"
                                + (f" (did you mean '{close[0]}'?)" if close else "")
                                + "; leave it empty, or write 'national', for someone who works across forces")
        roles = [x.strip().lower() for x in r["roles"].split(";") if x.strip()]
        bad = [x for x in roles if x not in ROLES]
        if bad or not roles:
            raise ImportProblem(f"{where}: role '{bad[0] if bad else ''}' is not one of {', '.join(ROLES)}; "
                                "separate several with ';'")
        if COMMISSIONER in roles and force is None:
            raise ImportProblem(f"{where}: the commissioner role is a force area's; give the force for {email}")
        if INSPECTORATE in roles and force is not None:
            raise ImportProblem(f"{where}: the inspectorate role is national; leave the force empty or write "
                                f"'national' for {email}")
        title = clean_name(uninert(str(r.get("job_title", "")))) or None
        if title and len(title) > MAX_TITLE:
            raise ImportProblem(f"{where}: job_title is longer than {MAX_TITLE} characters; shorten it")
        named = str(r.get("publicly_named", "")).strip().lower()
        if named not in YES + NO:
            raise ImportProblem(f"{where}: publicly_named '{r['publicly_named']}' is not yes or no; write yes for "
                                "someone the public site may name, else no or leave it empty")
        rows.append({"email": email, "name": name, "force": force, "roles": sorted(set(roles), key=ROLES.index),
                     "job_title": title, "public_name": named in YES})
    # object: a national person's force stays None
    return pd.DataFrame(rows, columns=[*COLUMNS, "job_title", "public_name"], dtype=object)


def read_sheet(path: Path) -> pd.DataFrame:
    """The first sheet of a people workbook, cells as text."""
    import openpyxl

    from tracker.ingest.limits import check_workbook
    from tracker.ingest.sources import sheet_frame

    check_workbook(path)
    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a broken workbook
        raise ImportProblem(f"{path}: not a readable XLSX workbook ({type(exc).__name__}); save it again from Excel") from None
    try:
        first = values.sheetnames[0]
        return sheet_frame(path, values[first], formulas[first])
    finally:
        values.close()
        formulas.close()


def versions(wanted: pd.DataFrame, current: pd.DataFrame) -> tuple[pd.DataFrame, PeopleSummary]:
    """The new version rows that make the directory say what `wanted` says (pure).

    The same email is the same person: a change to their name, force or roles is their next version; someone no longer
    listed gets a version marked inactive; a new email is a new person.
    """
    current = current.assign(**{c: current[c] if c in current else None for c in ("job_title", "public_name")})
    current["public_name"] = current["public_name"].fillna(False).astype(bool)
    wanted = wanted.assign(**{c: wanted[c] if c in wanted else d for c, d in (("job_title", None),
                                                                               ("public_name", False))})
    by_email = {r.email: r for r in current.itertuples(index=False)}
    last_version = current.set_index("person_id")["version"].to_dict() if "version" in current else {}
    next_id = int(current["person_id"].max()) + 1 if len(current) else 1
    out, added, changed, unchanged = [], 0, 0, 0
    for r in wanted.itertuples(index=False):
        held = by_email.pop(r.email, None)
        if held is None:
            out.append({"person_id": next_id, "version": 1, "email": r.email, "name": r.name, "force": r.force,
                        "roles": list(r.roles), "active": True, "job_title": r.job_title,
                        "public_name": bool(r.public_name)})
            next_id += 1
            added += 1
        elif (held.name, held.force, list(held.roles), bool(held.active), title_of(held), bool(held.public_name)) != (
                r.name, r.force, list(r.roles), True, title_of(r), bool(r.public_name)):
            out.append({"person_id": held.person_id, "version": last_version.get(held.person_id, 1) + 1, "email": r.email,
                        "name": r.name, "force": r.force, "roles": list(r.roles), "active": True,
                        "job_title": title_of(r), "public_name": bool(r.public_name)})
            changed += 1
        else:
            unchanged += 1
    deactivated = 0
    for held in by_email.values():
        if held.active:
            out.append({"person_id": held.person_id, "version": last_version.get(held.person_id, 1) + 1,
                        "email": held.email, "name": held.name, "force": held.force, "roles": list(held.roles),
                        "active": False, "job_title": title_of(held), "public_name": bool(held.public_name)})
            deactivated += 1
    frame = pd.DataFrame(out, columns=VERSION_COLUMNS)
    new = tuple(int(r["person_id"]) for r in out if r["version"] == 1)
    return frame, PeopleSummary(added, changed, deactivated, unchanged, new)


def title_of(row) -> str | None:
    """A directory row's job title, None when it has none (pandas gives NaN for a missing one)."""
    title = row.job_title
    return title if isinstance(title, str) and title else None


def uninert(text: str) -> str:
    """A name as `people export` made it inert for spreadsheets ('=…) read back as it was (=…)."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r") else text


def held_directory(db) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The directory as held (with each person's latest version number), and the forces added on purpose."""
    if db is None:
        return pd.DataFrame(columns=VERSION_COLUMNS), ()
    return look(db, directory_now)


def directory_now(w) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """held_directory inside a write (the directory as its transaction sees it)."""
    with tables_copy(w, ("people", "extra_forces")) as cur:
        people = cur.execute(sql("held_people")).df()
        forces = tuple(n for (n,) in cur.execute(sql("held_forces")).fetchall())
    people["force"] = people["force"].astype(object).where(people["force"].notna(), None)
    return people, forces


def import_people(path: Path, db, by: str, dry_run: bool = False) -> PeopleSummary:
    """Replace the directory with the file's people, all-or-nothing; `by` is who or what is making the change."""
    def replace(w) -> PeopleSummary:
        w.facts(exclusive=True)
        current, forces = directory_now(w)
        rows, summary = versions(read_people(Path(path), forces), current)
        if dry_run or rows.empty:
            return summary
        add_people(w, rows, by)
        record_audit(w, by, "admin", "command line", "people import", str(path),
                     after={"added": summary.added, "changed": summary.changed, "deactivated": summary.deactivated})
        return summary

    return write(db, replace)


def add_people(w, rows: pd.DataFrame, by: str) -> None:
    """Append directory versions inside a write."""
    at, number = clock.now(), w.number()
    w.run_many(SQL_DIR / "add_people_versions.sql", [
        {"person_id": int(r.person_id), "version": int(r.version), "email": r.email, "name": r.name,
         "force": r.force if isinstance(r.force, str) else None,
         "roles": list(r.roles), "active": bool(r.active), "at": at, "by": by[:200],
         "job_title": r.job_title if isinstance(r.job_title, str) else None, "public_name": bool(r.public_name),
         "change_no": number} for r in rows.itertuples(index=False)])


def export_people(con) -> pd.DataFrame:
    """The directory as it stands, in the columns `people import` reads (roles joined with ';'), active people only."""
    frame = con.cursor().execute(sql("current_people")).df()
    frame = frame[frame["active"]]
    # Opened in a spreadsheet, a name starting with = + - @ would be a live formula: it gets a quote first, which
    # `people import` takes off again, so the file still reads back to the same directory.
    return pd.DataFrame({"email": frame["email"], "name": frame["name"].map(inert),
                         "force": frame["force"].fillna("national"), "roles": [";".join(r) for r in frame["roles"]],
                         "job_title": frame["job_title"].fillna("").map(inert),
                         "publicly_named": frame["public_name"].map(lambda x: "yes" if x else "no")})


def add_alias(db, force: str, name: str, person_id: int, by: str) -> None:
    """Link a written name to a person of the same force (kept as an alias, applied to every item naming it)."""
    def link(w) -> None:
        w.facts(exclusive=True)
        with tables_copy(w, ("people",)) as cur:
            found = cur.execute(sql("person_force"), {"id": person_id}).fetchall()
        if not found or found[0][0] != force:
            raise ImportProblem(f"person {person_id} is not in {force}: a name is linked to a person of its own force")
        w.run(SQL_DIR / "add_alias.sql", force=force, name=name, person_id=person_id,
              at=clock.now(), by=by[:200], change_no=w.number())
        record_audit(w, by, "admin", "app", "link name", f"{force}: {name}", after={"person_id": person_id})

    write(db, link)
