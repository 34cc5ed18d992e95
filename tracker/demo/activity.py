"""The demo's workflow in the weeks before its date, made through the product's own writes by the demo's people:
board meetings (some with decisions), submissions waiting for review, closure requests waiting for the inspectorate
and one returned, and statutory responses to the recent reports at several stages."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from tracker.core.dates import end_of_month
from tracker.core.filters import Filters
from tracker.core.statuses import SIGN_OFF
from tracker.core.text import slugify
from tracker.demo.words import BOARDS, PROGRESS
from tracker.people.access import Person, person_of
from tracker.response.actions import approve, publish, record_comments, save_draft
from tracker.store import queries
from tracker.store.database import open_reader
from tracker.workflow.actions import decide_closure, meeting_decide, record_meeting, request_closure, submit

RECENT_DAYS = (40, 70)  # days before the demo's date two reports came out: responses due in 28 days, and overdue
MEETING_DAYS = (7, 98, 189, 280)  # days before the demo's date: each board met quarterly over the past year
CLOSURE_DAYS = (40, 15, 5)  # days before the demo's date closure requests were sent; the first is returned
RETURNED_DAYS = 20
DECIDED_DAYS = (21,)  # a submission the latest meeting of a board accepted
WAITING_DAYS = (6, 2)  # submissions still waiting for review
# Each recent report's one response taken forward: its steps by days before the demo's date. A publication (draft 62,
# comments 50, approve 35, publish 30 days before) would show one on time, at five more reads of the items.
RESPONSE_STEPS = ({}, {12: "draft"})
ITEMS_SQL = Path(__file__).with_name("demo_items.sql")


@dataclass
class Cast:
    """The demo's people, as the directory has them on its date, and the items as they stand."""

    people: pd.DataFrame
    items: pd.DataFrame

    def __post_init__(self):
        self.active = {int(r.person_id): person_of(r) for r in self.people.itertuples(index=False) if r.active}

    def person(self, person_id) -> Person | None:
        """The active person with this id, or None."""
        return None if pd.isna(person_id) else self.active.get(int(person_id))

    def first(self, role: str, force: str | None) -> Person:
        """The first active person with the role in the force (national: None)."""
        people = self.people
        same = people["force"].isna() if force is None else people["force"] == force
        rows = people[same & people["active"] & people["roles"].map(lambda r: role in r)]
        return person_of(rows.iloc[0])

    def lead(self, row) -> Person | None:
        """The item's owner, when they are an active lead of its force (who may submit on it)."""
        owner = self.person(row.owner_id)
        return owner if owner and "lead" in owner.roles and owner.force == row.force else None


def items_on(con, day: date) -> pd.DataFrame:
    """The demo's items as they stood on a day."""
    return con.execute(queries.sql_text(ITEMS_SQL), Filters(as_of=day).params()).df()


def record_demo_meetings(db: Path, as_of: date) -> dict[str, int]:
    """Each demo board's national meetings over the past year (its items span forces), chaired by a national
    administrator, so the Meeting page has a previous meeting to count changes from; the latest meeting's number by
    board."""
    people = queries.run(open_reader(db), "people_directory", **Filters(as_of=as_of).params())
    chair = Cast(people, pd.DataFrame()).first("admin", None)
    latest = {}
    for board in BOARDS:
        for days in MEETING_DAYS:
            number = record_meeting(db, chair, board, as_of - timedelta(days=days), source="demo", today=as_of,
                                    national=True)
            latest.setdefault(board, number)
    return latest


def record_demo_activity(db: Path, as_of: date, seed: int, meetings: dict[str, int]) -> None:
    """The workflow of the weeks before as_of, each step dated relative to it and written in date order."""
    rng = random.Random(seed * 92_821 + 7)
    con = open_reader(db)
    cast = Cast(queries.run(con, "people_directory", **Filters(as_of=as_of).params()), items_on(con, as_of))
    steps: list[tuple[int, Callable[[], object]]] = []  # (days before as_of, the write)
    closing = closure_steps(db, as_of, cast, items_on(con, as_of - timedelta(days=max(CLOSURE_DAYS) + 5)), rng, steps)
    submission_steps(db, as_of, cast, meetings, closing, rng, steps)
    response_steps(db, as_of, cast, rng, steps)
    for _, write in sorted(steps, key=lambda s: -s[0]):
        write()


def closure_steps(db, as_of: date, cast: Cast, before: pd.DataFrame, rng: random.Random, steps: list) -> set[str]:
    """Closure requests on items pending sign-off since before the first was sent, by their overseers; the
    inspectorate returns the oldest, the others wait. The keys asked about."""
    now = cast.items.set_index("key")
    keys = sorted(set(before.loc[before["status"] == SIGN_OFF, "key"]) & set(now.index[now["status"] == SIGN_OFF]))
    chosen = rng.sample(keys, min(len(CLOSURE_DAYS), len(keys)))
    inspector = cast.first("inspectorate", None)
    requests: dict[str, int] = {}
    for key, days in zip(chosen, CLOSURE_DAYS, strict=False):
        row = now.loc[key]
        asker = cast.person(row["overseer_id"]) or cast.first("reviewer", row["force"])

        def ask(key=key, asker=asker, day=as_of - timedelta(days=days)):
            requests[key] = request_closure(db, asker, key, comment="The force is satisfied the action is complete "
                                            "and embedded; its evidence is on the item.", source="demo", today=day)
        steps.append((days, ask))
    if chosen:
        def give_back(key=chosen[0]):
            decide_closure(db, inspector, requests[key], "return", "The evidence does not yet show the change is "
                           "embedded: send the latest audit results with the next request.", source="demo",
                           today=as_of - timedelta(days=RETURNED_DAYS))
        steps.append((RETURNED_DAYS, give_back))
    return set(chosen)


def submission_steps(db, as_of: date, cast: Cast, meetings: dict[str, int], taken: set[str], rng: random.Random,
                     steps: list) -> None:
    """Leads' progress on items they own: a board's latest meeting accepts some (its chair deciding, all at once),
    and the latest few wait for review."""
    open_items = cast.items[cast.items["is_open"] & (cast.items["status"] != SIGN_OFF) & ~cast.items["key"].isin(taken)]
    eligible = [r for r in open_items.itertuples(index=False) if cast.lead(r)]
    by_board = {b: [r for r in eligible if r.board == b] for b in BOARDS}
    board = max(BOARDS, key=lambda b: len(by_board[b]))
    at_meeting = rng.sample(by_board[board], min(len(DECIDED_DAYS), len(by_board[board])))
    rest = [r for r in eligible if r not in at_meeting]
    waiting = rng.sample(rest, min(len(WAITING_DAYS), len(rest)))
    decided: list[int] = []
    for row, days in [*zip(at_meeting, DECIDED_DAYS, strict=False), *zip(waiting, WAITING_DAYS, strict=False)]:
        line = rng.choice(PROGRESS).format(pct=rng.randint(40, 98), n=rng.randint(20, 200), board=row.board)

        def progress(row=row, line=line, day=as_of - timedelta(days=days), at_meeting=days in DECIDED_DAYS):
            seq = submit(db, cast.lead(row), row.key, line, source="demo", today=day)
            if at_meeting:
                decided.append(seq)
        steps.append((days, progress))
    if at_meeting:
        chair, held = cast.first("admin", None), as_of - timedelta(days=MEETING_DAYS[0])
        steps.append((MEETING_DAYS[0], lambda: meeting_decide(
            db, chair, meetings[board], decided, "accept", source="demo", today=held)))


def response_steps(db, as_of: date, cast: Cast, rng: random.Random, steps: list) -> None:
    """The statutory responses to the recent reports: one force area's to the newer report in draft; the rest not
    started, so some are due within 28 days and the older report's are overdue. (Every step is a write reading its
    items, so the demo takes only a few: RESPONSE_STEPS.)"""
    recent = cast.items[cast.items["published_on"].isin(
        [pd.Timestamp(as_of - timedelta(days=d)) for d in RECENT_DAYS])]
    forces = sorted(set(recent["force"]))
    if not forces:
        return
    newer, older = (recent[recent["published_on"] == pd.Timestamp(as_of - timedelta(days=d))] for d in RECENT_DAYS)
    for rows, stages in ((older, RESPONSE_STEPS[0]), (newer, RESPONSE_STEPS[1])):
        if rows.empty:
            continue
        force = rng.choice(sorted(set(rows["force"])))
        mine = rows[rows["force"] == force]
        report = str(mine["report"].iloc[0])
        analyst, commissioner = cast.first("analyst", force), cast.first("commissioner", force)
        later = as_of + timedelta(days=183)
        target = end_of_month(later.year, later.month)
        plan = [{"key": k, "action": "A lead officer will review the force's practice against the report's findings "
                 "and report progress to the force's board each quarter.", "target": target} for k in mine["key"]]
        for days, stage in stages.items():
            day = as_of - timedelta(days=days)
            write = {"draft": lambda day=day, report=report, force=force, who=analyst, plan=plan: save_draft(
                         db, who, report, force, "The commissioner welcomes the report and will hold the chief "
                         "constable to account for the plan below.", plan, source="demo", today=day),
                     "comments": lambda day=day, report=report, force=force, who=analyst: record_comments(
                         db, who, report, force, "The force accepts the recommendation and has named a lead.",
                         source="demo", today=day),
                     "approve": lambda day=day, report=report, force=force, who=commissioner: approve(
                         db, who, report, force, source="demo", today=day),
                     "publish": lambda day=day, report=report, force=force, who=commissioner: publish(
                         db, who, report, force, day, f"https://www.{slugify(force)}-pcc.example/responses/{report}",
                         source="demo", today=day)}[stage]
            steps.append((days, write))
