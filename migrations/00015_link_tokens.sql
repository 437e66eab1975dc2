-- +goose Up
-- One table for the one-time tokens of every emailed link (a contact's
-- confirm and change links, a subscriber's confirmation link), which were
-- in two tables of the same shape. The owner is a signatory or a
-- subscriber, each by its own column so that deleting the owner still
-- deletes its tokens. Only the sha256 of a token is kept. Live tokens are
-- copied: links already in mailboxes keep working.
CREATE TABLE link_tokens (
    hash          bytea       PRIMARY KEY CHECK (octet_length(hash) = 32),
    signatory_id  bigint      REFERENCES signatories ON DELETE CASCADE,
    subscriber_id bigint      REFERENCES subscribers ON DELETE CASCADE,
    purpose       text        NOT NULL CHECK (purpose IN ('confirm', 'change')),
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(signatory_id, subscriber_id) = 1),
    CHECK (purpose = 'confirm' OR signatory_id IS NOT NULL)
);
CREATE INDEX link_tokens_signatory ON link_tokens (signatory_id) WHERE signatory_id IS NOT NULL;
CREATE INDEX link_tokens_subscriber ON link_tokens (subscriber_id) WHERE subscriber_id IS NOT NULL;

INSERT INTO link_tokens (hash, signatory_id, purpose, expires_at, created_at)
SELECT hash, signatory_id, purpose, expires_at, created_at FROM signatory_tokens;
INSERT INTO link_tokens (hash, subscriber_id, purpose, expires_at, created_at)
SELECT hash, subscriber_id, purpose, expires_at, created_at FROM subscriber_tokens;

DROP TABLE signatory_tokens;
DROP TABLE subscriber_tokens;

-- +goose Down
CREATE TABLE signatory_tokens (
    hash         bytea       PRIMARY KEY CHECK (octet_length(hash) = 32),
    signatory_id bigint      NOT NULL REFERENCES signatories ON DELETE CASCADE,
    purpose      text        NOT NULL CHECK (purpose IN ('confirm', 'change')),
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signatory_tokens_signatory ON signatory_tokens (signatory_id);
CREATE TABLE subscriber_tokens (
    hash          bytea       PRIMARY KEY CHECK (octet_length(hash) = 32),
    subscriber_id bigint      NOT NULL REFERENCES subscribers ON DELETE CASCADE,
    purpose       text        NOT NULL CHECK (purpose IN ('confirm')),
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriber_tokens_subscriber ON subscriber_tokens (subscriber_id);

INSERT INTO signatory_tokens (hash, signatory_id, purpose, expires_at, created_at)
SELECT hash, signatory_id, purpose, expires_at, created_at FROM link_tokens WHERE signatory_id IS NOT NULL;
INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, expires_at, created_at)
SELECT hash, subscriber_id, purpose, expires_at, created_at FROM link_tokens WHERE subscriber_id IS NOT NULL;

DROP TABLE link_tokens;
