"""The Streamlit internals and markup the app relies on (tracker.app.streamlit_internals) still exist in the installed
Streamlit: an upgrade that renames one fails here, not in a meeting room."""

import re
from pathlib import Path

import streamlit
from streamlit.runtime.pages_manager import PagesManager

from tracker.app import streamlit_internals

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"


def shipped_javascript() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in BUNDLE.glob("*.js"))


def test_every_test_id_the_css_targets_is_in_streamlits_frontend():
    css = streamlit_internals.ROOM_CSS + streamlit_internals.COLLAPSED_SIDEBAR_CSS + streamlit_internals.PLAIN_TABLE_CSS
    ids = set(re.findall(r'data-testid="(\w+)"', css)) | set(re.findall(r"#(st\w+)", css))
    assert ids >= {"stMainBlockContainer", "stHeader", "stMetricValue", "stMetricLabel", "stMain", "stSidebar",
                   "stTable", "stMarkdownContainer", "stPopoverButton"}
    js = shipped_javascript()
    missing = sorted(i for i in ids if not re.search(rf"[\"'`]{i}[\"'`]", js))  # the bundle quotes with any of them
    assert not missing, f"Streamlit's frontend no longer names {missing}: update tracker/app/streamlit_internals.py"
    assert re.search(r"[\"'`]data-collapsed[\"'`]", js), "the sidebar no longer marks its collapsed state"


def test_the_pages_folder_mode_flag_still_exists():
    assert isinstance(PagesManager.uses_pages_directory, (bool, type(None)))


def test_only_the_internals_module_reaches_into_streamlit_internals():
    root = Path(__file__).parent.parent
    offenders = [str(p.relative_to(root)) for p in [*root.glob("tracker/**/*.py"), *root.glob("pages/*.py"),
                                                     root / "dashboard.py"]
                 if p.name != "streamlit_internals.py"
                 and re.search(r"streamlit\.runtime|data-testid|PagesManager", p.read_text(encoding="utf-8"))]
    assert not offenders
