"""Canonical recommendation statuses, their order, aliases and colours."""

from __future__ import annotations

from tracker.core.text import slugify

AWAITING = "awaiting-review"
PROGRESSING = "being-progressed"
SIGN_OFF = "pending-sign-off"
COMPLETE = "complete"
SUPERSEDED = "superseded"
NO_FURTHER_ACTION = "no-further-action-needed"
RISK_ACCEPTED = "risk-accepted"
CARRIED_FORWARD = "carried-forward"

# The funnel's order; the statuses that close an item without completing it stand apart from it.
FUNNEL = (AWAITING, PROGRESSING, SIGN_OFF, COMPLETE)
# Closed without being implemented, neither open nor complete: the register's own (superseded, no further action
# needed, which the inspectorate closes with), and the two the tracker records (tracker/workflow/closing.py): the
# force accepts the risk instead of acting (signed off by its chief officer or commissioner, noted by its board), or
# the inspectorate carries the item forward into a newer one that takes it over.
REGISTER_APART = (SUPERSEDED, NO_FURTHER_ACTION)
TRACKER_APART = (RISK_ACCEPTED, CARRIED_FORWARD)
CLOSED_APART = (*REGISTER_APART, *TRACKER_APART)
CLOSED = (COMPLETE, *CLOSED_APART)  # an item with one of these is not open, and never overdue
CANONICAL = (*FUNNEL, *CLOSED_APART)
NO_STATUS = "no-status"
# How the closing statuses count in the implementation rate: said once in the app (the Overview's tile), and followed
# by every tile, chart, table and the pack (queries/headline.sql, force_table.sql; the SQL macro closed_apart).
IMPLEMENTATION_RULE = ("Implementation rate = complete ÷ (all recommendations − superseded − no further action "
                       "needed − risk accepted − carried forward). Items closed these ways are closed without being "
                       "implemented, so they count neither for nor against a force. Pending sign-off counts as open.")

LABELS = {
    AWAITING: "Awaiting review",
    PROGRESSING: "Being progressed",
    SIGN_OFF: "Pending sign-off",
    COMPLETE: "Complete",
    SUPERSEDED: "Superseded",
    NO_FURTHER_ACTION: "No further action needed",
    RISK_ACCEPTED: "Risk accepted",
    CARRIED_FORWARD: "Carried forward",
    NO_STATUS: "No status yet",
}

# Okabe-Ito, a palette that stays distinct under the common colour-vision deficiencies.
COLOURS = {
    AWAITING: "#E69F00",
    PROGRESSING: "#56B4E9",
    SIGN_OFF: "#CC79A7",
    COMPLETE: "#009E73",
    SUPERSEDED: "#999999",
    NO_FURTHER_ACTION: "#0072B2",
    RISK_ACCEPTED: "#D55E00",
    CARRIED_FORWARD: "#F0E442",
    NO_STATUS: "#D9D9D9",
}
OTHER_COLOUR = "#000000"
# A fill pattern for each status, so the parts of a stacked bar differ by more than colour (WCAG 1.4.1); the legend
# shows the same pattern beside each label. Plotly has eight shapes; beyond them a pattern is an SVG path drawn on an
# 8-pixel tile (risk accepted's: small triangles, row on row).
PATTERNS = {
    AWAITING: "/",
    PROGRESSING: "",
    SIGN_OFF: "x",
    COMPLETE: ".",
    SUPERSEDED: "-",
    NO_FURTHER_ACTION: "|",
    RISK_ACCEPTED: "M1,7L4,2L7,7Z",
    CARRIED_FORWARD: "\\",
    NO_STATUS: "+",
}

ALIASES = {
    "awaiting-review": AWAITING,
    "awaiting": AWAITING,
    "not-started": AWAITING,
    "being-progressed": PROGRESSING,
    "in-progress": PROGRESSING,
    "progressing": PROGRESSING,
    "ongoing": PROGRESSING,
    "pending-sign-off": SIGN_OFF,
    "pending-signoff": SIGN_OFF,
    "awaiting-sign-off": SIGN_OFF,
    "complete": COMPLETE,
    "completed": COMPLETE,
    "closed": COMPLETE,
    "implemented": COMPLETE,
    "done": COMPLETE,
    "superseded": SUPERSEDED,
    "superceded": SUPERSEDED,
    "no-further-action-needed": NO_FURTHER_ACTION,
    "no-further-action": NO_FURTHER_ACTION,
    "no-further-action-required": NO_FURTHER_ACTION,
    "nfa": NO_FURTHER_ACTION,
    "risk-accepted": RISK_ACCEPTED,
    "accepted-risk": RISK_ACCEPTED,
    "not-adopted": RISK_ACCEPTED,
    "carried-forward": CARRIED_FORWARD,
    "carried-over": CARRIED_FORWARD,
}


def normalise(raw: str) -> tuple[str, bool]:
    """Map a status as written to its canonical slug; the flag says whether it was known."""
    slug = slugify(raw)
    if slug in ALIASES:
        return ALIASES[slug], True
    return slug, False


def is_closed(slug: str | None) -> bool:
    """Whether a status closes an item (complete, or closed apart): not open, never overdue."""
    return slug in CLOSED


def shown_apart(counts) -> tuple[str, ...]:
    """The statuses closed apart that a funnel names: the register's always (a zero says something), the tracker's
    own (risk accepted, carried forward) once any item has one, so a room's chart title stays short.

    `counts` maps a status to its count (a dict, or a Series indexed by status)."""
    return (*REGISTER_APART, *(s for s in TRACKER_APART if int(counts.get(s, 0) or 0)))


def apart_text(counts) -> str:
    """How many items are closed apart, as the funnel's title says it: '12 superseded, 3 no further action needed'
    (and '1 risk accepted', '2 carried forward' once there are any).

    `counts` maps a status to its count (a dict, or a Series indexed by status)."""
    return ", ".join(f"{int(counts.get(s, 0) or 0):,} {LABELS[s].lower()}" for s in shown_apart(counts))


def label(slug: str | None) -> str:
    """A status's display label; unknown slugs are shown as written."""
    if slug is None:
        return LABELS[NO_STATUS]
    return LABELS.get(slug, slug.replace("-", " ").capitalize())


def colour(slug: str | None) -> str:
    """A status's one colour, the same on every chart."""
    return COLOURS.get(slug or NO_STATUS, OTHER_COLOUR)


def pattern(slug: str | None) -> str:
    """A status's fill pattern in charts (Plotly's pattern shape, '' solid, or an SVG path on an 8-pixel tile);
    unknown slugs get crosses."""
    return PATTERNS.get(slug or NO_STATUS, "+")
