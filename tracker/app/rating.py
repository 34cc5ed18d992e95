"""RAG on the pages: each force's rule as it stood on the view's date, the rows rated by it, and its legend."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd
import streamlit as st

from tracker.app.data import query
from tracker.core.filters import Filters
from tracker.core.policies import rag_rules
from tracker.core.rag import Rules, rated
from tracker.core.text import markdown_literal


def force_rules(filters: Filters) -> Rules:
    """The RAG rule of each force the reader may see, as its administrators had set it on the view's date."""
    return rag_rules(query("force_policies", filters.only_date()).to_dict("records"))


def rater(filters: Filters) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Rows of open items with their rating as the second column, by their forces' rules on the view's date: for a
    table and for its downloads alike."""
    rules = force_rules(filters)
    return lambda rows: rated(rows, rules, filters.as_of)


def legend(filters: Filters, forces: Iterable[str]) -> None:
    """The rules of these forces in words, under the rated table (force names are data: shown as written)."""
    st.caption(markdown_literal(force_rules(filters).legend(forces)))
