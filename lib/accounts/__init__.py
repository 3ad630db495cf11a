"""Accounts: users and passwords, sign-in (limiter, sessions, cookie key), admins' settings and backups.

Rule: a domain package — imports lib.core (and other domain packages), never Streamlit or lib.ui.
"""
