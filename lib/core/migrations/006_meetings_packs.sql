-- 005: the board's meetings (CA and AGA) and the board packs made for them.
-- A meeting is a date and a kind; staff add, edit and delete them (audited). A board pack
-- is kept as it was made, PDF and XLSX bytes with their SHA-256, so that it downloads
-- again byte for byte; the meetings it compares are named by id and by date (a meeting
-- edited or deleted later does not change what the archive says the pack covered).

CREATE SEQUENCE meetings_id_seq;
CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY DEFAULT nextval('meetings_id_seq'),
    held_on     DATE NOT NULL,
    kind        VARCHAR NOT NULL CHECK (kind IN ('ca', 'aga')),
    note        VARCHAR NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    created_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP,
    updated_by  VARCHAR,
    UNIQUE (held_on, kind)
);

CREATE SEQUENCE board_packs_id_seq;
CREATE TABLE board_packs (
    id               INTEGER PRIMARY KEY DEFAULT nextval('board_packs_id_seq'),
    made_at          TIMESTAMP NOT NULL,
    made_by          VARCHAR NOT NULL,
    lang             VARCHAR NOT NULL,
    meeting_id       INTEGER,
    meeting_on       DATE NOT NULL,
    meeting_kind     VARCHAR NOT NULL,
    previous_id      INTEGER,
    previous_on      DATE,
    previous_kind    VARCHAR NOT NULL DEFAULT '',
    as_of            DATE NOT NULL,
    known_at         TIMESTAMP NOT NULL,
    data_version     BIGINT NOT NULL,
    pdf              BLOB NOT NULL,
    pdf_sha256       VARCHAR NOT NULL,
    xlsx             BLOB NOT NULL,
    xlsx_sha256      VARCHAR NOT NULL
);
