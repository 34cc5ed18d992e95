"""The 43 territorial police forces of England and Wales, and matching names to them."""

from __future__ import annotations

import re

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


def squash(name: str) -> str:
    """Lower-case letters only, so 'west_yorkshire' and 'West Yorkshire' compare equal."""
    return re.sub(r"[^a-z]", "", name.lower())


SQUASHED = {squash(f): f for f in FORCES}
SQUASHED.update({squash("Metropolitan"): "Metropolitan Police Service", squash("Hampshire"): "Hampshire and Isle of Wight"})


def known_force(name: str) -> str | None:
    """The canonical force a folder or column names, or None when it names none."""
    return SQUASHED.get(squash(name))
