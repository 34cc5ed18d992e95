"""What the store accepts from an import (a Batch) and what it reports back (a Summary)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tracker.core.text import slugify

REC_COLUMNS = [
    "key", "id", "force", "report", "kind", "theme", "theme_from", "text", "published_on",
    "owner", "owner_extracted", "overseer", "overseer_extracted", "board", "board_extracted",
    "target_original", "target_current", "target_text", "target_extracted", "force_rag", "cause_id", "peel_question",
    "source", "source_ref", "addressee", "answer_by",
]
REPORT_COLUMNS = ["id", "title", "published_on", "inspectorate"]
# author and review: who wrote an update and who reviewed it, as an export says (None where the file does not);
# percent: how far complete the item is, as the update says (a whole number from 0 to 100; None where it does not).
UPDATE_COLUMNS = ["key", "on_date", "status", "text", "source", "position", "stated_target", "author", "review",
                  "percent"]
RECOMMENDATION_KINDS = ("recommendation", "area for improvement", "cause of concern")
# Workflow facts an export carries, written by the workflow's own rules in the import's write: a priority (1 high, 2,
# 3) with its reason and the day it stands from (None: the import's day), a withholding from the public site with its
# reason, and a link from one item to another.
PRIORITY_COLUMNS = ["key", "priority", "reason", "on_date"]
WITHHOLDING_COLUMNS = ["key", "reason"]
LINK_COLUMNS = ["key", "other", "relation", "reason"]
# Everyone a source document (a coroner's report) is addressed to, as written, and what it was matched to
# (tracker.core.receivers): report is the report's id; answer_by the addressee's last day to answer.
ADDRESSEE_COLUMNS = ["source", "source_ref", "report", "written", "matched", "how", "answer_by"]


def no_rows(columns: list[str]):
    """A factory of empty frames with these columns (a Batch's default)."""
    return lambda: pd.DataFrame(columns=columns)


@dataclass
class Batch:
    """What one import will add: three frames with the columns above, forces it adds on purpose, and warnings."""

    kind: str
    sources: list[str]
    reports: pd.DataFrame
    recommendations: pd.DataFrame
    updates: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    new_forces: tuple[str, ...] = ()
    new_bodies: tuple[str, ...] = ()  # of new_forces, those that are national bodies (ingest --new-body)
    priorities: pd.DataFrame = field(default_factory=no_rows(PRIORITY_COLUMNS))
    withholdings: pd.DataFrame = field(default_factory=no_rows(WITHHOLDING_COLUMNS))
    links: pd.DataFrame = field(default_factory=no_rows(LINK_COLUMNS))
    addressees: pd.DataFrame = field(default_factory=no_rows(ADDRESSEE_COLUMNS))

    @property
    def workflow_facts(self) -> int:
        """How many workflow facts (priorities, withholdings, links) the batch carries."""
        return len(self.priorities) + len(self.withholdings) + len(self.links)


@dataclass(frozen=True)
class Origin:
    """Who makes an import, in what role, from where, and with which column mapping (JSON, or None)."""

    actor: str = "command line"
    role: str = "operator"
    via: str = "command line"
    mapping: str | None = None


@dataclass
class Summary:
    """What an import did (or, checked without writing, would do)."""

    recommendations_added: int
    recommendations_changed: int
    updates_added: int
    updates_already_held: int
    warnings: list[str]
    import_id: int | None = None  # the import's number, once written
    facts_added: int = 0  # workflow facts (priorities, withholdings, links) written, those already standing left out
    addressees_added: int = 0  # addressees of source documents recorded, those already recorded left out

    @property
    def changed_anything(self) -> bool:
        """Whether the database has anything new."""
        return bool(self.recommendations_added or self.recommendations_changed or self.updates_added
                    or self.facts_added or self.addressees_added)


def rec_key(rec_id: int, force: str) -> str:
    """The key of a recommendation in a force: '8019-west-yorkshire'."""
    return f"{rec_id}-{slugify(force)}"
