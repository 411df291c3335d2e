-- 0011_people.sql: people who sign in to the web console (/manage/), their sessions, and what
-- is left of their failed sign-ins.  None of it is public data: the reader gets nothing here.  People
-- are made and changed by the owner (lanternctl user); the program (the writer) reads them to check a
-- password, and keeps sessions and the sign-in throttle itself.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

CREATE TYPE person_role AS ENUM ('owner', 'editor');

CREATE TABLE people (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- As typed (trimmed); unique whatever its case, since people type it either way.
    email         text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254 AND email = btrim(email)
                                       AND email ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$'),
    -- Argon2id in libsodium's string form: algorithm, cost and salt travel with the hash.
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role          person_role NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    disabled_at   timestamptz
);
CREATE UNIQUE INDEX people_email_key ON people (lower(email));

-- A session is known by the SHA-256 of its id: the cookie's 256 random bits never reach the
-- database, so a copy of it lets nobody in.  It ends at the first of its two expiries: idle (moved
-- on by every request) and absolute (fixed when it was made).
CREATE TABLE sessions (
    id_hash         bytea PRIMARY KEY CHECK (octet_length(id_hash) = 32),
    person_id       bigint NOT NULL REFERENCES people ON DELETE CASCADE,
    -- Every form of the session carries it; a POST without it is refused.
    csrf_secret     bytea NOT NULL CHECK (octet_length(csrf_secret) = 32),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    idle_expires_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    address         text,
    CHECK (idle_expires_at <= expires_at)
);
CREATE INDEX sessions_person ON sessions (person_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed sign-ins, per client address and per account (the e-mail as typed, lower-cased, whether
-- or not anyone has it, so the throttle says nothing of who exists).
CREATE TABLE signin_throttle (
    kind            text NOT NULL CHECK (kind IN ('address', 'account')),
    key             text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 320),
    failures        integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_failure_at timestamptz NOT NULL DEFAULT now(),
    locked_until    timestamptz,
    PRIMARY KEY (kind, key)
);
CREATE INDEX signin_throttle_last ON signin_throttle (last_failure_at);

-- One sign-in attempt against one key: 0 if it may go on (and it is counted as a failure until the
-- program says it succeeded), else the seconds left before another may.  Counted before the password
-- is checked, so attempts sent all at once cannot each see an open door.  From the limit-th failure
-- within 15 minutes of the one before, each failure closes the door for 30 s, doubling up to an hour.
CREATE FUNCTION signin_attempt(p_kind text, p_key text, p_limit integer) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
    t signin_throttle;
BEGIN
    -- Old rows go here, so that made-up e-mails cannot fill the table.
    DELETE FROM signin_throttle
     WHERE last_failure_at < now() - interval '1 day'
       AND (locked_until IS NULL OR locked_until < now());
    INSERT INTO signin_throttle (kind, key) VALUES (p_kind, p_key) ON CONFLICT DO NOTHING;
    SELECT * INTO t FROM signin_throttle WHERE kind = p_kind AND key = p_key FOR UPDATE;
    IF t.locked_until > now() THEN
        RETURN greatest(1, ceil(extract(epoch FROM t.locked_until - now())))::integer;
    END IF;
    IF t.last_failure_at < now() - interval '15 minutes' THEN
        t.failures := 0;
    END IF;
    t.failures := t.failures + 1;
    UPDATE signin_throttle
       SET failures = t.failures,
           last_failure_at = now(),
           locked_until = CASE WHEN t.failures >= p_limit THEN
               now() + least(interval '30 seconds' * power(2, least(t.failures - p_limit, 8)),
                             interval '1 hour') END
     WHERE kind = p_kind AND key = p_key;
    RETURN 0;
END
$fn$;

-- A sign-in that succeeded: its attempt was no failure.  The account starts afresh; the address
-- only loses this one attempt (another account's success must not open it for guesses).
CREATE FUNCTION signin_succeeded(p_address text, p_account text, p_limit integer) RETURNS void
LANGUAGE sql AS $fn$
    DELETE FROM signin_throttle WHERE kind = 'account' AND key = p_account;
    UPDATE signin_throttle
       SET failures = greatest(failures - 1, 0),
           locked_until = CASE WHEN failures - 1 >= p_limit THEN locked_until END
     WHERE kind = 'address' AND key = p_address;
$fn$;

-- Who may do what (0009 set the defaults: the reader reads every new table, the writer changes it).
REVOKE ALL ON people, sessions, signin_throttle FROM lantern_reader;
-- People are the owner's to make, change and remove (lanternctl user); the program reads them.
REVOKE INSERT, UPDATE, DELETE ON people FROM lantern_writer;
REVOKE ALL ON SEQUENCE people_id_seq FROM lantern_writer;
-- Sessions and the throttle are the program's own: SELECT, INSERT, UPDATE and DELETE (sign out,
-- and expired rows pruned) stay the writer's, as 0009's defaults gave them.
REVOKE EXECUTE ON FUNCTION signin_attempt(text, text, integer),
    signin_succeeded(text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signin_attempt(text, text, integer),
    signin_succeeded(text, text, integer) TO lantern_writer;
