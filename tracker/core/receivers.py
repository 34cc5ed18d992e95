"""Whom a source is addressed to: a receiver as written ('Chief Constable of Avon and Somerset', 'The Commissioner of
Police of the Metropolis', 'Lancashire and South Cumbria NHS Foundation Trust') matched to a force, a policing body
that is not a force, an addressee outside policing, or nothing (for an analyst to resolve). Pure.

A force is found only in the receiver's own words, never from elsewhere in the document (a coroner's area says
nothing of which force was addressed), and only where the words are about policing: 'County Durham and Darlington NHS
Foundation Trust' names a place, not Durham's force. A receiver about policing that names no force, or more than one
('Chief Constable' alone), is unmatched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.forces import FORCES
from tracker.core.text import clean_name

FORCE = "force"
POLICING_BODY = "policing body"
OUTSIDE = "outside policing"
UNMATCHED = "unmatched"

# Policing bodies that are not forces, by the words that name them: addressed, recorded, and given no items here.
POLICING_BODIES = {
    "independent office for police conduct": "Independent Office for Police Conduct",
    "iopc": "Independent Office for Police Conduct",
    "college of policing": "College of Policing",
    "national police chiefs council": "National Police Chiefs' Council",
    "npcc": "National Police Chiefs' Council",
    "his majesty s inspectorate of constabulary": "HMICFRS",
    "hmicfrs": "HMICFRS",
}
# Other ways a force is named than its own name (words as compared: lower case, '&' as 'and', no punctuation).
FORCE_WORDS = {
    "metropolis": "Metropolitan Police Service", "metropolitan": "Metropolitan Police Service",
    "mayor s office for policing and crime": "Metropolitan Police Service", "mopac": "Metropolitan Police Service",
    "hampshire": "Hampshire and Isle of Wight", "dyfed powys": "Dyfed-Powys",
    **{f.lower().replace("-", " "): f for f in FORCES},
}
POLICING = re.compile(r"\b(police|policing|constable|constables|constabulary|crime commissioner|pcc)\b")


@dataclass(frozen=True)
class Receiver:
    """One receiver as written, what it was matched to (a force's or body's name; None otherwise), and how."""

    written: str
    matched: str | None
    how: str  # force | policing body | outside policing | unmatched

    @property
    def is_force(self) -> bool:
        """Whether the receiver is a force's (its chief constable, commissioner or the force itself)."""
        return self.how == FORCE


def words(text: str) -> str:
    """Text as compared: lower case, '&' as 'and', every other mark a space, single spaces, padded for \\b."""
    text = clean_name(text).lower().replace("&", " and ").replace("’", "'")
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text).split()) + " "


def found_in(text: str, names: dict[str, str]) -> set[str]:
    """The names whose words occur whole in `text` (the longest first: 'north wales' is not also 'wales')."""
    found: set[str] = set()
    rest = text
    for phrase in sorted(names, key=len, reverse=True):
        padded = f" {phrase} "
        if padded in rest:
            found.add(names[phrase])
            rest = rest.replace(padded, " | ")
    return found


def match_receiver(written: str) -> Receiver:
    """What one receiver names, by the rules above."""
    shown = clean_name(re.sub(r"^\s*(\(\d+\)|\d+[.)]?)\s+", "", written))
    text = words(shown)
    bodies = found_in(text, POLICING_BODIES)
    if len(bodies) == 1:
        return Receiver(shown, bodies.pop(), POLICING_BODY)
    if not POLICING.search(text) and not bodies:
        forces = found_in(text, FORCE_WORDS)
        # 'Avon and Somerset' alone, 'Kent' alone: a force's name and nothing else.
        if len(forces) == 1 and words(next(iter(forces))).strip() == text.strip():
            return Receiver(shown, forces.pop(), FORCE)
        return Receiver(shown, None, OUTSIDE)
    forces = found_in(text, FORCE_WORDS)
    if len(forces) == 1 and not bodies:
        return Receiver(shown, forces.pop(), FORCE)
    return Receiver(shown, None, UNMATCHED)


def split_receivers(text: str) -> list[str]:
    """A list of receivers as one text ('A; B | C', or one a line) as its receivers, numbering dropped."""
    parts = re.split(r"[;|\n]", text)
    return [p for p in (clean_name(re.sub(r"^\s*(\(\d+\)|\d+[.)]?)\s+", "", x)) for x in parts) if p]
