"""What a force's public site shows, read through the queries and nothing else: only public text, owners by job title
unless publicly named, withheld items as their reason alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.core.display import missing
from tracker.core.filters import Filters
from tracker.core.responses import RESPONSE_DAYS
from tracker.core.statuses import label
from tracker.store import queries

NOT_PUBLISHED = "Not published"
SAFE_NAME = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Item:
    """One recommendation as the public may see it."""

    key: str
    page: str  # its page's file name
    ref: str  # its id in the report
    report: str
    report_title: str
    withheld: str | None  # the reason it is withheld; None when it is shown
    text: str
    kind: str
    theme: str
    status: str  # the status's label
    is_open: bool
    overdue_days: int | None
    target_original: date | None
    target_current: date | None
    owner: str  # by job title, or name when publicly named
    update_on: date | None
    update_text: str | None
    updates: tuple[tuple[date, str | None, str], ...] = ()  # (day, status label or None, text), oldest first


@dataclass(frozen=True)
class Report:
    """One report with the force's recommendations in it and the commissioner's published response."""

    id: str
    page: str
    title: str
    published_on: date | None
    items: tuple[Item, ...]
    response: dict | None  # first_published, on_time, address, deadline, overall (the published wording)


@dataclass(frozen=True)
class Site:
    """Everything one build of a force's site shows."""

    force: str
    as_of: date
    headline: dict  # open, complete, overdue, total, implementation_rate, responses_due, responses_on_time
    reports: tuple[Report, ...]
    items: tuple[Item, ...] = field(default=())


def owner_label(name: str | None, job_title: str | None, public_name: bool) -> str:
    """How the public site names an item's owner: by name (with their job title) only when the directory says they
    are publicly named; otherwise by job title; with neither, 'Not published'."""
    title = None if missing(job_title) or not str(job_title).strip() else str(job_title).strip()
    if public_name and not missing(name) and str(name).strip():
        return f"{str(name).strip()}, {title}" if title else str(name).strip()
    return title or NOT_PUBLISHED


def page_name(value: str, taken: set[str]) -> str:
    """A file name for a key or report id: lower-case letters, digits and hyphens, unique within the site."""
    base = SAFE_NAME.sub("-", str(value).lower()).strip("-")[:80] or "page"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def optional_date(value) -> date | None:
    """A query's date cell as a date, None when missing."""
    if missing(value):
        return None
    return value if type(value) is date else value.date()


def site_content(con, force: str, as_of: date, scope: tuple[str, ...] | None = None) -> Site:
    """A force's site as of a day, read within the reader's scope (None: every force, the command line)."""
    filters = Filters(as_of=as_of, forces=(force,), scope=scope)
    params = filters.params()
    rows = queries.run(con, "publish_items", **params)
    history: dict[str, list] = {}
    for r in queries.run(con, "publish_updates", **params).itertuples(index=False):
        history.setdefault(r.key, []).append((optional_date(r.on_date), None if missing(r.status) else label(r.status),
                                              r.text))
    responses = {r["report"]: r for r in queries.run(con, "publish_responses", **params, days=RESPONSE_DAYS)
                 .to_dict("records")}
    pages: set[str] = set()
    items = []
    for r in rows.itertuples(index=False):
        withheld = bool(r.withheld)
        items.append(Item(
            key=r.key, page=page_name(r.key, pages), ref=str(r.id), report=r.report, report_title=r.report_title,
            withheld=(r.withheld_reason or "no reason given") if withheld else None,
            text="" if withheld else r.text, kind="" if withheld else r.kind, theme="" if withheld else r.theme,
            status="" if withheld else label(r.status), is_open=bool(r.is_open),
            overdue_days=None if withheld or missing(r.days_overdue) else int(r.days_overdue),
            target_original=None if withheld else optional_date(r.target_original),
            target_current=None if withheld else optional_date(r.target_current),
            owner="" if withheld else owner_label(r.owner, r.owner_title, bool(r.owner_public)),
            update_on=None if withheld else optional_date(r.update_on),
            update_text=None if withheld or missing(r.update_text) else r.update_text,
            updates=() if withheld else tuple(history.get(r.key, ()))))
    report_pages: set[str] = set()
    reports, by_report = [], {}
    for item in items:
        by_report.setdefault(item.report, []).append(item)
    published_on = {r.report: optional_date(r.report_published_on) for r in rows.itertuples(index=False)}
    for report_id, its in by_report.items():
        response = responses.get(report_id)
        reports.append(Report(
            id=report_id, page=page_name(report_id, report_pages), title=its[0].report_title,
            published_on=published_on[report_id], items=tuple(its),
            response=None if response is None else {
                "first_published": optional_date(response["first_published"]), "on_time": bool(response["on_time"]),
                "deadline": optional_date(response["deadline"]), "overall": response["overall"] or "",
                "address": None if missing(response["address"]) else response["address"]}))
    head = queries.run(con, "headline", **params) or {}
    answered = queries.run(con, "responses_headline", **params, days=RESPONSE_DAYS) or {}
    headline = {
        "total": int(head.get("total") or 0), "open": int(head.get("open") or 0),
        "complete": int(head.get("complete") or 0), "overdue": int(head.get("overdue") or 0),
        "implementation_rate": None if missing(head.get("implementation_rate")) else float(head["implementation_rate"]),
        "responses_due": int(answered.get("due") or 0), "responses_on_time": int(answered.get("on_time") or 0),
        "responses": int(answered.get("responses") or 0)}
    return Site(force=force, as_of=as_of, headline=headline, reports=tuple(reports), items=tuple(items))
