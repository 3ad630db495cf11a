-- 004: the ambassador programme: sign-ups (agreements), their choices, and impact reports.
-- No FOREIGN KEY constraints (see 001). Child rows are replaced whole by lib/ on each
-- save (delete + insert in one transaction), so they carry no PRIMARY KEY either.
-- Duplicate sign-ups are refused by lib.ambassadors with a French message; the UNIQUE
-- constraints below are the last guard when two browsers submit at the same moment.

CREATE SEQUENCE ambassadors_id_seq;
CREATE TABLE ambassadors (
    id               INTEGER PRIMARY KEY DEFAULT nextval('ambassadors_id_seq'),
    campaign_id      INTEGER NOT NULL,
    username         VARCHAR NOT NULL,           -- the organisation's account (users.username)
    organisation     VARCHAR NOT NULL,           -- as typed
    organisation_key VARCHAR NOT NULL,           -- lower-case, accents and spaces folded
    contact_name     VARCHAR NOT NULL,
    email            VARCHAR NOT NULL,
    email_key        VARCHAR NOT NULL,
    phone            VARCHAR NOT NULL DEFAULT '',
    website          VARCHAR NOT NULL DEFAULT '',
    why_text         VARCHAR NOT NULL DEFAULT '', -- the ~100 words for the microsite
    logo             BLOB,
    logo_type        VARCHAR NOT NULL DEFAULT '', -- 'png' or 'jpeg'
    signer_name      VARCHAR NOT NULL,
    signer_title     VARCHAR NOT NULL,
    accepted         BOOLEAN NOT NULL,
    signed_on        DATE NOT NULL,
    status           VARCHAR NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    status_note      VARCHAR NOT NULL DEFAULT '',
    decided_at       TIMESTAMP,
    decided_by       VARCHAR,
    created_at       TIMESTAMP NOT NULL,
    created_by       VARCHAR NOT NULL,
    updated_at       TIMESTAMP,
    updated_by       VARCHAR,
    UNIQUE (campaign_id, organisation_key),
    UNIQUE (campaign_id, email_key),
    UNIQUE (campaign_id, username)
);

-- The ambassador's own audience per channel, as declared at sign-up (optional numbers).
CREATE TABLE ambassador_audiences (
    ambassador_id INTEGER NOT NULL,
    channel_key   VARCHAR NOT NULL,
    audience      BIGINT NOT NULL
);

-- The commitment types (commitment_types.key) it ticked.
CREATE TABLE ambassador_commitments (
    ambassador_id  INTEGER NOT NULL,
    commitment_key VARCHAR NOT NULL
);

-- The moments forts (campaign_moments.key) it chose.
CREATE TABLE ambassador_moments (
    ambassador_id INTEGER NOT NULL,
    moment_key    VARCHAR NOT NULL
);

-- One impact report per ambassador (and so per campaign). status: draft (never
-- submitted), submitted, reopened (staff sent it back; behaves as a draft).
CREATE SEQUENCE impact_reports_id_seq;
CREATE TABLE impact_reports (
    id                    INTEGER PRIMARY KEY DEFAULT nextval('impact_reports_id_seq'),
    ambassador_id         INTEGER NOT NULL UNIQUE,
    campaign_id           INTEGER NOT NULL,
    status                VARCHAR NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'reopened')),
    newsletter_recipients BIGINT,
    intranet_recipients   BIGINT,
    what_worked           VARCHAR NOT NULL DEFAULT '',
    suggestions           VARCHAR NOT NULL DEFAULT '',
    comments              VARCHAR NOT NULL DEFAULT '',
    submitted_at          TIMESTAMP,
    submitted_late        BOOLEAN NOT NULL DEFAULT FALSE,
    reopened_at           TIMESTAMP,
    reopened_by           VARCHAR,
    reopen_note           VARCHAR NOT NULL DEFAULT '',
    created_at            TIMESTAMP NOT NULL,
    created_by            VARCHAR NOT NULL,
    updated_at            TIMESTAMP,
    updated_by            VARCHAR
);

-- For each committed action or moment: done or not, how many times, when, links.
CREATE TABLE impact_report_actions (
    report_id INTEGER NOT NULL,
    item_kind VARCHAR NOT NULL CHECK (item_kind IN ('commitment', 'moment')),
    item_key  VARCHAR NOT NULL,
    done      BOOLEAN NOT NULL DEFAULT FALSE,
    times     INTEGER,
    when_text VARCHAR NOT NULL DEFAULT '',
    links     VARCHAR NOT NULL DEFAULT ''
);

-- Reach the ambassador reported per channel.
CREATE TABLE impact_report_reach (
    report_id      INTEGER NOT NULL,
    channel_key    VARCHAR NOT NULL,
    posts          BIGINT,
    views          BIGINT,
    shares         BIGINT,
    people_reached BIGINT
);

-- Activities the ambassador organised.
CREATE TABLE impact_report_activities (
    report_id     INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    activity_type VARCHAR NOT NULL,
    held_on       DATE,
    participants  INTEGER,
    description   VARCHAR NOT NULL DEFAULT ''
);
