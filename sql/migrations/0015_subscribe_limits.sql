-- 0015_subscribe_limits.sql: visitors' sign-ups to notifications, counted per e-mail and per client
-- address, so the form cannot be used to flood someone's inbox with confirmations or fill the table.
-- Not public data: the reader gets nothing.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

CREATE TABLE subscribe_attempts (
    kind text NOT NULL CHECK (kind IN ('email', 'client')),
    -- The e-mail lower-cased, or the client's address as nginx saw it.
    key  text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 320),
    at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscribe_attempts_key ON subscribe_attempts (kind, key, at);
CREATE INDEX subscribe_attempts_at ON subscribe_attempts (at);

-- One sign-up against one key: true if fewer than p_limit were made within the hour (and then it
-- counts), false if not.  Refused ones are not counted, so a flood does not lengthen the wait.
-- Rows an hour old go here, so made-up addresses cannot fill the table.
CREATE FUNCTION subscribe_attempt(p_kind text, p_key text, p_limit integer) RETURNS boolean
LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM subscribe_attempts WHERE at < now() - interval '1 hour';
    -- Two sign-ups at once for one key are counted one after the other.
    PERFORM pg_advisory_xact_lock(hashtextextended('subscribe:' || p_kind || ':' || p_key, 0));
    IF (SELECT count(*) FROM subscribe_attempts WHERE kind = p_kind AND key = p_key) >= p_limit THEN
        RETURN false;
    END IF;
    INSERT INTO subscribe_attempts (kind, key) VALUES (p_kind, p_key);
    RETURN true;
END $fn$;

REVOKE ALL ON subscribe_attempts FROM lantern_reader, lantern_writer;
GRANT SELECT, INSERT, DELETE ON subscribe_attempts TO lantern_writer;
