"""A board: its name as the items give it, and whose board it is (a force's, or national by intent)."""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL = "national"


@dataclass(frozen=True)
class Board:
    """One board: two forces' boards of the same name are two boards; force None is the national board of that name."""

    name: str
    force: str | None

    @property
    def label(self) -> str:
        """How the board is named on pages, in packs and in links: 'Force Performance Board · Kent'."""
        return f"{self.name} · {self.force or NATIONAL}"

    @property
    def whose(self) -> str:
        """Whose board it is, in words: the force, or 'national'."""
        return self.force or NATIONAL


def board_from_label(label: str | None, boards: list[Board]) -> Board | None:
    """The board a label names among these (a link's board=…), or None."""
    return next((b for b in boards if b.label == label), None)
