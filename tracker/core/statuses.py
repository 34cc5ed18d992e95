"""Canonical recommendation statuses, their order, aliases and colours."""

from __future__ import annotations

from tracker.core.text import slugify

AWAITING = "awaiting-review"
PROGRESSING = "being-progressed"
SIGN_OFF = "pending-sign-off"
COMPLETE = "complete"
SUPERSEDED = "superseded"

# The funnel's order; superseded stands apart from it.
FUNNEL = (AWAITING, PROGRESSING, SIGN_OFF, COMPLETE)
CANONICAL = (*FUNNEL, SUPERSEDED)
NO_STATUS = "no-status"

LABELS = {
    AWAITING: "Awaiting review",
    PROGRESSING: "Being progressed",
    SIGN_OFF: "Pending sign-off",
    COMPLETE: "Complete",
    SUPERSEDED: "Superseded",
    NO_STATUS: "No status yet",
}

# Okabe-Ito, a palette that stays distinct under the common colour-vision deficiencies.
COLOURS = {
    AWAITING: "#E69F00",
    PROGRESSING: "#56B4E9",
    SIGN_OFF: "#CC79A7",
    COMPLETE: "#009E73",
    SUPERSEDED: "#999999",
    NO_STATUS: "#D9D9D9",
}
OTHER_COLOUR = "#000000"

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
}


def normalise(raw: str) -> tuple[str, bool]:
    """Map a status as written to its canonical slug; the flag says whether it was known."""
    slug = slugify(raw)
    if slug in ALIASES:
        return ALIASES[slug], True
    return slug, False


def label(slug: str | None) -> str:
    """A status's display label; unknown slugs are shown as written."""
    if slug is None:
        return LABELS[NO_STATUS]
    return LABELS.get(slug, slug.replace("-", " ").capitalize())


def colour(slug: str | None) -> str:
    """A status's one colour, the same on every chart."""
    return COLOURS.get(slug or NO_STATUS, OTHER_COLOUR)
