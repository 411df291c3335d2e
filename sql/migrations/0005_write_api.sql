-- 0005_write_api.sql: what the write API keeps beside the domain: answers to retried POSTs, maintenance automation.

-- A retried POST with the same Idempotency-Key gets the first answer again instead of a second incident.
-- Keys are per API key, so two clients cannot collide; old rows may be pruned (Statuspage keeps 24 hours).
CREATE TABLE idempotency_keys (
    token_id       bigint NOT NULL REFERENCES api_tokens ON DELETE CASCADE,
    key            text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
    method         text NOT NULL,
    path           text NOT NULL,
    request_sha256 bytea NOT NULL CHECK (octet_length(request_sha256) = 32),
    status         integer NOT NULL CHECK (status BETWEEN 200 AND 299),
    response       text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Statuspage's scheduled_auto_in_progress / scheduled_auto_completed: the maintenance moves on by itself at
-- scheduled_for and scheduled_until.
ALTER TABLE incidents
    ADD COLUMN auto_in_progress boolean NOT NULL DEFAULT false,
    ADD COLUMN auto_completed boolean NOT NULL DEFAULT false;
