"""A statutory response's steps as one write each to the system of record, checked against the rules like the app."""

from __future__ import annotations

from datetime import date

from tracker.core import clock
from tracker.evidence.checks import check_files
from tracker.people.access import Person
from tracker.response import steps
from tracker.workflow.actions import write_with


def save_draft(db, person: Person, report: str, force: str, overall: str, plan: list[dict], source: str = "app",
               today: date | None = None) -> int:
    """Save a draft of a force area's response (every save kept; the last is the draft); returns its step number."""
    return write_with(db, steps.apply_response_draft, person, source, today or clock.today(), report=report,
                      force=force, overall=overall, plan=plan)[0]


def record_comments(db, person: Person, report: str, force: str, *args, **kwargs) -> int:
    """record_comments_with_file, returning the step's number alone."""
    return record_comments_with_file(db, person, report, force, *args, **kwargs)[0]


def record_comments_with_file(db, person: Person, report: str, force: str, text: str = "", files=(),
                              source: str = "app", today: date | None = None) -> tuple[int, int | None]:
    """Record the chief constable's comments, pasted or as one file ((name, bytes), judged by its content); the step's
    number and the file's (None without one)."""
    checked = check_files(files) if files else []
    step, *file_ids = write_with(db, steps.apply_response_comments, person, source, today or clock.today(),
                                 report=report, force=force, text=text, files=checked)
    return step, (file_ids[0] if file_ids else None)


def approve(db, person: Person, report: str, force: str, source: str = "app", today: date | None = None) -> int:
    """The force area's commissioner approves the current version; returns the step number."""
    return write_with(db, steps.apply_response_approve, person, source, today or clock.today(), report=report,
                      force=force)[0]


def publish(db, person: Person, report: str, force: str, published_on: date, address: str, source: str = "app",
            today: date | None = None) -> int:
    """Record the approved version's publication; each recommendation's planned action becomes its first update."""
    return write_with(db, steps.apply_response_publish, person, source, today or clock.today(), report=report,
                      force=force, published_on=published_on.isoformat(), address=address)[0]


def published_elsewhere(db, person: Person, report: str, force: str, published_on: date, address: str,
                        source: str = "app", today: date | None = None) -> int:
    """Record a response the office published outside the tracker; returns the step number."""
    return write_with(db, steps.apply_response_elsewhere, person, source, today or clock.today(), report=report,
                      force=force, published_on=published_on.isoformat(), address=address)[0]
