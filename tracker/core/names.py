"""Link a name written in comments ('Det Supt Martin') to one person of the same force, or say why it cannot.

Pure: given the names and the directory, it returns links; tracker.store.name_links stores them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.core.ranks import Name, parse_name, squeeze

# How a name was linked, most certain first; the last two are not links.
EXACT = "exact"  # the same rank and surname as a name the person has had in the directory
PROMOTION = "promotion"  # the only person of that surname in the force, at the written rank or above it
RANK_DIFFERS = "rank differs"  # the only person of that surname in the force, at a lower rank than written
SURNAME = "surname"  # no rank written; the only person of that surname in the force
ALIAS = "alias"  # linked by an administrator
AMBIGUOUS = "ambiguous"
UNMATCHED = "unmatched"
LINKED = (ALIAS, EXACT, PROMOTION, RANK_DIFFERS, SURNAME)


@dataclass(frozen=True)
class Known:
    """One name a person of a force has had (each directory version of a person gives one)."""

    person_id: int
    force: str
    name: str
    current_rank_level: int  # the person's rank now, from their latest directory name


@dataclass(frozen=True)
class Link:
    """What a written name in a force resolved to."""

    force: str
    name: str
    person_id: int | None
    how: str
    candidates: tuple[int, ...] = ()


def index(known: Iterable[Known]) -> dict[str, list[tuple[Name, Known]]]:
    """The directory's names by force, parsed once."""
    out: dict[str, list[tuple[Name, Known]]] = {}
    for k in known:
        out.setdefault(k.force, []).append((parse_name(k.name), k))
    return out


def unique(ids: Iterable[int]) -> tuple[int, ...]:
    """Distinct person ids, sorted."""
    return tuple(sorted(set(ids)))


def resolve(force: str, written: str, directory: dict[str, list[tuple[Name, Known]]],
            aliases: dict[tuple[str, str], int]) -> Link:
    """The person a name written in a force's comments refers to, by the rules above."""
    alias = aliases.get((force, squeeze(written)))
    if alias is not None:
        return Link(force, written, alias, ALIAS)
    name = parse_name(written)
    people = directory.get(force, [])
    same = [(n, k) for n, k in people if name.surname and n.surname == name.surname]
    if not same:
        return Link(force, written, None, UNMATCHED)
    if name.rank is None:
        ids = unique(k.person_id for _, k in same)
        return Link(force, written, ids[0], SURNAME) if len(ids) == 1 else Link(force, written, None, AMBIGUOUS, ids)
    exact = unique(k.person_id for n, k in same if n.rank == name.rank)
    if len(exact) == 1:
        return Link(force, written, exact[0], EXACT)
    if len(exact) > 1:
        return Link(force, written, None, AMBIGUOUS, exact)
    everyone = unique(k.person_id for _, k in same)
    if len(everyone) == 1:
        only = same[0][1]
        return Link(force, written, only.person_id, PROMOTION if only.current_rank_level >= name.level else RANK_DIFFERS)
    # Several people share the surname: a later, higher rank fits only someone promoted to at least that rank.
    promoted = unique(k.person_id for _, k in same if k.current_rank_level >= name.level)
    if len(promoted) == 1:
        return Link(force, written, promoted[0], PROMOTION)
    return Link(force, written, None, AMBIGUOUS, promoted or everyone)


def resolve_all(names: Iterable[tuple[str, str]], known: Iterable[Known],
                aliases: dict[tuple[str, str], int]) -> list[Link]:
    """Every (force, written name) resolved against the directory."""
    directory = index(known)
    return [resolve(force, written, directory, aliases) for force, written in names]
