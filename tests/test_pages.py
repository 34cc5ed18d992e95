"""Every page through AppTest on the fixture database: figures, filters from the URL, empty and unknown cases."""

import base64
import json
from datetime import date
from pathlib import Path

import numpy as np
import pg
import pytest
from streamlit.testing.v1 import AppTest

from tracker.store.database import open_reader, write

APP = str(Path(__file__).parent.parent / "dashboard.py")
PAGES = ["overview", "overdue", "forces", "trends", "reports", "owners", "my_items", "recommendation", "closure",
         "responses", "national", "peel"]


def app(db: Path, monkeypatch, page: str, **params) -> AppTest:
    """Run one page with query parameters (the fixture's answers hold as of 30 Jun 2023)."""
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["as_of"] = "2023-06-30"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the first run registers the pages and shows the default page, the overview
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]  # a page that fails says so in a message, not an exception
    return at


def spec(at: AppTest, i: int = 0) -> dict:
    """The Plotly figure JSON of the i-th chart."""
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def values(array) -> list:
    """A Plotly array, decoded when Plotly sent it as a typed array ({dtype, bdata})."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def metrics(at: AppTest) -> dict:
    """Tile label -> value."""
    return {m.label: m.value for m in at.metric}


HEADINGS = {"overview": "Overview", "overdue": "Overdue and stale", "forces": "Forces", "trends": "Compliance trends",
            "reports": "Reports", "owners": "Owner workloads", "my_items": "My items", "recommendation": "Recommendation",
            "closure": "Closure", "responses": "Statutory responses", "national": "National recommendations",
            "peel": "PEEL"}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_its_heading_and_the_footer(fixture_db_master, monkeypatch, page):
    at = app(fixture_db_master, monkeypatch, page)
    assert at.title[0].value == HEADINGS[page]
    assert at.main.caption[-1].value.startswith("6 of 6 recommendations selected  ·  as of 30 Jun 2023")


def test_overview_tiles_and_funnel(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overview")
    # Only one of five items not superseded has completed (at 380 days): the median time to complete is not reached,
    # where the completed-only median said 380 days.
    assert metrics(at) == {"Open": "4", "Complete": "1", "Overdue (latest)": "3", "Stale": "3",
                           "Implementation rate": "20%", "Awaiting the inspectorate": "0",
                           "Median time to complete": "–", "Responses due in 28 days": "0"}
    help_text = next(m.proto.help for m in at.metric if m.label == "Median time to complete")
    assert "not reached: more than half still open" in help_text and "Kaplan–Meier" in help_text
    funnel = spec(at, 0)["data"][0]
    assert funnel["type"] == "funnel"
    assert values(funnel["x"]) == [1, 2, 1, 1]
    assert "1 superseded" in spec(at, 0)["layout"]["title"]["text"]
    assert "6 of 6 recommendations selected" in at.main.caption[-1].value


def test_url_filters_change_the_figures(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overview", force="Kent")
    assert metrics(at)["Open"] == "2" and metrics(at)["Overdue (latest)"] == "2"
    assert values(spec(at, 0)["data"][0]["x"]) == [0, 2, 0, 1]
    at = app(fixture_db_master, monkeypatch, "overview", theme="Stalking", as_of="2022-09-01")
    assert metrics(at)["Complete"] == "1"


def test_overdue_list(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overdue")
    table = at.dataframe[0].value
    assert list(table["key"]) == ["3-essex", "2-kent", "5-kent"]
    assert list(table["days_overdue"]) == [821, 546, 273]
    assert list(table["rating"]) == ["🔴 Red", "🔴 Red", "🔴 Red"]
    assert list(table["target_current"]) == [date(2021, 3, 31), date(2021, 12, 31), date(2022, 9, 30)]  # dates sort as dates


def test_plain_tables_show_the_same_rows_as_plain_text_with_links(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overdue", plain="true")
    assert at.toggle(key="plain").value is True
    assert len(at.main.dataframe) == 0  # no interactive grid in the page (the sidebar has none either)
    rows = next(t.value for t in at.table if "Open" in t.value.columns)  # after the chart's numbers
    assert list(rows["Open"]) == ["[3&#45;essex](recommendation?id=3-essex)", "[2&#45;kent](recommendation?id=2-kent)",
                                  "[5&#45;kent](recommendation?id=5-kent)"]
    assert list(rows["Days overdue"]) == [821, 546, 273]
    assert list(rows["Current target"]) == ["31 Mar 2021", "31 Dec 2021", "30 Sep 2022"]


def test_owner_totals_and_drill_down(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "owners", person="Supt A (Kent)")  # no directory: the name as written
    table = at.dataframe[0].value
    assert list(zip(table["person"], table["open"], table["overdue"])) == [
        ("Supt A", 2, 2), ("DCI B", 1, 1), ("(not named)", 1, 0)]
    assert list(at.dataframe[1].value["key"]) == ["2-kent", "5-kent"]
    bars = spec(at)["data"]
    assert values(bars[0]["x"]) == [2, 1, 1]


def test_my_items_for_an_owner(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "my_items", me="DCI B (Essex)")
    assert metrics(at)["Open"] == "1" and metrics(at)["Overdue"] == "1"
    assert list(at.dataframe[0].value["key"]) == ["3-essex"]


def test_recommendation_page_shows_history_as_text(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "recommendation", id="2-kent")
    texts = [t.value for t in at.text]
    assert any("<img src=x onerror=" in t for t in texts)
    assert "Supt A" in texts
    assert any("status changed to **Being progressed**" in m.value for m in at.markdown)
    assert len(spec(at)["data"]) == 3  # two status markers and the comments


def test_id_used_in_one_force_opens_it(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "recommendation", id="1")
    assert at.main.header[0].value == "Recommendation 1"
    assert "Report A" in [t.value for t in at.text]
    # No chooser (the id is used in one force only): the page opens on the item itself.
    assert not any("Choose one" in m.value for m in at.markdown)
    assert [d.value.columns.tolist() for d in at.dataframe if "force" in d.value.columns] == []


def test_national_id_lists_its_forces(demo_db, monkeypatch):
    at = app(demo_db, monkeypatch, "recommendation", id="8019")
    assert len(at.dataframe[0].value) == 43


@pytest.mark.parametrize(("page", "params"), [
    ("recommendation", {"id": "99999"}), ("recommendation", {"id": "'; DROP TABLE updates; --"}),
    ("overview", {"force": "Atlantis"}), ("overview", {"q": "no such words anywhere"}),
    ("overdue", {"q": "' OR 1=1 --"}), ("owners", {"as_of": "not-a-date"}), ("trends", {"q": "zzz"}),
    ("forces", {"q": "zzz"}), ("reports", {"q": "zzz"}), ("my_items", {"me": "Nobody"}),
    ("overview", {"force": "' OR 1=1 --", "q": "x" * 10_000}), ("overview", {"as_of": "2023-13-45"}),
    ("overdue", {"sort": "days_overdue; DROP TABLE updates"}), ("owners", {"by": "1); DROP TABLE updates; --"}),
    ("recommendation", {"id": "8" * 500}), ("overview", {"stale": "-1e308"}), ("overview", {"status": "<script>"}),
])
def test_unknown_and_hostile_inputs_never_raise(fixture_db_master, monkeypatch, page, params):
    before = pg.fingerprint(fixture_db_master)
    at = app(fixture_db_master, monkeypatch, page, **params)
    assert at.title[0].value
    assert pg.fingerprint(fixture_db_master) == before
    con = open_reader(fixture_db_master)
    assert con.execute("SELECT (SELECT count(*) FROM recommendations), (SELECT count(*) FROM updates)").fetchone() == (6, 16)


def test_empty_filter_shows_nothing_matches(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overview", q="no such words anywhere")
    assert any("Nothing matches" in i.value for i in at.info)
    assert not at.get("plotly_chart")


@pytest.mark.parametrize("page", PAGES)
def test_pages_on_an_empty_database(tmp_path, monkeypatch, page):

    from tracker.store.writer import set_meta

    db = tmp_path / "empty.duckdb"
    write(db, lambda w: set_meta(w, note="nothing imported yet"))  # written to, so no demo is built on it
    at = app(db, monkeypatch, page)
    assert at.title[0].value == HEADINGS[page]


def test_demo_banner(demo_db, monkeypatch):
    at = app(demo_db, monkeypatch, "overview")
    assert "Demo data" in at.warning[0].value
    assert "DEMO DATA" in at.main.caption[-1].value


def test_overview_offers_the_board_pack(fixture_db_master, monkeypatch):
    at = app(fixture_db_master, monkeypatch, "overview")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Board pack (PDF)" in labels and "Board pack (PowerPoint)" in labels
    since = next(d for d in at.date_input if d.label.startswith("Changes since"))
    assert since.value == date(2023, 3, 31)  # 91 days before the as-of date


def test_table_downloads_fetch_the_complete_list(demo_db, monkeypatch):
    from tracker.app import data, downloads
    from tracker.app.downloads import full_rows
    from tracker.core.filters import Filters
    from tracker.people.access import Reader
    from tracker.store import queries

    monkeypatch.setenv("TRACKER_DB", str(demo_db))
    for module in (data, downloads):  # every force
        monkeypatch.setattr(module, "current_reader", lambda: Reader(None, "sign-in off"))
    filters = Filters(as_of=date(2026, 11, 28))
    rows = full_rows("overdue_items", filters, sort="days_overdue", limit=10_000_000)()
    con = open_reader(demo_db)
    overdue = int(queries.run(con, "headline", **filters.params())["overdue"])
    assert overdue > 0 and len(rows) == overdue
    assert rows["days_overdue"].is_monotonic_decreasing
