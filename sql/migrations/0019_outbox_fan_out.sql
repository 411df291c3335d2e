-- 0019_outbox_fan_out.sql: publishing costs the same whatever the number of subscribers (issue 13).
-- Until now the writing transaction inserted one delivery per interested subscriber: 10,000
-- subscribers made every publish 10,000 rows slower.  Now the write queues one event that says
-- whom it concerns (the components, whether the incident's followers hear it, or the one
-- subscriber a confirmation is for); lantern-notify turns each event into its deliveries with
-- lantern_fan_out(), in a transaction of its own.  The guarantee is the outbox's still: the event
-- commits or rolls back with the write, and an event is fanned out exactly once (the row is locked
-- and marked in the transaction that inserts its deliveries), so nothing committed goes unsent.
-- Who hears it is decided as at the write: confirmed by then, and still subscribed when sent.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

ALTER TABLE notification_events
    -- Those who chose any of these hear it (an incident's affected and moved components, or the
    -- component that changed).
    ADD COLUMN component_ids bigint[] NOT NULL DEFAULT '{}',
    -- Whether the incident's followers hear it: until its resolution, that update included.
    ADD COLUMN followers boolean NOT NULL DEFAULT false,
    -- A confirmation's one recipient.  No FK, as for the rest of what an event tells of.
    ADD COLUMN subscriber_id bigint,
    -- NULL: its deliveries are still to be made.
    ADD COLUMN fanned_out_at timestamptz;

-- Events queued before this migration have their deliveries already.
UPDATE notification_events e SET fanned_out_at = created_at,
       subscriber_id = CASE WHEN kind = 'confirmation' THEN
                            (SELECT min(d.subscriber_id) FROM deliveries d WHERE d.event_id = e.id) END;
ALTER TABLE notification_events
    ADD CHECK ((kind = 'confirmation') = (subscriber_id IS NOT NULL) OR fanned_out_at IS NOT NULL);

CREATE INDEX notification_events_waiting ON notification_events (id) WHERE fanned_out_at IS NULL;

-- Up to batch waiting events made into deliveries, oldest first; the number of events.  SKIP
-- LOCKED lets notifiers run side by side.  A delivery's day of retries counts from the event.
-- SECURITY DEFINER: the notifier may run these rules, not insert deliveries of its own.
CREATE FUNCTION lantern_fan_out(batch integer) RETURNS integer LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    e notification_events;
    n integer := 0;
BEGIN
    FOR e IN SELECT * FROM notification_events WHERE fanned_out_at IS NULL
              ORDER BY id LIMIT batch FOR UPDATE SKIP LOCKED LOOP
        -- An incident deleted meanwhile (posted by mistake) is told to nobody.
        IF e.incident_id IS NULL OR EXISTS (SELECT 1 FROM incidents WHERE id = e.incident_id) THEN
            INSERT INTO deliveries (event_id, subscriber_id, next_attempt_at, created_at)
            SELECT e.id, s.id, now(), e.created_at
              FROM subscribers s
             WHERE s.page_id = e.page_id AND s.unsubscribed_at IS NULL
               AND CASE WHEN e.kind = 'confirmation' THEN
                         s.id = e.subscriber_id AND s.confirmed_at IS NULL
                    ELSE s.confirmed_at <= e.created_at AND s.quarantined_at IS NULL
                         AND CASE WHEN s.incident_id IS NOT NULL THEN
                                   e.followers AND s.incident_id = e.incident_id
                              ELSE s.all_components
                                   OR EXISTS (SELECT 1 FROM subscriber_components sc
                                               WHERE sc.subscriber_id = s.id
                                                 AND sc.component_id = ANY (e.component_ids))
                              END
                    END
            ON CONFLICT (event_id, subscriber_id) DO NOTHING;
        END IF;
        UPDATE notification_events SET fanned_out_at = now() WHERE id = e.id;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;

-- The notifier is woken by an event's commit now; its own fan-out needs no wake-up.
DROP TRIGGER deliveries_notify ON deliveries;
CREATE TRIGGER notification_events_notify AFTER INSERT ON notification_events
    FOR EACH STATEMENT EXECUTE FUNCTION notify_lantern_outbox();

-- Maintenance that starts or completes by itself tells its subscribers, unless it was scheduled
-- with deliver_notifications false.
ALTER TABLE incidents ADD COLUMN auto_told boolean NOT NULL DEFAULT true;

-- The writer queues events only; making deliveries is the notifier's.
REVOKE INSERT ON deliveries FROM lantern_writer;
-- Pending deliveries of an incident deleted since are dropped (notify/queue.c).
GRANT SELECT (id) ON incidents TO lantern_notify;
REVOKE ALL ON FUNCTION lantern_fan_out(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lantern_fan_out(integer) TO lantern_notify;
