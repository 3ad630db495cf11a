"""The store and the shared vocabulary: the database and its schema, audit, clock, i18n, messages,
errors, roles, settings, validators, spreadsheets and backups.

Rule: core imports no other package of lib/ (and never Streamlit); every other package may import it.
"""
