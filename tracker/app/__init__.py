"""Streamlit-side helpers shared by the entrypoint and the pages."""
