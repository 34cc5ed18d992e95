"""Backtest of the forecasts on the demo's own history: forecasts made as of past dates for items open then whose
target has since passed, against whether they were complete by it. Brier scores and a calibration table.

Run from the repository root:  .venv/bin/python -m benchmarks.forecast_backtest
Writes benchmarks/forecast-results.md.
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import BENCH_SQL  # noqa: E402
from tracker.core.filters import Filters  # noqa: E402
from tracker.demo.builder import build_demo  # noqa: E402
from tracker.store import queries  # noqa: E402
from tracker.store.database import open_reader  # noqa: E402
from tracker.store.queries import sql_text  # noqa: E402

AS_OF = date(2026, 11, 28)
MADE = (date(2023, 11, 28), date(2024, 5, 28), date(2024, 11, 28))
BINS = (0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0001)


def outcomes(con, made: date) -> tuple[np.ndarray, np.ndarray, float]:
    """(forecast chances, outcomes 1/0, the base rate known on `made`) for items open and not overdue on `made` whose
    target fell by AS_OF."""
    forecast = queries.run(con, "forecasts", **Filters(as_of=made).params(), keys=None)
    forecast = forecast[forecast["p_by_target"].notna() & forecast["days_overdue"].isna()]
    forecast = forecast[forecast["target_current"].dt.date <= AS_OF]
    done = dict(con.cursor().execute(sql_text(BENCH_SQL / "completed_items.sql"), {"d": AS_OF}).fetchall())
    y = np.array([1.0 if k in done and done[k] <= t.date() else 0.0
                  for k, t in zip(forecast["key"], forecast["target_current"], strict=True)])
    base = con.cursor().execute(sql_text(BENCH_SQL / "base_rate.sql"), {"d": made}).fetchall()[0][0]
    return forecast["p_by_target"].to_numpy(), y, float(base)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo(db, n=8000, seed=7, as_of=AS_OF)
        con = open_reader(db)
        runs = {made: outcomes(con, made) for made in MADE}
    lines = ["# Forecast backtest on the 8,000-recommendation demo", "",
             ("Forecasts of the chance an open item is complete by its current target, made as of a past date from the "
             "conditional Kaplan–Meier curve of comparable items (same kind and theme), against what happened by "
             f"{AS_OF}. Items open and not yet overdue on that date, whose target fell by {AS_OF}. Brier score: lower "
             "is better; *base rate* forecasts every item at the share of items complete by their target among those "
             "whose target had passed by that date (what a board knew then); *hindsight* uses the outcome rate itself."),
             "", "| forecast made | items | complete by target | Brier | base rate (its Brier) | hindsight constant |",
             "|---|---:|---:|---:|---:|---:|"]
    all_p, all_y = [], []
    for made, (p, y, base) in runs.items():
        all_p += p.tolist()
        all_y += y.tolist()
        lines.append(f"| {made} | {len(y):,} | {y.mean():.1%} | {np.mean((p - y) ** 2):.3f} | {base:.1%} "
                     f"({np.mean((base - y) ** 2):.3f}) | {np.mean((y.mean() - y) ** 2):.3f} |")
    p, y = np.array(all_p), np.array(all_y)
    lines += ["", "## Calibration (all three dates)", "", "| forecast chance | items | mean forecast | observed |",
              "|---|---:|---:|---:|"]
    for lo, hi in itertools.pairwise(BINS):
        m = (p >= lo) & (p < hi)
        if m.any():
            lines.append(f"| {lo:.0%}–{min(hi, 1):.0%} | {m.sum():,} | {p[m].mean():.1%} | {y[m].mean():.1%} |")
    out = ROOT / "benchmarks" / "forecast-results.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
