-- 005: the public sign-up's limiter counts its own table instead of the audit log.
-- One row per submission of the public form: refused ones (for the per-browser and per-address
-- limits and to tell when the form is under pressure) and accepted ones (the only ones the
-- global cap counts; written in the same transaction as the account and the agreement).
-- Rows older than two days are deleted by lib.campaign.signup.

CREATE TABLE signup_attempts (
    happened_at TIMESTAMP NOT NULL,
    session_id  VARCHAR NOT NULL DEFAULT '',   -- the browser session (lib.ui.session.session_id)
    client      VARCHAR NOT NULL DEFAULT '',   -- the client's address as Streamlit sees it ('' unknown)
    accepted    BOOLEAN NOT NULL
);
