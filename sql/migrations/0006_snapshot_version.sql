-- 0006_snapshot_version.sql: a version per page that every public change moves, once per transaction.
-- The program keeps the public picture of a page in memory and rebuilds it on NOTIFY; it also polls
-- this number, for a lost LISTEN connection and for read replicas, where LISTEN does not work.
-- pages.updated_at cannot serve: now() is the transaction's start, so a transaction that began
-- earlier but committed later would not move it.
ALTER TABLE pages ADD COLUMN version bigint NOT NULL DEFAULT 1,
                  ADD COLUMN version_xact xid8;

CREATE OR REPLACE FUNCTION notify_lantern_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    page bigint;
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'pages' THEN
            page := (r ->> 'id')::bigint;
        WHEN 'component_groups', 'components', 'incidents' THEN
            page := (r ->> 'page_id')::bigint;
        WHEN 'component_status_changes' THEN
            SELECT c.page_id INTO page FROM components c WHERE c.id = (r ->> 'component_id')::bigint;
        WHEN 'incident_updates' THEN
            SELECT i.page_id INTO page FROM incidents i WHERE i.id = (r ->> 'incident_id')::bigint;
        WHEN 'incident_update_components' THEN
            SELECT i.page_id INTO page FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
             WHERE u.id = (r ->> 'update_id')::bigint;
    END CASE;
    IF page IS NOT NULL THEN
        -- Once per transaction (the xact test), which also ends the recursion through the pages
        -- trigger: the UPDATE below fires it, and it finds the version already moved.  updated_at
        -- never goes back, even for a transaction older than the last change.
        UPDATE pages SET updated_at = CASE WHEN updated_at < now() THEN now()
                                           ELSE updated_at + interval '1 microsecond' END,
                         version = version + 1,
                         version_xact = pg_current_xact_id()
         WHERE id = page AND version_xact IS DISTINCT FROM pg_current_xact_id();
        PERFORM pg_notify('lantern_changed', page::text);
    END IF;
    RETURN NULL;
END $$;
