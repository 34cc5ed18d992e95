"""The statutory response's rules (pure): its deadline, its stages, who may take each step, and what a draft needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.display import days_left_text
from tracker.core.responses import RESPONSE_DAYS
from tracker.core.sources import DEFAULT_SOURCE, answer_by
from tracker.people.access import ADMIN, ANALYST, COMMISSIONER, REVIEWER, Person

DAYS = RESPONSE_DAYS  # comments published within 56 days of the report's publication
DRAFTERS = (COMMISSIONER, REVIEWER, ANALYST, ADMIN)
MAX_TEXT = 20_000  # characters of one comment or planned action


def deadline(published_on: date | None) -> date | None:
    """The last day the response may be published: the inspection's clock (data/sources.csv) from its publication."""
    return answer_by(DEFAULT_SOURCE, published_on)


def days_left(published_on: date | None, as_of: date) -> int | None:
    """Days until the deadline on `as_of` (0 on the day, negative once overdue), or None with no publication date."""
    due = deadline(published_on)
    return None if due is None else (due - as_of).days


def due_text(published_on: date | None, as_of: date, stage: str, published: date | None = None) -> str:
    """Where a response stands against its deadline, in words."""
    due = deadline(published_on)
    if due is None:
        return "no deadline: the report's publication date is not known"
    if stage == "published" and published is not None:
        late = (published - due).days
        return "published on time" if late <= 0 else f"published {late} day{'s' * (late != 1)} late"
    return days_left_text((due - as_of).days)


@dataclass(frozen=True)
class Standing:
    """Where one force area's response to one report stands: its latest version and stage, and what that version
    holds (a draft, the chief constable's comments, an approval)."""

    version: int = 1
    stage: str = "not-started"
    has_draft: bool = False
    has_comments: bool = False
    complete_plan: bool = False  # the version's latest draft plans an action for every recommendation
    approved_on: date | None = None  # the day the current version was approved


def may_draft(person: Person | None, force: str) -> str | None:
    """Why this person may not draft (or record the chief constable's comments for) a force area's response, or None:
    its commissioner, a reviewer or analyst of the force, or an administrator."""
    if person is None or not person.active:
        return "only a signed-in, active person can work on a response"
    if not any(r in DRAFTERS for r in person.roles):
        return "only a commissioner, a reviewer, an analyst or an administrator drafts a response"
    if person.force is not None and person.force != force:
        return f"this is {force}'s response; you work on {person.force}'s"
    if person.force is None and ADMIN not in person.roles:
        return f"a response is drafted by {force}'s own people (or an administrator); a national reader only reads it"
    return None


def may_approve(person: Person | None, force: str) -> str | None:
    """Why this person may not approve a force area's response, or None: only that force area's commissioner."""
    if person is None or not person.active or COMMISSIONER not in person.roles:
        return "only the force area's commissioner approves its response"
    if person.force != force:
        return f"only {force}'s commissioner approves {force}'s response"
    return None


def after_draft(standing: Standing) -> tuple[int, str]:
    """(the version, the stage) a saved draft leaves: a change after approval is the next version, drafted again."""
    if standing.stage in ("approved", "published"):
        return standing.version + 1, "drafting"
    return standing.version, "comments-received" if standing.has_comments else "drafting"


def after_comments(standing: Standing) -> tuple[int, str]:
    """(the version, the stage) once the chief constable's comments are recorded; after approval they start the next
    version, to be approved again."""
    if standing.stage in ("approved", "published"):
        return standing.version + 1, "comments-received"
    return standing.version, "comments-received"


def approval_refusal(standing: Standing) -> str | None:
    """Why the current version cannot be approved now, or None."""
    if standing.stage in ("approved", "published"):
        return f"version {standing.version} is approved already; a change makes the next version"
    if not standing.has_draft or not standing.complete_plan:
        return "plan an action for every recommendation of the report before approval"
    if not standing.has_comments:
        return "the chief constable comments first: record their comments before approval"
    return None


def publication_refusal(standing: Standing, published_on: date, address: str, today: date) -> str | None:
    """Why the approved version cannot be published with this date and address, or None."""
    if standing.stage != "approved":
        return ("only an approved version is published" if standing.stage != "published"
                else f"version {standing.version} is published already")
    if published_on > today:
        return "the publication date is the day the office put it online: today or before"
    if standing.approved_on is not None and published_on < standing.approved_on:
        return (f"the publication date is the day the office put it online, on or after the commissioner approved it "
                f"({standing.approved_on:%-d %b %Y})")
    if not address.strip().lower().startswith(("https://", "http://")):
        return "give the address where the office published it (https://…)"
    return None


def elsewhere_refusal(standing: Standing, report_on: date | None, published_on: date, address: str,
                      today: date) -> str | None:
    """Why a response published outside the tracker (before it was adopted) cannot be recorded with this date and
    address, or None."""
    if standing.stage == "published":
        return f"version {standing.version} is published already"
    if standing.stage == "approved":
        return "this version is approved in the tracker: record its publication instead"
    if published_on > today:
        return "the publication date is the day the office put it online: today or before"
    if report_on is not None and published_on < report_on:
        return f"the publication date is on or after the report's own ({report_on:%-d %b %Y})"
    if not address.strip().lower().startswith(("https://", "http://")):
        return "give the address where the office published it (https://…)"
    return None
