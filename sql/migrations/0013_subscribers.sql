-- 0013_subscribers.sql: people and systems told of incidents (issue 13), and the outbox that tells
-- them.  The program (the writer) makes subscribers and, in the same transaction as the write that
-- gives cause, one notification event and one delivery per interested subscriber; lantern-notify
-- delivers them (its own role, granted in 0014).  Nothing here is public data: the reader gets
-- nothing.  Confirm, manage and unsubscribe links are signed (cgi-bin/sign.c), not stored.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

CREATE TABLE subscribers (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id              bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    channel              text NOT NULL CHECK (channel IN ('email', 'webhook', 'slack', 'teams', 'discord')),
    -- An e-mail address, or an https URL for the others (http only where the program allows
    -- private targets, so the check leaves the scheme to the program).
    address              text NOT NULL CHECK (char_length(address) BETWEEN 3 AND 2048
                                              AND address = btrim(address)
                                              AND address !~ '[[:space:][:cntrl:]]'),
    -- Set: follows that one incident until it is resolved.  NULL: the whole page.
    incident_id          bigint REFERENCES incidents ON DELETE CASCADE,
    all_components       boolean NOT NULL DEFAULT true,
    -- 32 random bytes in hex: the webhook signing key, shown to the operator once.
    secret               text NOT NULL CHECK (secret ~ '^[0-9a-f]{64}$'),
    created_by           text NOT NULL CHECK (created_by IN ('visitor', 'operator')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- NULL: nothing but the confirmation may be sent.
    confirmed_at         timestamptz,
    unsubscribed_at      timestamptz,
    quarantined_at       timestamptz,
    consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    CHECK (channel = 'email' OR address ~ '^https?://'),
    CHECK (channel <> 'email' OR address ~ '^[^@[:space:][:cntrl:]]+@[^@[:space:][:cntrl:]]+$')
);
-- One live subscription per address and subject; NULLS NOT DISTINCT so that two whole-page
-- subscriptions of one address collide too.
CREATE UNIQUE INDEX subscribers_live_key
    ON subscribers (page_id, channel, lower(address), incident_id) NULLS NOT DISTINCT
    WHERE unsubscribed_at IS NULL;
-- The outbox's question: who on this page may be told now.
CREATE INDEX subscribers_deliverable ON subscribers (page_id)
    WHERE unsubscribed_at IS NULL AND quarantined_at IS NULL AND confirmed_at IS NOT NULL;
CREATE INDEX subscribers_incident ON subscribers (incident_id) WHERE incident_id IS NOT NULL;

-- The components chosen when all_components is false.
CREATE TABLE subscriber_components (
    subscriber_id bigint NOT NULL REFERENCES subscribers ON DELETE CASCADE,
    component_id  bigint NOT NULL REFERENCES components ON DELETE CASCADE,
    PRIMARY KEY (subscriber_id, component_id)
);
CREATE INDEX subscriber_components_component ON subscriber_components (component_id);

-- What happened, once, with the body every delivery of it carries: Statuspage's webhook body
-- without "meta", built in the writing transaction.  No FKs to what it tells of: an event outlives
-- a deleted incident or component.
CREATE TABLE notification_events (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id            bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    kind               text NOT NULL CHECK (kind IN ('incident', 'component', 'confirmation')),
    incident_id        bigint,
    incident_update_id bigint,
    component_id       bigint,
    payload            jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- One event to one subscriber.  Its id is the stable id a receiver drops duplicates by (the
-- e-mail's Message-ID <lantern-delivery-ID@HOST>, the webhook's Lantern-Delivery header).
CREATE TABLE deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        bigint NOT NULL REFERENCES notification_events ON DELETE CASCADE,
    subscriber_id   bigint NOT NULL REFERENCES subscribers ON DELETE CASCADE,
    state           text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sent', 'failed', 'dropped')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- A notifier holds it until then; a killed notifier's claims lapse and are retried.
    claimed_until   timestamptz,
    last_error      text,
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, subscriber_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id);

-- Every attempt, kept for the operator.
CREATE TABLE delivery_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES deliveries ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    ok          boolean NOT NULL,
    detail      text,
    duration_ms integer CHECK (duration_ms >= 0)
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id);

-- Not public: addresses, secrets and what was sent to whom.
REVOKE ALL ON subscribers, subscriber_components, notification_events, deliveries,
    delivery_attempts FROM lantern_reader;
-- The writer makes and changes subscriptions, and queues; it neither deletes (an unsubscribe is a
-- timestamp) nor delivers.  Deleting a subscriber's components is how a choice is changed.
REVOKE ALL ON subscribers, subscriber_components, notification_events, deliveries,
    delivery_attempts FROM lantern_writer;
GRANT SELECT, INSERT, UPDATE ON subscribers TO lantern_writer;
GRANT SELECT, INSERT, DELETE ON subscriber_components TO lantern_writer;
GRANT SELECT, INSERT ON notification_events, deliveries TO lantern_writer;
