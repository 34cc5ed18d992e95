"""The workflow on the pages: the submission form, withdrawing, deciding, and saying what happened."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from tracker.app.data import at_use, current_reader, db_path, query, today
from tracker.app.view import literal, refused, table
from tracker.core.display import fmt_date, missing
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.core.policies import REVIEWER_MOVES, standing
from tracker.core.statuses import label
from tracker.core.text import markdown_literal
from tracker.evidence.checks import ACCEPTED, EXTENSIONS
from tracker.evidence.reading import evidence_file
from tracker.workflow.actions import decide, submit, withdraw, withhold
from tracker.workflow.rules import (
    PROPOSABLE,
    WAITING,
    Item,
    Submission,
    extension_refusal,
    id_of,
    item_of_row,
    open_actions_refusal,
    review_refusal,
    submit_refusal,
    withhold_refusal,
)

FLASH = "tracker_flash"
AWAITING_REVIEW = ("In the inspectorate's register, *awaiting review* is an item's status until the inspectorate "
                   "first reviews the force's response. Here, a submission is *waiting* until its reviewer decides: "
                   "it never changes the item's status on its own, so the funnel counts decided statuses only. An "
                   "accepted submission's status and target take effect from the day of the decision.")


def flash(message: str) -> None:
    """Keep a message (fixed wording and numbers only) for the next run, after the rerun a write needs."""
    st.session_state[FLASH] = message


def save(write: Callable[[], object], said: Callable[[object], str]) -> None:
    """Run one write: refused, say why (nothing was saved); saved, keep `said(result)` for the next run and rerun."""
    try:
        result = write()
    except TrackerError as exc:
        refused("Not saved.", str(exc))
    else:
        flash(said(result))
        st.rerun()


def show_flash() -> None:
    """Show and forget the message a write left."""
    message = st.session_state.pop(FLASH, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def item_facts(key: str) -> Item | None:
    """The recommendation as the rules need it, as the reader sees it today."""
    row = query("workflow_item", Filters(as_of=today()), key=key)
    return None if row is None else item_of_row(row)


def may_submit(key: str) -> bool:
    """Whether the current reader may submit progress on this item."""
    reader = current_reader()
    return reader is not None and reader.may("submit") and submit_refusal(reader.person, item_facts(key)) is None


def submission_form(key: str, form_key: str) -> None:
    """The lead's form: a progress comment (required), and optionally a proposed status, how far complete it is, a
    revised target with its reason, and evidence links. Saved as the signed-in person; the app says so only once it is
    durable."""
    reader = current_reader()
    with st.form(form_key, clear_on_submit=True):
        comment = st.text_area("Progress comment", max_chars=10_000, placeholder="What has been done since the last update")
        left, percent_column, middle, right = st.columns(4)
        status = left.selectbox("Propose a status (optional)", [None, *PROPOSABLE], format_func=lambda s: "No change"
                                if s is None else label(s))
        percent = percent_column.number_input(
            "Percent complete (optional)", min_value=0, max_value=100, step=1, value=None,
            help="How far complete it is, 0 to 100: once accepted, its RAG follows the force's rule.")
        target = middle.date_input("Revised target (optional)", value=None, format="DD/MM/YYYY")
        reason = right.text_input("Why the target moves", max_chars=500)
        evidence = st.text_area("Evidence links (optional, one a line)", height=68, max_chars=2_000)
        files = st.file_uploader(f"Evidence files (optional): {ACCEPTED}, at most 20 MB each", type=EXTENSIONS,
                                 accept_multiple_files=True, key=f"{form_key}-files")
        public = st.checkbox("The comment may be published on the force's public site",
                             help="Internal unless ticked: only public comments go on the public site.")
        if st.form_submit_button("Submit for review", icon=":material/send:", type="primary"):
            try:
                seq = submit(db_path(), reader.person, key, comment, status, target, reason, evidence.splitlines(),
                             source="app", today=today(), files=[(f.name, f.getvalue()) for f in files or []],
                             public=public, percent=percent)
            except TrackerError as exc:
                refused("Not saved.", str(exc))
            else:
                flash(f"Saved: submission #{seq} is waiting for review.")
                st.rerun()


def evidence_files(filters: Filters, key: str) -> None:
    """The item's evidence files, each with its hash, and a download (always an attachment, re-checked against the
    reader's scope when it is clicked)."""
    rows = query("item_evidence", filters.only_date(), key=key)
    if rows.empty:
        return
    st.header(f"Evidence files ({len(rows):,})")
    table(rows, f"{key}-evidence", f"evidence_{key}")
    reader = current_reader()
    for row in rows.itertuples(index=False):
        file_id = int(row.file_id)
        # The label is fixed words and a number (a label is Markdown): the file's own name is only its name on disk.
        st.download_button(f"Download evidence file {file_id}",
                           data=lambda n=file_id: download(n, reader),
                           file_name=row.name, mime="application/octet-stream", key=f"{key}-evidence-{file_id}",
                           icon=":material/download:", on_click="ignore")


def download(file_id: int, reader) -> bytes:
    """An evidence file's bytes, found again in the reader's scope as the directory has it when they download it."""
    return evidence_file(db_path(), at_use(Filters(as_of=today()), reader), file_id)[1]


def withdraw_control(mine: pd.DataFrame, key: str) -> None:
    """Withdraw one of the reader's waiting submissions."""
    waiting = mine[mine["state"] == "waiting"]["seq"].astype(int).tolist()
    if not waiting:
        return
    left, right = st.columns([3, 1])
    seq = left.selectbox("Withdraw a waiting submission", waiting, index=None, key=f"{key}-withdraw",
                         format_func=lambda s: f"#{s}", placeholder="Choose one of yours that nobody has decided on")
    if right.button("Withdraw", key=f"{key}-withdraw-button", icon=":material/undo:", disabled=seq is None):
        try:
            withdraw(db_path(), current_reader().person, seq, source="app", today=today())
        except TrackerError as exc:
            refused("Not withdrawn.", str(exc))
        else:
            flash(f"Withdrawn: submission #{seq}.")
            st.rerun()


def decidable(rows: pd.DataFrame) -> pd.DataFrame:
    """The waiting submissions the current reader may decide on (never their own)."""
    reader = current_reader()
    if reader is None or reader.person is None or rows.empty:
        return rows.iloc[0:0]
    keep = []
    for r in rows.itertuples():
        keep.append(review_refusal(reader.person, item_of_row(r), Submission(int(r.seq), r.key, id_of(r.actor_id),
                                                                              WAITING)) is None)
    return rows[keep]


def board_refusals(rows: pd.DataFrame, filters: Filters) -> dict[int, str]:
    """Of these waiting submissions (rows of waiting_submissions), the extension requests a reviewer may not agree
    alone under their force's policy: the rules' words why (extension_refusal), by submission number."""
    if rows.empty:
        return {}
    policies = query("force_policies", filters.only_date()).to_dict("records")
    found = {}
    for r in rows.itertuples():
        words = extension_refusal(item_of_row(r), standing(policies, r.force, REVIEWER_MOVES), int(r.moves),
                                  None if missing(r.target) else r.target)
        if words:
            found[int(r.seq)] = f"{words[0].upper()}{words[1:]}."
    return found


def open_action_waits(rows: pd.DataFrame | None, seqs: list[int]) -> list[str]:
    """The chosen submissions the rules accept only with a reason, because each would complete an item whose actions
    are still open (rows as waiting_submissions or for_decision give them): '#12 (2-kent: action 2 open)'."""
    if rows is None or rows.empty:
        return []
    said = []
    for r in rows[rows["seq"].isin(seqs)].itertuples(index=False):
        numbers = [int(n) for n in r.open_actions] if hasattr(r.open_actions, "__len__") else []
        if open_actions_refusal(r.status if isinstance(r.status, str) else None, numbers, None):
            said.append(f"#{int(r.seq)} ({r.key}: action{'s' * (len(numbers) > 1)} "
                        f"{', '.join(map(str, numbers))} open)")
    return said


def decision_controls(seqs: list[int], key: str, rows: pd.DataFrame | None = None) -> None:
    """Accept the chosen submissions (saying why, when one would complete an item while actions under it are open),
    or return them with a reason."""
    waits = open_action_waits(rows, seqs)
    why = None
    if waits:
        st.caption("Accepting these makes a recommendation pending sign-off while actions under it are open:")
        literal(", ".join(waits))
        why = st.text_input("Why it is complete with actions still open", max_chars=1_000, key=f"{key}-open-why",
                            placeholder="Needed to accept: kept with the decision and shown in the history")
    left, right = st.columns([1, 3])
    if left.button(f"Accept {len(seqs)} selected" if len(seqs) > 1 else "Accept", key=f"{key}-accept", type="primary",
                   icon=":material/task_alt:", disabled=not seqs):
        record_decision(seqs, "accept", why)
    with right.form(f"{key}-return", clear_on_submit=True, border=False):
        reason = st.text_input("Reason for returning", max_chars=1_000, placeholder="What the lead should add or change")
        if st.form_submit_button("Return to the lead", icon=":material/reply:", disabled=not seqs):
            record_decision(seqs, "return", reason)


def record_decision(seqs: list[int], decision: str, reason: str | None) -> None:
    """Write a decision on submissions and say so."""
    try:
        decide(db_path(), current_reader().person, seqs, decision, reason, source="app", today=today())
    except TrackerError as exc:
        refused("Not saved.", str(exc))
    else:
        done = "Accepted" if decision == "accept" else "Returned"
        flash(f"{done}: " + ", ".join(f"#{s}" for s in seqs) + ".")
        st.rerun()


def submissions_of_item(filters: Filters, key: str) -> None:
    """An item's submissions, the lead's form when they own it, and a reviewer's controls when they may decide."""
    rows = query("item_submissions", filters.only_date(), key=key)
    st.header("Submissions")
    st.caption(AWAITING_REVIEW)
    if rows.empty:
        st.info("No submissions on this recommendation yet.", icon=":material/inbox:")
    else:
        table(rows, f"{key}-submissions", f"submissions_{key}")
    evidence_files(filters, key)
    if may_submit(key):
        submission_form(key, f"{key}-form")
    waiting = query("waiting_submissions", filters.only_date(), key=key)
    for seq, words in board_refusals(waiting, filters).items():
        # The words name the item's board, from the data: never read as Markdown.
        st.info(markdown_literal(f"Extension request #{seq}: {words}"), icon=":material/gavel:")
    waiting = decidable(waiting)
    if len(waiting):
        st.caption("You may decide on its waiting submissions:")
        chosen = st.multiselect("Submissions", waiting["seq"].astype(int).tolist(), default=waiting["seq"].astype(int)
                                .tolist(), format_func=lambda s: f"#{s}", key=f"{key}-chosen")
        decision_controls(chosen, key, waiting)


def public_site_control(filters: Filters, key: str) -> None:
    """Whether the item is withheld from the public site, and for a reviewer or administrator of its force, the form
    that withholds it with a reason (the public see '[details withheld: reason]') or releases it."""
    held = query("item_withheld", filters.only_date(), key=key)
    reader = current_reader()
    may = reader is not None and reader.may("review") and withhold_refusal(reader.person, item_facts(key), "a reason") \
        is None
    if held is None and not may:
        return
    with st.expander("Public site", icon=":material/public:"):
        if held is not None and held["withheld"]:
            literal(f"Withheld from the public site: {held['reason']} ({held['actor']}, {fmt_date(held['on_date'])})")
        else:
            st.caption("Shown on the public site: its text, status, target, owner by job title and public updates.")
        if not may:
            return
        with st.form(f"withhold-{key}", clear_on_submit=True):
            if held is not None and held["withheld"]:
                pressed = st.form_submit_button("Release: show its details again", icon=":material/visibility:")
                reason = None
            else:
                reason = st.text_input("Why it is withheld (the public see this)", max_chars=500)
                pressed = st.form_submit_button("Withhold from the public site", icon=":material/visibility_off:")
            if pressed:
                release = held is not None and bool(held["withheld"])
                save(lambda: withhold(db_path(), reader.person, key, reason, release=release, source="app",
                                      today=today()),
                     lambda seq: f"Saved: {'released' if release else 'withheld'} (event #{seq}).")

