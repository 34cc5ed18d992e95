"""The ingest room's SQL statements, one a file in ingest/sql/."""

from __future__ import annotations

from pathlib import Path

from tracker.store.queries import sql_text

SQL_DIR = Path(__file__).with_name("sql")


def sql(name: str) -> str:
    """The text of ingest/sql/<name>.sql."""
    return sql_text(SQL_DIR / f"{name}.sql")
