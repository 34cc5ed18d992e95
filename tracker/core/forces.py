"""The 43 territorial police forces of England and Wales, and matching names to them."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


# A force's name becomes a folder name in exports and a label everywhere: plain Latin letters and a little
# punctuation only, so no path, markup or look-alike letter (a Cyrillic "а" in "Kent") can pass as a force.
NEW_FORCE = re.compile(r"[A-Za-z][A-Za-z .'&()-]{1,58}[A-Za-z.)]")
SPELLING = re.compile(r"[A-Za-z0-9 ._'&()-]+")  # how a known force may be written: 'west_yorkshire', 'Kent'



class ForceError(ValueError):
    """A force name that is not a force; the message says what to do."""


def squash(name: str) -> str:
    """Lower-case letters only, so 'west_yorkshire' and 'West Yorkshire' compare equal."""
    return re.sub(r"[^a-z]", "", clean_name(name).lower())


SQUASHED = {squash(f): f for f in FORCES}
SQUASHED.update({squash("Metropolitan"): "Metropolitan Police Service", squash("Hampshire"): "Hampshire and Isle of Wight"})


def known_force(name: str, extra: Iterable[str] = ()) -> str | None:
    """The canonical force a folder or column names (one of the 43 or an added one), or None when it names none."""
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
