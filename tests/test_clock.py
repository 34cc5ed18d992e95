"""The one clock: today's date unless TRACKER_TODAY pins it, and a clear message when the pin is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core import clock
from tracker.core.errors import TrackerError


def test_a_pinned_date_is_today(monkeypatch):
    monkeypatch.setenv(clock.PINNED, "2025-03-14")
    assert clock.today() == date(2025, 3, 14)


def test_without_a_pin_today_is_the_calendars(monkeypatch):
    monkeypatch.delenv(clock.PINNED, raising=False)
    before = date.today()
    assert clock.today() in {before, date.today()}


def test_a_pin_that_is_not_a_date_is_named(monkeypatch):
    monkeypatch.setenv(clock.PINNED, "14/03/2025")
    with pytest.raises(TrackerError, match="TRACKER_TODAY must be a date such as 2026-03-31, not '14/03/2025'"):
        clock.today()
