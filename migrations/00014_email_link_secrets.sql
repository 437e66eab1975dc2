-- +goose Up
-- The secrets of the links in a queued email (confirm, change, withdraw,
-- preferences, unsubscribe) are not kept in it: its body and headers hold
-- placeholders, and this column what the send step signs to fill them in
-- (a site key's name and a message that is not itself secret). Staff
-- reading the outbox cannot act as the recipient.
ALTER TABLE emails ADD COLUMN link_secrets jsonb NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE emails DROP COLUMN link_secrets;
