"""Bring a database an older version wrote up to this one, through the same writer as every import."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tracker.ingest.facts import stated_target
from tracker.store.database import upgrade


def fill_stated_targets(con: duckdb.DuckDBPyConnection, old_version: str | None) -> None:
    """Read the stated target of every held comment (version 5 stores it with the update when it is imported)."""
    if old_version is not None and old_version.isdigit() and int(old_version) >= 5:
        return
    comments = con.execute("SELECT rowid, text FROM updates WHERE text IS NOT NULL").fetchall()
    stated = pd.DataFrame([(rowid, target) for rowid, text in comments if (target := stated_target(text))],
                          columns=["row_id", "target"])
    if stated.empty:
        return
    con.register("stated", stated)
    try:
        con.execute("UPDATE updates SET stated_target = s.target::DATE FROM stated s WHERE updates.rowid = s.row_id")
    finally:
        con.unregister("stated")


def ensure_current(path: Path) -> bool:
    """Upgrade the file when an older version wrote it; True if it did."""
    return upgrade(Path(path), fill_stated_targets)
