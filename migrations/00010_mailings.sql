-- +goose Up
-- Emails to a list of subscribers: a daily SSWWeek email or a one-off
-- update, in each language, sent at send_at.
CREATE TABLE mailings (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('daily', 'update')),
    -- For a daily email: the edition's day it is about.
    day_date    date,
    subject_en  text        NOT NULL DEFAULT '',
    body_en     text        NOT NULL DEFAULT '', -- plain text
    subject_es  text        NOT NULL DEFAULT '',
    body_es     text        NOT NULL DEFAULT '',
    status      text        NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
    send_at     timestamptz,
    created_by  bigint      REFERENCES users ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    CHECK (status = 'draft' OR status = 'cancelled' OR send_at IS NOT NULL)
);
CREATE INDEX mailings_due ON mailings (send_at) WHERE status = 'scheduled';

-- One row per recipient of a mailing, written when sending starts. The
-- primary key is the guarantee that nobody is sent a mailing twice: a
-- delivery is claimed ('sending') in its own transaction before the email
-- goes, and marked 'sent' after. One left 'sending' by a crash may or may
-- not have gone, so it is never sent again: it is marked 'failed' for
-- staff to see.
CREATE TABLE deliveries (
    mailing_id    bigint      NOT NULL REFERENCES mailings ON DELETE CASCADE,
    subscriber_id bigint      NOT NULL REFERENCES subscribers ON DELETE CASCADE,
    status        text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    attempts      integer     NOT NULL DEFAULT 0,
    last_error    text        NOT NULL DEFAULT '',
    next_at       timestamptz NOT NULL DEFAULT now(),
    claimed_at    timestamptz,
    sent_at       timestamptz,
    PRIMARY KEY (mailing_id, subscriber_id)
);
CREATE INDEX deliveries_queued ON deliveries (mailing_id, next_at) WHERE status = 'queued';
CREATE INDEX deliveries_sending ON deliveries (claimed_at) WHERE status = 'sending';

-- +goose Down
DROP TABLE deliveries;
DROP TABLE mailings;
