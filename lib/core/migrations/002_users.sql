-- 002: accounts for the four roles. Passwords are bcrypt hashes only.
-- session_version is bumped on sign-out, password change, deactivation and role
-- change; a browser session or cookie issued before the bump stops working.
CREATE TABLE users (
    username              VARCHAR PRIMARY KEY,
    display_name          VARCHAR NOT NULL,
    email                 VARCHAR NOT NULL DEFAULT '',
    role                  VARCHAR NOT NULL CHECK (role IN ('admin', 'staff', 'board', 'ambassador')),
    organisation          VARCHAR NOT NULL DEFAULT '',
    password_hash         VARCHAR NOT NULL,
    is_active             BOOLEAN NOT NULL DEFAULT TRUE,
    language              VARCHAR NOT NULL DEFAULT 'fr',
    session_version       INTEGER NOT NULL DEFAULT 1,
    sessions_valid_after  TIMESTAMP NOT NULL,
    created_at            TIMESTAMP NOT NULL,
    created_by            VARCHAR NOT NULL,
    updated_at            TIMESTAMP,
    updated_by            VARCHAR,
    last_sign_in_at       TIMESTAMP
);
