"""Police ranks as comments write them, and a name split into its rank and surname."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.core.text import clean_name

# Each rank's level (higher is more senior) and how comments write it, longest forms first when matched. Detective and
# temporary ranks ("D Supt", "T/ACC") are the same level as the substantive rank.
RANKS: dict[str, tuple[int, tuple[str, ...]]] = {
    "PC": (1, ("police constable", "constable", "pc", "dc", "detective constable", "det con")),
    "PS": (2, ("police sergeant", "sergeant", "sgt", "ps", "ds", "det sgt", "detective sergeant")),
    "Insp": (3, ("inspector", "insp", "di", "det insp", "detective inspector")),
    "Ch Insp": (4, ("chief inspector", "ch insp", "chief insp", "dci", "det ch insp", "detective chief inspector")),
    "Supt": (5, ("superintendent", "supt", "d supt", "det supt", "detective superintendent", "dsupt")),
    "Ch Supt": (6, ("chief superintendent", "ch supt", "chief supt", "c supt", "d ch supt", "det ch supt", "dch supt",
                    "detective chief superintendent")),
    "ACC": (7, ("assistant chief constable", "acc", "t acc", "t/acc", "temporary assistant chief constable", "a/acc")),
    "DCC": (8, ("deputy chief constable", "dcc", "t dcc", "t/dcc")),
    "CC": (9, ("chief constable", "cc", "t cc", "t/cc")),
}
FORMS = sorted(((form, rank) for rank, (_, forms) in RANKS.items() for form in forms), key=lambda f: -len(f[0]))
LEVEL = {rank: level for rank, (level, _) in RANKS.items()}


@dataclass(frozen=True)
class Name:
    """A person's name as written: its rank (canonical, or None when none is written) and surname key."""

    written: str
    rank: str | None
    surname: str  # lower-case, punctuation-free: how names are compared

    @property
    def level(self) -> int:
        """The rank's seniority (0 when no rank is written)."""
        return LEVEL.get(self.rank, 0) if self.rank else 0


def squeeze(text: str) -> str:
    """Lower-case words separated by single spaces, with dots, commas and stray slashes made spaces (not in 'T/ACC')."""
    text = clean_name(text).lower().replace(".", " ").replace(",", " ")
    text = re.sub(r"(?<![a-z])([ta])/", r"\1/", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_name(written: str) -> Name:
    """'Det Supt Martin' -> Name(rank='Supt', surname='martin'); a name without a known rank keeps rank None."""
    text = squeeze(written)
    for form, rank in FORMS:
        if text == form:
            return Name(written, rank, "")
        if text.startswith(form + " "):
            return Name(written, rank, surname_key(text[len(form) + 1:]))
    return Name(written, None, surname_key(text))


def surname_key(rest: str) -> str:
    """The last word of a name, lower-case, letters only ('O'Neill' -> 'oneill')."""
    words = rest.split()
    return re.sub(r"[^a-z]", "", words[-1]) if words else ""
