"""Reaching people where they are: the outbox of email and its SMTP sender, the reminders and
digests computed from the plan and the campaign, and calendar files.

Rule: a domain package — imports lib.core (and other domain packages), never Streamlit or lib.ui.
Its configuration (SMTP) is read by the caller (lib.ui.session from st.secrets, lib.cli from the
secrets file) and handed in as an `SmtpConfig`.
"""
