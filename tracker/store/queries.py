"""Load the named SQL files in queries/ and run them with bound parameters, a fresh cursor each time.

Each file holds one statement under a header (as aiosql and sqlc keep them):
    -- name: headline :one        what it returns: :one (a row, as a dict, or None), :many (a small table of
                                   aggregates) or :items (a list of items, possibly long)
    -- Returns …                   its columns
    -- Params: $filters, $limit.   every parameter it binds ($filters is the one STRUCT of the shared filters)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from tracker import ROOT

QUERY_DIR = ROOT / "queries"
PARAM = re.compile(r"\$([a-z_]+)")
NAME = re.compile(r"[a-z_]+")
HEADER = re.compile(r"-- name: (?P<name>[a-z_]+) :(?P<returns>one|many|items)\n")
PARAMS_LINE = re.compile(r"^-- Params: (?P<params>.*)\.$", re.MULTILINE)
RETURNS = ("one", "many", "items")


class QueryFileError(ValueError):
    """A query file whose header does not say what it is."""


@dataclass(frozen=True)
class Query:
    """One query file: its SQL, what it returns, the parameters it binds and the ones its header names."""

    name: str
    sql: str
    returns: str
    params: frozenset[str]
    declared: frozenset[str]
    doc: str


@cache
def load(name: str) -> Query:
    """Read queries/<name>.sql once."""
    if not NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    sql = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    header = HEADER.match(sql)
    if not header or header["name"] != name:
        raise QueryFileError(f"queries/{name}.sql must start with '-- name: {name} :one|:many|:items'")
    declared = PARAMS_LINE.search(sql)
    names = frozenset() if not declared or declared["params"] == "none" else frozenset(
        p.strip().lstrip("$") for p in declared["params"].split(","))
    doc = "\n".join(line[3:] for line in sql.splitlines()[1:] if line.startswith("-- "))
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    return Query(name, sql, header["returns"], frozenset(PARAM.findall(body)), names, doc)


@cache
def sql_text(path: Path) -> str:
    """The text of a SQL file kept beside the code that runs it (write statements, exports), read once."""
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """Every query's name."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def run(con, name: str, **params) -> pd.DataFrame | dict | None:
    """Run a query on its own cursor: a DataFrame (:many, :items) or one row as a dict (:one; None for no row).

    Parameters it does not use are left out; missing ones are an error.
    """
    query = load(name)
    missing = query.params - params.keys()
    if missing:
        raise TypeError(f"query {name} needs {', '.join(sorted(missing))}")
    cur = con.cursor()
    try:
        frame = cur.execute(query.sql, {k: params[k] for k in query.params}).df()
    finally:
        cur.close()
    if query.returns == "one":
        return frame.iloc[0].to_dict() if len(frame) else None
    return frame
