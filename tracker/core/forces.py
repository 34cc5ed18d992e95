"""The 43 territorial police forces of England and Wales, the national bodies a recommendation can also be addressed
to, and matching names to them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.core.errors import TrackerError
from tracker.core.text import clean_name

FORCES = (
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London",
    "Cleveland", "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham",
    "Dyfed-Powys", "Essex", "Gloucestershire", "Greater Manchester", "Gwent",
    "Hampshire and Isle of Wight", "Hertfordshire", "Humberside", "Kent", "Lancashire",
    "Leicestershire", "Lincolnshire", "Merseyside", "Metropolitan Police Service", "Norfolk",
    "North Wales", "North Yorkshire", "Northamptonshire", "Northumbria", "Nottinghamshire",
    "South Wales", "South Yorkshire", "Staffordshire", "Suffolk", "Surrey", "Sussex",
    "Thames Valley", "Warwickshire", "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
)

# National bodies a recommendation is often addressed to as well as every chief constable: each can hold its copy of a
# national recommendation (under the same id), kept apart from the forces in every force comparison. Others are added
# on purpose (ingest --new-body).
BODIES = ("College of Policing", "Crown Prosecution Service", "Home Office", "National Police Chiefs' Council")
BODY_ALIASES = {"NPCC": "National Police Chiefs' Council", "CPS": "Crown Prosecution Service",
                "National Police Chiefs Council": "National Police Chiefs' Council"}

# A force's name becomes a folder name in exports and a label everywhere: plain Latin letters and a little
# punctuation only, so no path, markup or look-alike letter (a Cyrillic "а" in "Kent") can pass as a force.
NEW_FORCE = re.compile(r"[A-Za-z][A-Za-z .'&()-]{1,58}[A-Za-z.)]")
SPELLING = re.compile(r"[A-Za-z0-9 ._'&()-]+")  # how a known force may be written: 'west_yorkshire', 'Kent'



class ForceError(TrackerError, ValueError):
    """A force name that is not a force; the message says what to do."""


def squash(name: str) -> str:
    """Lower-case letters only, so 'west_yorkshire' and 'West Yorkshire' compare equal."""
    return re.sub(r"[^a-z]", "", clean_name(name).lower())


SQUASHED = {squash(f): f for f in (*FORCES, *BODIES)}
SQUASHED.update({squash("Metropolitan"): "Metropolitan Police Service", squash("Hampshire"): "Hampshire and Isle of Wight"})
SQUASHED.update({squash(alias): body for alias, body in BODY_ALIASES.items()})


def known_force(name: str, extra: Iterable[str] = ()) -> str | None:
    """The canonical force (or national body) a folder or column names: one of the 43, one of the BODIES, or an added
    one; None when it names none."""
    if not SPELLING.fullmatch(clean_name(name)):
        return None
    return SQUASHED.get(squash(name)) or {squash(f): f for f in extra}.get(squash(name))


def new_force(raw: str) -> str:
    """A force name to add, cleaned, or ForceError saying why it cannot be one."""
    name = clean_name(raw)
    if not NEW_FORCE.fullmatch(name):
        raise ForceError(f"'{raw}' cannot be a force name: use 3 to 60 plain letters, spaces and - ' & . ( )")
    if squash(name) in SQUASHED:
        raise ForceError(f"'{raw}' is already a force: {SQUASHED[squash(name)]}")
    return name


def is_body(name: str | None, extra_bodies: Iterable[str] = ()) -> bool:
    """Whether a recipient is a national body rather than a force."""
    return name in BODIES or name in set(extra_bodies)

