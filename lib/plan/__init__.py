"""The action plan: its items, the French of its labels, schedules, indicators, parties, updates,
assessment, the board's overview, charts and exports.

Rule: a domain package — imports lib.core (and other domain packages), never Streamlit or lib.ui.
Pure modules (french, schedule, assessment, rules, indicators, overview, charts) run no SQL.
"""
