"""The shared filters as one value, and turning them into query parameters."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

SORTS = {
    "overdue_items": ("days_overdue", "slip_days", "force", "owner", "target_current"),
    "force_table": ("open", "overdue", "implementation_rate", "median_open_age_days", "force"),
}
MAX_SEARCH = 200
# What "overdue" counts from: the latest agreed target (the default), or the original one the report set.
OVERDUE_FROM = ("latest", "original")
OVERDUE_FROM_TEXT = {"latest": "the latest agreed target", "original": "the original target"}


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects; empty tuples select everything."""

    as_of: date
    forces: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    boards: tuple[str, ...] = ()  # the boards that oversee the items (the Meeting page sets one)
    q: str = ""
    stale_days: int = 180
    overdue_from: str = "latest"  # one of OVERDUE_FROM
    scope: tuple[str, ...] | None = None  # the forces the reader may see; None: every force (national, command line)
    ids: tuple[int, ...] = ()  # recommendation ids (a national recommendation's, in every recipient)
    with_bodies: bool = False  # national bodies' copies too (the national view); never in force comparisons
    priorities: tuple[int, ...] = ()  # the priorities set (1 high, 2, 3)
    sources: tuple[str, ...] = ()  # where the items come from: codes of data/sources.csv (hmicfrs, pfd, iopc…)

    def params(self) -> dict:
        """The bound parameters every query takes: the filters as one STRUCT, $filters."""
        return {"filters": self.struct()}

    def struct(self) -> dict:
        """The filters as the filtered() macro reads them: None where a filter is empty."""
        return {
            "as_of": self.as_of,
            "stale_days": int(self.stale_days),
            "forces": list(self.forces) or None,
            "themes": list(self.themes) or None,
            "reports": list(self.reports) or None,
            "kinds": list(self.kinds) or None,
            "statuses": list(self.statuses) or None,
            "owners": list(self.owners) or None,
            "boards": list(self.boards) or None,
            "q": self.q.strip()[:MAX_SEARCH] or None,
            "scope": None if self.scope is None else list(self.scope),
            "overdue_from": self.overdue_from if self.overdue_from in OVERDUE_FROM else "latest",
            "ids": [int(i) for i in self.ids] or None,
            "with_bodies": bool(self.with_bodies),
            "priorities": [int(p) for p in self.priorities] or None,
            "sources": list(self.sources) or None,
        }

    def national(self) -> Filters:
        """The same view without the force filter: the national line to compare with."""
        return replace(self, forces=())

    def only_date(self) -> Filters:
        """The same date, stale limit and scope with nothing narrowing: every recommendation the reader may see."""
        return Filters(as_of=self.as_of, stale_days=self.stale_days, scope=self.scope, overdue_from=self.overdue_from)


def sort_key(query: str, requested: str | None) -> str:
    """A sort column from the query's fixed list; anything else falls back to the first."""
    allowed = SORTS[query]
    return requested if requested in allowed else allowed[0]
