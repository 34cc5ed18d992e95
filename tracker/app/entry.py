"""Make sure every page runs through dashboard.py, even on a deep link opened first in a fresh server."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure_entrypoint() -> None:
    """Leave Streamlit's old pages-folder mode and rerun through the entrypoint.

    Streamlit treats a pages/ folder beside the entrypoint as an old-style multipage app until st.navigation has
    run once in the process, so the first deep link (/overview?force=…) would run the page alone, without the
    shared filters. The fixed project layout needs pages/, so switch the mode off here and rerun the same page.
    Streamlit has no setting for this (1.67); this is the one place that touches its internals, and
    tests/test_browser.py opens a deep link first in a fresh server so an upgrade that breaks it fails loudly.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
