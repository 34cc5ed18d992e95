"""Shared fixtures: a small database whose answers were worked out by hand, and the demo database."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pg
import pytest

from tracker.core import clock
from tracker.ingest.importer import ingest
from tracker.store import database

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = FIXTURES / "tables"
SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "living-in-fear-8019.txt"
AS_OF = date(2023, 6, 30)  # the date the hand-computed answers in the tests hold for

# Every write, page and test in this run (and every server it starts) sees the same today, even across midnight.
os.environ.setdefault(clock.PINNED, date.today().isoformat())


def pytest_configure(config):
    """One PostgreSQL server for this test process, with a migrated template every test database is made from."""
    config.tracker_pg = pg.start()


@pytest.fixture(autouse=True)
def let_go_of_databases():
    """Each test's copies and connections go with it (a server has a hundred connections; tests make hundreds of
    databases)."""
    yield
    database.forget_all()


@pytest.fixture(scope="session")
def fixture_db_master(tmp_path_factory) -> Path:
    """The six-recommendation fixture database (built once)."""
    db = tmp_path_factory.mktemp("fixture") / "fixture.duckdb"
    ingest([str(TABLES / "recommendations.csv"), str(TABLES / "updates.csv")], db)
    return db


@pytest.fixture
def fixture_db(fixture_db_master, tmp_path) -> Path:
    """A private copy of the fixture database, safe to change."""
    db = tmp_path / "fixture.duckdb"
    pg.clone(fixture_db_master, db)
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A small demo database (1,000 recommendations, as of 2026-11-28)."""
    from tracker.demo.builder import build_demo

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(db, n=1000, seed=11, as_of=date(2026, 11, 28))
    return db


@pytest.fixture(scope="session")
def expect():
    """Playwright's expect, waiting up to 30 s for the state a test asserts (never a fixed sleep)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=30_000)
    return playwright_expect


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one a test module (Playwright gives each launch a fresh profile)."""
    from app_server import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()
