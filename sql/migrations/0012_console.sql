-- 0012_console.sql: the console writes as a person, through the same pipeline as the API's keys.
-- The audit log names who did it (the person, or the key), and a console form's one-time token
-- guards its write as an Idempotency-Key guards an API call: a form sent twice (a double click, a
-- reload) writes once.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

ALTER TABLE audit_log
    ADD COLUMN person_id bigint REFERENCES people ON DELETE SET NULL;
CREATE INDEX audit_log_person ON audit_log (person_id, at DESC) WHERE person_id IS NOT NULL;

-- One key space per actor: a key's, or a person's.  The actor is one column so that one unique
-- constraint (and ON CONFLICT) serves both.
ALTER TABLE idempotency_keys
    DROP CONSTRAINT idempotency_keys_pkey,
    ALTER COLUMN token_id DROP NOT NULL,
    ADD COLUMN person_id bigint REFERENCES people ON DELETE CASCADE,
    ADD CONSTRAINT idempotency_keys_one_actor CHECK (num_nonnulls(token_id, person_id) = 1),
    ADD COLUMN actor text GENERATED ALWAYS AS
        (coalesce('key:' || token_id::text, 'person:' || person_id::text)) STORED,
    ADD PRIMARY KEY (actor, key);
