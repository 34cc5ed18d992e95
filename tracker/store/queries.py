"""Load the named SQL files in queries/ and run them with bound parameters, a fresh cursor each time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from tracker import ROOT

QUERY_DIR = ROOT / "queries"
PARAM = re.compile(r"\$([a-z_]+)")
NAME = re.compile(r"[a-z_]+")


@dataclass(frozen=True)
class Query:
    """One query file: its SQL, the parameters it binds and its header comment."""

    name: str
    sql: str
    params: frozenset[str]
    doc: str


@cache
def load(name: str) -> Query:
    """Read queries/<name>.sql once."""
    if not NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    sql = (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")
    doc = "\n".join(line[3:] for line in sql.splitlines() if line.startswith("-- "))
    return Query(name, sql, frozenset(PARAM.findall(sql)), doc)


@cache
def sql_text(path: Path) -> str:
    """The text of a SQL file kept beside the code that runs it (write statements, exports), read once."""
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """Every query's name."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a query on its own cursor; params it does not use are left out, missing ones are an error."""
    query = load(name)
    missing = query.params - params.keys()
    if missing:
        raise TypeError(f"query {name} needs {', '.join(sorted(missing))}")
    cur = con.cursor()
    try:
        return cur.execute(query.sql, {k: params[k] for k in query.params}).df()
    finally:
        cur.close()
