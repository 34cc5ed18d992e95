"""Send the digests that are due: to each person with something to act on, once a date, reporting each failure."""

from __future__ import annotations

import os
import smtplib
import tomllib
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pandas as pd

from tracker import ROOT
from tracker.core.filters import Filters
from tracker.notify.digest import Digest, build, due
from tracker.people.access import Person, person_of, scope_of
from tracker.response.rules import DAYS as RESPONSE_DAYS
from tracker.response.rules import DRAFTERS
from tracker.store import queries
from tracker.store.database import open_reader


@dataclass(frozen=True)
class Smtp:
    """Where mail goes: host and port, STARTTLS or not, optional credentials, the sender's address."""

    host: str
    port: int
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    sender: str = "recommendation-tracker@localhost"


@dataclass(frozen=True)
class Outcome:
    """What happened to one person's digest."""

    email: str
    state: str  # sent | would send | failed | nothing to send | not due
    detail: str = ""


def smtp_settings(secrets: Path = ROOT / ".streamlit" / "secrets.toml") -> Smtp | None:
    """The mail server from the environment (TRACKER_SMTP=host:port, TRACKER_SMTP_STARTTLS, TRACKER_SMTP_USER,
    TRACKER_SMTP_PASSWORD, TRACKER_MAIL_FROM), else from secrets.toml's [smtp]; never from the repository."""
    conf = {}
    if secrets.exists():
        conf = tomllib.loads(secrets.read_text(encoding="utf-8")).get("smtp", {})
    where = os.environ.get("TRACKER_SMTP") or (f"{conf['host']}:{conf.get('port', 25)}" if "host" in conf else None)
    if not where:
        return None
    host, _, port = where.rpartition(":")
    return Smtp(host or where, int(port or 25),
                starttls=(os.environ.get("TRACKER_SMTP_STARTTLS") or str(conf.get("starttls", ""))).lower() in ("1", "true"),
                user=os.environ.get("TRACKER_SMTP_USER") or conf.get("user"),
                password=os.environ.get("TRACKER_SMTP_PASSWORD") or conf.get("password"),
                sender=os.environ.get("TRACKER_MAIL_FROM") or conf.get("from", "recommendation-tracker@localhost"))


def message(digest: Digest, sender: str) -> EmailMessage:
    """Plain text with an HTML alternative."""
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, digest.to, digest.subject
    msg.set_content(digest.text)
    msg.add_alternative(f"<html><body>{digest.html}</body></html>", subtype="html")
    return msg


RESPONSE_WITHIN = 14  # days: a response due this soon, or overdue, is in its drafters' and commissioner's digest
RESPONSE_OVERDUE_WITHIN = 365  # days: a response overdue longer than this (before the tracker, as a rule) is left out


def deciders(pairs: pd.DataFrame) -> pd.DataFrame:
    """Of the (person, waiting submission) pairs reminder_reviews offers, those the person may decide on: the rules'
    own review_refusal, the one place who may decide is written (the app's review page asks the same)."""
    from tracker.workflow.rules import WAITING, Submission, id_of, item_of_row, review_refusal

    def may(r) -> bool:
        person = person_of(r, force_key="person_force")
        submission = Submission(int(r.seq), r.key, id_of(r.author_id), WAITING)
        return review_refusal(person, item_of_row(r), submission) is None

    kept = pairs[[may(r) for r in pairs.itertuples(index=False)]] if len(pairs) else pairs
    return kept.reset_index(drop=True)


def digests(db, as_of: date, base_url: str, only: str | None = None) -> tuple[list[tuple[dict, Digest | None]], list]:
    """Every person's digest for the date (None when they have nothing), and the people whose digest is not due."""
    con = open_reader(db)
    people = queries.run(con, "reminder_people")
    params = Filters(as_of=as_of).params()
    items = queries.run(con, "reminder_items", **params)
    reviews = deciders(queries.run(con, "reminder_reviews", **params))
    responses = queries.run(con, "reminder_responses", **params, days=RESPONSE_DAYS, within=RESPONSE_WITHIN,
                            overdue_within=RESPONSE_OVERDUE_WITHIN, roles=list(DRAFTERS))
    out, skipped = [], []
    for p in people.itertuples():
        if only and p.email != only.strip().lower():
            continue
        if not due(p.cadence, p.last_as_of, as_of):
            skipped.append(p.email)
            continue
        scope = scope_of(person_of(p))  # a lead who moved force is reminded of their new force's items only
        mine = items[(items["person_id"] == p.person_id) & (True if scope is None else items["force"].isin(scope))]
        theirs = reviews[reviews["person_id"] == p.person_id]
        answers = responses[responses["person_id"] == p.person_id]
        out.append(({"person_id": int(p.person_id), "email": p.email, "name": p.name, "force": p.force},
                    build(p.email, p.name, mine, theirs, base_url, as_of, answers)))
    return out, skipped


def remind(db, as_of: date, base_url: str, dry_run: bool = False, only: str | None = None,
           smtp: Smtp | None = None, source: str = "command line") -> list[Outcome]:
    """Send every digest that is due (or, with dry_run, say what would be sent); each sent one is logged, so a second
    run for the same date sends nothing new. One failing recipient is reported and the others still go."""
    from tracker.workflow.actions import WorkflowError, record_bounce, record_reminder

    prepared, skipped = digests(db, as_of, base_url, only)
    outcomes = [Outcome(e, "not due", "already sent for this date, paused, or sent within the week") for e in skipped]
    outcomes += [Outcome(p["email"], "nothing to send") for p, d in prepared if d is None]
    todo = [(p, d) for p, d in prepared if d is not None]
    if dry_run or not todo:
        return outcomes + [Outcome(d.to, "would send", d.subject) for _, d in todo]
    if smtp is None:
        raise WorkflowError("no mail server: set TRACKER_SMTP=host:port, or [smtp] host in .streamlit/secrets.toml")
    with smtplib.SMTP(smtp.host, smtp.port, timeout=30) as server:
        if smtp.starttls:
            server.starttls()
        if smtp.user:
            server.login(smtp.user, smtp.password or "")
        for person, digest in todo:
            who = Person(person["person_id"], person["email"], person["name"], person["force"], ("lead",))
            # Logged first, sent once the log has committed: a digest is never sent without its log row.
            try:
                record_reminder(db, who, as_of, digest.listed,
                                lambda d=digest: server.send_message(message(d, smtp.sender)), source)
            except WorkflowError:
                outcomes.append(Outcome(digest.to, "not due", "sent already for this date"))
                continue
            except smtplib.SMTPRecipientsRefused as exc:
                code, reason = next(iter(exc.recipients.values()), (0, b"refused"))
                detail = f"{code} {reason.decode(errors='replace')}"
            except smtplib.SMTPException as exc:
                detail = str(exc)
            else:
                outcomes.append(Outcome(digest.to, "sent", digest.subject))
                continue
            record_bounce(db, who, as_of, detail, source)  # so the next run tries it again
            outcomes.append(Outcome(digest.to, "failed", detail))
    return outcomes


def summary(outcomes: list[Outcome]) -> pd.DataFrame:
    """The outcomes as a table."""
    return pd.DataFrame([o.__dict__ for o in outcomes], columns=["email", "state", "detail"])
