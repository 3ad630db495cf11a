-- 005: sign-in attempts, for the limiter (lib.accounts.auth). One row per password check,
-- written as 'pending' BEFORE bcrypt runs (the reservation) and settled to 'success' or
-- 'failure' after it, so parallel attempts count each other. Refusals (a locked client, a
-- missing CAPTCHA) check no password and write no row here: they are counted in the audit
-- log, one row per username and client per hour. Rows older than 30 days are pruned.

CREATE SEQUENCE signin_attempts_id_seq;
CREATE TABLE signin_attempts (
    id           BIGINT PRIMARY KEY DEFAULT nextval('signin_attempts_id_seq'),
    attempted_at TIMESTAMP NOT NULL,             -- naive UTC
    username     VARCHAR NOT NULL,               -- as typed, normalised (may name no account)
    client       VARCHAR NOT NULL,               -- the client's address, or 'session:<id>' without one
    session_id   VARCHAR NOT NULL DEFAULT '',
    outcome      VARCHAR NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'success', 'failure'))
);
