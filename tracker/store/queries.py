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

import duckdb
import pandas as pd
from psycopg import sql as psycopg_sql

from tracker import ROOT
from tracker.core.errors import TrackerError

QUERY_DIR = ROOT / "queries"
PARAM = re.compile(r"\$([a-z_]+)")
NAME = re.compile(r"[a-z_]+")
HEADER = re.compile(r"-- name: (?P<name>[a-z_]+) :(?P<returns>one|many|items)\n")
PARAMS_LINE = re.compile(r"^-- Params: (?P<params>.*)\.$", re.MULTILINE)
RETURNS = ("one", "many", "items")


class QueryFileError(TrackerError, ValueError):
    """A query file whose header does not say what it is."""


class ReadError(TrackerError):
    """A query the database could not answer: which one, the database's own words, and what to do."""


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


STATEMENT_HEADER = re.compile(r"-- name: (?P<name>[a-z_0-9]+) :(?P<returns>rows|exec|script)\n")


@cache
def sql_text(path: Path) -> str:
    """The text of a SQL file kept beside the code that runs it (statements, schema scripts), read once: the one loader
    of SQL files but for queries/ (load, which reads the same kind of header) and the migrations (versioned scripts).

    Its first line names it and says what it returns: `-- name: <file's name> :rows|exec|script` (rows: a result to
    fetch; exec: nothing; script: several statements, run whole).
    """
    text = path.read_text(encoding="utf-8")
    header = STATEMENT_HEADER.match(text)
    if not header or header["name"] != path.stem:
        raise QueryFileError(f"{path.name} must start with '-- name: {path.stem} :rows|exec|script'")
    return text


PG_SQL_DIR = Path(__file__).with_name("pg_sql")


def pg_statement(name: str, /, **identifiers: str | tuple[str, ...]):
    """store/pg_sql/<name>.sql for psycopg; with identifiers (a database, role or table name, or a tuple of columns:
    never a value), the file's {placeholders} are filled by psycopg.sql as quoted identifiers. Values are always bound
    parameters."""
    text = sql_text(PG_SQL_DIR / f"{name}.sql")
    if not identifiers:
        return text

    def composed(value):
        names = (value,) if isinstance(value, str) else tuple(value)
        return psycopg_sql.SQL(", ").join(psycopg_sql.Identifier(n) for n in names)

    return psycopg_sql.SQL(text).format(**{k: composed(v) for k, v in identifiers.items()})


IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def quoted_statement(path: Path, **identifiers: str | tuple[str, ...]) -> str:
    """A statement file whose {placeholders} are identifiers (a table, or a tuple of columns: never a value, which is
    always bound), each checked to be a plain lower-case name and double-quoted: for DuckDB, and for PostgreSQL through
    ADBC (psycopg's are composed by pg_statement)."""
    def quoted(value) -> str:
        names = (value,) if isinstance(value, str) else tuple(value)
        if not names or not all(IDENTIFIER.fullmatch(n) for n in names):
            raise QueryFileError(f"{path.name}: not a plain identifier: {value!r}")
        return ", ".join(f'"{n}"' for n in names)

    return sql_text(path).format(**{k: quoted(v) for k, v in identifiers.items()})


def names() -> list[str]:
    """Every query's name."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def run(con, name: str, **params) -> pd.DataFrame | dict | None:
    """Run a query on its own cursor: a DataFrame (:many, :items) or one row as a dict (:one; None for no row).

    Parameters it does not use are left out; missing ones are an error.
    """
    cur = con.cursor()
    try:
        return fetch(cur, name, **params)
    finally:
        cur.close()


def fetch(cur, name: str, **params) -> pd.DataFrame | dict | None:
    """Run a query on this cursor itself (a write's own copy is one open transaction), as run() does."""
    query = load(name)
    missing = query.params - params.keys()
    if missing:
        raise TypeError(f"query {name} needs {', '.join(sorted(missing))}")
    try:
        frame = cur.execute(query.sql, {k: params[k] for k in query.params}).df()
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReadError(f"The data could not be read (query {name}: {detail}). Reload the page; if it happens again, "
                        "tell your administrator which page and filters you used.") from exc
    if query.returns == "one":
        return frame.iloc[0].to_dict() if len(frame) else None
    return frame
