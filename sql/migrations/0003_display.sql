-- 0003_display.sql: times as the page shows them, and pages.updated_at as the time of the page's last change.

-- The offset of a time zone at one instant ("+01:00", "-03:30", "+00:00").
CREATE FUNCTION utc_offset_text(t timestamptz, tz text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN s < 0 THEN '-' ELSE '+' END
           || lpad((abs(s) / 3600)::text, 2, '0') || ':' || lpad((abs(s) % 3600 / 60)::text, 2, '0')
      FROM (SELECT extract(epoch FROM (t AT TIME ZONE tz) - (t AT TIME ZONE 'UTC'))::int AS s) o
$$;

-- ISO 8601 in the page's zone with milliseconds, as Statuspage writes it: 2026-01-19T06:02:00.000+08:00.
CREATE FUNCTION local_iso(t timestamptz, tz text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE tz, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || utc_offset_text(t, tz)
$$;

-- What a reader sees: "Jan 19, 2026 06:02 UTC" (or "UTC+01:00" outside UTC, where abbreviations mislead).
CREATE FUNCTION local_display(t timestamptz, tz text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT to_char(t AT TIME ZONE tz, 'Mon FMDD, YYYY HH24:MI') || ' UTC'
           || CASE WHEN utc_offset_text(t, tz) = '+00:00' THEN '' ELSE utc_offset_text(t, tz) END
$$;

-- Every public change also moves pages.updated_at, so the page's Last-Modified and the API's
-- page.updated_at say when anything on it last changed, deletions included.  now() is fixed for a
-- transaction, so the "< now()" test makes this one cheap UPDATE per transaction, and ends the
-- recursion through the pages trigger.
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
        IF TG_TABLE_NAME <> 'pages' THEN
            UPDATE pages SET updated_at = now() WHERE id = page AND updated_at < now();
        END IF;
        PERFORM pg_notify('lantern_changed', page::text);
    END IF;
    RETURN NULL;
END $$;
