"""Measuring related-recommendation methods: precision of the top k against a labelled set (pure)."""

from __future__ import annotations

from collections.abc import Sequence


def precision_at_k(found: Sequence[str], wanted: str, k: int = 5) -> float:
    """The share of the first k found labels that are the wanted one (found may hold fewer than k: the missing ones
    count as wrong, so a method cannot score by returning less)."""
    if k <= 0:
        raise ValueError("k is at least 1")
    return sum(1 for label in list(found)[:k] if label == wanted) / k


def ask_of(text: str, asks: Sequence[str]) -> str | None:
    """The ask a demo text was made from: the longest of `asks` it starts with (None for none)."""
    matches = [a for a in asks if text.startswith(a)]
    return max(matches, key=len) if matches else None
