"""Spreadsheet tables (CSV files, XLSX sheets) of recommendations or updates, checked and shaped for a Batch."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker.core.rag import percent_of
from tracker.core.sources import load_rules
from tracker.core.statuses import normalise
from tracker.core.text import clean_name
from tracker.ingest.cells import column_dates, column_forces, column_ids, column_names, column_texts, row_of
from tracker.ingest.facts import stated_target
from tracker.ingest.problems import ImportProblem
from tracker.ingest.references import iopc_id
from tracker.ingest.themes import theme_for
from tracker.store.batch import RECOMMENDATION_KINDS, rec_key

REC_REQUIRED = ["id", "force", "report", "text"]
REC_OPTIONAL = ["published_on", "kind", "theme", "owner", "overseer", "board", "target_original", "target_current",
                "rag", "cause_of_concern", "peel_question", "priority", "priority_reason", "priority_on",
                "withheld_reason", "source", "source_ref", "addressee", "answer_by"]
# rag: the force's own red/amber/green rating, kept as given; cause_of_concern: the id of the cause of concern (in the
# same force) a recommendation answers; peel_question: the PEEL question an area for improvement comes under.
# priority (1 high, 2, 3), its reason and the day it stands from, and withheld_reason (the item is withheld from the
# public site, and why): workflow facts, as an export writes them, written by the workflow's own rules.
# source: where the item comes from (a code of data/sources.csv; an inspection's when empty); source_ref: the source's
# own reference; addressee: whom it is addressed to; answer_by: a date the source itself states to answer by (which
# binds where its source's rule says so; else the day is worked out from its source's clock).
WORKFLOW_COLUMNS = ["priority", "priority_reason", "priority_on", "withheld_reason"]
UPD_REQUIRED = ["id", "force", "date"]
# author and review: who wrote and reviewed it (as exports say); percent: how far complete it is (a whole number, 0-100)
UPD_OPTIONAL = ["status", "text", "author", "review", "percent"]
LINK_REQUIRED = ["id", "force", "relation", "other_id", "other_force"]  # a link from one item to another, as exported
LINK_OPTIONAL = ["reason"]
RELATIONS = ("same_ask", "follows_up", "superseded_by")  # a cause of concern's link is the cause_of_concern column
KIND_ALIASES = {"afi": "area for improvement", "coc": "cause of concern", "rec": "recommendation"}


@dataclass(frozen=True)
class Context:
    """What every table is read against: the forces known (besides the 43), today's date, and the report title of
    record pages without a title line (given with --report)."""

    forces: tuple[str, ...]
    today: date
    report: str | None = None
    source: str | None = None  # the source every row comes from (--source, or recognised from a file's layout)


def check_columns(columns: list[str], required: list[str], optional: list[str], where: str) -> None:
    """Raise ImportProblem for missing or unknown columns, suggesting the likely spelling."""
    allowed = required + optional
    for col in columns:
        if col not in allowed:
            guess = difflib.get_close_matches(col, allowed, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            raise ImportProblem(f"{where}, row 1 (the header): unknown column '{col}'{hint}; rename or remove it, "
                                f"or map your own columns (--mapping, see the README). The columns are "
                                f"{', '.join(allowed)}")
    missing = [c for c in required if c not in columns]
    if missing:
        raise ImportProblem(f"{where}, row 1 (the header): missing column{'s' if len(missing) > 1 else ''} "
                            f"{', '.join(repr(c) for c in missing)}; add {'them' if len(missing) > 1 else 'it'}. "
                            f"Required are {', '.join(required)}")


def prepared(frame: pd.DataFrame, optional: Iterable[str]) -> pd.DataFrame:
    """Every optional column present, and rows with nothing in them dropped (their row numbers kept)."""
    frame = frame.fillna("")
    for col in optional:
        if col not in frame:
            frame[col] = ""
    return frame[(frame != "").any(axis=1)]


def keys_of(ids: pd.Series, forces: pd.Series) -> list[str]:
    """Each row's recommendation key."""
    return [rec_key(i, f) for i, f in zip(ids, forces, strict=True)]


def table_recommendations(frame: pd.DataFrame, where: str, ctx: Context) -> tuple[pd.DataFrame, list[str]]:
    """Validate a recommendations table and shape it to REC_COLUMNS; return it and its warnings."""
    check_columns(list(frame.columns), REC_REQUIRED, REC_OPTIONAL, where)
    frame = prepared(frame, REC_OPTIONAL)
    warnings: list[str] = []
    refs = column_names(frame["source_ref"])
    if ctx.source == "iopc":  # the IOPC's references are not numbers: each is kept, under an id made from it
        refs, ids = iopc_ids(frame["id"], where)
    else:
        ids = column_ids(frame["id"], where)
    out = pd.DataFrame({"id": ids, "force": column_forces(frame["force"], where, ctx.forces)})
    for col in ("report", "text"):
        blank = frame[col].str.strip() == ""
        if blank.any():
            raise ImportProblem(f"{where}, row {row_of(blank.idxmax())}: '{col}' is empty")
    out["report"] = frame["report"].map(clean_name)
    out["text"] = column_texts(frame["text"], where, "text", warnings)
    out["key"] = keys_of(out["id"], out["force"])
    dupes = out[out.duplicated("key", keep=False)]
    if len(dupes):
        first = dupes.index[0]
        raise ImportProblem(f"{where}, row {row_of(first)}: recommendation {out.at[first, 'id']} in "
                            f"{out.at[first, 'force']} appears twice; keep one row per id and force")
    kinds = frame["kind"].str.strip().str.lower().replace(KIND_ALIASES).replace("", "recommendation")
    bad = ~kinds.isin(RECOMMENDATION_KINDS)
    if bad.any():
        raise ImportProblem(f"{where}, row {row_of(bad.idxmax())}: kind '{frame.at[bad.idxmax(), 'kind']}' is not one "
                            f"of {', '.join(RECOMMENDATION_KINDS)}")
    out["kind"] = kinds
    given_theme = frame["theme"].map(clean_name)
    out["theme_from"] = ["import" if t else "rules" for t in given_theme]
    out["theme"] = [t or theme_for(r, x) for t, r, x in zip(given_theme, out["report"], out["text"], strict=True)]
    out["published_on"] = column_dates(frame["published_on"], where, "published_on", False, ctx.today, warnings)
    for col in ("owner", "overseer", "board"):
        out[col] = column_names(frame[col])
        out[f"{col}_extracted"] = False
    for col in ("target_original", "target_current"):
        out[col] = column_dates(frame[col], where, col, False, ctx.today, warnings, future_ok=True)
    out["target_current"] = out["target_current"].where(out["target_current"].notna(), out["target_original"])
    out["target_text"] = None
    out["target_extracted"] = False
    out["force_rag"] = column_names(frame["rag"])
    out["cause_id"] = cause_ids(frame["cause_of_concern"], out, where)
    out["peel_question"] = column_names(frame["peel_question"])
    out["priority"] = priorities(frame, where)
    out["priority_reason"] = column_texts(frame["priority_reason"], where, "priority_reason", warnings)
    out["priority_on"] = column_dates(frame["priority_on"], where, "priority_on", False, ctx.today, warnings)
    out["withheld_reason"] = column_texts(frame["withheld_reason"], where, "withheld_reason", warnings)
    out["source"] = column_sources(frame["source"], where, ctx.source)
    out["source_ref"] = refs
    out["addressee"] = column_names(frame["addressee"])
    out["answer_by"] = column_dates(frame["answer_by"], where, "answer_by", False, ctx.today, warnings, future_ok=True)
    return out, warnings


def iopc_ids(values: pd.Series, where: str) -> tuple[pd.Series, pd.Series]:
    """IOPC references as written and the ids made from them; ImportProblem naming the row for one written otherwise."""
    refs, ids = [], []
    for idx, raw in values.items():
        made = iopc_id(raw)
        if made is None:
            raise ImportProblem(f"{where}, row {row_of(idx)}: reference '{raw}' is not an IOPC recommendation's "
                                "reference, written like 2024/031007-R1")
        refs.append(raw.strip())
        ids.append(made)
    return pd.Series(refs, index=values.index, dtype=object), pd.Series(ids, index=values.index, dtype="int64")


def column_sources(values: pd.Series, where: str, default: str | None) -> list[str | None]:
    """Each row's source code (the file's, or None for an inspection's, where empty); ImportProblem naming the row for
    a source that is not in data/sources.csv."""
    known = load_rules()
    out: list[str | None] = []
    for idx, raw in values.items():
        code = raw.strip().lower() or default
        if code is not None and code not in known:
            raise ImportProblem(f"{where}, row {row_of(idx)}: source '{raw.strip()}' is not one of {', '.join(known)}")
        out.append(code)
    return out


def priorities(frame: pd.DataFrame, where: str) -> list[int | None]:
    """Each row's priority (None where empty); ImportProblem for one that is not 1, 2 or 3, one without its reason, or
    a reason or day without a priority."""
    out: list[int | None] = []
    for idx, raw, reason, on in zip(frame.index, frame["priority"], frame["priority_reason"], frame["priority_on"],
                                    strict=True):
        text = str(raw).strip()
        if not text:
            if reason.strip() or on.strip():
                raise ImportProblem(f"{where}, row {row_of(idx)}: a priority_reason or priority_on without a priority; "
                                    "give the priority (1, 2 or 3) or leave both empty")
            out.append(None)
            continue
        if text not in ("1", "2", "3"):
            raise ImportProblem(f"{where}, row {row_of(idx)}: priority '{text}' is not 1 (high), 2 or 3")
        if not reason.strip():
            raise ImportProblem(f"{where}, row {row_of(idx)}: priority {text} has no priority_reason; say why")
        out.append(int(text))
    return out


def workflow_facts(recs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The priorities (key, priority, reason, on_date) and withholdings (key, reason) a recommendations table gives."""
    given = recs["priority"].notna()
    prios = recs.loc[given, ["key", "priority", "priority_reason", "priority_on"]].set_axis(
        ["key", "priority", "reason", "on_date"], axis=1)
    held = recs.loc[recs["withheld_reason"].notna(), ["key", "withheld_reason"]].set_axis(["key", "reason"], axis=1)
    return prios.astype({"priority": "int64"}), held


def table_links(frame: pd.DataFrame, where: str, ctx: Context) -> tuple[pd.DataFrame, list[str]]:
    """Validate a links table and shape it to (key, other, relation, reason); return it and its warnings."""
    check_columns(list(frame.columns), LINK_REQUIRED, LINK_OPTIONAL, where)
    frame = prepared(frame, LINK_OPTIONAL)
    warnings: list[str] = []
    relations = frame["relation"].str.strip()
    bad = ~relations.isin(RELATIONS)
    if bad.any():
        raise ImportProblem(f"{where}, row {row_of(bad.idxmax())}: relation '{relations[bad.idxmax()]}' is not one of "
                            f"{', '.join(RELATIONS)} (a cause of concern is given in the cause_of_concern column)")
    out = pd.DataFrame({
        "key": keys_of(column_ids(frame["id"], where), column_forces(frame["force"], where, ctx.forces)),
        "other": keys_of(column_ids(frame["other_id"], where), column_forces(frame["other_force"], where, ctx.forces)),
        "relation": relations,
    })
    out["reason"] = column_texts(frame["reason"], where, "reason", warnings)
    return out, warnings


def cause_ids(column: pd.Series, recs: pd.DataFrame, where: str) -> list[int | None]:
    """Each row's cause of concern, by its id (None where empty); ImportProblem for one that is not a whole number,
    names the row itself, or is given on a cause of concern."""
    out: list[int | None] = []
    for idx, raw, own, kind in zip(column.index, column, recs["id"], recs["kind"], strict=True):
        text = str(raw).strip()
        if not text:
            out.append(None)
            continue
        if not text.isdigit():
            raise ImportProblem(f"{where}, row {row_of(idx)}: cause_of_concern '{text}' is not an id; give the id of "
                                "the cause of concern this recommendation answers, or leave it empty")
        if int(text) == int(own) or kind == "cause of concern":
            raise ImportProblem(f"{where}, row {row_of(idx)}: a cause of concern's own row has no cause_of_concern; "
                                "give it on the recommendations that answer it")
        out.append(int(text))
    return out


def table_updates(frame: pd.DataFrame, where: str, ctx: Context) -> tuple[pd.DataFrame, list[str]]:
    """Validate an updates table and shape it to UPDATE_COLUMNS plus id and force; return it and its warnings."""
    check_columns(list(frame.columns), UPD_REQUIRED, UPD_OPTIONAL, where)
    frame = prepared(frame, UPD_OPTIONAL)
    warnings: list[str] = []
    out = pd.DataFrame({"id": column_ids(frame["id"], where), "force": column_forces(frame["force"], where, ctx.forces)})
    out["key"] = keys_of(out["id"], out["force"])
    out["on_date"] = column_dates(frame["date"], where, "date", True, ctx.today, warnings)
    statuses = {}
    for raw in frame["status"].unique():
        if raw.strip():
            slug, known = normalise(raw)
            statuses[raw] = slug
            if not known:
                warnings.append(f"{where}: unknown status '{raw.strip()}' kept as '{slug}'")
    out["status"] = frame["status"].map(lambda s: statuses.get(s))
    out["text"] = column_texts(frame["text"], where, "text", warnings)
    out["percent"] = column_percents(frame["percent"], where)
    empty = out["status"].isna() & out["text"].isna() & out["percent"].isna()
    if empty.any():
        raise ImportProblem(f"{where}, row {row_of(empty.idxmax())}: the update has neither a status, a text nor a "
                            "percent complete")
    out["source"] = where
    out["position"] = [row_of(i) - 2 for i in out.index]
    out["stated_target"] = [stated_target(t) if isinstance(t, str) else None for t in out["text"]]
    out["author"] = column_texts(frame["author"], where, "author", warnings)
    out["review"] = column_texts(frame["review"], where, "review", warnings)
    return out, warnings


def column_percents(values: pd.Series, where: str) -> pd.Series:
    """Each update's percent complete (a whole number from 0 to 100; empty: none), or an ImportProblem naming the
    row."""
    out = []
    for idx, value in values.items():
        try:
            out.append(percent_of(value))
        except ValueError as exc:
            raise ImportProblem(f"{where}, row {row_of(idx)}: percent: {exc}") from None
    return pd.Series(out, index=values.index, dtype=object)


def table_kind(name: str, frame: pd.DataFrame, where: str) -> str:
    """Whether a table holds recommendations, updates or links: by sheet/file name, else by its columns."""
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    lowered = name.lower()
    if lowered == "links" or "relation" in frame.columns:
        return "links"
    if "update" in lowered or ("date" in frame.columns and "report" not in frame.columns):
        return "updates"
    if "recommendation" in lowered or "report" in frame.columns:
        return "recommendations"
    raise ImportProblem(f"{where}: cannot tell whether this table holds recommendations (needs a 'report' column) "
                        "or updates (needs a 'date' column); rename its columns, or map your own columns (--mapping, "
                        "see the README)")
