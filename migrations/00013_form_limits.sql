-- +goose Up
-- When a confirmation email last went to an address, per kind of email:
-- the public forms send at most one an hour to an address nobody has
-- confirmed, so neither can be used to flood a mailbox. Kept in the
-- database so that every instance of the site counts the same; a row is
-- deleted when the address confirms, and by a chore once the hour is over.
CREATE TABLE confirmation_sends (
    kind    text        NOT NULL, -- the email's kind: 'signatory-confirm', 'subscriber-confirm'
    address text        NOT NULL CHECK (address = lower(address)),
    sent_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, address)
);

-- +goose Down
DROP TABLE confirmation_sends;
