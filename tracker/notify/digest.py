"""One person's digest: their overdue, due-soon and stale items and the submissions waiting for their decision, as
plain text with an HTML alternative in which every value from the data is escaped (pure, so it is unit-tested)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.core.display import days_left_text, fmt_date, fmt_int, missing

SECTIONS = (("overdue", "Overdue"), ("due soon", "Due within 30 days"), ("stale", "No update for a long time"))


@dataclass(frozen=True)
class Digest:
    """An email ready to send, and the keys it lists by section (for the sent log)."""

    to: str
    subject: str
    text: str
    html: str
    listed: dict


def base_url() -> str:
    """Where links in emails and calendars point: $TRACKER_BASE_URL (default http://localhost:8501)."""
    return os.environ.get("TRACKER_BASE_URL", "http://localhost:8501")


def link(base_url: str, key: str) -> str:
    """The item's page."""
    return f"{base_url.rstrip('/')}/recommendation?id={key}"


def item_line(r, base_url: str) -> tuple[str, str]:
    """One item as a text line and an HTML list item."""
    when = (f"{fmt_int(r.days_overdue)} days overdue" if not missing(r.days_overdue) and r.days_overdue > 0
            else f"target {fmt_date(r.target_current)}")
    facts = (f"{r.key} · {r.report_title} · {when} (target {fmt_date(r.target_current)}) · latest comment "
             f"{fmt_date(r.latest_comment_on)}")
    url = link(base_url, r.key)
    text = f"- {facts}\n  {r.text[:200]}\n  {url}"
    markup = (f"<li><a href=\"{html.escape(url, quote=True)}\">{html.escape(r.key)}</a> · {html.escape(r.report_title)}"
              f" · {html.escape(when)} (target {html.escape(fmt_date(r.target_current))}) · latest comment "
              f"{html.escape(fmt_date(r.latest_comment_on))}<br>{html.escape(r.text[:200])}</li>")
    return text, markup


def build(email: str, name: str, items: pd.DataFrame, reviews: pd.DataFrame, base_url: str, as_of: date,
          responses: pd.DataFrame | None = None) -> Digest | None:
    """The digest for one person, or None when they have nothing to act on (nobody gets an empty email)."""
    responses = responses if responses is not None else pd.DataFrame(columns=["report"])
    if items.empty and reviews.empty and responses.empty:
        return None
    text = [f"{name},", "", f"What needs you in the Recommendation Tracker, as of {fmt_date(as_of)}.", ""]
    markup = [f"<p>{html.escape(name)},</p>",
              f"<p>What needs you in the Recommendation Tracker, as of {html.escape(fmt_date(as_of))}.</p>"]
    listed: dict = {}
    for section, heading in SECTIONS:
        part = items[items["section"] == section]
        if part.empty:
            continue
        listed[section] = part["key"].tolist()
        text += [f"{heading} ({len(part)})", ""]
        markup.append(f"<h3>{html.escape(heading)} ({len(part)})</h3><ul>")
        for r in part.itertuples():
            line, li = item_line(r, base_url)
            text += [line, ""]
            markup.append(li)
        markup.append("</ul>")
    if not reviews.empty:
        listed["review"] = [int(s) for s in reviews["seq"]]
        text += [f"Waiting for your decision ({len(reviews)})", ""]
        markup.append(f"<h3>Waiting for your decision ({len(reviews)})</h3><ul>")
        for r in reviews.itertuples():
            url = f"{base_url.rstrip('/')}/review"
            text += [(f"- submission #{r.seq} on {r.key} · {r.report_title} · by {r.submitted_by} · waiting "
                     f"{fmt_int(r.waited_days)} days\n  {url}"), ""]
            markup.append(f"<li><a href=\"{html.escape(url, quote=True)}\">#{int(r.seq)}</a> on {html.escape(r.key)} · "
                          f"{html.escape(r.report_title)} · by {html.escape(r.submitted_by)} · waiting "
                          f"{html.escape(fmt_int(r.waited_days))} days</li>")
        markup.append("</ul>")
    if not responses.empty:
        listed["responses"] = [f"{r.report}:{r.force}" for r in responses.itertuples()]
        heading = f"Statutory responses due within 14 days or overdue ({len(responses)})"
        text += [heading, ""]
        markup.append(f"<h3>{html.escape(heading)}</h3><ul>")
        url = f"{base_url.rstrip('/')}/responses"
        for r in responses.itertuples():
            when = days_left_text(r.days_left)
            text += [f"- {r.report_title} · {r.force} · due {fmt_date(r.deadline)} ({when})\n  {url}", ""]
            markup.append(f"<li><a href=\"{html.escape(url, quote=True)}\">{html.escape(r.report_title)}</a> · "
                          f"{html.escape(r.force)} · due {html.escape(fmt_date(r.deadline))} ({html.escape(when)})</li>")
        markup.append("</ul>")
    text += [("You get this because you are a lead, a reviewer or drafter of responses in the tracker. Change how "
             "often, or pause it, on My items.")]
    markup.append("<p>You get this because you are a lead, a reviewer or drafter of responses in the tracker. Change "
                  "how often, or pause it, on My items.</p>")
    counts = [f"{len(v)} {k}" for k, v in listed.items()]
    subject = f"Recommendation Tracker: {', '.join(counts)} ({fmt_date(as_of)})"
    return Digest(email, subject, "\n".join(text), "\n".join(markup), listed)


def due(cadence: str, last_as_of, as_of: date) -> bool:
    """Whether a person's digest is due on a date: daily, or weekly (a week since the last), never when paused;
    never twice for one date."""
    if cadence == "paused":
        return False
    if last_as_of is not None and not missing(last_as_of):
        last = pd.Timestamp(last_as_of).date()
        if last >= as_of:
            return False
        if cadence == "weekly" and (as_of - last).days < 7:
            return False
    return True
