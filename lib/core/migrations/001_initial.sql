-- 001: the plan, the 2018 orientations, campaigns, settings and the audit log.
-- No FOREIGN KEY constraints: DuckDB checks them eagerly and rejects an UPDATE of a
-- parent row that has children even when the key is unchanged (archiving an axis
-- would fail). Integrity is kept by the single write path in lib/.
-- Every row that staff can change carries who created/changed it and when.

CREATE SEQUENCE plans_id_seq;
CREATE TABLE plans (
    id          INTEGER PRIMARY KEY DEFAULT nextval('plans_id_seq'),
    slug        VARCHAR NOT NULL UNIQUE,
    title       VARCHAR NOT NULL,
    context     VARCHAR NOT NULL DEFAULT '',
    is_current  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR NOT NULL DEFAULT 'seed',
    updated_at  TIMESTAMP,
    updated_by  VARCHAR,
    archived_at TIMESTAMP
);

CREATE SEQUENCE strategies_id_seq;
CREATE TABLE strategies (
    id       INTEGER PRIMARY KEY DEFAULT nextval('strategies_id_seq'),
    plan_id  INTEGER NOT NULL,
    year     INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    name     VARCHAR NOT NULL,
    gloss    VARCHAR NOT NULL DEFAULT '',
    UNIQUE (plan_id, number)
);

CREATE TABLE strategy_items (
    strategy_id INTEGER NOT NULL,
    letter      VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    PRIMARY KEY (strategy_id, letter)
);

CREATE SEQUENCE axes_id_seq;
CREATE TABLE axes (
    id          INTEGER PRIMARY KEY DEFAULT nextval('axes_id_seq'),
    plan_id     INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    name        VARCHAR NOT NULL,
    objective   VARCHAR NOT NULL DEFAULT '',
    seed_key    VARCHAR UNIQUE,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR NOT NULL DEFAULT 'seed',
    updated_at  TIMESTAMP,
    updated_by  VARCHAR,
    archived_at TIMESTAMP
);

CREATE SEQUENCE actions_id_seq;
CREATE TABLE actions (
    id          INTEGER PRIMARY KEY DEFAULT nextval('actions_id_seq'),
    axis_id     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    title       VARCHAR NOT NULL,
    seed_key    VARCHAR UNIQUE,
    created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by  VARCHAR NOT NULL DEFAULT 'seed',
    updated_at  TIMESTAMP,
    updated_by  VARCHAR,
    archived_at TIMESTAMP
);

-- A "moyen" of the plan: the item staff report on.
CREATE SEQUENCE means_id_seq;
CREATE TABLE means (
    id                INTEGER PRIMARY KEY DEFAULT nextval('means_id_seq'),
    action_id         INTEGER NOT NULL,
    position          INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    period_label      VARCHAR NOT NULL DEFAULT '',
    indicator         VARCHAR NOT NULL DEFAULT '',
    responsible_label VARCHAR NOT NULL DEFAULT '',
    seed_key          VARCHAR UNIQUE,
    created_at        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by        VARCHAR NOT NULL DEFAULT 'seed',
    updated_at        TIMESTAMP,
    updated_by        VARCHAR,
    archived_at       TIMESTAMP
);

-- The parsed list of parties of means.responsible_label, kept in step by lib.plan.
CREATE TABLE means_parties (
    means_id INTEGER NOT NULL,
    party    VARCHAR NOT NULL,
    PRIMARY KEY (means_id, party)
);

CREATE SEQUENCE campaigns_id_seq;
CREATE TABLE campaigns (
    id                       INTEGER PRIMARY KEY DEFAULT nextval('campaigns_id_seq'),
    slug                     VARCHAR NOT NULL UNIQUE,
    name                     VARCHAR NOT NULL,
    agreement_title          VARCHAR NOT NULL DEFAULT '',
    slogan                   VARCHAR NOT NULL DEFAULT '',
    organiser                VARCHAR NOT NULL DEFAULT '',
    ambassador_status        VARCHAR NOT NULL DEFAULT '',
    purpose                  VARCHAR NOT NULL DEFAULT '',
    website                  VARCHAR NOT NULL DEFAULT '',
    starts_on                DATE,
    agreement_start          VARCHAR NOT NULL DEFAULT '',
    valid_until              DATE,
    report_due               DATE,
    report_request           VARCHAR NOT NULL DEFAULT '',
    questionnaire_invitation VARCHAR NOT NULL DEFAULT '',
    questionnaire_label      VARCHAR NOT NULL DEFAULT '',
    contact_name             VARCHAR NOT NULL DEFAULT '',
    contact_title            VARCHAR NOT NULL DEFAULT '',
    contact_email            VARCHAR NOT NULL DEFAULT '',
    reach_title              VARCHAR NOT NULL DEFAULT '',
    reach_note               VARCHAR NOT NULL DEFAULT '',
    organiser_commitments_intro VARCHAR NOT NULL DEFAULT '',
    diffusion_intro          VARCHAR NOT NULL DEFAULT '',
    commitments_intro        VARCHAR NOT NULL DEFAULT '',
    checklist_instruction    VARCHAR NOT NULL DEFAULT '',
    created_at               TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by               VARCHAR NOT NULL DEFAULT 'seed',
    updated_at               TIMESTAMP,
    updated_by               VARCHAR,
    archived_at              TIMESTAMP
);

-- The organiser's own audience per channel, as of a date.
CREATE SEQUENCE campaign_channels_id_seq;
CREATE TABLE campaign_channels (
    id          INTEGER PRIMARY KEY DEFAULT nextval('campaign_channels_id_seq'),
    campaign_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    key         VARCHAR NOT NULL,
    label       VARCHAR NOT NULL,
    audience    BIGINT,
    as_of       DATE,
    UNIQUE (campaign_id, key)
);

-- Moments forts: a date, a date range, a month or a season (kind), with dates for
-- the timeline and the words of the document kept as written.
CREATE SEQUENCE campaign_moments_id_seq;
CREATE TABLE campaign_moments (
    id              INTEGER PRIMARY KEY DEFAULT nextval('campaign_moments_id_seq'),
    campaign_id     INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    key             VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('date', 'range', 'month', 'season')),
    when_label      VARCHAR NOT NULL DEFAULT '',
    starts_on       DATE NOT NULL,
    ends_on         DATE NOT NULL,
    description     VARCHAR NOT NULL DEFAULT '',
    checklist_label VARCHAR NOT NULL DEFAULT '',
    UNIQUE (campaign_id, key),
    CHECK (ends_on >= starts_on)
);

-- The promotion actions an ambassador can tick.
CREATE SEQUENCE commitment_types_id_seq;
CREATE TABLE commitment_types (
    id           INTEGER PRIMARY KEY DEFAULT nextval('commitment_types_id_seq'),
    campaign_id  INTEGER NOT NULL,
    position     INTEGER NOT NULL,
    key          VARCHAR NOT NULL,
    label        VARCHAR NOT NULL,
    with_moments BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (campaign_id, key)
);

-- What the organiser commits to towards its ambassadors.
CREATE TABLE organiser_commitments (
    campaign_id INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

CREATE TABLE settings (
    key        VARCHAR PRIMARY KEY,
    value      VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by VARCHAR NOT NULL DEFAULT 'system'
);

CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
    id         BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id_seq'),
    happened_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor      VARCHAR NOT NULL,
    session_id VARCHAR NOT NULL DEFAULT '',
    action     VARCHAR NOT NULL,
    entity     VARCHAR NOT NULL DEFAULT '',
    entity_id  VARCHAR NOT NULL DEFAULT '',
    details    VARCHAR NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_action_time ON audit_log (action, happened_at);
