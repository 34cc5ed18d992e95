"""Pure logic: chart selection to filter, red/amber/green, filters from widget state, sort lists, the loader."""

from datetime import date

import pandas as pd
import pytest

from tracker.app.selection import selection_to_filter
from tracker.app.sidebar import filters_from_state
from tracker.core.filters import Filters, sort_key
from tracker.core.rag import rag
from tracker.core.statuses import CANONICAL, normalise

STATUSES = set(CANONICAL)


def test_funnel_click_selects_its_status():
    event = {"selection": {"points": [{"x": 12, "y": "Being progressed", "customdata": ["being-progressed"]}]}}
    assert selection_to_filter(event, STATUSES) == {"status": ["being-progressed"]}


def test_stacked_bar_click_selects_force_and_status():
    event = {"selection": {"points": [{"x": 3, "y": "Kent", "customdata": ["complete"]},
                                      {"x": 1, "y": "Essex", "customdata": ["complete"]}]}}
    assert selection_to_filter(event, STATUSES) == {"status": ["complete"], "force": ["Kent", "Essex"]}


@pytest.mark.parametrize("event", [None, {}, {"selection": {"points": []}},
                                   {"selection": {"points": [{"y": "Atlantis", "customdata": ["'; DROP"]}]}}])
def test_empty_or_unknown_selections_change_nothing(event):
    assert selection_to_filter(event, STATUSES) == {}


@pytest.mark.parametrize(("overdue", "slip", "stale", "expected"), [
    (None, None, False, "green"), (0, 0, False, "green"), (1, 0, False, "amber"), (90, 0, False, "amber"),
    (91, 0, False, "red"), (0, 181, False, "amber"), (0, 0, True, "red"), (float("nan"), float("nan"), False, "green"),
    (pd.NA, pd.NA, False, "green"), (95, pd.NA, False, "red"),  # a nullable integer column's missing value
])
def test_rag(overdue, slip, stale, expected):
    assert rag(overdue, slip, stale) == expected


def test_filters_from_state_ignores_malformed_values():
    today = date(2026, 11, 28)
    f = filters_from_state({"force": ["Kent", 3], "as_of": "yesterday", "stale": -5, "q": "x" * 500}, today)
    assert f == Filters(as_of=today, forces=("Kent",), q="x" * 200, stale_days=180)
    assert filters_from_state({"as_of": date(2030, 1, 1)}, today).as_of == today
    assert filters_from_state({"as_of": date(2020, 1, 1), "stale": 90}, today) == Filters(as_of=date(2020, 1, 1), stale_days=90)


def test_params_use_none_for_empty_filters():
    p = Filters(as_of=date(2024, 1, 1), forces=("Kent",)).params()
    assert list(p) == ["filters"]  # one STRUCT parameter
    f = p["filters"]
    assert f["forces"] == ["Kent"] and f["themes"] is None and f["q"] is None and f["as_of"] == date(2024, 1, 1)


def test_sort_columns_come_from_a_fixed_list():
    assert sort_key("overdue_items", "slip_days") == "slip_days"
    assert sort_key("overdue_items", "text; DROP TABLE updates") == "days_overdue"


@pytest.mark.parametrize(("raw", "slug", "known"), [
    ("Being Progressed", "being-progressed", True), ("completed", "complete", True), ("closed", "complete", True),
    ("On Hold!", "on-hold", False),
])
def test_status_normalisation(raw, slug, known):
    assert normalise(raw) == (slug, known)


def test_due_text_says_where_an_item_stands_against_its_target():
    from tracker.core.display import due_text

    day = date(2026, 11, 28)
    assert due_text("being-progressed", date(2026, 12, 31), None, day) == "not yet due (33 days left)"
    assert due_text("being-progressed", day, None, day) == "due today"
    assert due_text("being-progressed", date(2026, 11, 1), 27, day) == "27 days overdue"
    assert due_text("pending-sign-off", None, None, day) == "no target"
    assert due_text("no-further-action-needed", date(2020, 1, 1), None, day) == "closed"


def test_clip_runs_whitespace_together_and_cuts_with_an_ellipsis():
    from tracker.core.text import clip

    assert clip("a  b\nc", 10) == "a b c"
    assert clip("abcdefghijk", 5) == "abcd…"
    assert clip("abc de fghij", 7) == "abc de…"
    assert clip(None, 5) == "" and clip(float("nan"), 5, "–") == "–"
