"""One picture across sources: the Source filter (bound to the URL) narrowing every query, the counts by source on the
Overview and the Forces pages, and the pack's --source, on the six-item inspection fixture with a coroner's report
and two IOPC recommendations imported beside it (every count worked out by hand below)."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pg
import pytest
from page_help import page_as
from pypdf import PdfReader
from workflow_people import ADMIN, VIEWER

from tracker.analysis.by_source import source_table, with_source_counts
from tracker.app.sidebar import codes_in_link, filters_from_state
from tracker.cli import main
from tracker.core.filters import Filters
from tracker.core.sources import source_name
from tracker.ingest.importer import ingest
from tracker.store import queries
from tracker.store.database import open_reader

SOURCES = Path(__file__).parent / "fixtures" / "sources"
AS_OF = date(2025, 4, 10)
F = Filters(as_of=AS_OF)
PFD = ["2024068801-avon-and-somerset", "2024068801-surrey", "2024068802-avon-and-somerset", "2024068802-surrey"]
IOPC = ["1240022103-essex", "1250044171-kent"]
INSPECTIONS = ["1-kent", "2-kent", "3-essex", "4-essex", "5-kent", "6-essex"]
COLUMNS = ["force", "source", "total", "open", "overdue", "past_answer_by", "due_this_month", "complete"]


@pytest.fixture
def three_sources(fixture_db_master, tmp_path) -> Path:
    """The inspection fixture, a coroner's report 2024-0688 (two concerns to Avon and Somerset and to Surrey, dated
    1 July 2024, the coroner's stated day 2 September 2024) and two IOPC recommendations (Kent's made 3 March 2025,
    due 27 April 2025; Essex's made 3 May 2024, due 27 June 2024); none of the new items has a target or an update."""
    db = tmp_path / "three.duckdb"
    pg.clone(fixture_db_master, db)
    ingest([str(SOURCES / "2024-0688.txt"), str(SOURCES / "iopc_made_on_the_3rd.csv")], db)
    return db


def run(db: Path, name: str, filters: Filters = F, **params):
    """A named query on the database's copy."""
    return queries.run(open_reader(db), name, **filters.params(), **params)


def keys(db: Path, filters: Filters) -> list[str]:
    """The keys of the items the filters select."""
    return sorted(run(db, "filtered_recommendations", filters)["key"])


def test_counts_by_source_worked_by_hand(three_sources):
    # As of 10 April 2025. Inspections: 1-kent complete; 4-essex superseded; 2-kent (target 31 Dec 2021), 3-essex
    # (31 Mar 2021) and 5-kent (30 Sep 2022) open and overdue; 6-essex open with no target, published 1 Jan 2022, so
    # past its answer-by day (26 Feb 2022). The coroner's four concerns: open, no target, past 2 Sep 2024. IOPC:
    # Essex's past 27 Jun 2024; Kent's due 27 Apr 2025, within April.
    counts = run(three_sources, "source_counts", by_force=False)
    assert counts[COLUMNS].values.tolist() == [
        [None, "hmicfrs", 6, 4, 3, 1, 0, 1],
        [None, "iopc", 2, 2, 0, 1, 1, 0],
        [None, "pfd", 4, 4, 0, 4, 0, 0],
    ]
    # Overdue past a target adds up to the headline's overdue, as every page counts it.
    assert run(three_sources, "headline")["overdue"] == counts["overdue"].sum() == 3


def test_counts_by_force_and_source(three_sources):
    counts = run(three_sources, "source_counts", by_force=True)
    assert counts[COLUMNS].values.tolist() == [
        ["Avon and Somerset", "pfd", 2, 2, 0, 2, 0, 0],
        ["Essex", "hmicfrs", 3, 2, 1, 1, 0, 0],
        ["Essex", "iopc", 1, 1, 0, 1, 0, 0],
        ["Kent", "hmicfrs", 3, 2, 2, 0, 0, 1],
        ["Kent", "iopc", 1, 1, 0, 0, 1, 0],
        ["Surrey", "pfd", 2, 2, 0, 2, 0, 0],
    ]
    # The Forces table gains each source's columns, named in words, 0 where a force has none of it.
    forces = run(three_sources, "force_table", sort="force")
    table = with_source_counts(forces, counts).set_index("force")
    pfd, iopc = source_name("pfd"), source_name("iopc")
    assert pfd == "Coroner's prevention of future deaths report" and iopc == "IOPC recommendation"
    assert table.loc["Kent", f"{iopc}: open"] == 1 and table.loc["Kent", f"{pfd}: open"] == 0
    assert table.loc["Surrey", f"{pfd}: past answer-by"] == 2
    assert table.loc["Essex", "HMICFRS inspection: overdue"] == 1
    assert list(table.columns[:len(forces.columns) - 1]) == list(forces.columns[1:])


def test_the_overviews_table_names_each_source():
    counts = pd.DataFrame({"force": [None, None], "source": ["hmicfrs", "pfd"], "total": [6, 4], "open": [4, 5],
                           "overdue": [3, 0], "past_answer_by": [1, 4], "due_this_month": [0, 0], "complete": [1, 0]})
    shown = source_table(counts)
    assert shown["source"].tolist() == ["Coroner's prevention of future deaths report", "HMICFRS inspection"]
    assert list(shown.columns) == ["source", "open", "overdue", "past_answer_by", "due_this_month", "complete",
                                   "total"]


def test_the_source_filter_narrows_every_query(three_sources):
    assert keys(three_sources, F) == sorted(INSPECTIONS + PFD + IOPC)
    assert keys(three_sources, replace(F, sources=("pfd",))) == PFD
    assert keys(three_sources, replace(F, sources=("iopc", "hmicfrs"))) == sorted(INSPECTIONS + IOPC)
    assert keys(three_sources, replace(F, sources=("pfd",), forces=("Surrey",))) == PFD[1::2]
    assert keys(three_sources, replace(F, sources=("external-audit",))) == []
    pfd = replace(F, sources=("pfd",))
    assert run(three_sources, "headline", pfd)["total"] == 4
    assert run(three_sources, "force_table", pfd, sort="force")["force"].tolist() == ["Avon and Somerset", "Surrey"]
    assert run(three_sources, "source_counts", pfd, by_force=False)["source"].tolist() == ["pfd"]
    # Scope still limits: a Kent reader asking for coroners' items sees none (the report went to other forces).
    assert keys(three_sources, replace(pfd, scope=("Kent",))) == []
    assert keys(three_sources, replace(F, sources=("iopc",), scope=("Kent",))) == ["1250044171-kent"]
    # The sidebar offers the sources the data holds, as codes the URL keeps.
    options = run(three_sources, "filter_options")
    assert sorted(options.loc[options["field"] == "source", "value"]) == ["hmicfrs", "iopc", "pfd"]
    # Every query that takes only the filters runs with a source chosen, and none returns more than without it.
    for name in sorted(p.stem for p in queries.QUERY_DIR.glob("*.sql")):
        query = queries.load(name)
        if query.params != {"filters"} or query.returns == "one":
            continue
        every, some = run(three_sources, name), run(three_sources, name, pfd)
        assert len(some) <= len(every), name


def test_the_source_comes_from_the_url_state():
    state = {"source": ["pfd", "iopc"], "force": ["Kent"]}
    assert filters_from_state(state, AS_OF).sources == ("pfd", "iopc")
    assert filters_from_state({"source": "pfd"}, AS_OF).sources == ()  # not a list: no filter
    # A link gives codes (?source=pfd); the filter itself keeps names in the URL, which need nothing.
    assert codes_in_link(["pfd"], ["hmicfrs", "pfd"]) == ["pfd"]
    assert codes_in_link(["pfd", "coroner"], ["hmicfrs", "pfd"]) == ["pfd"]
    assert codes_in_link(["Coroner's prevention of future deaths report"], ["hmicfrs", "pfd"]) == []
    assert codes_in_link(["pfd"], ["hmicfrs"]) == []  # outside the reader's sources: ignored
    assert Filters(as_of=AS_OF).struct()["sources"] is None
    assert Filters(as_of=AS_OF, sources=("pfd",)).struct()["sources"] == ["pfd"]


def test_source_pfd_in_the_url_opens_the_overview_on_coroners_items(three_sources, monkeypatch):
    at = page_as(three_sources, monkeypatch, ADMIN, "overview", as_of=AS_OF.isoformat(), source="pfd")
    by_source = [df.value for df in at.dataframe if "source" in df.value.columns]
    assert len(by_source) == 1
    assert by_source[0]["source"].tolist() == ["Coroner's prevention of future deaths report"]
    assert by_source[0][["open", "past_answer_by", "total"]].values.tolist() == [[4, 4, 4]]
    assert [m.value for m in at.metric][:1] == ["4"]  # Open: the coroner's four concerns only
    # The sidebar shows the source in words.
    chosen = at.sidebar.multiselect(key="source")
    assert chosen.value == ["pfd"] and "Coroner's prevention of future deaths report" in chosen.options


def test_the_forces_page_counts_by_source(three_sources, monkeypatch):
    at = page_as(three_sources, monkeypatch, ADMIN, "forces", as_of=AS_OF.isoformat())
    table = next(df.value for df in at.dataframe if "force" in df.value.columns).set_index("force")
    assert table.loc["Surrey", "Coroner's prevention of future deaths report: open"] == 2
    assert table.loc["Kent", "IOPC recommendation: open"] == 1


def test_a_kent_viewer_is_offered_only_the_sources_of_kents_items(three_sources, monkeypatch):
    # The coroner's report went to other forces: a Kent viewer is not offered it, and a link asking for it is
    # ignored as any value outside the filter's options is, the scope holding.
    at = page_as(three_sources, monkeypatch, VIEWER, "overview", as_of=AS_OF.isoformat(), source="pfd")
    chosen = at.sidebar.multiselect(key="source")
    assert chosen.value == [] and chosen.options == ["HMICFRS inspection", "IOPC recommendation"]
    table = next(df.value for df in at.dataframe if "source" in df.value.columns)
    assert table[["source", "open", "total"]].values.tolist() == [["HMICFRS inspection", 2, 3],
                                                                   ["IOPC recommendation", 1, 1]]


def test_the_pack_follows_source(three_sources, tmp_path, capsys):
    out = tmp_path / "pack.pdf"
    assert main(["--db", str(three_sources), "pack", "--format", "pdf", "-o", str(out), "--as-of", AS_OF.isoformat(),
                 "--source", "pfd"]) == 0
    cover = PdfReader(out).pages[0].extract_text()
    assert "Coroner's prevention of future deaths report" in cover
    assert main(["--db", str(three_sources), "pack", "--format", "pdf", "-o", str(out), "--as-of", AS_OF.isoformat(),
                 "--source", "coroner"]) == 1
    assert "--source 'coroner' is not in the data as of 2025-04-10" in capsys.readouterr().err


def test_a_link_with_source_pfd_in_a_browser(three_sources, browser, expect):
    from app_server import streamlit_server
    from browser_help import settle

    with streamlit_server(three_sources) as (_, url):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        try:
            page = context.new_page()
            page.goto(f"{url}/?source=pfd&as_of={AS_OF.isoformat()}&plain=true")
            settle(page)
            main_area = page.get_by_test_id("stMain")
            # The sidebar holds the source in words; the Overview's table and tiles hold the coroner's items only.
            expect(page.get_by_test_id("stSidebar")).to_contain_text("Coroner's prevention of future deaths report")
            expect(main_area.get_by_role("heading", name="By source")).to_be_visible()
            expect(main_area).to_contain_text("Coroner's prevention of future deaths report")
            expect(main_area).not_to_contain_text("HMICFRS inspection")
            expect(main_area.get_by_test_id("stMetric").first).to_contain_text("4")
            expect(page.get_by_test_id("stException")).to_have_count(0)
        finally:
            context.close()
