"""For my review: submissions waiting for the reader's decision, oldest first; accept several at once, or return one."""

import streamlit as st

from tracker.app.data import current_reader, query
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import fact, literal, table
from tracker.app.workflow import AWAITING_REVIEW, board_refusals, decidable, decision_controls, show_flash
from tracker.core.display import fmt_date, fmt_int, missing
from tracker.core.statuses import label
from tracker.core.text import markdown_literal

ensure_entrypoint()
st.title("For my review")
show_flash()
reader = current_reader()
filters = current_filters().only_date()
if reader is None or reader.person is None:
    st.info("Sign in to review submissions.", icon=":material/login:")
else:
    st.caption(AWAITING_REVIEW)
    waiting = decidable(query("waiting_submissions", filters, key=None))
    if waiting.empty:
        st.info("Nothing is waiting for your decision.", icon=":material/task_alt:")
    else:
        # An extension request beyond what the force's policy lets a reviewer agree alone waits for the item's board:
        # the reviewer may still return it.
        for_board = board_refusals(waiting, filters)
        shown = waiting[["seq", "key", "id", "force", "report_title", "actor", "made_at", "waited_days", "status",
                         "target", "comment"]].rename(columns={"actor": "submitted_by", "status": "proposed_status",
                                                              "target": "proposed_target"})
        shown.insert(10, "who_agrees", [None if missing(t) else "the board only" if int(s) in for_board
                                        else "a reviewer or the board" for s, t in zip(waiting["seq"], waiting["target"],
                                                                                       strict=True)])
        event = table(shown, "waiting", "waiting_submissions", on_select="rerun", selection_mode="multi-row")
        if event is None:  # plain tables: the same choice as a form field
            numbers = {int(s): i for i, s in enumerate(waiting["seq"])}
            picked = st.multiselect("Submissions to decide on", list(numbers), key="waiting_pick",
                                    format_func=lambda s: f"#{s}", placeholder="Choose by number")
            rows = [numbers[s] for s in picked]
        else:
            rows = list(event.selection.rows)
        chosen = [int(waiting.iloc[i]["seq"]) for i in rows]
        if not chosen:
            st.caption("Select rows to accept several at once, or one row to read it beside its history.")
        if len(chosen) == 1:
            one = waiting.iloc[rows[0]]
            left, right = st.columns(2)
            with left:
                st.header(f"Recommendation {int(one['id'])}")
                literal(f"{one['report_title']} · {one['force']}")
                st.text(one["text"])
                fact(st, "Status now", label(one["current_status"]))
                fact(st, "Current target", fmt_date(one["target_current"]))
                history = query("recommendation_history", filters, key=one["key"])
                st.caption(f"History: {fmt_int(len(history))} entries, newest first")
                table(history.sort_values(["on_date", "position"], ascending=False).drop(columns=["position"]),
                      f"history-{one['key']}", f"history_{one['key']}", height=300)
            with right:
                st.header(f"Submission #{int(one['seq'])}")
                fact(st, "Submitted by", one["actor"])
                fact(st, "On", fmt_date(one["made_at"]))
                fact(st, "Proposed status", label(one["status"]) if isinstance(one["status"], str) else "No change")
                fact(st, "Proposed target", fmt_date(one["target"]))
                fact(st, "Why the target moves", one["reason"])
                if not missing(one["target"]):
                    fact(st, "Target moves so far", fmt_int(one["moves"]))
                if int(one["seq"]) in for_board:  # the words name the board, from the data: never Markdown
                    st.info(markdown_literal(for_board[int(one["seq"])]), icon=":material/gavel:")
                fact(st, "Comment", one["comment"])
                evidence = one["evidence"]
                fact(st, "Evidence", "\n".join(evidence) if isinstance(evidence, (list, tuple)) or hasattr(evidence, "tolist")
                     else None)
        decision_controls(chosen, "review")
