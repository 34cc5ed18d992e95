"""Keep name_links current: every owner and overseer name resolved against the directory, inside every write."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tracker.core.names import Known, Link, resolve_all
from tracker.core.ranks import LEVEL, parse_name, squeeze
from tracker.store.queries import sql_text

SQL_DIR = Path(__file__).with_name("sql")


def sql(name: str) -> str:
    """The text of store/sql/<name>.sql."""
    return sql_text(SQL_DIR / f"{name}.sql")


def current_links(con: duckdb.DuckDBPyConnection) -> list[Link]:
    """Resolve every written owner and overseer name against the directory and the aliases."""
    cur = con  # inside the writer's transaction: its own connection, not a cursor (a cursor is outside it)
    names = cur.execute(sql("written_names")).fetchall()
    known = [Known(pid, force, name, LEVEL.get(parse_name(current).rank or "", 0))
             for pid, force, name, current in cur.execute(sql("known_names")).fetchall()]
    aliases = {(force, squeeze(name)): pid for force, name, pid in
               cur.execute(sql("name_aliases")).fetchall()}
    return resolve_all(names, known, aliases)


def refresh_links(con: duckdb.DuckDBPyConnection) -> list[Link]:
    """Rebuild name_links inside the caller's write transaction (before the derived tables are rebuilt)."""
    links = current_links(con)
    frame = pd.DataFrame(
        {"force": [x.force for x in links], "name": [x.name for x in links],
         "person_id": pd.array([x.person_id for x in links], dtype="Int32"), "how": [x.how for x in links],
         "candidates": [list(x.candidates) for x in links]})
    con.register("links", frame)
    try:
        con.execute(sql("replace_links"))
    finally:
        con.unregister("links")
    return links
