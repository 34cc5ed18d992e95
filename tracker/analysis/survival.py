"""Reading survival estimates for people: medians with their interval, the log-rank answer in words, numbers at risk.

The estimates themselves are SQL aggregates (store/schema/06_survival.sql); these pure functions only phrase them.
"""

from __future__ import annotations

import math

import pandas as pd

from tracker.core.display import missing

WHY_KM = ("Time to complete is estimated the Kaplan–Meier way: open items count as not complete yet (censored at the "
          "date), not dropped, so a force that closes only its easy items, or a recent year, does not look fast.")
FORECAST_METHOD = ("Forecasts: from comparable items (the same kind and theme), given how long this one has been open "
                   "(the conditional Kaplan–Meier curve S(t) / S(age)): the chance it is complete by its current target, "
                   "and the date by which half of such items are complete.")
AT_RISK_DAYS = (0, 365, 730, 1095, 1460, 1825)


def logrank_p(chi2: float | None) -> float | None:
    """The p-value of a log-rank chi-squared statistic with one degree of freedom."""
    if chi2 is None or missing(chi2):
        return None
    return math.erfc(math.sqrt(max(chi2, 0.0) / 2))


def logrank_words(who: str, observed: float, expected: float, p: float | None) -> str:
    """The log-rank answer as a board reads it (`who` is fixed wording or a force name shown as plain text)."""
    if p is None:
        return f"There are too few completed recommendations to compare {who} with the rest of the country."
    pace = "faster than" if observed > expected else "more slowly than"
    if p < 0.05:
        return (f"{who} completes its recommendations {pace} the rest of the country: {observed:,.0f} completed where "
                f"the national pace would give {expected:,.0f} (log-rank test, p = {p:.3f}).")
    return (f"{who} completes its recommendations at a pace not clearly different from the rest of the country: "
            f"{observed:,.0f} completed where the national pace would give {expected:,.0f} (log-rank test, p = {p:.2f}).")


def median_text(median, lower, upper) -> str:
    """'612 days (95% interval 580 to 650)'; 'not reached' when more than half are still open."""
    if missing(median):
        return "not reached: more than half still open"
    low = "?" if missing(lower) else f"{int(lower):,}"
    high = "not reached" if missing(upper) else f"{int(upper):,}"
    return f"{int(median):,} days (95% interval {low} to {high})"


def at_risk(curve: pd.DataFrame, days: tuple[int, ...] = AT_RISK_DAYS) -> pd.DataFrame:
    """How many items each group still had under observation (open and not censored) at each time: grp × days."""
    rows = {}
    for grp, part in curve.groupby("grp", sort=True):
        part = part.sort_values("t")
        rows[grp] = [int(part.loc[part["t"] >= d, "at_risk"].iloc[0]) if (part["t"] >= d).any() else 0 for d in days]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[f"{d // 365} y" if d else "start" for d in days])


def survival_at(curve: pd.DataFrame, t: float) -> float:
    """S(t) of one group's curve: the last estimate at or before t (1 before the first)."""
    before = curve[curve["t"] <= t]
    return 1.0 if before.empty else float(before.sort_values("t")["s"].iloc[-1])


# At most this many items at risk of missing their target go into a pack or an agenda (queries/at_risk_items.sql
# says which are at risk, least likely first; they show the first few and count these).
AT_RISK_SHOWN = 5_000
