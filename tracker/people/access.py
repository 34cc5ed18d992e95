"""Roles, and what a reader may see and do: decided once, from who they are, for every page, query and file."""

from __future__ import annotations

from dataclasses import dataclass

VIEWER, ANALYST, LEAD, REVIEWER, ADMIN = "viewer", "analyst", "lead", "reviewer", "admin"
INSPECTORATE = "inspectorate"  # national: reads every force, and decides on closure requests, nothing else
COMMISSIONER = "commissioner"  # a force area's police and crime commissioner: approves its statutory responses
ROLES = (VIEWER, ANALYST, LEAD, REVIEWER, ADMIN, INSPECTORATE, COMMISSIONER)

# What each role may do beyond reading the items in its scope (every role reads, downloads tables and builds packs).
DOES = {
    VIEWER: frozenset({"pack", "download"}),
    ANALYST: frozenset({"pack", "download", "export", "import", "respond"}),
    LEAD: frozenset({"pack", "download", "submit"}),
    REVIEWER: frozenset({"pack", "download", "review", "respond"}),
    ADMIN: frozenset({"pack", "download", "export", "people", "review", "import", "respond", "publish"}),
    INSPECTORATE: frozenset({"pack", "download", "closure"}),
    COMMISSIONER: frozenset({"pack", "download", "respond", "approve", "publish"}),
}
ACTIONS = frozenset().union(*DOES.values())


@dataclass(frozen=True)
class Person:
    """Someone in the directory, as they are now."""

    person_id: int
    email: str
    name: str
    force: str | None  # None: national
    roles: tuple[str, ...]
    active: bool = True

    @property
    def label(self) -> str:
        """'Supt Wright (Kent)', or '… (national)'."""
        return f"{self.name} ({self.force or 'national'})"


@dataclass(frozen=True)
class Reader:
    """Who is looking at the app, and how they were identified."""

    person: Person | None  # None: sign-in is off and nobody is chosen (every force, read-only)
    how: str  # 'signed in', 'demo: viewing as', 'sign-in off'

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The forces this reader may see: their own force, or None (every force) for a national reader."""
        return scope_of(self.person)

    def may(self, action: str) -> bool:
        """Whether this reader may do an action (see DOES); with sign-in off, only reading and its files."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if self.person is None:
            return action in DOES[VIEWER]
        return self.person.active and any(action in DOES.get(role, ()) for role in self.person.roles)


def person_of(row, force_key: str = "force") -> Person:
    """The Person a directory row holds (a dict, a pandas row or a named tuple with person_id, email, name, the force
    under `force_key`, roles and, if given, active): the one place a row becomes a person. A missing force (None, NaN)
    is national."""
    get = row.get if hasattr(row, "get") else lambda k, d=None: getattr(row, k, d)
    force = get(force_key)
    active = get("active", True)
    return Person(int(get("person_id")), get("email"), get("name"), force if isinstance(force, str) else None,
                  tuple(get("roles")), True if active is None else bool(active))


def scope_of(person: Person | None) -> tuple[str, ...] | None:
    """The one rule for what a person may read: the items of their force; every force when they are national.

    With no person (sign-in off on a database that is not the demo) the app is read-only for everyone and shows every
    force: the README says so, and says how to turn sign-in on.
    """
    if person is None:
        return None
    if not person.active:
        return ()
    return None if person.force is None else (person.force,)


def scope_at_use(reader: Reader | None, now: Person | None) -> tuple[str, ...] | None:
    """The scope a file made now may hold, for a reader identified earlier (when its button was drawn) and `now`, that
    person as the directory has them at this moment: deactivated or gone, nothing; moved, their new force. With
    sign-in off or the demo's nobody, the reader's own scope."""
    if reader is None:
        return ()
    if reader.person is None:
        return reader.scope
    if now is None or not now.active:
        return ()
    return scope_of(now)
