"""Benchmarks at 1k, 10k and 100k recommendations: build, import, every query, every page, memory, the pandas pattern.

Run from the repository root:  .venv/bin/python -m benchmarks.run [--sizes 1000,10000,100000] [--runs 5] [--no-memory]
Prints one table and writes benchmarks/results.md. It is a measurement, not a test: nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import BENCH_SQL, pandas_pattern  # noqa: E402
from tracker.core.filters import Filters  # noqa: E402
from tracker.core.responses import RESPONSE_DAYS  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.exports.files import write_csv  # noqa: E402
from tracker.ingest.importer import ingest  # noqa: E402
from tracker.ingest.limits import MAX_ROWS  # noqa: E402
from tracker.notify.send import RESPONSE_OVERDUE_WITHIN, RESPONSE_WITHIN  # noqa: E402
from tracker.response.rules import DRAFTERS  # noqa: E402
from tracker.store import queries  # noqa: E402
from tracker.store.database import open_reader  # noqa: E402
from tracker.store.queries import quoted_statement, sql_text  # noqa: E402

AS_OF = date(2026, 11, 28)
APP = str(ROOT / "dashboard.py")
PAGES = ["overview", "overdue", "forces", "trends", "reports", "owners", "my_items", "recommendation"]
TARGETS = {"warm": 0.300, "cold": 2.0, "query": 0.100, "build": 60.0, "import": 30.0, "memory_mb": 600.0, "pandas_ratio": 10.0}


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds one call takes, and its result."""
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def median_of(fn: Callable[[], object], runs: int) -> float:
    """Median seconds over several calls."""
    return statistics.median(timed(fn)[0] for _ in range(runs))


def query_params(con) -> dict:
    """Typical parameters for every query: the national view as of the demo date, a real key and owner."""
    key, rec_id, force, report = con.execute(sql_text(BENCH_SQL / "first_recommendation.sql")).fetchall()[0]
    top = queries.run(con, "owner_workload", **Filters(as_of=AS_OF).params(), by="owner").iloc[0]
    return {**Filters(as_of=AS_OF).params(), "sort": "days_overdue", "limit": 5000, "by": "owner",
            "person": top["person_key"], "person_label": f"{top['person']} ({top['force']})",
            "key": key, "id": rec_id, "since": date(2026, 8, 29), "email": "nobody@example", "split": "kind",
            "group": ["Kent"], "seq": 1, "person_id": 1, "search": None, "offset": 0, "keys": None,
            "force": force, "report": report, "board": f"{force} strategic board", "meeting": 1, "file_id": 1,
            "days": RESPONSE_DAYS, "within": RESPONSE_WITHIN, "overdue_within": RESPONSE_OVERDUE_WITHIN,
            "roles": list(DRAFTERS)}


def time_queries(db: Path, runs: int) -> dict[str, float]:
    """Each query on its own, uncached, on the app's kind of read-only connection: median seconds."""
    con = open_reader(db)
    params = query_params(con)
    out = {}
    for name in queries.names():
        queries.run(con, name, **params)  # first run: DuckDB's file pages into memory
        out[name] = median_of(lambda n=name: queries.run(con, n, **params), runs)
    return out


def time_pages(db: Path, runs: int) -> dict[str, dict[str, float]]:
    """Each page's script run server-side through AppTest, in a warm process: cold, cache-cold and warm medians."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["TRACKER_DB"] = str(db)
    con = open_reader(db)
    params = query_params(con)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=300)
        at.query_params["as_of"] = AS_OF.isoformat()
        if page == "recommendation":
            at.query_params["id"] = params["key"]
        if page == "my_items":
            at.query_params["me"] = params["person_label"]
        at.run()
        if page != "overview":
            at.switch_page(f"pages/{page}.py")
        st.cache_data.clear()
        st.cache_resource.clear()
        cold, _ = timed(at.run)  # nothing cached: the connection is opened and every query runs
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]  # a page shows a store error as a message, not an exception

        def cache_cold(at=at):
            st.cache_data.clear()
            at.run()

        out[page] = {"cold": cold, "cache_cold": median_of(cache_cold, runs), "warm": median_of(at.run, runs)}
    return out


def time_pandas(db: Path, runs: int) -> dict[str, float]:
    """The load-everything pattern: a first load, then per rerun a cache hit plus pandas filtering, per page."""
    import streamlit as st

    st.cache_data.clear()
    first, _ = timed(lambda: pandas_pattern.load_all(str(db)))
    out = {"first_load": first, "cache_hit": median_of(lambda: pandas_pattern.load_all(str(db)), runs)}
    for name in ("overview", "overdue", "owners"):
        fn = getattr(pandas_pattern, name)
        out[name] = median_of(lambda f=fn: f(str(db), AS_OF), runs)
    return out


FIGURES = {  # the queries behind each compared page's figures, with their extra parameters
    "overview": [("headline", {}), ("status_funnel", {}), ("status_by_force", {})],
    "overdue": [("headline", {}), ("overdue_items", {"sort": "days_overdue", "limit": 5000}), ("ageing_by_force", {}),
                ("stale_items", {"limit": 5000})],
    "owners": [("owner_workload", {"by": "owner"})],
}


def time_our_figures(db: Path, runs: int) -> dict[str, dict[str, float]]:
    """Our way to the same figures: the page's queries uncached (a filter change) and from the warm query cache (a rerun)."""
    import streamlit as st

    from tracker.app import data
    from tracker.people.access import Reader

    os.environ["TRACKER_DB"] = str(db)
    # Outside a page run there is no signed-in reader; read as a national reader (every force), as the pages do.
    data.current_reader = lambda: Reader(None, "sign-in off")
    filters = Filters(as_of=AS_OF)
    out = {}
    for page, figures in FIGURES.items():
        def compute(figures=figures):
            for name, extra in figures:
                data.query(name, filters, **extra)

        def uncached(compute=compute):
            st.cache_data.clear()
            compute()

        compute()
        out[page] = {"uncached": median_of(uncached, runs), "warm": median_of(compute, runs)}
    return out


def time_pack(db: Path) -> dict[str, float]:
    """Building the board pack for the national view, each format from a fresh connection (the PDF draws its charts
    in Chromium)."""
    from tracker.pack.build import build_pack

    out = {}
    for fmt in ("pdf", "pptx"):
        con = open_reader(db)
        out[fmt], _ = timed(lambda con=con, fmt=fmt: build_pack(fmt, con, Filters(as_of=AS_OF)))
    return out


def in_parts(path: Path, rows: int) -> list[Path]:
    """A CSV as files of at most `rows` rows each, as the import's limits ask of a bigger one (updates-1.csv, …: the
    name still says which table each holds); a small one as it is."""
    import pandas as pd

    parts = []
    for n, chunk in enumerate(pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=rows), start=1):
        if n == 1 and len(chunk) < rows:
            return [path]
        part = path.with_name(f"{path.stem}-{n}{path.suffix}")
        chunk.to_csv(part, index=False)
        parts.append(part)
    path.unlink()
    return parts


def check_same_answers(db: Path) -> None:
    """The pandas pattern computes the same figures as our queries (or the comparison would be meaningless)."""
    import streamlit as st

    st.cache_data.clear()
    con = open_reader(db)
    head = queries.run(con, "headline", **Filters(as_of=AS_OF).params())
    ours = {k: int(head[k]) for k in ("open", "complete", "overdue", "stale")}
    theirs = {k: v for k, v in pandas_pattern.overview(str(db), AS_OF).items() if k in ours}
    assert ours == theirs, (ours, theirs)


def server_memory(db: Path, sessions: int = 10) -> dict[str, float]:
    """Peak RSS of `streamlit run` with `sessions` browser sessions each opening three pages (Debian's Chromium)."""
    from playwright.sync_api import sync_playwright

    from benchmarks.memory import peak_rss
    from tests.app_server import CHROMIUM, FLAGS, READY, streamlit_server

    with streamlit_server(db) as (proc, url):
        server = psutil.Process(proc.pid)
        idle = server.memory_info().rss
        with peak_rss(server) as peak, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            pages = [browser.new_context(viewport={"width": 1440, "height": 900}).new_page() for _ in range(sessions)]
            for path in ("", "overdue", "owners"):
                for pg in pages:
                    pg.goto(f"{url}/{path}?as_of={AS_OF.isoformat()}")
                for pg in pages:
                    pg.wait_for_selector(READY, timeout=120_000)
                    pg.wait_for_selector('[data-testid="stMain"] h1', timeout=120_000)
                    pg.wait_for_selector(READY, timeout=120_000)
            with_sessions = server.memory_info().rss
            browser.close()
        return {"idle_mb": idle / 2**20, "peak_mb": peak.bytes / 2**20, "with_sessions_mb": with_sessions / 2**20}


def machine() -> str:
    """Cores, memory, CPU and versions, for the results' header."""
    import duckdb
    import pandas
    import plotly
    import streamlit

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) \
        if Path("/proc/cpuinfo").exists() else platform.processor()
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.1f} GiB memory, Python "
            f"{platform.python_version()}, DuckDB {duckdb.__version__}, Streamlit {streamlit.__version__}, "
            f"pandas {pandas.__version__}, Plotly {plotly.__version__}")


def ms(seconds: float) -> str:
    """Seconds as milliseconds."""
    return f"{seconds * 1000:,.0f} ms"


def verdict(value: float, target: float, higher_is_better: bool = False) -> str:
    """'met' or 'MISSED' against a target."""
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "**MISSED**"


def report(sizes, builds, counts, imp, qtimes, ptimes, pandas, memory, pack) -> str:
    """Every figure as one Markdown document."""
    big = max(sizes)
    mid = 10_000 if 10_000 in sizes and big != 10_000 else sizes[-2] if len(sizes) > 1 else big
    lines = [f"# Benchmark results ({date.today().isoformat()})", "", f"Machine: {machine()}.", "",
             ("Each figure is a median of several runs unless it says otherwise. Pages are timed server-side with "
             "AppTest in a warm process: *cold* has nothing cached (the connection is opened and every query runs), "
             "*cache-cold* has the connection open but an empty query cache, *warm* is a rerun with the cache warm "
             "(what a click costs)."), "", "## Data", "", "| recommendations | updates | demo build | target |",
             "|---:|---:|---:|---|"]
    for n in sizes:
        lines.append(f"| {counts[n][0]:,} | {counts[n][1]:,} | {builds[n]:.1f} s | "
                     f"{verdict(builds[n], TARGETS['build'])} (< 60 s) |")
    if imp:
        lines += ["", (f"CSV import of the {big:,}-recommendation export ({imp['rows']:,} rows in two files, "
                  f"{imp['mb']:.0f} MB) into a new database: **{imp['seconds']:.1f} s** "
                  f"({verdict(imp['seconds'], TARGETS['import'])}, target < 30 s).")]
    lines += ["", "## Queries (uncached, national view)", "",
              "| query | " + " | ".join(f"{n:,}" for n in sizes) + " | target < 100 ms |",
              "|---|" + "---:|" * len(sizes) + "---|"]
    for name in qtimes[sizes[0]]:
        lines.append(f"| {name} | " + " | ".join(ms(qtimes[n][name]) for n in sizes)
                     + f" | {verdict(qtimes[big][name], TARGETS['query'])} |")
    lines += ["", "## Pages (server-side script run)", "",
              "| page | " + " | ".join(f"{kind} {n:,}" for n in sizes for kind in ("cold", "cache-cold", "warm")) +
              f" | cache-cold {big:,} ÷ {mid:,} | targets |",
              "|---|" + "---:|" * (3 * len(sizes)) + "---:|---|"]
    for page in PAGES:
        cells = [ms(ptimes[n][page][k]) for n in sizes for k in ("cold", "cache_cold", "warm")]
        ratio = ptimes[big][page]["cache_cold"] / ptimes[mid][page]["cache_cold"]
        v = ptimes[big][page]
        verdicts = (f"warm {verdict(v['warm'], TARGETS['warm'])}, cold {verdict(v['cold'], TARGETS['cold'])}, "
                    f"scaling {verdict(ratio, 2.0)}")
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {ratio:.1f}× | {verdicts} |")
    lines += ["", "## Against the load-everything-into-pandas pattern", "",
              ("The same overview, overdue and owner figures computed the way many Streamlit apps do it: every table read "
              "into pandas once under `st.cache_data`, then filtered and grouped in pandas on each rerun (a cache hit "
              "unpickles a fresh copy of the frames). The benchmark first checks both give the same headline counts."), "",
              ("Per rerun, *pandas* is the cache hit plus the pandas work; *ours, filter change* runs the page's DuckDB "
              "queries with the query cache empty; *ours, rerun* takes them from the warm query cache. Ratios are pandas "
              "÷ ours."), "",
              ("| size | pandas first load | pandas cache hit alone | figures | pandas a rerun | ours, filter change | "
              "ours, rerun | ratio (filter change) | ratio (rerun) | target ≥ 10× |"),
              "|---:|---:|---:|---|---:|---:|---:|---:|---:|---|"]
    for n in sizes:
        pd_ = pandas[n]
        for page in FIGURES:
            ours = pd_["ours"][page]
            slow, fast = pd_[page] / ours["uncached"], pd_[page] / ours["warm"]
            lines.append(f"| {n:,} | {ms(pd_['first_load'])} | {ms(pd_['cache_hit'])} | {page} | {ms(pd_[page])} | "
                         f"{ms(ours['uncached'])} | {ours['warm'] * 1000:.1f} ms | {slow:.1f}× | {fast:,.0f}× | "
                         f"filter change {verdict(slow, TARGETS['pandas_ratio'], True)}, "
                         f"rerun {verdict(fast, TARGETS['pandas_ratio'], True)} |")
    lines += ["", "## Board pack, national view of the 8,000-recommendation demo", "",
              (f"PDF {pack['pdf']:.1f} s ({verdict(pack['pdf'], 15.0)}, target < 15 s), PowerPoint {pack['pptx']:.1f} s "
              f"({verdict(pack['pptx'], 15.0)}).")]
    if memory:
        lines += ["", f"## Server memory, 10 browser sessions on the {big:,}-recommendation database", "",
                  (f"Idle after start: {memory['idle_mb']:.0f} MB; peak while the sessions opened three pages each: "
                  f"**{memory['peak_mb']:.0f} MB** ({verdict(memory['peak_mb'], TARGETS['memory_mb'])}, target < 600 MB); "
                  f"with the sessions open: {memory['with_sessions_mb']:.0f} MB.")]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run everything and write benchmarks/results.md."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-memory", action="store_true", help="skip the 10-session memory measurement (needs chromium)")
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md")
    args = ap.parse_args(argv)
    import streamlit.logger

    streamlit.logger.set_log_level("error")  # AppTest and caches outside a server warn on every call
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    builds, counts, qtimes, ptimes, pandas = {}, {}, {}, {}, {}
    for n in sizes:
        db = work / f"demo-{n}.duckdb"
        builds[n], made = timed(lambda db=db, n=n: build_demo(db, n=n, seed=7, as_of=AS_OF))
        counts[n] = (made["recommendations"], made["updates"])
        print(f"{n:,}: built {counts[n][1]:,} updates in {builds[n]:.1f} s", flush=True)
        qtimes[n] = time_queries(db, args.runs)
        print(f"{n:,}: queries, slowest {max(qtimes[n].values()) * 1000:.0f} ms", flush=True)
        ptimes[n] = time_pages(db, args.runs)
        print(f"{n:,}: pages, slowest warm {max(p['warm'] for p in ptimes[n].values()) * 1000:.0f} ms", flush=True)
        check_same_answers(db)
        pandas[n] = {**time_pandas(db, max(3, args.runs // 2)), "ours": time_our_figures(db, args.runs)}
        print(f"{n:,}: pandas pattern overview {pandas[n]['overview'] * 1000:.0f} ms a rerun", flush=True)
    big = work / f"demo-{max(sizes)}.duckdb"
    con = open_reader(big)
    csv_dir = work / "csv"
    files = [part for f in write_csv(con, csv_dir) for part in in_parts(f, MAX_ROWS)]
    rows = sum(con.execute(quoted_statement(BENCH_SQL / "table_count.sql", table=t)).fetchone()[0]
               for t in ("recommendations", "updates"))
    seconds, _ = timed(lambda: ingest([str(csv_dir)], work / "imported.duckdb"))
    imp = {"seconds": seconds, "rows": rows, "mb": sum(f.stat().st_size for f in files) / 2**20}
    print(f"CSV import: {seconds:.1f} s", flush=True)
    pack_db = work / "pack-8000.duckdb"
    build_demo(pack_db, n=8000, seed=7, as_of=AS_OF)
    pack = time_pack(pack_db)
    print(f"board pack: PDF {pack['pdf']:.1f} s, PPTX {pack['pptx']:.1f} s", flush=True)
    memory = None if args.no_memory else server_memory(big)
    text = report(sizes, builds, counts, imp, qtimes, ptimes, pandas, memory, pack)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
