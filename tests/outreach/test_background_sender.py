"""The running app is the sender when SMTP is configured: one background thread per process."""
from __future__ import annotations

import streamlit as st

from lib.ui import session
from tests.ambassador_helpers import approved


def test_the_app_starts_one_sender_only_with_smtp_configured(file_db, smtp_server, monkeypatch):
    mailbox, config = smtp_server
    monkeypatch.delenv("ROCSMO_IN_APP_SENDER", raising=False)
    monkeypatch.setattr(session, "smtp_settings", lambda: None)
    st.cache_resource.clear()
    assert session.start_background_sender() is None
    monkeypatch.setattr(session, "smtp_settings", lambda: config)
    st.cache_resource.clear()
    approved(file_db)  # due: the approval to the ambassador and the staff digest
    stop = session.start_background_sender()
    try:
        assert stop is not None and session.start_background_sender() is stop  # one per process
        for _ in range(200):  # waits for the thread's first run, not for a duration
            if len(mailbox.messages) >= 2:
                break
            stop.wait(0.05)
        assert {rcpt[0] for rcpt, _ in mailbox.messages} >= {"julie@smo.example.org"}
    finally:
        stop.set()
        st.cache_resource.clear()
