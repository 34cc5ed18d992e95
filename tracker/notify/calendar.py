"""A lead's open items with their current targets as an iCalendar file (RFC 5545): one all-day event a target, with a
UID that stays the item's own, so a revised target moves the event rather than adding another."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from icalendar import Calendar, Event

from tracker.core.display import missing
from tracker.notify.digest import link

PRODID = "-//Recommendation Tracker//targets//EN"


def uid(key: str) -> str:
    """The event's identity: the recommendation's, whatever its target."""
    return f"target-{key}@recommendation-tracker"


def calendar_bytes(items: pd.DataFrame, name: str, base_url: str, now: datetime | None = None) -> bytes:
    """The .ics for a person's open items (key, id, force, report_title, text, target_current); items with no target
    are left out."""
    now = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Recommendation targets: {name}")
    for r in items.itertuples():
        if missing(r.target_current):
            continue
        event = Event()
        event.add("uid", uid(r.key))
        event.add("dtstamp", now)
        event.add("last-modified", now)
        event.add("sequence", int(now.timestamp()) // 60)  # later exports win in a client that already has the event
        event.add("dtstart", pd.Timestamp(r.target_current).date())
        event.add("summary", f"Target: recommendation {int(r.id)} ({r.force})")
        event.add("description", f"{r.report_title}\n\n{r.text}\n\n{link(base_url, r.key)}")
        event.add("url", link(base_url, r.key))
        cal.add_component(event)
    return cal.to_ical()
