-- +goose Up
-- Sign-in locks per (email, address) instead of per email: ten failures from
-- anywhere used to lock a staff email for everyone, so whoever knew the
-- address could keep its owner out for ever. A row with an email locks that
-- email from one address only; a row with email '' locks the address for
-- every email, as before. ip is the client's address, an IPv6 one cut to its
-- /64.
-- Email-wide locks are what this replaces: they end now (they last at most
-- 15 minutes anyway). Address locks carry over.
DELETE FROM login_locks WHERE scope = 'email';
ALTER TABLE login_locks DROP CONSTRAINT login_locks_pkey;
ALTER TABLE login_locks DROP COLUMN scope;
ALTER TABLE login_locks RENAME COLUMN subject TO ip;
ALTER TABLE login_locks ADD COLUMN email text NOT NULL DEFAULT '';
ALTER TABLE login_locks ALTER COLUMN email DROP DEFAULT;
ALTER TABLE login_locks ADD PRIMARY KEY (email, ip);
ALTER TABLE login_locks ADD CONSTRAINT login_locks_subject CHECK (email <> '' OR ip <> '');

-- +goose Down
DELETE FROM login_locks WHERE email <> '';
ALTER TABLE login_locks DROP CONSTRAINT login_locks_subject;
ALTER TABLE login_locks DROP CONSTRAINT login_locks_pkey;
ALTER TABLE login_locks DROP COLUMN email;
ALTER TABLE login_locks RENAME COLUMN ip TO subject;
ALTER TABLE login_locks ADD COLUMN scope text NOT NULL DEFAULT 'ip' CHECK (scope IN ('email', 'ip'));
ALTER TABLE login_locks ALTER COLUMN scope DROP DEFAULT;
ALTER TABLE login_locks ADD PRIMARY KEY (scope, subject);
