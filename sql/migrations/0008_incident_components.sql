-- 0008_incident_components.sql: the components an incident or maintenance affects (Statuspage's
-- component_ids), kept whether or not their status moved.
--
-- The write API's component_ids replaces the set; the ids of its components map (the statuses an
-- update sets) join it.  The public JSON's incident.components and the incident page's "This
-- incident affected: ..." read it.

-- page_id is the incident's and the component's alike: the two composite keys make a component of
-- another page impossible to record, whatever writes the row.  Deleting a component takes it off
-- the incidents it affected (they stay, as its status history goes with it too); deleting an
-- incident takes its rows with it.
ALTER TABLE components ADD CONSTRAINT components_id_page_id_key UNIQUE (id, page_id);

CREATE TABLE incident_components (
    incident_id  bigint NOT NULL,
    component_id bigint NOT NULL,
    page_id      bigint NOT NULL,
    PRIMARY KEY (incident_id, component_id),
    FOREIGN KEY (incident_id, page_id) REFERENCES incidents (id, page_id) ON DELETE CASCADE,
    FOREIGN KEY (component_id, page_id) REFERENCES components (id, page_id) ON DELETE CASCADE
);

-- The component feeds ask which incidents a component was in.
CREATE INDEX incident_components_component ON incident_components (component_id);

-- Until now an incident's components were those its updates moved: they become its recorded set,
-- so no incident shows fewer components than before.
INSERT INTO incident_components (incident_id, component_id, page_id)
SELECT DISTINCT u.incident_id, uc.component_id, i.page_id
  FROM incident_update_components uc
  JOIN incident_updates u ON u.id = uc.update_id
  JOIN incidents i ON i.id = u.incident_id
UNION
SELECT sc.incident_id, sc.component_id, i.page_id
  FROM component_status_changes sc
  JOIN incidents i ON i.id = sc.incident_id
  JOIN components c ON c.id = sc.component_id AND c.page_id = i.page_id;

-- The set is public: a change to it moves the page's version and notifies, as every public change
-- does.  0006's function, but for its last branch: a table of a page's data that carries page_id
-- (incident_components now, and any to come) needs no branch of its own, so no later migration has
-- to restate this function to add one.
CREATE OR REPLACE FUNCTION notify_lantern_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    page bigint;
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'pages' THEN
            page := (r ->> 'id')::bigint;
        WHEN 'component_status_changes' THEN
            SELECT c.page_id INTO page FROM components c WHERE c.id = (r ->> 'component_id')::bigint;
        WHEN 'incident_updates' THEN
            SELECT i.page_id INTO page FROM incidents i WHERE i.id = (r ->> 'incident_id')::bigint;
        WHEN 'incident_update_components' THEN
            SELECT i.page_id INTO page FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
             WHERE u.id = (r ->> 'update_id')::bigint;
        ELSE
            -- component_groups, components, incidents, incident_components
            page := (r ->> 'page_id')::bigint;
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

CREATE TRIGGER incident_components_notify AFTER INSERT OR UPDATE OR DELETE ON incident_components
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();

-- The uptime bar's tooltips name the incidents of each component's days: those that affect it count
-- too, as they do in its feeds.  0002's function with one more source of components.
CREATE OR REPLACE FUNCTION incident_days(p_page bigint, p_from date, p_to date)
RETURNS TABLE (component_id bigint, day date, incident_id bigint, name text)
LANGUAGE sql STABLE AS $$
    WITH win AS (
        SELECT p.time_zone AS tz,
               p_from::timestamp AT TIME ZONE p.time_zone AS lo,
               (p_to + 1)::timestamp AT TIME ZONE p.time_zone AS hi
          FROM pages p
         WHERE p.id = p_page
    ), inc AS (
        SELECT i.id, i.name, i.started_at, coalesce(i.resolved_at, now()) AS ended_at
          FROM incidents i, win
         WHERE i.page_id = p_page AND i.kind = 'incident'
           AND i.started_at < win.hi AND coalesce(i.resolved_at, now()) >= win.lo
    ), touched AS (
        -- An incident may name a component in its updates only, only in the history, or only
        -- among the components it affects.
        SELECT u.incident_id, uc.component_id
          FROM incident_updates u JOIN incident_update_components uc ON uc.update_id = u.id
         WHERE u.incident_id IN (SELECT id FROM inc)
        UNION
        SELECT s.incident_id, s.component_id
          FROM component_status_changes s
         WHERE s.incident_id IN (SELECT id FROM inc)
        UNION
        SELECT a.incident_id, a.component_id
          FROM incident_components a
         WHERE a.incident_id IN (SELECT id FROM inc)
    )
    SELECT t.component_id, d.day, i.id, i.name
      FROM inc i
      JOIN touched t ON t.incident_id = i.id
     CROSS JOIN win
     CROSS JOIN LATERAL (
            -- An incident resolved exactly at midnight was not open on the day that begins then;
            -- one resolved the instant it started still shows on its day. Days start at the window
            -- so a months-long open incident does not generate its whole past.
            SELECT g::date AS day
              FROM generate_series((greatest(i.started_at, win.lo) AT TIME ZONE win.tz)::date::timestamp,
                                   (greatest(i.started_at, i.ended_at - interval '1 microsecond')
                                    AT TIME ZONE win.tz)::date::timestamp,
                                   interval '1 day') g) d
     WHERE d.day BETWEEN p_from AND p_to
     ORDER BY t.component_id, d.day, i.started_at, i.id
$$;
