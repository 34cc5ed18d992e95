"""`python -m tracker response status|draft|comments|approve|publish|document`, checked against roles like the app."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tracker.core import clock
from tracker.core.filters import Filters
from tracker.core.responses import STAGE_NAMES
from tracker.evidence.checks import MAX_BYTES
from tracker.exports.files import output_file
from tracker.response.rules import DAYS, due_text
from tracker.store.database import StoreError, ensure_current, open_reader
from tracker.workflow.events import WorkflowError


def add_commands(add, as_date) -> None:
    """The response command and its sub-commands, on the tool's parser."""
    response = add("response", help="the statutory response to a report: status, draft, approve, publish, document")
    cmds = response.add_subparsers(dest="response_command", required=True)
    status = cmds.add_parser("status", help="every response due, its deadline and its stage")
    status.add_argument("--as", dest="as_email", default=None, metavar="EMAIL", help="as this reader sees it")
    status.add_argument("--as-of", type=as_date, default=None, help="the date (default: today)")
    for name, help_text in (("draft", "save a draft: the overall comments and each recommendation's planned action"),
                            ("comments", "record the chief constable's comments (pasted, or a file)"),
                            ("approve", "the commissioner approves the current version"),
                            ("publish", "record the approved version's publication"),
                            ("published-elsewhere", "record a response published outside the tracker: its day, address"),
                            ("document", "write the response as DOCX or PDF")):
        cmd = cmds.add_parser(name, help=help_text)
        cmd.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
        cmd.add_argument("--report", required=True, help="the report's id or title")
        cmd.add_argument("--force", required=True, help="the force area answering")
        if name == "draft":
            cmd.add_argument("--overall", default="", help="the commissioner's overall comments")
            cmd.add_argument("--plan", type=Path, required=True, metavar="FILE.csv",
                             help="a CSV of id, action, owner, target (YYYY-MM-DD): one row a recommendation")
        elif name == "comments":
            cmd.add_argument("--text", default="", help="the comments as text")
            cmd.add_argument("--file", type=Path, default=None, help="or the comments as a PDF or DOCX")
        elif name in ("publish", "published-elsewhere"):
            cmd.add_argument("--on", type=as_date, required=True, metavar="DATE", help="the day it went online")
            cmd.add_argument("--address", required=True, metavar="URL", help="where it is published")
        elif name == "document":
            cmd.add_argument("--format", choices=("docx", "pdf"), default="docx")
            cmd.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def report_id(db, wanted: str, scope) -> str:
    """The id of the report a --report names (its id or its title) among those with recommendations in the scope, or
    StoreError saying the closest."""
    import difflib

    from tracker.store import queries

    con = open_reader(db)
    due = queries.run(con, "responses_due", **Filters(as_of=clock.today(), scope=scope).params(), days=DAYS)
    for rid, title in zip(due["report"], due["report_title"], strict=True):
        if wanted in (rid, title):
            return rid
    close = difflib.get_close_matches(wanted, sorted(set(due["report_title"])), n=1)
    raise StoreError(f"--report {wanted!r} names no report with recommendations you may see"
                     + (f"; did you mean {close[0]!r}?" if close else ""))


def csv_lines(text: str) -> list[tuple[int, dict]]:
    """A CSV's rows under its header, each with the line it starts on (a quoted cell may span lines; blank lines are
    skipped)."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    rows, last = [], reader.line_num
    for values in reader:
        line, last = last + 1, reader.line_num
        if values:
            rows.append((line, dict(zip(header, values, strict=False))))
    return rows


def plan_rows(path: Path, report: str, force: str) -> list[dict]:
    """The --plan CSV as draft rows (id → the item's key in the force), each saying where it is in the file."""
    from tracker.store.batch import rec_key

    try:
        lines = csv_lines(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise WorkflowError(f"--plan {path}: cannot be read ({exc})") from None
    missing = {"id", "action"} - set(lines[0][1] if lines else {})
    if missing:
        raise WorkflowError(f"--plan {path}: needs the columns id and action (and may have owner, target)")
    first: dict[int, int] = {}
    for line, r in lines:
        if not str(r.get("id")).strip().isdigit():
            raise WorkflowError(f"{path}, line {line}: id {r.get('id')!r} is not a recommendation's number")
        rid = int(r["id"])
        if rid in first:
            raise WorkflowError(f"{path}, line {line}: recommendation {rid} is planned already on line {first[rid]}; "
                                "give each one row")
        first[rid] = line
    return [{"key": rec_key(int(r["id"]), force), "action": r.get("action") or "", "owner": r.get("owner") or None,
             "target": (r.get("target") or "").strip() or None, "where": f"{path}, line {line}"} for line, r in lines]


def cmd_response(args, db, person_as) -> int:
    """Run one response sub-command."""
    from tracker.people.access import scope_of
    from tracker.response import actions

    if args.response_command == "document":
        output_file(args.output)
    ensure_current(db)
    today = clock.today()
    if args.response_command == "status":
        person = person_as(db, args.as_email) if args.as_email else None
        return print_status(db, Filters(as_of=args.as_of or today, scope=scope_of(person) if person else None))
    person = person_as(db, args.as_email)
    report = report_id(db, args.report, scope_of(person))
    force = args.force
    if args.response_command == "draft":
        step = actions.save_draft(db, person, report, force, args.overall, plan_rows(args.plan, report, force),
                                  source="command line")
        print(f"Draft saved: step #{step}")
    elif args.response_command == "comments":
        files = ()
        if args.file is not None:
            if not args.file.is_file() or args.file.stat().st_size > MAX_BYTES:
                raise WorkflowError(f"--file {args.file}: no such file, or over the 20 MB limit")
            files = ((args.file.name, args.file.read_bytes()),)
        step, file_id = actions.record_comments_with_file(db, person, report, force, args.text, files,
                                                          source="command line")
        print(f"The chief constable's comments recorded: step #{step}"
              + ("" if file_id is None else f", evidence file #{file_id} ({args.file.name})"))
    elif args.response_command == "approve":
        step = actions.approve(db, person, report, force, source="command line")
        print(f"Approved: step #{step}; the text is now frozen (a change makes the next version)")
    elif args.response_command == "publish":
        step = actions.publish(db, person, report, force, args.on, args.address, source="command line")
        print(f"Published on {args.on:%d %b %Y}: step #{step}; each recommendation's planned action is its first update")
    elif args.response_command == "published-elsewhere":
        step = actions.published_elsewhere(db, person, report, force, args.on, args.address, source="command line")
        print(f"Recorded as published outside the tracker on {args.on:%d %b %Y}: step #{step}")
    else:
        from tracker.response.document import document_bytes

        data = document_bytes(db, Filters(as_of=today, scope=scope_of(person)), report, force, args.format)
        args.output.write_bytes(data)
        print(f"Response written to {args.output} ({len(data) / 1024:,.0f} KB)")
    return 0


def print_status(db, filters: Filters) -> int:
    """Print every response due: the force, the report, the deadline and where it stands."""
    import pandas as pd

    from tracker.core.display import fmt_date
    from tracker.store import queries

    con = open_reader(db)
    due = queries.run(con, "responses_due", **filters.params(), days=DAYS)
    for r in due.itertuples(index=False):
        published = None if pd.isna(r.published_on) else pd.Timestamp(r.published_on).date()
        first = None if pd.isna(r.first_published) else pd.Timestamp(r.first_published).date()
        print(f"{r.force} · {r.report_title} · due {fmt_date(r.deadline)} · {STAGE_NAMES[r.stage]} (version "
              f"{int(r.version)}) · {due_text(published, filters.as_of, r.stage, first)}")
    if due.empty:
        print("No report with recommendations in this scope.")
    return 0

