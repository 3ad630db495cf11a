-- 005: reaching people: the outbox of email, one-click links, and which kinds of message are on.
-- No FOREIGN KEY constraints (see 001).

-- Every email the app sends goes through here. A message is queued once per
-- (purpose, recipient, subject_key): subject_key names what it is about ("report:12:due7:2023-02-15",
-- "digest:2026-W49"), so a reminder computed again by the next run is not queued twice.
-- status: queued (never tried), sending (claimed by a sender), sent, failed (retried at next_attempt_at).
-- Bodies are kept as sent, except the one-click link: its token exists only as a hash in
-- one_click_links, so the stored bodies hold LINK_PLACEHOLDER where the link went.
CREATE SEQUENCE outbox_id_seq;
CREATE TABLE outbox (
    id              BIGINT PRIMARY KEY DEFAULT nextval('outbox_id_seq'),
    purpose         VARCHAR NOT NULL,
    recipient       VARCHAR NOT NULL,            -- the email address
    username        VARCHAR NOT NULL DEFAULT '', -- the account it is for, when there is one
    language        VARCHAR NOT NULL DEFAULT 'fr',
    subject_key     VARCHAR NOT NULL,
    subject         VARCHAR NOT NULL,
    body_text       VARCHAR NOT NULL,
    body_html       VARCHAR NOT NULL,
    link_purpose    VARCHAR NOT NULL DEFAULT '', -- '' or the screen a one-click link opens ('report')
    status          VARCHAR NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    server_reply    VARCHAR NOT NULL DEFAULT '', -- the SMTP server's last answer (or the error)
    message_id      VARCHAR NOT NULL DEFAULT '',
    claimed_by      VARCHAR,
    claimed_at      TIMESTAMP,
    next_attempt_at TIMESTAMP NOT NULL,
    queued_at       TIMESTAMP NOT NULL,
    queued_by       VARCHAR NOT NULL,
    sent_at         TIMESTAMP,
    UNIQUE (purpose, recipient, subject_key)
);
CREATE INDEX outbox_status ON outbox (status, next_attempt_at);

-- One-click links: a random token given once in an email, stored only as its SHA-256.
-- Single purpose, bound to an account, single use, expiring; revoked by a password change.
CREATE TABLE one_click_links (
    token_hash  VARCHAR PRIMARY KEY,
    username    VARCHAR NOT NULL,
    purpose     VARCHAR NOT NULL,
    outbox_id   BIGINT,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    revoked_at  TIMESTAMP
);

-- Staff turn each kind of message on or off (a kind without a row is on).
CREATE TABLE outreach_kinds (
    kind       VARCHAR PRIMARY KEY,
    enabled    BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);

-- A means of the plan whose indicator follows a campaign figure (lib.plan.campaign_figures):
-- its progress counts approved ambassadors, submitted reports, activities, participants or
-- reported reach instead of quantities typed in updates (no double entry).
CREATE TABLE means_campaign_figures (
    means_id   INTEGER PRIMARY KEY,
    figure     VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    updated_by VARCHAR NOT NULL
);
