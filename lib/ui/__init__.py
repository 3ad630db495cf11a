"""The Streamlit pieces pages share: session (database, sign-in state, t), layout (the sidebar),
navigation (which role opens which page), feedback (show_errors, save_then_confirm), tables (tables
to read) and the shared widgets.

Rule: with pages/ and app.py, the only code that imports Streamlit; it calls the domain packages
and draws, and holds no SQL.
"""
