"""The demo's items from sources other than inspections: coroners' concerns and IOPC recommendations in several forces,
each on its source's clock as of the demo's date, in turn due this month, past due unanswered, answered with a
timetable, answered and complete, and due later."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.core.dates import end_of_month
from tracker.core.forces import FORCES
from tracker.core.sources import answer_by
from tracker.core.statuses import AWAITING, COMPLETE, PROGRESSING
from tracker.demo.words import BOARDS, IOPC_CASES, IOPC_RECOMMENDATIONS, PFD_CONCERNS
from tracker.ingest.references import iopc_id, pfd_id
from tracker.ingest.themes import theme_for

# The states the items take in turn, so a demo of any size has every one.
STATES = ("due this month", "past due", "answered", "complete", "due later")
PFD_SERIAL = 9000  # the demo's coroners' references are YYYY-9000 on, its IOPC cases YYYY/900000 on: illustrative
IOPC_CASE = 900_000


def due_day(state: str, as_of: date, rng) -> date:
    """The day an item in this state is to be answered by, as of the demo's date."""
    left = (end_of_month(as_of.year, as_of.month) - as_of).days
    if state == "due this month":
        return as_of + timedelta(days=rng.randint(0, left))
    if state == "past due":
        return as_of - timedelta(days=rng.randint(3, 75))
    if state == "due later":  # still after its clock started: at most 55 days on (an IOPC clock's length)
        return as_of + timedelta(days=rng.randint(left + 1, 55))
    return as_of - timedelta(days=rng.randint(20, 500))


def months_on(day: date, months: int) -> date:
    """The last day of the month `months` after a day's month."""
    index = day.year * 12 + day.month - 1 + months
    return end_of_month(index // 12, index % 12 + 1)


def add_answered(builder, key: str, state: str, published: date, target: date | None, answered: date | None) -> None:
    """An item's history: received, then (answered) its answer with the timetable, and (complete) its completion."""
    builder.add_update(key, published, AWAITING, None, 0)
    if answered is None:
        return
    builder.add_update(key, answered, PROGRESSING,
                       f"Answer sent on time: the action proposed is to be completed by the end of "
                       f"{target:%B %Y}.", 1, target)
    if state == "complete":
        done = min(builder.as_of, answered + timedelta(days=builder.rng.randint(30, 300)))
        builder.add_update(key, done, COMPLETE, "The action is complete and its effect has been checked.", 2)


def answer(state: str, due: date, as_of: date, rng) -> tuple[date | None, date | None]:
    """(the timetable's target, the day answered) for an answered item; (None, None) for one not yet answered."""
    if state not in ("answered", "complete"):
        return None, None
    answered = min(as_of, due - timedelta(days=rng.randint(0, 20)))
    return months_on(answered, rng.randint(2, 12)), answered


def item(builder, *, rec_id: int, force: str, title: str, text: str, published: date, source: str, ref: str,
         addressee: str, stated: date | None, state: str, due: date) -> None:
    """One item of another source in one force, with its history."""
    rng = builder.rng
    owners, weights, chiefs = builder.people[force]
    target, answered = answer(state, due, builder.as_of, rng)
    key = builder.add_rec(rec_id=rec_id, force=force, title=title, kind="recommendation",
                          theme=theme_for(title, text), text=text, published=published,
                          owner=rng.choices(owners, weights)[0], overseer=rng.choice(chiefs), board=rng.choice(BOARDS),
                          original=target, current=target, target_text=f"{target:%B %Y}" if target else None,
                          source=source, source_ref=ref, addressee=addressee, stated=stated)
    add_answered(builder, key, state, published, target, answered)


def add_coroners_reports(builder, count: int) -> None:
    """`count` coroners' reports, each with one to three concerns to one or two forces, the coroner stating the
    day to answer by (mostly the report's date + 56, now and then later)."""
    rng, as_of = builder.rng, builder.as_of
    for k in range(count):
        state = STATES[k % len(STATES)]
        due = due_day(state, as_of, rng)
        on = due - timedelta(days=56 + rng.choice((0, 0, 0, 7)))
        ref = f"{on.year}-{PFD_SERIAL + k:04d}"
        title = f"Illustrative prevention of future deaths report {ref}"
        concerns = rng.sample(PFD_CONCERNS, rng.randint(1, 3))
        for force in rng.sample(FORCES, rng.choice((1, 1, 2))):
            for number, text in enumerate(concerns, start=1):
                item(builder, rec_id=pfd_id(ref, number), force=force, title=title, text=text, published=on,
                     source="pfd", ref=f"{ref} concern {number}", addressee=f"The Chief Constable of {force}",
                     stated=due, state=state, due=due)


def add_iopc_recommendations(builder, count: int) -> None:
    """`count` IOPC recommendations, each to one force's chief constable or commissioner, made 55 days before the day
    to answer by (56 days beginning with the day it is made)."""
    rng, as_of = builder.rng, builder.as_of
    for k in range(count):
        state = STATES[(k + 2) % len(STATES)]
        made = due_day(state, as_of, rng) - timedelta(days=55)
        due = answer_by("iopc", made)  # 56 days beginning with the day it is made, as data/sources.csv holds it
        ref = f"{made.year}/{IOPC_CASE + k:06d}-R1"
        force = rng.choice(FORCES)
        item(builder, rec_id=iopc_id(ref), force=force, title=f"Illustrative IOPC investigation into "
             f"{rng.choice(IOPC_CASES)} ({ref[:-3]})", text=rng.choice(IOPC_RECOMMENDATIONS), published=made,
             source="iopc", ref=ref, addressee=rng.choice(("Chief Constable", "Police and Crime Commissioner")),
             stated=None, state=state, due=due)


def add_other_sources(builder) -> None:
    """Coroners' reports and IOPC recommendations in proportion to the demo's size (a few in the smallest)."""
    add_coroners_reports(builder, max(5, builder.n // 1000))
    add_iopc_recommendations(builder, max(10, builder.n // 400))
