"""Every statement lives in a .sql file under a header naming it, read by the one loader; none sits in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from psycopg import sql as psycopg_sql

from tracker import ROOT
from tracker.store import copy, queries

# Where code lives: the product, its pages and entrypoint, and the benchmarks (the tests read the store their own way,
# to check it independently of the product's statements).
CODE = [ROOT / "tracker", ROOT / "pages", ROOT / "dashboard.py", ROOT / "benchmarks"]
STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|BEGIN|COMMIT|ROLLBACK|SET|USE|ATTACH|"
                       r"DETACH|COPY|DESCRIBE|PRAGMA|GRANT|REVOKE|TRUNCATE|VACUUM|CHECKPOINT|EXPLAIN|LOCK|SHOW|"
                       r"SUMMARIZE|INSTALL|LOAD|EXPORT|IMPORT|CALL)(\s|$)")
# Versioned scripts (the migrations, the grants) are run whole by the migrator, not loaded as statements.
NOT_STATEMENTS = {ROOT / "tracker" / "store" / "migrations", ROOT / "tracker" / "store" / "grants", ROOT / "queries"}


def python_files() -> list[Path]:
    return sorted(p for root in CODE for p in ([root] if root.is_file() else root.rglob("*.py")))


def inline_statements(path: Path) -> list[str]:
    """Each string in a module (docstrings aside) that starts as a SQL statement does: 'file:line: text'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{where}:{node.lineno}: {node.value.strip()[:60]!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and STATEMENT.match(node.value)]


def test_the_scan_finds_a_statement_in_a_string_an_f_string_and_a_call(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""SELECT in a docstring is prose."""\n'
                      'A = "SELECT 1"\n'
                      'B = f"DELETE FROM {t}"\n'
                      'con.execute("COMMIT")\n'
                      'C = "Select the force"\n')
    found = [line.split(":", 1)[1] for line in inline_statements(module)]
    assert found == ["2: 'SELECT 1'", "3: 'DELETE FROM'", "4: 'COMMIT'"]


def test_no_statement_sits_in_the_code():
    found = [hit for path in python_files() for hit in inline_statements(path)]
    assert found == []
    assert len(python_files()) > 100  # the scan saw the code


def statement_files() -> list[Path]:
    return sorted(p for root in (ROOT / "tracker", ROOT / "benchmarks") for p in root.rglob("*.sql")
                  if not any(p.is_relative_to(d) for d in NOT_STATEMENTS))


def test_every_statement_file_starts_with_a_header_naming_it():
    files = statement_files()
    assert len(files) > 140
    for path in files:
        assert queries.sql_text(path).startswith(f"-- name: {path.stem} :")


def test_a_statement_file_without_its_header_is_refused(tmp_path):
    (tmp_path / "stray.sql").write_text("SELECT 1\n")
    with pytest.raises(queries.QueryFileError, match=r"stray.sql must start with '-- name: stray :rows\|exec\|script'"):
        queries.sql_text(tmp_path / "stray.sql")


def named_tables(path: Path, pattern: str) -> list[str]:
    return re.findall(pattern, queries.sql_text(path))


def test_the_copys_statements_over_every_table_name_each_once():
    assert named_tables(copy.PG_SQL_DIR / "latest_changes.sql", r"SELECT '(\w+)' AS table_name") == list(copy.HISTORY)


@pytest.mark.parametrize("hostile", ['updates"; DROP TABLE updates; --', "Updates", "tracker.main.updates", ""])
def test_an_identifier_that_is_not_a_plain_name_is_refused(hostile):
    with pytest.raises(queries.QueryFileError, match="not a plain identifier"):
        queries.quoted_statement(copy.COPY_SQL / "append_pulled.sql", table=hostile, columns=("key",))
    with pytest.raises(queries.QueryFileError, match="not a plain identifier"):
        queries.quoted_statement(copy.COPY_SQL / "append_pulled.sql", table="updates", columns=("key", hostile))


def test_identifiers_are_quoted_for_duckdb_and_composed_for_psycopg():
    assert queries.quoted_statement(copy.COPY_SQL / "append_pulled.sql", table="updates", columns=("key", "on_date")
                                    ).splitlines()[-2:] == [
        'INSERT INTO tracker.main."updates" ("key", "on_date")', 'SELECT "key", "on_date" FROM pulled ORDER BY change_no']
    composed = queries.pg_statement("rows_since", table="up date", columns=("key", 'a"b'))
    assert isinstance(composed, psycopg_sql.Composed)
    assert composed.as_string(None).splitlines()[-1] == (
        'SELECT "key", "a""b", change_no FROM "up date" WHERE change_no > %(since)s AND change_no <= %(now)s')
