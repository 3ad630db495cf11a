-- 003: tracking the plan. Updates are append-only history: a row is never changed or
-- deleted; a correction is a new row naming the row it corrects (corrects_id), and
-- computations use the rows nobody corrected. Staff's hand-set schedule (for a period
-- label the parser cannot read) and corrected indicator target live beside the means,
-- which keeps the label and the indicator exactly as written.

CREATE SEQUENCE means_updates_id_seq;
CREATE TABLE means_updates (
    id           BIGINT PRIMARY KEY DEFAULT nextval('means_updates_id_seq'),
    means_id     INTEGER NOT NULL,
    status       VARCHAR NOT NULL
                 CHECK (status IN ('a_venir', 'en_cours', 'realise', 'reporte', 'abandonne')),
    progress     INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    work_date    DATE NOT NULL,
    cycle_label  VARCHAR NOT NULL DEFAULT '',   -- the schedule cycle when recorded, in French (display only)
    note         VARCHAR NOT NULL DEFAULT '',
    quantity     DOUBLE,
    evidence_url VARCHAR NOT NULL DEFAULT '',
    corrects_id  BIGINT,                         -- the update this one corrects, if any
    recorded_at  TIMESTAMP NOT NULL,
    recorded_by  VARCHAR NOT NULL
);
CREATE INDEX means_updates_means ON means_updates (means_id, work_date);

CREATE TABLE means_tracking (
    means_id          INTEGER PRIMARY KEY,
    schedule_override VARCHAR,   -- JSON of lib.schedule.to_dict, NULL: read the label
    target_override   VARCHAR,   -- JSON of the corrected indicator target, NULL: derived
    updated_at        TIMESTAMP NOT NULL,
    updated_by        VARCHAR NOT NULL
);
