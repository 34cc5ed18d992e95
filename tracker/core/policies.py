"""A force's policies: what each is called, the values it takes, and what stands when nobody has set it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker.core import rag
from tracker.core.errors import TrackerError


class PolicyError(TrackerError, ValueError):
    """A policy that does not exist, or a value it does not take; the message names which."""


@dataclass(frozen=True)
class Policy:
    """One policy: its name, what it says in words, its default, and how a written value is checked (the value as
    kept, or ValueError saying what it takes)."""

    name: str
    label: str
    explain: str
    default: str
    parse: Callable[[str], str]
    words: Callable[[str], str] | None = None  # a kept value in words, where the value alone does not say it


def one_of(*choices: str) -> Callable[[str], str]:
    """A check that a value is one of these words (written in any case, with spaces around)."""
    def parse(text: str) -> str:
        value = (text or "").strip().lower()
        if value not in choices:
            raise ValueError(f"it is one of {', '.join(choices)}")
        return value
    return parse


REVIEWER_MOVES = "reviewer_moves"
RAG_RULE = "rag_rule"
UNLIMITED = "unlimited"
POLICIES: dict[str, Policy] = {
    REVIEWER_MOVES: Policy(
        REVIEWER_MOVES, "Target moves a reviewer may agree alone",
        "How many times an item's target may move on a reviewer's agreement alone (0, 1 or unlimited); a further move "
        "is an extension request that the item's board decides at a meeting.",
        UNLIMITED, one_of("0", "1", UNLIMITED)),
    RAG_RULE: Policy(
        RAG_RULE, "Red, amber and green",
        "How an open item is rated from its latest percent complete and whether it is past its target. " + rag.SYNTAX
        + f" The default: '{rag.DEFAULT_RULE}'. " + rag.NO_PERCENT,
        rag.DEFAULT_RULE, rag.canonical, lambda value: rag.parse_rule(value).words()),
}


def policy_value(name: str, text: str) -> str:
    """The value as a policy keeps it, or PolicyError naming the policy and what it takes."""
    policy = POLICIES.get(name)
    if policy is None:
        raise PolicyError(f"there is no policy '{name}'; the policies are {', '.join(POLICIES)}")
    try:
        return policy.parse(text)
    except ValueError as e:
        raise PolicyError(f"{name} cannot be '{text}': {e}") from None


def standing(rows: Iterable, force: str, name: str) -> str:
    """A force's policy from rows of queries/force_policies.sql (force, name, value), or its default."""
    for row in rows:
        get = row.get if isinstance(row, dict) else lambda k, r=row: getattr(r, k)
        if get("force") == force and get("name") == name:
            return get("value")
    return POLICIES[name].default


def rag_rules(rows: Iterable) -> rag.Rules:
    """Each force's RAG rule from rows of queries/force_policies.sql (force, name, value); the default for the rest."""
    found = {}
    for row in rows:
        get = row.get if isinstance(row, dict) else lambda k, r=row: getattr(r, k)
        if get("name") == RAG_RULE:
            found[get("force")] = rag.parse_rule(get("value"))
    return rag.Rules(found)


def moves_allowed(value: str) -> int | None:
    """How many target moves a reviewer may agree alone under the reviewer_moves policy (None: no limit)."""
    return None if value == UNLIMITED else int(value)


def board_decides(value: str, moves: int) -> bool:
    """Whether a further move of an item's target is its board's to agree, under the force's reviewer_moves policy
    (value) when the item's target has moved `moves` times already (target_moves): a reviewer agrees moves alone only
    while fewer than the policy allows."""
    allowed = moves_allowed(value)
    return allowed is not None and moves >= allowed


def who_agrees(value: str, moves: int) -> str:
    """Who may agree a further move of an item's target (board_decides), in words for a table: 'the board only', or
    'a reviewer or the board'."""
    return "the board only" if board_decides(value, moves) else "a reviewer or the board"
