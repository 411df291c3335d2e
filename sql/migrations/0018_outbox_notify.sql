-- 0018_outbox_notify.sql: lantern-notify wakes when deliveries are queued, not at its next poll.
-- One NOTIFY per statement, sent when the writing transaction commits (and never for one that
-- rolls back), so a publish to 10,000 subscribers wakes the notifier once.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

CREATE FUNCTION notify_lantern_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantern_outbox', '');
    RETURN NULL;
END $$;

CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION notify_lantern_outbox();
