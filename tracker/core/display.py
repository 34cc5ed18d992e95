"""Numbers and days as a board reads them, shared by the pages and the board pack."""

from __future__ import annotations

import math

import pandas as pd


def missing(value) -> bool:
    """True for None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return bool(pd.isna(value)) if pd.api.types.is_scalar(value) else False


def fmt_int(value) -> str:
    """1234 -> '1,234'; missing -> '–'."""
    return "–" if missing(value) else f"{int(value):,}"


def fmt_pct(value) -> str:
    """0.456 -> '46%'; missing -> '–'."""
    return "–" if missing(value) else f"{value:.0%}"


def fmt_days(value) -> str:
    """412.0 -> '412 days'; missing -> '–'."""
    return "–" if missing(value) else f"{round(value):,} days"
