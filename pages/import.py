"""Import: upload register records or a force's spreadsheets, map their columns, see exactly what would change, apply,
and retract an import from the history."""

import streamlit as st

from tracker.app.data import current_reader
from tracker.app.importing import (
    LOST,
    UPLOAD_TYPES,
    apply_import,
    force_choice,
    import_history,
    limits_caption,
    lost_files,
    mapping_editor,
    needs_mapping,
    preview_key,
    run_preview,
    show_preview,
    spooled,
    table_headers,
    without_spool,
)
from tracker.app.streamlit_internals import ensure_entrypoint
from tracker.app.view import literal, refused
from tracker.app.workflow import show_flash
from tracker.core.errors import TrackerError

ensure_entrypoint()
st.title("Import")
reader = current_reader()
if reader is None or not reader.may("import"):
    st.error("Importing is for analysts and administrators.", icon=":material/block:")
else:
    show_flash()
    if reader.how.startswith("demo"):
        st.warning("**This is the demo.** What you import here stays demo data, open to anyone who can reach the app "
                   "through the View as picker. Import real data at the command line, or into a database with sign-in "
                   "on (README): the demo mode then ends for good.", icon=":material/science:")
    st.header("New import")
    box = f"import_files_{st.session_state.get('import_round', 0)}"
    uploads = st.file_uploader("Register records (.txt), CSV or XLSX files, or a .zip of force folders",
                               type=UPLOAD_TYPES, accept_multiple_files=True, key=box)
    st.caption(limits_caption())
    if lost_files(box):
        st.warning(LOST, icon=":material/sync_problem:")
    try:
        upload = spooled(uploads)
        sheets = table_headers(upload) if upload else {}
    except TrackerError as exc:
        refused("This upload cannot be read; nothing was written.", without_spool(str(exc)))
        upload = None
        sheets = {}
    if upload:
        force = force_choice(reader)
        mapping = None
        if sheets and needs_mapping(sheets):
            st.markdown("**Columns.** Your spreadsheet's headers are not the tracker's own: confirm how they map.")
            try:
                mapping = mapping_editor(sheets)
            except TrackerError as exc:
                literal(str(exc))
        key = preview_key(upload, force, mapping)
        held = st.session_state.get("import_preview")
        if st.button("Preview the import", icon=":material/preview:", key="import_preview_button"):
            held = (key, run_preview(upload, force, mapping))
            st.session_state["import_preview"] = held
        if held and held[0] == key:
            preview = held[1]
            show_preview(preview, upload)
            save_as = st.text_input("Save this column mapping as (optional)", key="import_save_as", max_chars=60,
                                    disabled=mapping is None)
            if st.button("Apply", type="primary", icon=":material/done_all:", key="import_apply",
                         disabled=not preview.writes_anything):
                apply_import(upload, force, mapping, save_as, preview)
            if not preview.errors and not preview.writes_anything:
                st.info("Nothing new: the database holds all of it already.", icon=":material/task_alt:")
        elif held:
            st.text("The files, the force or the mapping changed: preview again.")
    st.header("Import history")
    import_history()
