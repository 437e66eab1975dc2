-- +goose Up
-- Staff accounts. Emails are compared lowercased; password_hash is an
-- argon2id PHC string.
CREATE TABLE users (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    name          text        NOT NULL CHECK (name <> ''),
    role          text        NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash text        NOT NULL,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- Signed-in sessions (alexedwards/scs): an opaque token and its data.
CREATE TABLE sessions (
    token  text        PRIMARY KEY,
    data   bytea       NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expiry);

-- Failed sign-ins, for slowing down and locking out guessing. Keyed by the
-- email as typed (lowercased), whether or not an account has it, so a lockout
-- reveals nothing about which accounts exist.
CREATE TABLE login_failures (
    id    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text        NOT NULL,
    ip    text        NOT NULL,
    at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE login_locks (
    scope   text        NOT NULL CHECK (scope IN ('email', 'ip')),
    subject text        NOT NULL,
    until   timestamptz NOT NULL,
    PRIMARY KEY (scope, subject)
);

-- What staff did, and what was tried against the sign-in page. actor keeps
-- the name as it was, so the log still reads after an account is renamed.
CREATE TABLE audit_log (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint      REFERENCES users ON DELETE SET NULL,
    actor        text        NOT NULL DEFAULT '',
    action       text        NOT NULL CHECK (action <> ''),
    ip           text        NOT NULL DEFAULT '',
    object_kind  text        NOT NULL DEFAULT '',
    object_key   text        NOT NULL DEFAULT '',
    object_label text        NOT NULL DEFAULT '',
    detail       text        NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);

-- The editing state of one piece of content. The public site reads the live
-- tables (pages, resources, ...), which hold the published version; a draft
-- is a snapshot (flat JSON object of field -> text) waiting to be published.
-- An item never published exists only here, under a provisional key
-- ('new-N') until its first publish gives it its real one.
CREATE TABLE content_items (
    kind       text        NOT NULL,
    key        text        NOT NULL,
    parent     text        NOT NULL DEFAULT '', -- the parent item's key, for child kinds
    version    integer     NOT NULL CHECK (version >= 0), -- bumped by every save: optimistic locking
    draft      jsonb,                           -- unpublished changes, or NULL
    publish_at timestamptz,                     -- publish the draft then
    published  boolean     NOT NULL,            -- is the item on the public site?
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by bigint      REFERENCES users ON DELETE SET NULL,
    PRIMARY KEY (kind, key),
    CHECK (publish_at IS NULL OR draft IS NOT NULL)
);
CREATE INDEX content_items_due ON content_items (publish_at) WHERE publish_at IS NOT NULL;
CREATE SEQUENCE content_new_keys;

-- Every saved version of every item.
CREATE TABLE revisions (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text        NOT NULL,
    key        text        NOT NULL,
    version    integer     NOT NULL,
    doc        jsonb       NOT NULL,
    action     text        NOT NULL CHECK (action IN ('original', 'draft', 'publish', 'restore')),
    note       text        NOT NULL DEFAULT '',
    author_id  bigint      REFERENCES users ON DELETE SET NULL,
    author     text        NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, key, version),
    FOREIGN KEY (kind, key) REFERENCES content_items ON UPDATE CASCADE ON DELETE CASCADE
);

-- +goose Down
DROP TABLE revisions;
DROP SEQUENCE content_new_keys;
DROP TABLE content_items;
DROP TABLE audit_log;
DROP TABLE login_locks;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
