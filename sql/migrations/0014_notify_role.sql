-- 0014_notify_role.sql: lantern_notify, the role of lantern-notify, the program that delivers what
-- the outbox holds (0013).  It reads what it sends (the deliveries, their events, the subscribers and
-- the page's name), changes only a delivery's progress and a subscriber's failure count and
-- quarantine, and adds attempts: it cannot make, confirm or unsubscribe anyone, queue anything, or
-- touch the rest of the schema.  Like 0009, the role is made here only when missing, without LOGIN;
-- set-up (script/lib.sh) gives it a password, or an operator makes a login role IN ROLE lantern_notify.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

DO $role$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lantern_notify') THEN
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'role lantern_notify is missing and % may not create it: as a superuser, CREATE ROLE lantern_notify LOGIN PASSWORD ''...''', current_user;
        END IF;
        CREATE ROLE lantern_notify NOLOGIN;
    END IF;
END $role$;

GRANT USAGE ON SCHEMA public TO lantern_notify;
-- 0009's default privileges give later tables to the writer and the reader only: nothing to undo.
GRANT SELECT ON deliveries, notification_events, subscribers TO lantern_notify;
GRANT SELECT (id, name) ON pages TO lantern_notify;
GRANT UPDATE (state, attempts, next_attempt_at, claimed_until, last_error, sent_at)
    ON deliveries TO lantern_notify;
GRANT UPDATE (consecutive_failures, quarantined_at) ON subscribers TO lantern_notify;
GRANT INSERT ON delivery_attempts TO lantern_notify;

