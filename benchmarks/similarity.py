"""Related recommendations: which method finds the same ask in other reports, measured on the demo (its generator
knows which texts share an ask: the stem a text is made from), and how long one recommendation page's look-up takes.

Methods: TF-IDF cosine over words in SQL (term_weights, built with the derived tables: what the product uses),
DuckDB's jaccard() and jaro_winkler_similarity() on the texts, each over the same force's recommendations of other
reports. Precision of the top 5 over a sample of items that have at least five of the same ask to find.

Run from the repository root:  .venv/bin/python -m benchmarks.similarity [--sizes 1000,100000] [--sample 300]
Writes benchmarks/similarity-results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import BENCH_SQL  # noqa: E402
from tracker.analysis.similarity import ask_of, precision_at_k  # noqa: E402
from tracker.core.filters import Filters  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.demo.words import PURPOSES, STEMS  # noqa: E402
from tracker.store import queries  # noqa: E402
from tracker.store.database import open_reader  # noqa: E402
from tracker.store.queries import quoted_statement, sql_text  # noqa: E402

AS_OF = date(2026, 11, 28)
K = 5
# The other methods (benchmarks/sql/similar_by_string.sql): the same force's recommendations of other reports, by a
# DuckDB string similarity of the whole texts.
STRING_METHODS = ("jaccard", "jaro_winkler")


def asks() -> list[str]:
    """Every stem the generator makes texts from."""
    return [stem for stems in STEMS.values() for stem in stems]


def sample(con, n: int, seed: int = 1) -> list[tuple[str, str]]:
    """Up to n (key, ask) of items with at least K items of the same ask in other reports of their force."""
    rows = con.cursor().execute(sql_text(BENCH_SQL / "recommendation_texts.sql")).fetchall()
    labels = {key: ask_of(text, asks()) for key, _, _, text in rows}
    by_force: dict[str, list] = {}
    for key, force, report, _ in rows:
        by_force.setdefault(force, []).append((key, report))
    eligible = []
    for key, force, report, _ in rows:
        if labels[key] is None:
            continue
        same = sum(1 for other, rep in by_force[force] if rep != report and labels[other] == labels[key])
        if same >= K:
            eligible.append((key, labels[key]))
    random.Random(seed).shuffle(eligible)
    return eligible[:n], labels


def reworded(text: str) -> str:
    """The same ask as a later report might word it: the closing purpose first ('In line with national guidance,
    the force should …')."""
    for purpose in PURPOSES:
        if text.endswith(" " + purpose):
            stem = text[: -len(purpose) - 1]
            return f"{purpose[0].upper()}{purpose[1:-1]}, {stem[0].lower()}{stem[1:]}."
    return text


def measure(con, picked, labels, rewording: bool = False) -> dict[str, tuple[float, float, float]]:
    """method -> (precision of the top K, median ms, p95 ms) over the picked items; with rewording, each item's text
    as reworded() gives it (TF-IDF reads words, not their order: its look-up is the same)."""
    filters = Filters(as_of=AS_OF).params()
    out = {}
    texts = {key: text for key, _, _, text in con.cursor().execute(sql_text(BENCH_SQL / "recommendation_texts.sql"))
             .fetchall()}
    methods = {"tfidf": lambda key: queries.run(con, "similar_items", **filters, key=key, limit=K)["key"].tolist()}
    sql = sql_text(BENCH_SQL / "similar_by_string.sql")
    for name in STRING_METHODS:
        methods[name] = lambda key, name=name: [k for k, _ in con.cursor().execute(sql, {
            "key": key, "k": K, "text": reworded(texts[key]) if rewording else None, "method": name}).fetchall()]
    for name, look in methods.items():
        look(picked[0][0])  # warm
        scores, times = [], []
        for key, wanted in picked:
            started = time.perf_counter()
            found = look(key)
            times.append(time.perf_counter() - started)
            scores.append(precision_at_k([labels[k] for k in found], wanted, K))
        times.sort()
        out[name] = (statistics.mean(scores), statistics.median(times) * 1000,
                     times[min(len(times) - 1, round(0.95 * len(times)) - 1)] * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,100000")
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "similarity-results.md")
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            db = Path(tmp) / f"demo-{n}"
            build_demo(db, n=n, seed=7, as_of=AS_OF)
            con = open_reader(db)
            picked, labels = sample(con, args.sample)
            rows = con.cursor().execute(quoted_statement(BENCH_SQL / "table_count.sql", table="term_weights")
                                        ).fetchall()[0][0]
            results.append((n, len(picked), rows, measure(con, picked, labels), measure(con, picked, labels, True)))
            print(n, results[-1], flush=True)
    write(args.output, results)
    return 0


def write(path: Path, results) -> None:
    """benchmarks/similarity-results.md."""
    import psutil

    lines = [f"# Related recommendations: which method (benchmarks/similarity.py, {date.today().isoformat()})", "",
             (f"Machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB, Python "
              f"{platform.python_version()}. The demo at each size; a sample of its items that have at least {K} "
              "items of the same ask (the stem the generator made the text from) in other reports of their force; "
              f"for each, the top {K} of the same force's recommendations of other reports. Precision: the share of "
              f"the top {K} that share the item's ask. Time: one look-up on a warm copy, as a recommendation page "
              "makes it."), "",
             ("The demo's texts are an ask followed by a purpose clause, so texts of one ask share their opening words: "
              "a method that rewards a shared beginning (Jaro–Winkler) scores well on them as generated. Reports word "
              "the same ask differently, so each item is also measured reworded, its purpose clause first ('In line "
              "with national guidance, the force should …'). TF-IDF reads the words and not their order: its look-up "
              "is the same either way."), "",
             "| recommendations | items sampled | TF-IDF rows | method | precision of the top 5 | reworded | median | p95 |",
             "|---:|---:|---:|---|---:|---:|---:|---:|"]
    for n, picked, rows, by_method, again in results:
        for name, (precision, median, p95) in by_method.items():
            lines.append(f"| {n:,} | {picked:,} | {rows:,} | {name} | {precision:.3f} | {again[name][0]:.3f} "
                         f"| {median:.1f} ms | {p95:.1f} ms |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
