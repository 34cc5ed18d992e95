"""What changed on a force's public site since its last publication, from the two manifests (pure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One difference: what kind (added, removed, status, target, withheld, released, text, update, response) and
    what it is about, in words."""

    kind: str
    about: str
    detail: str = ""


def item_name(entry: dict) -> str:
    """'Recommendation 3 of <report>'."""
    return f"Recommendation {entry['ref']} of {entry['report']}"


def changes(before: dict | None, after: dict) -> list[Change]:
    """Every change from the last published manifest to this one (everything is added before the first), in the
    order: reports' responses, then items by key."""
    old_items = (before or {}).get("items", {})
    new_items = after.get("items", {})
    out = []
    old_responses = (before or {}).get("responses", {})
    for report, wording in sorted(after.get("responses", {}).items()):
        was = old_responses.get(report)
        if wording is not None and was is None:
            out.append(Change("response", report, "the commissioner's response is published"))
        elif wording is not None and was != wording:
            out.append(Change("response", report, "the commissioner's published response changed"))
    for key in sorted(new_items.keys() | old_items.keys()):
        new, old = new_items.get(key), old_items.get(key)
        if old is None:
            out.append(Change("added", item_name(new), new["status"] or "withheld"))
            continue
        if new is None:
            out.append(Change("removed", item_name(old)))
            continue
        name = item_name(new)
        if new["withheld"] and not old["withheld"]:
            out.append(Change("withheld", name, new["withheld"]))
            continue
        if old["withheld"] and not new["withheld"]:
            out.append(Change("released", name))
        if new["status"] != old["status"] and not old["withheld"]:
            out.append(Change("status", name, f"{old['status']} → {new['status']}"))
        if new["target"] != old["target"] and not old["withheld"]:
            out.append(Change("target", name, f"{old['target'] or 'none'} → {new['target'] or 'none'}"))
        if new["text"] != old["text"] and not old["withheld"]:
            out.append(Change("text", name, "the recommendation's text changed"))
        if new["update"] != old["update"]:
            out.append(Change("update", name, "a new public update"))
    return out
