"""Two saves of a response's draft compared (pure): what changed, field by field, before → after."""

from __future__ import annotations

import json

FIELDS = (("action", "planned action"), ("owner_id", "owner"), ("target", "target"))


def plan_of(save: dict | None) -> dict[str, dict]:
    """A save's plan by recommendation key ({} for none)."""
    if not save or not save.get("plan"):
        return {}
    return {row["key"]: row for row in json.loads(save["plan"])}


def draft_changes(older: dict | None, newer: dict, names: dict[int, str] | None = None) -> list[tuple[str, str, str]]:
    """What `newer` changed from `older` (None: the first save, compared with nothing): (what, before, after) rows,
    the overall comments first, then each recommendation's fields in the newer save's order; an owner by their name
    in `names` (person id → name)."""
    def shown(field: str, row: dict) -> str:
        value = row.get(field)
        if field == "owner_id" and value in (None, ""):
            return row.get("owner") or ""  # a plan saved before owners were people: the name typed
        if value in (None, ""):
            return ""
        return (names or {}).get(value, f"person {value}") if field == "owner_id" else str(value)

    changes = []
    before_overall = (older or {}).get("overall") or ""
    if (newer.get("overall") or "") != before_overall:
        changes.append(("overall comments", before_overall, newer.get("overall") or ""))
    before = plan_of(older)
    for key, row in plan_of(newer).items():
        was = before.get(key, {})
        for field, name in FIELDS:
            old, new = shown(field, was), shown(field, row)
            if old != new:
                changes.append((f"{key}: {name}", old, new))
    return changes
