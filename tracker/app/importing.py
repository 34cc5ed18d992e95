"""The Import page's parts: uploads spooled to disk, the column mapping the analyst confirms, the dry run, Apply, and
the import history with retract and restore."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st

from tracker.app.data import current_reader, db_path, query, today
from tracker.app.upload_folders import session_folder
from tracker.app.view import grid, literal, refused, tiles
from tracker.app.workflow import flash
from tracker.core.display import fmt_int
from tracker.core.errors import TrackerError
from tracker.core.filters import Filters
from tracker.core.forces import FORCES
from tracker.ingest.history import act_on_import, save_mapping
from tracker.ingest.importer import ingest
from tracker.ingest.mapping import FIELDS, TABLE_KINDS, Mapping, TableSpec, mapping_json, mapping_of_text, propose
from tracker.ingest.preview import Preview, data_version, preview_import
from tracker.ingest.sources import TABLE_SUFFIXES, read_tables
from tracker.ingest.uploads import MAX_UNPACKED_MB, MAX_UPLOAD_MB, spool
from tracker.workflow.restore import restorer

UPLOAD_TYPES = ["txt", "record", "csv", "xlsx", "zip"]
LOST = ("This server does not hold the files the upload box lists (the session ended, or the app restarted or moved "
        "you to another of its servers), so nothing can be previewed or imported from them. Remove them from the box "
        "and upload them again.")


def lost_files(key: str) -> bool:
    """Whether the upload box lists files this server never received or no longer holds.

    The box's state, as the browser keeps it, survives a server's death; the files do not. st.file_uploader leaves
    such files out of what it returns, but the widget's value in session state keeps each as a placeholder that has
    an id and no name (Streamlit's DeletedFile).
    """
    listed = st.session_state.get(key) or []
    return any(not hasattr(f, "name") for f in (listed if isinstance(listed, list) else [listed]))
SAMPLE_ROWS = 20
MESSAGES_AS_TEXT = 12  # up to this many errors or warnings are shown whole; more go in a table
NONE = "—"
FIELD_NAMES = {
    "id": "Recommendation id", "force": "Force", "report": "Report", "text": "Text", "published_on": "Published",
    "kind": "Kind", "theme": "Theme", "owner": "Owner", "overseer": "Overseer", "board": "Board",
    "target_original": "Original target", "target_current": "Current target", "rag": "Force's RAG rating",
    "cause_of_concern": "Cause of concern it answers (its id)", "peel_question": "PEEL question",
    "date": "Date of the update", "status": "Status", "author": "Author", "review": "Review",
    "percent": "Percent complete (0–100)",
    "priority": "Priority (1 high, 2, 3)", "priority_reason": "Why it has that priority",
    "priority_on": "Priority from (date)", "withheld_reason": "Withheld from the public site: why",
    "source": "Source (hmicfrs, pfd, iopc, external-audit)", "source_ref": "The source's reference",
    "addressee": "Addressed to", "answer_by": "Answer by (a date the source states)",
}
KIND_NAMES = {"recommendations": "Recommendations", "updates": "Updates"}
PREVIEW_LABELS = {"id": "Id", "force": "Force", "report": "Report", "text": "Text", "field": "Field",
                  "before": "Before", "after": "After", "on_date": "Dated", "status": "Status"}


@dataclass
class Upload:
    """The uploaded files as spooled to disk: where, which files to import, and a fingerprint of the upload."""

    folder: Path
    files: list[Path]
    fingerprint: str
    headers: dict[str, list[str]] | None = None  # the first spreadsheet's sheets and headers, read once

    def shown(self, message: str) -> str:
        """A message with the spool folder taken out, so it names the file as uploaded."""
        return message.replace(f"{self.folder}/", "")


def without_spool(message: str) -> str:
    """A message about this session's upload, naming files as uploaded."""
    held = st.session_state.get("import_upload")
    return held.shown(message) if held else message


def role_for_import() -> str:
    """The role the reader imports in (recorded with the import): analyst, else admin."""
    reader = current_reader()
    return "analyst" if reader and reader.person and "analyst" in reader.person.roles else "admin"


def spooled(uploads: list) -> Upload | None:
    """Write this upload to a folder of this session's (once per distinct upload); None before anything is uploaded."""
    if not uploads:
        return None
    fingerprint = hashlib.sha256("|".join(f"{u.file_id}:{u.name}:{u.size}" for u in uploads).encode()).hexdigest()
    held = st.session_state.get("import_upload")
    if held and held.fingerprint == fingerprint and held.folder.exists():
        return held
    if held:
        shutil.rmtree(held.folder, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix="upload-", dir=session_folder()))
    files: list[Path] = []
    for upload in uploads:
        upload.seek(0)
        files.extend(spool(upload.name, upload, folder))
    held = Upload(folder, files, fingerprint)
    st.session_state["import_upload"] = held
    return held


def table_headers(upload: Upload) -> dict[str, list[str]]:
    """The sheets of the first spreadsheet in the upload and their headers ({} when it holds only records), read once
    an upload rather than on every rerun the mapping's widgets cause."""
    if upload.headers is None:
        tables = [f for f in upload.files if f.suffix.lower() in TABLE_SUFFIXES]
        sheets = read_tables(tables[0], every_sheet=True) if tables else {}
        upload.headers = {name: [str(c) for c in frame.columns] for name, frame in sheets.items() if len(frame.columns)}
    return upload.headers


def needs_mapping(sheets: dict[str, list[str]]) -> bool:
    """Whether the spreadsheets use headers other than the tracker's own."""
    for headers in sheets.values():
        proposals = [propose(headers, kind) for kind in TABLE_KINDS]
        if not any(p.is_ours and p.complete and not p.unused and not p.suggestions for p in proposals):
            return True
    return False


def force_choice(reader) -> str | None:
    """The force for files that do not name theirs: a force's reader's own, or one chosen."""
    if reader.person and reader.person.force:
        st.text(f"Files that do not name their force are imported for {reader.person.force}.")
        return reader.person.force
    choice = st.selectbox("Force of files that do not name theirs", [NONE, *FORCES], key="import_force",
                          help="Record files in a folder named for a force, and tables with a force column, need none.")
    return None if choice == NONE else choice


def mapping_editor(sheets: dict[str, list[str]]) -> Mapping | None:
    """The column mapping the analyst confirms: a saved one, or the proposal edited field by field."""
    saved = query("saved_mappings", Filters(as_of=today(), scope=current_reader().scope))
    names = [NONE, *saved["name"].tolist()] if not saved.empty else [NONE]
    chosen = st.selectbox("Use a saved mapping", names, key="import_saved_mapping")
    if chosen != NONE:
        text = saved.loc[saved["name"] == chosen, "mapping"].iloc[0]
        mapping = mapping_of_text(text, f"saved mapping '{chosen}'")
        st.json(json.loads(text), expanded=False)
        return mapping
    st.caption("Proposed from the headers: exact names first, then ignoring case and spacing, then the usual names "
               "forces give. A close spelling is only suggested: choose it to use it. One mapping reads every "
               "spreadsheet in this upload.")
    mapping: Mapping = {}
    sheet_names = list(sheets)
    for kind in TABLE_KINDS:
        with st.container(border=True):
            sheet = sheet_names[0]
            if len(sheet_names) > 1:
                default = next((i for i, n in enumerate(sheet_names) if n.strip().lower() == kind), 0)
                sheet = st.selectbox(f"{KIND_NAMES[kind]}: sheet", sheet_names, index=default, key=f"map_sheet_{kind}")
            headers = sheets[sheet]
            proposal = propose(headers, kind)
            use = st.checkbox(f"Read {kind} from this sheet", value=proposal.complete, key=f"map_use_{kind}")
            if not use:
                continue
            columns = field_choices(kind, headers, proposal)
            dated = {}
            if kind == "updates" and proposal.dated:
                keep = st.multiselect("Dated update columns (one update a cell, dated by its header)",
                                      list(proposal.dated), default=list(proposal.dated), key="map_dated")
                dated = {h: proposal.dated[h] for h in keep}
                grid(pd.DataFrame({"Column": keep, "Update dated": [dated[h] for h in keep]}), hide_index=True)
            mapping[kind] = TableSpec(columns, sheet if len(sheet_names) > 1 else None, dated)
    return mapping or None


def field_choices(kind: str, headers: list[str], proposal) -> dict[str, str]:
    """A choice of column for each of the table's fields, the proposal preselected; suggestions beside."""
    fields = [f for f in FIELDS[kind] if f not in ("author", "review")]
    options = [NONE, *[h for h in headers if h not in proposal.dated]]
    chosen: dict[str, str] = {}
    cols = st.columns(3)
    for i, name in enumerate(fields):
        with cols[i % 3]:
            preset = proposal.columns.get(name)
            value = st.selectbox(FIELD_NAMES[name], options, index=options.index(preset) if preset in options else 0,
                                 key=f"map_{kind}_{name}")
            if value != NONE:
                chosen[name] = value
            if name in proposal.suggestions and value == NONE:
                st.text(f"Suggested: {proposal.suggestions[name]}")
    return chosen


def preview_key(upload: Upload, force: str | None, mapping: Mapping | None) -> str:
    """What a preview was computed for: the upload, the force and the mapping."""
    return f"{upload.fingerprint}|{force}|{mapping_json(mapping) if mapping else ''}"


def run_preview(upload: Upload, force: str | None, mapping: Mapping | None) -> Preview:
    """The dry run, with a progress bar over the files."""
    bar = st.progress(0.0, text="Reading the files…")

    def step(done: int, total: int) -> None:
        bar.progress(done / total, text=f"Read {done:,} of {total:,} files")

    result = preview_import([str(f) for f in upload.files], db_path(), force, today=today(), mapping=mapping,
                            progress=step, root=upload.folder, scope=current_reader().scope)
    bar.empty()
    return result


def show_preview(p: Preview, upload: Upload) -> None:
    """Counts first, then a sample of each kind; errors and warnings name the file, sheet, row and column."""
    tiles([
        ("New recommendations", fmt_int(len(p.new_recommendations)), "Recommendations the database does not hold."),
        ("Changed recommendations", fmt_int(p.changed_recommendations), "Held recommendations whose fields change."),
        ("New updates", fmt_int(len(p.new_updates)), "Dated updates the database does not hold."),
        ("Already held", fmt_int(p.updates_held), "Updates in the files that the database holds already."),
        ("Warnings", fmt_int(len(p.warnings)), "Imported, but worth a look."),
        ("Errors", fmt_int(len(p.errors)), "Nothing is imported until these are fixed."),
    ])
    if p.errors:
        st.error("Nothing can be imported until these are fixed in the files and they are uploaded again.",
                 icon=":material/error:")
        messages(p.errors, "Error", upload, "import_errors")
    tabs = st.tabs([f"New recommendations ({fmt_int(len(p.new_recommendations))})",
                    f"Changed fields ({fmt_int(len(p.changes))})", f"New updates ({fmt_int(len(p.new_updates))})",
                    f"Warnings ({fmt_int(len(p.warnings))})"])
    samples = (p.new_recommendations, p.changes, p.new_updates)
    for tab, frame, key in zip(tabs[:3], samples, ("new_recs", "changes", "new_updates"), strict=True):
        with tab:
            if frame.empty:
                st.text("None.")
            else:
                if len(frame) > SAMPLE_ROWS:
                    st.text(f"The first {SAMPLE_ROWS} of {len(frame):,}.")
                grid(frame.head(SAMPLE_ROWS).rename(columns=PREVIEW_LABELS), hide_index=True, key=f"preview_{key}")
    with tabs[3]:
        if p.warnings:
            messages(p.warnings, "Warning", upload, "import_warnings")
        else:
            st.text("None.")


def messages(items: list[str], title: str, upload: Upload, key: str) -> None:
    """Messages as plain text (they quote the files): each on its own when there are a few, else a table."""
    if len(items) <= MESSAGES_AS_TEXT:
        with st.container(border=True, key=key):
            for message in items:
                literal(upload.shown(message))
        return
    grid(pd.DataFrame({title: [upload.shown(m) for m in items]}), hide_index=True, key=key)


def apply_import(upload: Upload, force: str | None, mapping: Mapping | None, save_as: str, p: Preview) -> None:
    """Write the import as the preview showed it; if the data changed since, show the new preview instead."""
    reader = current_reader()
    if data_version(db_path()) != p.version:
        st.session_state.pop("import_preview", None)
        st.warning("The data changed since this preview (someone else wrote to it). Here is the preview again: check "
                   "it and apply.", icon=":material/sync_problem:")
        return
    role = role_for_import()
    try:
        with st.spinner("Importing…"):
            summary = ingest([str(f) for f in upload.files], db_path(), force, today=today(),
                             actor=reader.person.email, role=role, source="app", mapping=mapping, root=upload.folder,
                             scope=reader.scope, facts=restorer(reader.person, "app"))
            if save_as.strip() and mapping:
                save_mapping(db_path(), save_as, mapping, force, reader.person.email, role, "app")
    except TrackerError as exc:
        refused("The import was refused; nothing was written.", upload.shown(str(exc)))
        return
    st.session_state.pop("import_preview", None)
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1  # a fresh, empty upload box
    if summary.changed_anything:
        flash(f"Imported as import {summary.import_id}: {summary.recommendations_added:,} new recommendations, "
              f"{summary.recommendations_changed:,} changed, {summary.updates_added:,} new updates.")
    else:
        flash("Nothing new: the database holds all of it already.")
    st.rerun()


def import_history() -> None:
    """Who imported what and when, with the counts; retract an import, or restore a retracted one."""
    reader = current_reader()
    log = query("import_history", Filters(as_of=today(), scope=reader.scope))
    if log.empty:
        st.text("No imports you may see yet.")
        return
    shown = pd.DataFrame({
        "Import": log["id"], "When": log["imported_at"], "Who": log["actor"].fillna("not recorded"),
        "From": log["via"].fillna(""), "Files": log["sources"],
        "New recommendations": log["recommendations_added"], "Changed": log["recommendations_changed"],
        "New updates": log["updates_added"],
        "Forces": [joined(f) for f in log["forces"]],
        "Counts": log["counts"],
        "Retracted or restored": [f"{a} by {b} on {c:%d %b %Y %H:%M}" if isinstance(a, str) else ""
                                  for a, b, c in zip(log["last_action"], log["last_action_by"],
                                                     log["last_action_at"], strict=True)],
    })
    grid(shown, hide_index=True, key="import_log",
         column_config={"When": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")})
    with st.form("retract_form"):
        chosen = st.selectbox("Import", log["id"].tolist(), key="retract_which",
                              format_func=lambda i: f"Import {i}")
        reason = st.text_input("Why (kept in the audit trail)", key="retract_reason", max_chars=500)
        left, right, _ = st.columns([1, 1, 3])
        retract = left.form_submit_button("Retract", icon=":material/undo:")
        restore = right.form_submit_button("Restore", icon=":material/redo:")
    if retract or restore:
        action = "retract" if retract else "restore"
        try:
            act_on_import(db_path(), int(chosen), action, reader.person.email, role_for_import(), "app", reason,
                          scope=reader.scope)
        except TrackerError as exc:
            refused("Not done.", str(exc), icon=":material/block:")
        else:
            flash(f"Import {int(chosen)} {'retracted: its rows no longer count' if retract else 'restored'}. "
                  "It is in the audit trail.")
            st.rerun()


def joined(names) -> str:
    """A list of names from a query as one line ('' for none)."""
    return ", ".join(names) if isinstance(names, list | tuple | np.ndarray) else ""


def limits_caption() -> str:
    """The upload limits, as the page states them."""
    return (f"Up to {MAX_UPLOAD_MB} MB a file; a zip may unpack to {MAX_UNPACKED_MB} MB. Files are written to disk as "
            "they arrive and read from there.")
