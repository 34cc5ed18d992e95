"""The PEEL page's parts: each force's questions worst grade first, in words a board reads ('requires improvement in
investigating crime, 5 AFIs open, 2 overdue'), and the grades by year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from tracker.app.data import query
from tracker.app.view import literal, table
from tracker.core.display import missing
from tracker.core.filters import Filters
from tracker.core.text import markdown_literal

TREND = {"better": "better than", "worse": "worse than", "same": "the same as"}


def question_sentence(row) -> str:
    """'Requires improvement in investigating crime (2025; worse than good in 2023): 5 AFIs open, 2 overdue.'"""
    moved = "" if missing(row.trend) else f"; {TREND[row.trend]} {row.previous_grade} in {int(row.previous_year)}"
    afis = f"{int(row.afis_open):,} AFI{'s' * (int(row.afis_open) != 1)} open, {int(row.afis_overdue):,} overdue"
    return f"{row.grade.capitalize()} in {row.question[0].lower() + row.question[1:]} ({int(row.year)}{moved}): {afis}."


def grade_table(history: pd.DataFrame) -> pd.DataFrame:
    """The grades as a table: a row a force and question, a column a year."""
    if history.empty:
        return history
    wide = history.pivot_table(index=["force", "question"], columns="year", values="grade", aggfunc="first")
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index()


def peel_view(filters: Filters) -> None:
    """The PEEL questions of the forces the filters select (one force reads best: choose it in the sidebar)."""
    questions = query("peel_questions", filters)
    if questions.empty:
        st.info("No PEEL grades are held for the forces the filters select. An administrator imports them: "
                "python -m tracker peel import FILE (see the README).", icon=":material/info:")
        return
    for force, rows in questions.groupby("force", sort=False):
        st.header(markdown_literal(force))  # a force's name is data; a heading reads Markdown
        for row in rows.head(5).itertuples(index=False):
            literal(question_sentence(row))
        if len(rows) > 5:
            st.caption(f"The other {len(rows) - 5:,} questions are in the table below.")
    st.header("Every question")
    table(questions, "peel-questions", "peel_questions")
    st.header("Grades by year")
    table(grade_table(query("peel_grade_history", filters)), "peel-grades", "peel_grades")
