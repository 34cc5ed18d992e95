"""Closure: the inspectorate's queue of closure requests, oldest first across forces, with their evidence; a force's
reviewers ask for closure of items pending sign-off, and record the inspectorate's decision from its letter."""

from datetime import date

import streamlit as st

from tracker.app.data import at_use, current_reader, db_path, query, today
from tracker.app.sidebar import current_filters
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import refused, table
from tracker.app.workflow import save, show_flash
from tracker.core.display import fmt_int
from tracker.core.filters import Filters
from tracker.core.text import missing
from tracker.evidence.checks import ACCEPTED, EXTENSIONS
from tracker.pack.closure import closure_pack
from tracker.workflow.actions import decide_closure, record_closure, request_closure

ensure_entrypoint()
st.title("Closure")
show_flash()
st.caption("A recommendation is closed when the inspectorate is satisfied, not when the force says so. Once a force "
           "accepts a lead's 'complete', the item is pending sign-off (still open); a reviewer then asks the "
           "inspectorate to close it, sending its evidence, and the inspectorate accepts (complete) or returns it "
           "with reasons (back to being progressed).")
reader = current_reader()
filters = current_filters().only_date()
person = reader.person if reader else None


def decide_panel(queue) -> None:
    """The inspectorate's decision on one waiting request."""
    st.header("Decide on a request")
    with st.form("closure-decide", clear_on_submit=True):
        seq = st.selectbox("Closure request", queue["seq"].astype(int).tolist(), format_func=lambda s: f"#{s}",
                           index=None, placeholder="Choose a request from the queue")
        decision = st.radio("Decision", ["accept", "return"], horizontal=True,
                            format_func=lambda d: "Accept: it is complete" if d == "accept" else "Return it")
        reason = st.text_area("Reasons (required to return it)", max_chars=5_000)
        if st.form_submit_button("Record the decision", type="primary", icon=":material/gavel:"):
            save(lambda: decide_closure(db_path(), person, seq if seq is not None else -1, decision, reason,
                                        today=today()),
                 lambda _: f"Saved: closure request #{seq} {'accepted' if decision == 'accept' else 'returned'}.")


def request_panel() -> None:
    """A force's reviewer asks the inspectorate to close an item pending sign-off."""
    pending = query("closure_pending", filters)
    st.header(f"Pending sign-off, not yet sent ({len(pending):,})")
    if pending.empty:
        st.info("No item in your scope is pending sign-off without a request.", icon=":material/task_alt:")
        return
    table(pending, "closure-pending", "pending_sign_off")
    # The item is chosen outside the form, so that its evidence files are offered as soon as it is chosen.
    key = st.selectbox("Recommendation to send", pending["key"].tolist(), index=None, key="request-key",
                       placeholder="Choose an item pending sign-off")
    if key is None:
        return
    held = pending.set_index("key")["files"].get(key)
    with st.form("closure-request", clear_on_submit=True):
        files = st.multiselect("Evidence files to send", [] if missing(held) else [int(n) for n in held],
                               format_func=lambda n: f"#{n}", help="The item's evidence files, by number (its page "
                               "lists each with its name and hash).")
        note = st.text_area("Covering note (optional)", max_chars=5_000)
        if st.form_submit_button("Request closure", type="primary", icon=":material/send:"):
            save(lambda: request_closure(db_path(), person, key, files, note, today=today()),
                 lambda seq: f"Saved: closure request #{seq} is waiting for the inspectorate.")


def record_panel(queue) -> None:
    """A force's liaison records the inspectorate's decision from its letter."""
    st.header("Record the inspectorate's decision from its letter")
    with st.form("closure-record", clear_on_submit=True):
        seq = st.selectbox("Closure request", queue["seq"].astype(int).tolist(), format_func=lambda s: f"#{s}",
                           index=None, placeholder="Choose the request the letter answers", key="record-seq")
        decision = st.radio("The letter", ["accept", "return"], horizontal=True, key="record-decision",
                            format_func=lambda d: "Accepts: complete" if d == "accept" else "Returns it")
        on = st.date_input("Dated", value=today(), max_value=today(), format="DD/MM/YYYY")
        reason = st.text_area("Its reasons (required if it returns the request)", max_chars=5_000, key="record-why")
        letter = st.file_uploader(f"The letter ({ACCEPTED}, at most 20 MB)", type=EXTENSIONS)
        if st.form_submit_button("Record it", type="primary", icon=":material/mail:"):
            if letter is None:
                refused("Not saved.", "attach the inspectorate's letter")
                return
            save(lambda: record_closure(db_path(), person, seq if seq is not None else -1, decision,
                                        on if isinstance(on, date) else today(), (letter.name, letter.getvalue()),
                                        reason, today=today()),
                 lambda _: f"Saved: the inspectorate's decision on closure request #{seq}.")


def pack_buttons(queue) -> None:
    """The closure pack of a chosen request: its PDF, or a zip of it with the evidence files (built on click, in the
    reader's scope)."""
    seq = st.selectbox("Closure pack of request", queue["seq"].astype(int).tolist(), format_func=lambda s: f"#{s}",
                       index=None, placeholder="Choose a request", key="pack-seq")
    if seq is None:
        return
    left, right, _ = st.columns([1, 1, 3])

    def pack(part: int) -> bytes:  # built when clicked, in the reader's scope as the directory has it then
        return closure_pack(db_path(), at_use(Filters(as_of=today()), reader), seq)[part]

    left.download_button("Closure pack (PDF)", lambda: pack(0),
                         f"closure-request-{seq}.pdf", "application/octet-stream", key=f"pack-pdf-{seq}",
                         icon=":material/picture_as_pdf:", on_click="ignore")
    right.download_button("PDF and evidence (ZIP)", lambda: pack(1),
                          f"closure-request-{seq}.zip", "application/octet-stream", key=f"pack-zip-{seq}",
                          icon=":material/folder_zip:", on_click="ignore")


queue = query("closure_queue", filters)
st.header(f"Waiting for the inspectorate ({fmt_int(len(queue))})")
if queue.empty:
    st.info("No closure request is waiting.", icon=":material/inbox:")
else:
    table(queue, "closure-queue", "closure_queue")
    pack_buttons(queue)
waits = query("closure_waits", filters)
if len(waits):
    st.header("How long the inspectorate takes, by force")
    table(waits, "closure-waits", "closure_waits")
if person is not None and reader.may("closure") and person.force is None and len(queue):
    decide_panel(queue)
if person is not None and reader.may("review"):
    request_panel()
    if len(queue):
        record_panel(queue)
