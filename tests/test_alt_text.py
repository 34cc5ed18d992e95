"""Each chart's text alternative, on rows whose sentence and table were worked out by hand; and st.table's cells kept
literal."""

from __future__ import annotations

from datetime import date

import pandas as pd

from tracker.analysis import alt_text
from tracker.app.view import plain_table
from tracker.core.text import markdown_literal


def test_the_funnel_says_every_stage_and_those_shown_apart():
    df = pd.DataFrame({"status": ["awaiting-review", "being-progressed", "complete", "superseded"],
                       "n": [10, 25, 60, 5]})
    alt = alt_text.funnel(df)
    assert alt.sentence == ("Status funnel of 100 recommendations: 10 awaiting review, 25 being progressed, "
                            "0 pending sign-off and 60 complete; 5 superseded and 0 no further action needed, "
                            "shown apart.")
    assert alt.table.to_dict("list") == {
        "Status": ["Awaiting review", "Being progressed", "Pending sign-off", "Complete", "Superseded",
                   "No further action needed"],
        "Recommendations": [10, 25, 0, 60, 5, 0], "Share": ["10%", "25%", "0%", "60%", "5%", "0%"]}


def test_status_by_force_names_the_largest_and_keeps_the_charts_order():
    df = pd.DataFrame({"force": ["Kent", "Kent", "Essex", "Essex", "Surrey"],
                       "status": ["being-progressed", "complete", "being-progressed", "complete", "complete"],
                       "n": [5, 1, 2, 9, 3]})
    alt = alt_text.status_by_force(df)
    assert alt.sentence == ("Status by force: 20 recommendations in 3 forces; the most are in Essex (11), Kent (6) "
                            "and Surrey (3).")
    assert alt.table.to_dict("list") == {"Force": ["Kent", "Essex", "Surrey"], "Being progressed": [5, 2, 0],
                                         "Complete": [1, 9, 3], "Total": [6, 11, 3]}


def test_ageing_counts_each_band():
    df = pd.DataFrame({"force": ["Kent", "Kent", "Essex"], "bucket": [1, 3, 1], "ageing": ["1–30", "91–180", "1–30"],
                       "n": [4, 2, 1]})
    alt = alt_text.ageing_by_force(df)
    assert alt.sentence == ("Days overdue, by force: 7 overdue recommendations, 5 1–30 days overdue and 2 91–180 days "
                            "overdue; the most are in Kent (6) and Essex (1).")
    assert list(alt.table.columns) == ["Force", "1–30 days", "91–180 days", "Total"]


def test_workload_names_the_person_with_most():
    df = pd.DataFrame({"person": ["Supt A", "DCI B"], "force": ["Kent", "Essex"], "open": [9, 4], "overdue": [3, 0]})
    alt = alt_text.workload(df, "owner")
    assert alt.sentence == ("Open and overdue items by owner, for the 2 with the most open: Supt A (Kent) has the most, "
                            "9 open and 3 overdue.")
    assert alt.table.to_dict("list") == {"Owner": ["Supt A", "DCI B"], "Force": ["Kent", "Essex"], "Open": [9, 4],
                                         "Overdue": [3, 0]}


def test_the_trend_reads_its_first_and_last_quarter_and_the_national_line():
    selected = pd.DataFrame({"quarter_end": [date(2026, 3, 31), date(2026, 6, 30)], "implementation_rate": [0.25, 0.5]})
    national = pd.DataFrame({"quarter_end": [date(2026, 3, 31), date(2026, 6, 30)], "implementation_rate": [0.3, 0.4]})
    alt = alt_text.implementation_trend(selected, national, "Kent")
    assert alt.sentence == ("Implementation rate by quarter for Kent: 25% at 31 Mar 2026, 50% at 30 Jun 2026, "
                            "against 40% nationally.")
    assert alt.table.to_dict("list") == {"Quarter ending": ["31 Mar 2026", "30 Jun 2026"], "Kent": ["25%", "50%"],
                                         "National": ["30%", "40%"]}


def test_force_against_national_counts_those_above():
    df = pd.DataFrame({"force": ["Kent", "Essex", "Surrey"], "implementation_rate": [0.5, 0.7, 0.2]})
    alt = alt_text.force_vs_national(df, 0.45)
    assert alt.sentence == ("Implementation rate by force, 3 forces: highest Essex (70%), lowest Surrey (20%); 2 above "
                            "the national rate of 45%.")
    assert alt.table["Force"].tolist() == ["Essex", "Kent", "Surrey"]


def test_the_report_grid_leaves_a_force_without_the_report_blank():
    df = pd.DataFrame({"report_title": ["Custody", "Custody", "Vetting"], "force": ["Kent", "Essex", "Kent"],
                       "share_complete": [0.5, 1.0, 0.25]})
    alt = alt_text.report_grid(df)
    assert alt.sentence == ("Share complete, report by force: 2 reports across 2 forces; a blank cell is a force with "
                            "none of that report.")
    assert alt.table.to_dict("list") == {"Report": ["Custody", "Vetting"], "Essex": ["100%", ""],
                                         "Kent": ["50%", "25%"]}


def test_a_history_says_its_latest_status():
    history = pd.DataFrame({"on_date": [date(2025, 1, 5), date(2025, 6, 1), date(2025, 3, 2)],
                            "status": ["awaiting-review", "being-progressed", None]})
    alt = alt_text.timeline(history)
    assert alt.sentence == ("History: 3 dated entries, 2 of them a status; the latest status is being progressed, from "
                            "1 Jun 2025.")
    assert alt.table.to_dict("list") == {"Date": ["5 Jan 2025", "2 Mar 2025", "1 Jun 2025"],
                                         "Entry": ["Awaiting review", "Comment", "Being progressed"]}


def test_curves_are_read_at_whole_years():
    curve = pd.DataFrame({"grp": ["All"] * 3, "t": [200.0, 500.0, 900.0], "s": [0.8, 0.5, 0.3]})
    alt = alt_text.completion_curves(curve)
    assert alt.sentence == "Share complete by years since publication, 1 group; by two years: All 50%."
    assert alt.table.to_dict("list") == {"Group": ["All"], "Complete by 1 year": ["20%"],
                                         "Complete by 2 years": ["50%"], "Complete by 3 years": ["70%"]}


def test_medians_and_cohorts_and_flows():
    medians = pd.DataFrame({"grp": [2019, 2020, 2021], "median": [412.0, 300.4, None],
                            "median_lower": [380.0, 250.0, None], "median_upper": [450.0, None, None]})
    alt = alt_text.median_by_cohort(medians)
    assert alt.sentence == "Median days to complete, by year published: 412 days for 2019 and 300 days for 2020."
    assert alt.table["95% interval to"].tolist() == ["450", "–"]
    cohort = pd.DataFrame({"year": [2019, 2020, 2021], "share_1y": [0.4, 0.55, None], "share_2y": [0.7, None, None]})
    alt = alt_text.cohorts(cohort)
    assert alt.sentence == ("Completed within one and two years, by year published, 2019 to 2021: the highest share "
                            "within a year is 55%, for 2020.")
    flow = pd.DataFrame({"quarter": [date(2026, 1, 1), date(2026, 4, 1)], "opened": [12, 8], "closed": [3, 10]})
    assert alt_text.opened_closed(flow).sentence == ("Opened and completed per quarter, over 2 quarters: 20 opened and "
                                                     "13 completed.")


def test_a_cell_for_st_table_shows_as_written():
    import html
    import re

    # Punctuation as references; a word joiner (invisible) where a bare address would be made a link.
    assert markdown_literal("[x](http://e.x) **b** a@b.c") == (
        "&#91;x&#93;&#40;http\u2060&#58;&#47;&#47;e&#46;x&#41; &#42;&#42;b&#42;&#42; a\u2060&#64;b&#46;c")
    hostile = "[Sign in](http://evil.example) **b** :red[URGENT] $x^2$ <b>h</b> a_b #1 `c` ~s~ |p| www.evil.example"
    escaped = markdown_literal(hostile)
    assert html.unescape(escaped).replace("\u2060", "") == hostile  # shown as typed
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"&#\d+;", "", escaped))  # no punctuation left for Markdown
    assert markdown_literal("two\nlines") == "two lines"
    table = plain_table(pd.DataFrame({"[x](y)": ["**b**", None], "n": [1, 2]}))
    assert table.to_dict("list") == {"&#91;x&#93;&#40;y&#41;": ["&#42;&#42;b&#42;&#42;", ""], "n": [1, 2]}


def test_the_parts_of_a_chart_differ_by_more_than_colour():
    from tracker.analysis import charts
    from tracker.core.statuses import CANONICAL, NO_STATUS, pattern

    assert len({pattern(s) for s in (*CANONICAL, NO_STATUS)}) == len(CANONICAL) + 1  # one pattern a status
    by_force = charts.status_by_force(pd.DataFrame({"force": ["Kent"] * 3, "status": ["being-progressed", "complete",
                                                                                     "superseded"], "n": [1, 2, 3]}))
    assert [t.marker.pattern.shape for t in by_force.data] == ["", ".", "-"]
    ageing = charts.ageing_by_force(pd.DataFrame({"force": ["Kent", "Kent"], "bucket": [1, 2],
                                                  "ageing": ["1–30", "31–90"], "n": [1, 2]}))
    assert [t.marker.pattern.shape for t in ageing.data] == ["", "/"]
    curves = charts.completion_curves(pd.DataFrame({"grp": ["A", "B"], "t": [100.0, 100.0], "s": [0.5, 0.6],
                                                    "lower": [0.4, 0.5], "upper": [0.6, 0.7]}))
    assert [t.line.dash for t in curves.data if t.name] == ["solid", "dash"]
    # Every chart has the white template (set once for the process, not named in each layout).
    for fig in (by_force, ageing, curves):
        assert fig.layout.template.layout.plot_bgcolor == "white"


def test_plain_rows_label_escape_and_link_each_recommendation():
    from tracker.app.view import plain_rows

    df = pd.DataFrame({"key": ["901-kent", "x&y"], "status": ["being-progressed", None], "owner": ["**Supt**", None],
                       "target_current": [date(2026, 3, 31), None], "days_overdue": [12, 3]})
    rows = plain_rows(df)
    assert rows.to_dict("list") == {
        "Open": ["[901&#45;kent](recommendation?id=901-kent)", "[x&#38;y](recommendation?id=x%26y)"],
        "Status": ["Being progressed", ""], "Owner": ["&#42;&#42;Supt&#42;&#42;", ""],
        "Current target": ["31 Mar 2026", ""], "Days overdue": [12, 3]}
