"""The command line: demo, ingest, check, imports, retract, export, pack, people, workflow and reminders."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from tracker.core import clock
from tracker.core.boards import NATIONAL, Board
from tracker.core.dates import DateError, parse_date
from tracker.core.display import fmt_date, fmt_int
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.core.forces import known_force
from tracker.core.progress import progress
from tracker.evidence.checks import MAX_BYTES as MAX_EVIDENCE_BYTES
from tracker.exports.files import output_file
from tracker.ingest.importer import ingest
from tracker.ingest.problems import ImportProblem
from tracker.publish.build import PublishError
from tracker.store.database import StoreError, default_path, ensure_current, open_reader
from tracker.workflow.actions import WorkflowError


def as_date(text: str) -> date:
    """argparse type for dates."""
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


DB_HELP = "the embedded database's folder (default: $TRACKER_DB or data/postgres)"
URL_HELP = "an external PostgreSQL database, postgresql://… (default: $TRACKER_DATABASE_URL); takes precedence over --db"


def parser() -> argparse.ArgumentParser:
    """The argument parser; --db goes before or after the command."""
    p = argparse.ArgumentParser(prog="python -m tracker", description="Recommendation Tracker data tools.")
    p.add_argument("--db", type=Path, default=None, help=DB_HELP)
    p.add_argument("--database-url", default=None, metavar="URL", help=URL_HELP)
    # The same options on every command; SUPPRESS keeps a command's missing --db from hiding one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=DB_HELP)
    common.add_argument("--database-url", default=argparse.SUPPRESS, metavar="URL", help=URL_HELP)
    sub = p.add_subparsers(dest="command", required=True)
    add = lambda name, **kw: sub.add_parser(name, parents=[common], **kw)  # noqa: E731
    demo = add("demo", help="replace the database with the demo dataset")
    demo.add_argument("--recommendations", type=int, default=8000)
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--as-of", type=as_date, default=None, help="the demo's 'today' (default: today)")
    for name, help_text in (("ingest", "import record files, CSV or XLSX"), ("check", "validate files without writing")):
        cmd = add(name, help=help_text)
        cmd.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
        cmd.add_argument("--force", default=None, help="the force that record files belong to")
        cmd.add_argument("--report", default=None, metavar="TITLE",
                         help="the report of record pages that have no title line (files named by their id: 1234.txt)")
        cmd.add_argument("--new-force", action="append", default=[], metavar="NAME",
                         help="add a force that is not one of the 43 of England and Wales (repeat for several)")
        cmd.add_argument("--new-body", action="append", default=[], metavar="NAME",
                         help="add a national body that holds its copy of national recommendations, kept apart from "
                              "the forces (the NPCC, the College of Policing, the Home Office and the CPS are known)")
        cmd.add_argument("--mapping", default=None, metavar="NAME|FILE.json",
                         help="read spreadsheets through a column mapping: a saved one's name, or a JSON file")
        cmd.add_argument("--save-mapping", default=None, metavar="NAME",
                         help="keep the --mapping given under this name (with --force: for that force)")
        cmd.add_argument("--source", default=None, metavar="SOURCE",
                         help="the source every file comes from, a code of data/sources.csv (pfd: coroners' reports; "
                              "iopc: the IOPC's spreadsheet); else recognised from each file")
        if name == "ingest":
            cmd.add_argument("--as", dest="as_email", default=None, metavar="EMAIL",
                             help="who makes the priorities, withholdings and links an export carries (each "
                                  "checked by its own rule)")
    addressees = add("addressees", help="everyone a coroner's report was addressed to, and what each was matched to")
    addressees.add_argument("--unmatched", action="store_true",
                            help="only the addressees that name no one force or body, for an analyst to resolve")
    add("migrate", help="create the database if need be and apply its migrations and grants (as its owner)")
    imports = add("imports", help="the import log: who imported what, when, and whether it counts")
    imports.add_argument("--all", action="store_true", help="every import (default: the latest 20)")
    for name, help_text in (("retract", "stop an import's rows counting (nothing is deleted; 'restore' undoes it)"),
                            ("restore", "make a retracted import count again")):
        cmd = add(name, help=help_text)
        cmd.add_argument("import_id", type=int, metavar="N", help="the import's number ('imports' lists them)")
        cmd.add_argument("--reason", default=None, help="why, for the audit trail")
    export = add("export", help="write the data out")
    export.add_argument("--format", choices=("json", "csv", "xlsx", "records", "duckdb"), default="json")
    export.add_argument("-o", "--output", type=Path, default=None,
                        help="file (json, xlsx) or folder (csv, records); json goes to standard output without it")
    export.add_argument("--as-of", type=as_date, default=None,
                        help="json: each status as it stood on this date (default: today)")
    pack = add("pack", help="build the board pack (PDF or PowerPoint) for a view")
    pack.add_argument("--format", choices=("pdf", "pptx"), default="pdf")
    pack.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    pack.add_argument("--as-of", type=as_date, default=None, help="the pack's date (default: today)")
    pack.add_argument("--board", default=None, help="a board: the pack of its meeting on --meeting, in agenda order")
    pack.add_argument("--meeting", type=as_date, default=None, help="the board's meeting day (default: today)")
    pack.add_argument("--exceptions", action="store_true",
                      help="with --board: the meeting's exception pack (overdue, off track, completed or closed since "
                           "the board's previous meeting) instead of the whole agenda")
    pack.add_argument("--of", dest="board_of", default=None, metavar="FORCE|national",
                      help="whose board, when forces share its name: a force, or national")
    pack.add_argument("--since", type=as_date, default=None,
                      help="the previous meeting, for 'changes since' (default: 91 days before --as-of)")
    for flag, help_text in (("force", "a force (repeat for several)"),
                            ("source", "a source, a code of data/sources.csv (hmicfrs, pfd, iopc, external-audit)"),
                            ("theme", "a theme"), ("report", "a report title"),
                            ("kind", "a kind"), ("status", "a status slug"), ("owner", "an owner")):
        pack.add_argument(f"--{flag}", action="append", default=[], help=help_text)
    pack.add_argument("--q", default="", help="search text")
    pack.add_argument("--stale-days", type=int, default=180)
    people = add("people", help="the people directory: import, export, names not linked to anyone")
    people_sub = people.add_subparsers(dest="people_command", required=True)
    imp = people_sub.add_parser("import", parents=[common], help="replace the directory with a CSV or XLSX file")
    imp.add_argument("file", type=Path, help="columns email, name, force, roles (roles separated by ';')")
    imp.add_argument("--check", action="store_true", help="check the file and say what would change, writing nothing")
    exp = people_sub.add_parser("export", parents=[common], help="the directory as a CSV people import reads")
    exp.add_argument("-o", "--output", type=Path, default=None, help="file (default: standard output)")
    people_sub.add_parser("unresolved", parents=[common], help="owner and overseer names linked to nobody")
    peel = add("peel", help="PEEL grades: import a force's grades per question and year")
    peel_sub = peel.add_subparsers(dest="peel_command", required=True)
    grades = peel_sub.add_parser("import", parents=[common], help="add grades from a CSV file")
    grades.add_argument("file", type=Path, help="columns force, year, question, grade (see the README)")
    link = add("link", help="link two recommendations (a cause of concern, the same ask, a follow-up, superseded)")
    link.add_argument("key", help="the recommendation the link is from: '<id>-<force>'")
    link.add_argument("relation", choices=("cause_of_concern", "same_ask", "follows_up", "superseded_by"))
    link.add_argument("other", help="the recommendation it links to")
    link.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="an analyst, reviewer or admin")
    link.add_argument("--reason", default=None)
    link.add_argument("--unlink", action="store_true", help="take the link back")
    prio = add("priority", help="set an item's priority (1 high, 2, 3), saying why")
    prio.add_argument("key")
    prio.add_argument("priority", type=int, choices=(1, 2, 3))
    prio.add_argument("--reason", required=True)
    prio.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="an analyst, reviewer or admin")
    graded = add("grade", help="the inspectorate's follow-up grade on an item at its revisit, beside its status")
    graded.add_argument("key")
    graded.add_argument("grade", choices=("achieved", "partially-achieved", "not-achieved"))
    graded.add_argument("--note", default=None, help="what the revisit found")
    graded.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the inspectorate")
    track = add("track", help="mark an item off track (why, and the revised forecast) or back on track")
    track.add_argument("key")
    track.add_argument("state", choices=("off", "on"), help="off track, or back on track")
    track.add_argument("--reason", default=None, help="why (needed when off track)")
    track.add_argument("--forecast", type=as_date, default=None, metavar="DATE",
                       help="the day it is now expected done (needed when off track)")
    track.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="its lead, or a reviewer")
    action = add("action", help="the actions under a recommendation: add or change one, report progress, list them")
    action_cmds = action.add_subparsers(dest="action_command", required=True)
    added = action_cmds.add_parser("add", parents=[common], help="add an action: what is to be done, its owner, its target")
    changed = action_cmds.add_parser("change", parents=[common], help="change an action's title, owner or target")
    for cmd in (added, changed):
        cmd.add_argument("key", help="the recommendation: '<id>-<force>'")
        if cmd is changed:
            cmd.add_argument("number", type=int, help="the action's number ('action list' shows them)")
        cmd.add_argument("--title", required=cmd is added, help="what is to be done")
        cmd.add_argument("--owner", required=cmd is added, metavar="EMAIL", help="its owner, a person of the item's force")
        cmd.add_argument("--target", type=as_date, required=cmd is added, metavar="DATE", help="its target date")
        if cmd is changed:
            cmd.add_argument("--reason", default=None, help="why it changes")
        cmd.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the item's lead, or a reviewer")
    updated = action_cmds.add_parser("update", parents=[common], help="report progress on an action: open or complete")
    updated.add_argument("key")
    updated.add_argument("number", type=int)
    updated.add_argument("status", choices=("open", "complete"))
    updated.add_argument("--comment", required=True, help="the progress note")
    updated.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the action's owner, or a reviewer")
    listed = action_cmds.add_parser("list", parents=[common], help="an item's actions: how many are complete, each one")
    listed.add_argument("key")
    listed.add_argument("--as", dest="as_email", default=None, metavar="EMAIL",
                        help="read as this person, in their scope (default: every force)")
    ext = add("extension", help="extension requests (a lead's submission proposing a new target): list those "
                                "waiting for a board, or decide one at its meeting as the chair")
    ext_cmds = ext.add_subparsers(dest="extension_command", required=True)
    listed = ext_cmds.add_parser("list", parents=[common], help="the extension requests waiting for a board's decision")
    decided = ext_cmds.add_parser("decide", parents=[common], help="the chair agrees or refuses one at a meeting")
    decided.add_argument("request", type=int, help="the request's number (its submission's)")
    decided.add_argument("decision", choices=("agree", "refuse"))
    decided.add_argument("--meeting", type=int, default=None, metavar="ID", help="the meeting's number")
    decided.add_argument("--reason", default=None, help="why (needed to refuse)")
    for cmd in (listed, decided):
        cmd.add_argument("--board", default=None, help="the board, as the items name it")
        cmd.add_argument("--of", dest="board_of", default=None, metavar="FORCE|national",
                         help="whose board, where forces share the name")
        cmd.add_argument("--date", dest="held_on", type=as_date, default=None,
                         help="the meeting's day (list: default today; decide: with --board, instead of --meeting)")
        cmd.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                         help="who reads them (list), or the meeting's chair (decide)")
    policy = add("policy", help="a force's policies: list them, or set one as an administrator")
    policy_cmds = policy.add_subparsers(dest="policy_command", required=True)
    shown = policy_cmds.add_parser("show", parents=[common], help="every policy of the forces you may see, and its value")
    shown.add_argument("--force", default=None, help="only this force")
    shown.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    chosen = policy_cmds.add_parser("set", parents=[common], help="set one of a force's policies, from today")
    chosen.add_argument("force")
    chosen.add_argument("name", help="the policy (see 'policy show')")
    chosen.add_argument("value")
    chosen.add_argument("--reason", default=None, help="why it is set so")
    chosen.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="an administrator")
    submit = add("submit", help="a lead's progress on an item they own, recorded as made at the command line")
    submit.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the lead, as the directory holds them")
    submit.add_argument("--id", dest="key", required=True, metavar="KEY", help="the recommendation: 8019-west-yorkshire")
    submit.add_argument("--comment", required=True, help="the progress comment")
    submit.add_argument("--status", default=None, help="a proposed status (takes effect only when a reviewer accepts)")
    submit.add_argument("--target", type=as_date, default=None, help="a proposed revised target")
    submit.add_argument("--reason", default=None, help="why the target moves")
    submit.add_argument("--percent", default=None, metavar="N",
                        help="how far complete it is, a whole number from 0 to 100 (the item's once accepted)")
    submit.add_argument("--evidence", action="append", default=[], metavar="URL", help="a link (repeat for several)")
    submit.add_argument("--evidence-file", nargs="+", action="extend", default=[], metavar="FILE",
                        help="evidence files to attach: PDF, DOCX, XLSX, PNG or JPEG, at most 20 MB each")
    closure = add("closure", help="closure requests: a force asks the inspectorate, the inspectorate decides")
    closure_cmds = closure.add_subparsers(dest="closure_command", required=True)
    ask = closure_cmds.add_parser("request", help="ask the inspectorate to close an item pending sign-off")
    ask.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    ask.add_argument("--id", dest="key", required=True, metavar="KEY", help="the recommendation: 8019-west-yorkshire")
    ask.add_argument("--file", type=int, action="append", default=[], metavar="N",
                     help="an evidence file of the item to send (repeat for several)")
    ask.add_argument("--note", default=None, help="a covering note")
    for name, help_text in (("decide", "the inspectorate's decision on a request"),
                            ("record", "record the inspectorate's decision from its letter (a force's liaison)")):
        cmd = closure_cmds.add_parser(name, help=help_text)
        cmd.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
        cmd.add_argument("--request", type=int, required=True, metavar="N", help="the closure request's number")
        verdict = cmd.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--accept", action="store_true")
        verdict.add_argument("--return", dest="return_reason", metavar="REASON", help="return it, saying why")
        if name == "record":
            cmd.add_argument("--letter", type=Path, required=True, metavar="FILE", help="the letter (PDF, DOCX…)")
            cmd.add_argument("--on", type=as_date, required=True, metavar="DATE", help="the letter's date")
    again = closure_cmds.add_parser("reopen", help="the inspectorate reopens an item it closed, saying why")
    again.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    again.add_argument("--id", dest="key", required=True, metavar="KEY", help="the recommendation: 8019-west-yorkshire")
    again.add_argument("--reason", required=True, help="why it is reopened")
    pack = closure_cmds.add_parser("pack", help="the closure pack of a request: a PDF, or a zip of it with the files")
    pack.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    pack.add_argument("--request", type=int, required=True, metavar="N")
    pack.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf|FILE.zip")
    from tracker.response.cli import add_commands
    from tracker.workflow.close_cli import add_command

    add_commands(add, as_date)
    add_command(add, as_date)
    evidence = add("evidence", help="list and read evidence files back, as a person whose scope holds their recommendation")
    evidence_cmds = evidence.add_subparsers(dest="evidence_command", required=True)
    listing = evidence_cmds.add_parser("list", help="a recommendation's evidence files: number, name, type, size, who, when")
    listing.add_argument("--as", dest="as_email", required=True, metavar="EMAIL",
                         help="the reader, as the directory holds them")
    listing.add_argument("--id", dest="key", required=True, metavar="KEY", help="the recommendation: 8019-west-yorkshire")
    get = evidence_cmds.add_parser("get", help="write one evidence file to a file")
    get.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the reader, as the directory holds them")
    get.add_argument("--id", dest="file_id", type=int, required=True, metavar="N", help="the evidence file's number")
    get.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    review = add("review", help="accept or return a submission, recorded as made at the command line")
    review.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    review.add_argument("--submission", type=int, action="append", required=True, metavar="N",
                        help="a submission's number (repeat to decide on several at once)")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true")
    verdict.add_argument("--return", dest="return_reason", metavar="REASON", help="return it to its lead, saying why")
    review.add_argument("--reason", default=None, help="with --accept: why it is complete while actions under it are "
                                                       "still open (needed then; kept with the decision)")
    remind = add("remind", help="email each lead and reviewer a digest of what they have to act on (once a date)")
    remind.add_argument("--as-of", type=as_date, default=None, help="the digest's date (default: today)")
    remind.add_argument("--dry-run", action="store_true", help="say who would get what, sending nothing")
    remind.add_argument("--to", default=None, metavar="EMAIL", help="only this person")
    meeting = add("meeting", help="record a board meeting, chaired by the person recording it")
    meeting.add_argument("--board", required=True, help="the board, as the items name it")
    meeting.add_argument("--of", dest="board_of", default=None, metavar="FORCE|national",
                         help="whose board: a national chair names the force, or national (default: the chair's force)")
    meeting.add_argument("--date", dest="held_on", type=as_date, required=True, help="the day it meets (YYYY-MM-DD)")
    meeting.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="the chair: a reviewer or admin")
    serve = add("serve", help="run N app replicas behind HAProxy in the foreground (a single host, or tests)")
    serve.add_argument("--replicas", type=int, default=os.cpu_count() or 1, help="default: one a core")
    serve.add_argument("--port", type=int, default=8501, help="where HAProxy listens (default 8501)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address HAProxy listens on (default 127.0.0.1; 0.0.0.0 for every interface)")
    serve.add_argument("--secrets", type=Path, default=None, metavar="FILE",
                       help="the sign-in settings every replica reads (default: .streamlit/secrets.toml)")
    pub = add("publish", help="build a force's public site (static HTML, CSS and open data) and publish it")
    pub.add_argument("--force", required=True, help="the force area whose site it is")
    pub.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="the folder to build it in")
    pub.add_argument("--as-of", type=as_date, default=None, help="the date the data is as of (default: today)")
    pub.add_argument("--as", dest="as_email", default=None, metavar="EMAIL",
                     help="who publishes: the force area's commissioner or an administrator (default: the operator)")
    pub.add_argument("--yes", action="store_true",
                     help="publish: record the publication, having checked the changes it lists (without: a preview)")
    hold = add("withhold", help="withhold an item from the public site, saying why (or release it again)")
    hold.add_argument("key", help="the item's key, as the app shows it: '<id>-<force>'")
    hold.add_argument("--as", dest="as_email", required=True, metavar="EMAIL", help="a reviewer or an administrator")
    how = hold.add_mutually_exclusive_group(required=True)
    how.add_argument("--reason", help="why: the public site lists the item as '[details withheld: REASON]'")
    how.add_argument("--release", action="store_true", help="show its details again")
    cal = add("calendar", help="a lead's open items and their targets as an iCalendar file")
    cal.add_argument("--as", dest="as_email", required=True, metavar="EMAIL")
    cal.add_argument("-o", "--output", type=Path, required=True, help="the .ics file to write")
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code."""
    args = parser().parse_args(argv)
    db = args.db or default_path()
    if args.database_url:
        os.environ["TRACKER_DATABASE_URL"] = args.database_url  # for this process and the replicas it starts
    try:
        return COMMANDS[args.command](args, db)
    except TrackerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_migrate(args, db: Path) -> int:
    """Apply the migrations the database lacks."""
    from tracker.store.server import locate, migrate

    location = locate(db)
    applied = migrate(location, installed_by=operator())
    print(f"{location.label}: " + (f"applied migrations {', '.join(map(str, applied))}" if applied
                                    else "already up to date"))
    return 0


def cmd_demo(args, db: Path) -> int:
    """Build the demo dataset."""
    from tracker.demo.builder import build_demo

    started = time.perf_counter()
    with progress("Demo") as shown:
        counts = build_demo(db, args.recommendations, args.seed, args.as_of, shown)
    print(f"Demo data written to {db}: {counts['recommendations']:,} recommendations, {counts['updates']:,} updates, "
          f"{counts['reports']} reports in {time.perf_counter() - started:.1f} s")
    return 0


def print_summary(summary, verb: str) -> None:
    """What an import did or would do, and its warnings."""
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{verb}: {summary.recommendations_added:,} new recommendations, {summary.recommendations_changed:,} changed, "
          f"{summary.updates_added:,} new updates ({summary.updates_already_held:,} already held)"
          + (f", {summary.addressees_added:,} addressees recorded" if summary.addressees_added else ""))


def cmd_ingest(args, db: Path) -> int:
    """Import files."""
    # A file import is a batch job: it yields the CPU to people saving and reading in the app (measured: the p95 of
    # twenty submissions at once during an import of 20,000 updates into the 1M-update demo, benchmarks/writes.py).
    os.nice(10)
    mapping = given_mapping(args, db)
    facts = None
    if args.as_email:
        from tracker.workflow.restore import restorer

        facts = restorer(person_as(db, args.as_email), "command line")
    with progress("Import") as shown:
        def read(done: int, total: int) -> None:
            shown.step(f"{done:,}/{total:,} files read" + ("; writing" if done == total else ""))

        summary = ingest(args.paths, db, args.force, new_forces=args.new_force, new_bodies=args.new_body,
                         actor=operator(), mapping=mapping, report=args.report, progress=read, facts=facts,
                         source_code=args.source)
    if args.save_mapping:
        from tracker.ingest.history import save_mapping

        save_mapping(db, args.save_mapping, mapping, args.force, operator(), "operator", "command line")
        print(f"Mapping saved as '{args.save_mapping}'")
    print_summary(summary, f"Import #{summary.import_id} into {db}" if summary.changed_anything else "Nothing new")
    return 0


def cmd_check(args, db: Path) -> int:
    """Validate files without writing."""
    with progress("Check") as shown:
        summary = ingest(args.paths, db, args.force, dry_run=True, new_forces=args.new_force,
                         new_bodies=args.new_body, mapping=given_mapping(args, db), report=args.report,
                         progress=shown, source_code=args.source)
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"OK: {summary.recommendations_added:,} recommendations and {summary.updates_added:,} updates would be read")
    return 0


def cmd_addressees(args, db: Path) -> int:
    """List the addressees of source documents (coroners' reports), or only those matched to nothing."""
    import pandas as pd

    from tracker.store import queries

    ensure_current(db)
    rows = queries.run(open_reader(db), "source_addressees", **Filters(as_of=clock.today()).params(),
                       how="unmatched" if args.unmatched else None)
    for r in rows.itertuples():
        due = "no date" if pd.isna(r.answer_by) else pd.Timestamp(r.answer_by).date().isoformat()
        print(f"{r.source_ref}\t{r.written}\t{r.how}{f' ({r.matched})' if r.matched else ''}\tanswer by {due}"
              f"\t{r.report_title}")
    print(f"{len(rows):,} {'unmatched ' if args.unmatched else ''}addressee{'s' * (len(rows) != 1)}")
    return 0


def given_mapping(args, db: Path):
    """The --mapping given (a saved name or a JSON file), or None."""
    if args.save_mapping and not args.mapping:
        raise ImportProblem("--save-mapping NAME keeps the --mapping given; give --mapping FILE.json too")
    if not args.mapping:
        return None
    from tracker.ingest.history import mapping_from

    return mapping_from(db, args.mapping)


def cmd_imports(args, db: Path) -> int:
    """List the import log, newest first."""
    import pandas as pd

    from tracker.store import queries

    ensure_current(db)
    con = open_reader(db)
    log = queries.run(con, "import_history", **Filters(as_of=clock.today()).params())
    for row in (log if args.all else log.head(20)).itertuples():
        state = "counts" if row.counts else f"RETRACTED {row.last_action_at:%Y-%m-%d %H:%M} by {row.last_action_by}"
        actor = "not recorded" if pd.isna(row.actor) else row.actor  # imports before the log kept who made them
        changed = 0 if pd.isna(row.recommendations_changed) else int(row.recommendations_changed)
        print(f"{row.id:>5}  {row.imported_at:%Y-%m-%d %H:%M}  {actor}  "
              f"+{row.recommendations_added:,} recs, {changed:,} changed, "
              f"+{row.updates_added:,} updates  [{state}]  {row.sources[:80]}")
    return 0


def cmd_retract(args, db: Path, action: str = "retract") -> int:
    """Retract (or restore) an import, recorded as made at the command line."""
    from tracker.ingest.history import act_on_import

    ensure_current(db)
    act_on_import(db, args.import_id, action, operator(), "operator", "command line", args.reason)
    print(f"Import {args.import_id} {'retracted: its rows no longer count' if action == 'retract' else 'restored'}")
    return 0


def cmd_serve(args, db: Path) -> int:
    """Run replicas behind HAProxy until Ctrl-C or SIGTERM."""
    from tracker.serve import ServeError, serve

    try:
        return serve(args.replicas, args.host, args.port, Path(os.path.realpath(db)), args.secrets)
    except ServeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def cmd_export(args, db: Path) -> int:
    """Write the data out in one of the formats."""
    from tracker.exports import files as exporting

    ensure_current(db)
    con = open_reader(db)
    if args.format == "json":
        text = exporting.dump_json(con, args.as_of or clock.today())
        if args.output:
            exporting.output_file(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    elif args.format == "csv":
        for path in exporting.write_csv(con, args.output or Path("export")):
            print(path)
    elif args.format == "xlsx":
        print(exporting.write_xlsx(con, args.output or Path("export.xlsx")))
    elif args.format == "duckdb":
        print(exporting.write_duckdb(con, args.output or Path("tracker-copy.duckdb")))
    else:
        written = exporting.write_records(con, args.output or Path("records"))
        print(f"{len(written):,} records written under {args.output or 'records'}")
    return 0


def pack_filters(args, con) -> Filters:
    """The pack's filters from the flags; a value the data does not hold is an error naming it."""
    from tracker.store import queries

    as_of = args.as_of or clock.today()
    options = queries.run(con, "filter_options", **Filters(as_of=as_of).params())
    known = options.groupby("field")["value"].agg(set).to_dict()
    for field in ("force", "source", "theme", "report", "kind", "status", "owner"):
        for value in getattr(args, field):
            if value not in known.get(field, set()):
                close = difflib.get_close_matches(value, sorted(known.get(field, set())), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; run `python -m tracker export` to see the {field}s held"
                raise StoreError(f"--{field} {value!r} is not in the data as of {as_of}{hint}")
    if args.since and args.since >= as_of:
        raise StoreError(f"--since {args.since} must be before the pack's date {as_of}")
    return Filters(as_of=as_of, forces=tuple(args.force), themes=tuple(args.theme), reports=tuple(args.report),
                   kinds=tuple(args.kind), statuses=tuple(args.status), owners=tuple(args.owner), q=args.q,
                   stale_days=args.stale_days, sources=tuple(args.source))


def cmd_pack(args, db: Path) -> int:
    """Build the board pack."""
    from tracker.pack.build import build_pack

    if args.exceptions and not args.board:
        raise StoreError("--exceptions is a board meeting's pack: name the board with --board NAME")
    started = time.perf_counter()
    output_file(args.output)
    ensure_current(db)
    con = open_reader(db)
    filters = pack_filters(args, con)
    what = "Exception pack" if args.exceptions else "Board pack"
    if args.board:
        from tracker.pack.exceptions import build_exception_pack
        from tracker.pack.meeting import build_meeting_pack
        from tracker.store import queries

        rows = queries.run(con, "boards", **filters.only_date().params())
        board = chosen_board(args.board, args.board_of,
                             [Board(b, f if isinstance(f, str) else None) for b, f in zip(rows["board"], rows["force"],
                                                                                         strict=True)])
        build = build_exception_pack if args.exceptions else build_meeting_pack
        with progress(what) as shown:
            data = build(args.format, con, filters, board, args.meeting or clock.today(), clock.today(), shown)
    else:
        with progress("Board pack") as shown:
            data = build_pack(args.format, con, filters, args.since, shown)
    args.output.write_bytes(data)
    print(f"{what} written to {args.output} ({len(data) / 1024:,.0f} KB) in {time.perf_counter() - started:.1f} s")
    return 0


def operator() -> str:
    """Who is running a command, for the record a change keeps: 'command line (user@host)'."""
    import getpass
    import socket

    return f"command line ({getpass.getuser()}@{socket.gethostname()})"


def cmd_people(args, db: Path) -> int:
    """The people directory: import, export, unresolved names."""
    from tracker.ingest.people import export_people, import_people
    from tracker.store import queries

    if args.people_command == "import":
        summary = import_people(args.file, db, f"{operator()}: {args.file}", dry_run=args.check)
        verb = "Would change" if args.check else "Directory updated"
        new = "" if args.check or not summary.new_people else (
            f" (people {', '.join(f'#{n}' for n in summary.new_people)})")
        print(f"{verb}: {summary.added:,} added{new}, {summary.changed:,} changed, {summary.deactivated:,} no longer "
              f"active, {summary.unchanged:,} unchanged")
        return 0
    ensure_current(db)
    con = open_reader(db)
    if args.people_command == "export":
        text = export_people(con).to_csv(index=False)
        if args.output:
            output_file(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    names = queries.run(con, "unresolved_names", **Filters(as_of=clock.today()).params())
    counts = queries.run(con, "name_link_counts", **Filters(as_of=clock.today()).params())
    print("Names linked: " + ", ".join(f"{h} {n:,}" for h, n in zip(counts["how"], counts["names"], strict=True)))
    for r in names.itertuples():
        who = f" (could be people {', '.join(str(c) for c in r.candidates)})" if len(r.candidates) else ""
        print(f"{r.force}\t{r.name}\t{r.how}{who}\t{r.items:,} items")
    return 0


def person_as(db: Path, email: str, flag: str = "--as"):
    """The directory's active person with this email, or an error naming it (and the option that gave it)."""
    from tracker.people.access import person_of
    from tracker.store import queries
    from tracker.store.database import look
    from tracker.store.scratch import tables_copy

    def find(w):  # the directory as a write reads it: no copy of the whole database is loaded
        with tables_copy(w, ("people",)) as cur:
            return queries.fetch(cur, "person_by_email", email=email)

    ensure_current(db)
    row = look(db, find)
    if row is None or not row["active"]:
        raise StoreError(f"{flag} {email}: nobody active in the directory has this email")
    return person_of(row)


def cmd_submit(args, db: Path) -> int:
    """Submit progress as a lead."""
    from tracker.core.rag import percent_of
    from tracker.workflow.actions import submit_with_files

    files = []
    for name in args.evidence_file:
        path = Path(name)
        if not path.is_file():
            raise WorkflowError(f"--evidence-file {name}: no such file")
        if path.stat().st_size > MAX_EVIDENCE_BYTES:
            raise WorkflowError(f"--evidence-file {name}: over the 20 MB limit a file; split it or make it smaller")
        files.append((path.name, path.read_bytes()))
    seq, file_ids = submit_with_files(db, person_as(db, args.as_email), args.key, args.comment, args.status,
                                      args.target, args.reason, args.evidence, source="command line", files=files,
                                      percent=args.percent)
    attached = ", ".join(f"#{n} ({name})" for n, (name, _) in zip(file_ids, files, strict=True))
    print(f"Submission #{seq} saved: awaiting review"
          + (f", reporting {percent_of(args.percent)}% complete" if percent_of(args.percent) is not None else "")
          + (f", with evidence file{'s' if len(files) > 1 else ''} {attached}" if files else ""))
    if args.target is not None:
        print(extension_route(db, args.key, args.target))
    return 0


def extension_route(db: Path, key: str, target: date) -> str:
    """Who decides a lead's extension request, in words: a reviewer alone, or only the item's board at a meeting,
    under the force's reviewer_moves policy and the moves its target has had (the rules' board_decides)."""
    from tracker.core.policies import REVIEWER_MOVES, board_decides, standing
    from tracker.store import queries
    from tracker.workflow.rules import times

    con = open_reader(db)
    filters = Filters(as_of=clock.today())
    item = queries.run(con, "workflow_item", **filters.params(), key=key)
    policy = standing(queries.run(con, "force_policies", **filters.params()).to_dict("records"), item["force"],
                      REVIEWER_MOVES)
    moves = int(item["moves"])
    board = f"the {item['board']}" if item["board"] else "the item's board (it names none yet)"
    who = (f"only {board} may agree it, at a meeting" if board_decides(policy, moves)
           else "a reviewer may agree it alone, or its board at a meeting")
    return (f"It is an extension request to {fmt_date(target)}: the target has moved {times(moves)} so far, and under "
            f"{item['force']}'s policy ({REVIEWER_MOVES} = {policy}) {who}.")


def cmd_closure(args, db: Path) -> int:
    """Closure requests and decisions, checked like the app."""
    from tracker.workflow.actions import decide_closure, record_closure, reopen, request_closure

    if args.closure_command == "pack":
        output_file(args.output)
    person = person_as(db, args.as_email)
    if args.closure_command == "pack":
        from tracker.pack.closure import closure_pack
        from tracker.people.access import scope_of

        pdf, bundle = closure_pack(db, Filters(as_of=clock.today(), scope=scope_of(person)), args.request)
        args.output.write_bytes(bundle if args.output.suffix.lower() == ".zip" else pdf)
        print(f"Closure pack of request #{args.request} written to {args.output}")
        return 0
    if args.closure_command == "reopen":
        seq = reopen(db, person, args.key, args.reason, source="command line")
        print(f"{args.key} reopened (event #{seq}): being progressed")
        return 0
    if args.closure_command == "request":
        seq = request_closure(db, person, args.key, args.file, args.note, source="command line")
        print(f"Closure request #{seq} saved: waiting for the inspectorate")
        return 0
    decision = "accept" if args.accept else "return"
    if args.closure_command == "decide":
        seq = decide_closure(db, person, args.request, decision, args.return_reason, source="command line")
        letter_note = ""
    else:
        letter = args.letter
        if not letter.is_file() or letter.stat().st_size > MAX_EVIDENCE_BYTES:
            raise WorkflowError(f"--letter {letter}: no such file, or over the 20 MB limit")
        seq, letter_file = record_closure(db, person, args.request, decision, args.on,
                                          (letter.name, letter.read_bytes()), args.return_reason, source="command line")
        letter_note = f", the letter evidence file #{letter_file} ({letter.name})"
    print(f"Closure request #{args.request} {'accepted: complete' if args.accept else 'returned'} "
          f"(decision #{seq}{letter_note})")
    return 0


def cmd_evidence(args, db: Path) -> int:
    """List a recommendation's evidence files, or write one out, for a reader whose scope holds its recommendation."""
    from tracker.evidence.reading import evidence_file, evidence_list
    from tracker.people.access import scope_of

    if args.evidence_command == "list":
        person = person_as(db, args.as_email)
        files = evidence_list(db, Filters(as_of=clock.today(), scope=scope_of(person)), args.key)
        for r in files.itertuples(index=False):
            print(f"#{int(r.file_id)}\t{r.name}\t{r.media_type}\t{int(r.size):,} bytes\t{r.uploader}\t"
                  f"{r.uploaded_at:%Y-%m-%d %H:%M}")
        if files.empty:
            print(f"{args.key}: no evidence files")
        return 0
    output_file(args.output)
    person = person_as(db, args.as_email)
    found, content = evidence_file(db, Filters(as_of=clock.today(), scope=scope_of(person)), args.file_id)
    args.output.write_bytes(content)
    print(f"Evidence file {found['file_id']} ({found['name']}, {len(content):,} bytes, SHA-256 {found['sha256']}) "
          f"written to {args.output}")
    return 0


def cmd_review(args, db: Path) -> int:
    """Accept or return submissions as their reviewer."""
    from tracker.workflow.actions import decide

    accept = bool(args.accept)
    if args.reason is not None and not accept:
        raise WorkflowError("--reason goes with --accept; a return gives its reason with --return")
    done = decide(db, person_as(db, args.as_email), args.submission, "accept" if accept else "return",
                  args.reason if accept else args.return_reason, source="command line")
    print(f"{'Accepted' if accept else 'Returned'}: " + ", ".join(f"#{s}" for s in args.submission)
          + f" (decision{'s' if len(done) > 1 else ''} " + ", ".join(f"#{d}" for d in done) + ")")
    return 0


def chosen_board(name: str, of: str | None, boards: list[Board]) -> Board:
    """The board --board and --of name among those held, or StoreError saying which there are."""
    same = [b for b in boards if b.name == name]
    if of is not None:
        same = [b for b in same if b.whose.lower() == of.strip().lower()]
    if len(same) == 1:
        return same[0]
    if same:
        raise StoreError(f"--board {name!r} is the board of {len(same)}: " + ", ".join(b.whose for b in same)
                         + "; say whose with --of")
    names = sorted({b.name for b in boards})
    close = difflib.get_close_matches(name, names, n=1)
    raise StoreError(f"--board {name!r}" + (f" --of {of!r}" if of else "") + " names no board held"
                     + (f"; did you mean {close[0]!r}?" if close else f"; the boards held: {', '.join(names)}"))


def cmd_meeting(args, db: Path) -> int:
    """Record a board meeting."""
    from tracker.workflow.actions import record_meeting

    national = (args.board_of or "").strip().lower() == NATIONAL
    force = None if national or args.board_of is None else (known_force(args.board_of) or args.board_of.strip())
    chair = person_as(db, args.as_email)
    number = record_meeting(db, chair, args.board, args.held_on, source="command line", force=force,
                            national=national)
    board = Board(args.board, None if national else force or chair.force)
    print(f"Meeting {number} recorded: {board.label} on {args.held_on:%d %b %Y}, chaired by {args.as_email}")
    return 0


def cmd_remind(args, db: Path) -> int:
    """Send the digests that are due; exit 1 when any could not be sent."""
    from tracker.notify.digest import base_url
    from tracker.notify.send import remind, smtp_settings

    ensure_current(db)
    outcomes = remind(db, args.as_of or clock.today(), base_url(), args.dry_run, args.to, smtp_settings())
    for o in outcomes:
        if o.state in ("sent", "would send", "failed"):
            print(f"{o.state}: {o.email}" + (f" ({o.detail})" if o.detail else ""),
                  file=sys.stderr if o.state == "failed" else sys.stdout)
    counts = {s: sum(o.state == s for o in outcomes) for s in ("sent", "would send", "failed", "nothing to send",
                                                              "not due")}
    print(", ".join(f"{n:,} {s}" for s, n in counts.items()))
    return 1 if counts["failed"] else 0


def cmd_calendar(args, db: Path) -> int:
    """Write a lead's targets as an .ics file (in their scope: a lead who moved force has only their new force's)."""
    from tracker.notify.calendar import calendar_bytes
    from tracker.notify.digest import base_url
    from tracker.people.access import scope_of
    from tracker.store import queries

    output_file(args.output)
    person = person_as(db, args.as_email)
    con = open_reader(db)
    items = queries.run(con, "person_items", **Filters(as_of=clock.today(), scope=scope_of(person)).params(),
                        by="owner", person=f"p{person.person_id}")
    args.output.write_bytes(calendar_bytes(items, person.label, base_url()))
    print(f"{len(items):,} open items written to {args.output}")
    return 0


def cmd_publish(args, db: Path) -> int:
    """Build a force's public site; with --yes, record its publication (after listing what changed)."""
    from tracker.ingest.importer import held
    from tracker.publish.build import write_site
    from tracker.publish.publishing import prepare, publish_refusal, record

    ensure_current(db)
    force = known_force(args.force, held(db).forces)
    if force is None:
        raise PublishError(f"--force {args.force}: not a force the tracker holds")
    person = person_as(db, args.as_email) if args.as_email else None
    if person is not None and (refusal := publish_refusal(person, force)):
        raise PublishError(f"--as {args.as_email}: {refusal}")
    ensure_current(db)
    con = open_reader(db)
    with progress("Publish") as shown:
        shown.step(f"building {force}'s site")
        prepared = prepare(con, force, args.as_of or clock.today())
    last = prepared.last
    print(f"{force}, as of {prepared.site.as_of.isoformat()}: {len(prepared.site.items):,} recommendations in "
          f"{len(prepared.site.reports):,} reports")
    print((f"Changes since publication #{last['publication_id']} (as of {last['as_of']}, by {last['actor']})"
           if last else "Changes (the first publication: every item is new)") + f": {len(prepared.changes):,}")
    for change in prepared.changes:
        print(f"  {change.kind:<9} {change.about}" + (f": {change.detail}" if change.detail else ""))
    with progress(f"Writing {args.output}") as shown:
        write_site(prepared.files, args.output, shown)
    print(f"{len(prepared.files):,} files written to {args.output} (digest {prepared.digest[:16]})")
    if not args.yes:
        print("Not published: check the changes above, then run again with --yes to record the publication.")
        return 0
    with progress("Publish") as shown:
        shown.step("recording the publication")
        number = record(db, prepared, person.email if person else operator(),
                        "commissioner" if person and "commissioner" in person.roles else "admin" if person
                        else "operator", person.person_id if person else None, "command line")
    print(f"Published: publication #{number} of {force}'s site.")
    return 0


def cmd_peel(args, db: Path) -> int:
    """Import PEEL grades."""
    from tracker.ingest.peel import import_grades

    ensure_current(db)
    print(f"{import_grades(args.file, db, operator()):,} PEEL grades added from {args.file}")
    return 0


def cmd_link(args, db: Path) -> int:
    """Link two recommendations, or take the link back."""
    from tracker.workflow.links import link_items

    number = link_items(db, person_as(db, args.as_email), args.key, args.other, args.relation, args.reason,
                        unlink=args.unlink, source="command line")
    print(f"{'Unlinked' if args.unlink else 'Linked'}: {args.key} {args.relation} {args.other} (link #{number})")
    return 0


def cmd_priority(args, db: Path) -> int:
    """Set an item's priority."""
    from tracker.workflow.actions import set_priority

    seq = set_priority(db, person_as(db, args.as_email), args.key, args.priority, args.reason, source="command line")
    print(f"{args.key}: priority {args.priority} (event #{seq})")
    return 0


def cmd_grade(args, db: Path) -> int:
    """Record the inspectorate's follow-up grade on an item."""
    from tracker.workflow.actions import grade

    chosen = args.grade.replace("-", " ")
    seq = grade(db, person_as(db, args.as_email), args.key, chosen, args.note, source="command line")
    print(f"{args.key}: follow-up grade {chosen} (event #{seq})")
    return 0


def cmd_action(args, db: Path) -> int:
    """Add or change an action under an item, report progress on one, or list an item's actions."""
    from tracker.people.access import scope_of
    from tracker.store import queries
    from tracker.workflow.actions import add_action, change_action, update_action
    from tracker.workflow.findings import action_standing, actions_progress

    person = person_as(db, args.as_email) if args.as_email else None
    today = clock.today()
    owner = person_as(db, args.owner, "--owner").person_id if getattr(args, "owner", None) else None
    if args.action_command == "add":
        number, seq = add_action(db, person, args.key, args.title, owner, args.target, source="command line")
        print(f"{args.key}: action {number} added, target {args.target:%d %b %Y} (event #{seq})")
        return 0
    if args.action_command == "update":
        seq = update_action(db, person, args.key, args.number, args.status, args.comment, source="command line")
        print(f"{args.key}: action {args.number} {args.status} (event #{seq})")
        return 0
    filters = Filters(as_of=today, scope=scope_of(person) if person else None)
    ensure_current(db)
    con = open_reader(db)
    if queries.run(con, "workflow_item", **filters.params(), key=args.key) is None:
        raise WorkflowError("there is no such recommendation in your force")
    actions = queries.run(con, "item_actions", **filters.params(), key=args.key)
    if args.action_command == "change":  # what is not given stays as it is (an action not there: the rule says so)
        now = actions[actions["action"] == args.number].to_dict("records")
        was = now[0] if now else {}
        seq = change_action(db, person, args.key, args.number, args.title or was.get("title"),
                            owner or was.get("owner_id"),
                            args.target or (was["target"].date() if was else None), args.reason, source="command line")
        print(f"{args.key}: action {args.number} changed (event #{seq})")
        return 0
    print(f"{args.key}: {actions_progress(actions)}")
    for a in actions.itertuples(index=False):
        latest = f"{a.updated_on:%d %b %Y}: {a.latest_update}" if isinstance(a.latest_update, str) else "no update yet"
        standing = action_standing(a.status, a.target, a.days_overdue, today)
        print(f"{a.action}\t{standing if a.status == 'complete' else f'open ({standing})'}\t{a.title}\t{a.owner}\t"
              f"target {a.target:%d %b %Y}\t{latest}")
    return 0


def cmd_track(args, db: Path) -> int:
    """Mark an item off track, or back on track."""
    from tracker.workflow.actions import track

    seq = track(db, person_as(db, args.as_email), args.key, args.state == "off", args.reason, args.forecast,
                source="command line")
    said = f"off track, revised forecast {args.forecast:%d %b %Y}" if args.state == "off" else "back on track"
    print(f"{args.key}: {said} (event #{seq})")
    return 0


def cmd_policy(args, db: Path) -> int:
    """List the policies of the forces a person may see, or set one as an administrator."""
    from tracker.core.policies import POLICIES, policy_value
    from tracker.people.access import scope_of
    from tracker.store import queries
    from tracker.workflow.actions import set_policy

    person = person_as(db, args.as_email)
    if args.policy_command == "set":
        set_policy(db, person, args.force, args.name, args.value, args.reason, source="command line")
        kept, words = policy_value(args.name, args.value), POLICIES[args.name].words
        print(f"{args.force}: {args.name} = {kept} from {clock.today():%d %b %Y}"
              + (f"\n{words(kept)}" if words else ""))
        return 0
    scope = scope_of(person)
    if args.force:
        force = known_force(args.force) or args.force
        if scope is not None and force not in scope:
            raise WorkflowError(f"you see {', '.join(scope)}'s policies, not {force}'s")
        scope = (force,)
    rows = queries.run(open_reader(db), "force_policies", **Filters(as_of=clock.today(), scope=scope).params())
    forces = list(scope) if scope is not None else sorted(set(rows["force"]))
    for force in forces:
        mine = rows[rows["force"] == force]
        for name, policy in POLICIES.items():
            set_ = mine[mine["name"] == name]
            if set_.empty:
                print(f"{force}\t{name}\t{policy.default}\t(default)")
            else:
                r = set_.iloc[0]
                print(f"{force}\t{name}\t{r['value']}\tset {r['since']:%d %b %Y} by {r['by']}")
    if not forces:
        print("No force has set a policy: each stands at its default "
              + ", ".join(f"{n} = {p.default}" for n, p in POLICIES.items()))
    return 0


def board_held(con, filters: Filters, name: str, of: str | None) -> Board:
    """The board --board and --of name among those the reader sees."""
    from tracker.store import queries

    rows = queries.run(con, "boards", **filters.only_date().params())
    return chosen_board(name, of, [Board(b, f if isinstance(f, str) else None)
                                   for b, f in zip(rows["board"], rows["force"], strict=True)])


def extension_rows(con, filters: Filters, board: Board | None):
    """The extension requests waiting (extension_requests, with who may agree each), of one board's items or all."""
    from tracker.analysis.agenda import board_filters, with_who_agrees
    from tracker.store import queries

    f = filters if board is None else board_filters(filters, board, filters.as_of)
    return with_who_agrees(queries.run(con, "extension_requests", **f.params()),
                           queries.run(con, "force_policies", **f.params()))


def extension_said(con, filters: Filters, key: str) -> str:
    """An item's target as it stands: the target, its moves and its total slip since the original."""
    from tracker.store import queries

    rec = queries.run(con, "recommendation_detail", **filters.params(), key=key)
    return (f"target {fmt_date(rec['target_current'])}; {counted(rec['moves'], 'move')}, {fmt_int(rec['slip_days'])} "
            "days' slip since the original target")


def counted(n, word: str) -> str:
    """'1 move', '2 moves'."""
    return f"{fmt_int(n)} {word}{'' if int(n) == 1 else 's'}"


def cmd_extension(args, db: Path) -> int:
    """List the extension requests waiting for a board, or decide one at its meeting as its chair."""
    from tracker.people.access import scope_of
    from tracker.store import queries
    from tracker.workflow.actions import meeting_decide

    person = person_as(db, args.as_email)
    ensure_current(db)
    con = open_reader(db)
    filters = Filters(as_of=clock.today(), scope=scope_of(person))
    board = board_held(con, filters, args.board, args.board_of) if args.board else None
    if args.extension_command == "list":
        rows = extension_rows(con, replace(filters, as_of=args.held_on or filters.as_of), board)
        for r in rows.itertuples():
            print(f"#{int(r.seq)}\t{r.key}\t{r.lead}\t{fmt_date(r.target_current)} → {fmt_date(r.target_requested)}"
                  f"\t{fmt_int(r.slip_days)} days\t{counted(r.moves, 'move')} so far\t{r.who_agrees}\t{r.reason or ''}")
        print(f"{counted(len(rows), 'extension request')} waiting" + (f" for the {board.label}" if board else ""))
        return 0
    if args.meeting is None:
        if board is None or args.held_on is None:
            raise WorkflowError("name the meeting: --meeting ID, or --board NAME --date D")
        held = queries.run(con, "board_meetings", **filters.only_date().params(), board=board.name, force=board.force)
        found = held[[d.date() == args.held_on for d in held["held_on"]]]
        if found.empty:
            raise WorkflowError(f"the {board.label} has no meeting recorded on {args.held_on:%d %b %Y}; record it "
                                "with 'meeting'")
        args.meeting = int(found.iloc[0]["meeting_id"])
    waiting = extension_rows(con, filters, board)
    request = waiting[waiting["seq"] == args.request]
    if request.empty:
        raise WorkflowError(f"#{args.request} is not an extension request waiting for a decision"
                            + (f" of the {board.label}" if board else ""))
    key = request.iloc[0]["key"]
    agree = args.decision == "agree"
    done = meeting_decide(db, person, args.meeting, [args.request], "accept" if agree else "return", args.reason,
                          source="command line")
    print(f"Extension request #{args.request} on {key} {'agreed' if agree else 'refused'} at meeting {args.meeting}"
          f"{f' of the {board.label}' if board else ''} (decision #{done[0]}): "
          + extension_said(open_reader(db), filters, key))
    return 0


def cmd_withhold(args, db: Path) -> int:
    """Withhold an item from the public site, or release it."""
    from tracker.workflow.actions import withhold

    seq = withhold(db, person_as(db, args.as_email), args.key, args.reason, release=args.release,
                   source="command line")
    print(f"{args.key} {'released' if args.release else 'withheld'} (event #{seq})")
    return 0


COMMANDS = {"demo": cmd_demo, "ingest": cmd_ingest, "addressees": cmd_addressees, "check": cmd_check,
            "export": cmd_export, "pack": cmd_pack,
            "people": cmd_people, "submit": cmd_submit, "evidence": cmd_evidence, "closure": cmd_closure,
            "review": cmd_review, "remind": cmd_remind,
            "calendar": cmd_calendar, "meeting": cmd_meeting, "imports": cmd_imports, "retract": cmd_retract,
            "restore": lambda args, db: cmd_retract(args, db, "restore"), "serve": cmd_serve, "migrate": cmd_migrate,
            "response": lambda args, db: cmd_response(args, db), "publish": cmd_publish, "withhold": cmd_withhold,
            "peel": cmd_peel, "link": cmd_link, "priority": cmd_priority, "track": cmd_track,
            "grade": cmd_grade, "policy": cmd_policy, "close": lambda args, db: cmd_close(args, db),
            "extension": cmd_extension, "action": cmd_action}


def cmd_close(args, db: Path) -> int:
    """A closing that says what happened (tracker.workflow.close_cli), finding people as every command does."""
    from tracker.workflow.close_cli import cmd_close as run

    return run(args, db, person_as)


def cmd_response(args, db: Path) -> int:
    """The statutory response's commands (tracker.response.cli), finding people as every command does."""
    from tracker.response.cli import cmd_response as run

    return run(args, db, person_as)
