-- 0002_uptime.sql: per-day outage totals kept on write (component_days), so uptime bars cost the window, not the history.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.
--
-- Model: a status history row holds from its changed_at until the component's next row. Every
-- span that has an end (all but the one starting at the latest row) is cut at the page's local
-- midnights and summed per day and status into component_days. The still-open last span grows
-- with the clock, so it is never stored: uptime_days() adds it when reading.

CREATE TABLE component_days (
    component_id        bigint NOT NULL REFERENCES components ON DELETE CASCADE,
    day                 date NOT NULL,          -- in the page's time zone
    -- Up to 90000: a local day is 25 hours long when DST ends.
    partial_seconds     integer NOT NULL DEFAULT 0 CHECK (partial_seconds BETWEEN 0 AND 90000),
    major_seconds       integer NOT NULL DEFAULT 0 CHECK (major_seconds BETWEEN 0 AND 90000),
    degraded_seconds    integer NOT NULL DEFAULT 0 CHECK (degraded_seconds BETWEEN 0 AND 90000),
    maintenance_seconds integer NOT NULL DEFAULT 0 CHECK (maintenance_seconds BETWEEN 0 AND 90000),
    PRIMARY KEY (component_id, day)
);

-- ---------------------------------------------------------------------------
-- Computing and refreshing stored days
-- ---------------------------------------------------------------------------

-- The closed-span totals of one component for local days p_from..p_to (NULL: unbounded), only days
-- with something non-operational. Reads just the history rows inside the range plus the one in force
-- at its start and the one ending its last span, so a trigger's small range stays cheap.
CREATE FUNCTION component_days_compute(p_component bigint, p_from date, p_to date)
RETURNS TABLE (day date, partial_seconds integer, major_seconds integer,
               degraded_seconds integer, maintenance_seconds integer)
LANGUAGE sql STABLE AS $$
    WITH win AS (
        SELECT p.time_zone AS tz,
               coalesce(p_from::timestamp AT TIME ZONE p.time_zone, '-infinity') AS lo,
               coalesce((p_to + 1)::timestamp AT TIME ZONE p.time_zone, 'infinity') AS hi
          FROM components c JOIN pages p ON p.id = c.page_id
         WHERE c.id = p_component
    ), hist AS (
        -- The bounds as scalar subqueries become index conditions; a join with win would make the
        -- LIMIT 1 branches walk the whole history from one end.
        (SELECT s.status, s.changed_at, s.id
           FROM component_status_changes s
          WHERE s.component_id = p_component AND s.changed_at < (SELECT lo FROM win)
          ORDER BY s.changed_at DESC, s.id DESC LIMIT 1)
        UNION ALL
        SELECT s.status, s.changed_at, s.id
          FROM component_status_changes s
         WHERE s.component_id = p_component
           AND s.changed_at >= (SELECT lo FROM win) AND s.changed_at < (SELECT hi FROM win)
        UNION ALL
        (SELECT s.status, s.changed_at, s.id
           FROM component_status_changes s
          WHERE s.component_id = p_component AND s.changed_at >= (SELECT hi FROM win)
          ORDER BY s.changed_at, s.id LIMIT 1)
    ), spans AS (
        -- Ties on changed_at are ordered by id, as for components.status; they make empty spans.
        SELECT status, changed_at AS s_start,
               lead(changed_at) OVER (ORDER BY changed_at, id) AS s_end
          FROM hist
    ), pieces AS (
        SELECT sp.status, d.day,
               extract(epoch FROM least(sp.s_end, win.hi, d.day_end)
                                - greatest(sp.s_start, win.lo, d.day_start)) AS seconds
          FROM spans sp
         CROSS JOIN win
         CROSS JOIN LATERAL (
                SELECT g::date AS day,
                       g AT TIME ZONE win.tz AS day_start,
                       (g + interval '1 day') AT TIME ZONE win.tz AS day_end
                  FROM generate_series((greatest(sp.s_start, win.lo) AT TIME ZONE win.tz)::date::timestamp,
                                       (least(sp.s_end, win.hi) AT TIME ZONE win.tz)::date::timestamp,
                                       interval '1 day') g) d
         -- The open last span (no end) is not stored; operational time costs nothing, so skip it
         -- before cutting into days (a year of "operational" would otherwise make 365 rows).
         WHERE sp.s_end IS NOT NULL AND sp.status <> 'operational'
           AND sp.s_end > win.lo AND sp.s_start < win.hi
    ), totals AS (
        SELECT day,
               round(coalesce(sum(seconds) FILTER (WHERE status = 'partial_outage'), 0))::integer AS partial_s,
               round(coalesce(sum(seconds) FILTER (WHERE status = 'major_outage'), 0))::integer AS major_s,
               round(coalesce(sum(seconds) FILTER (WHERE status = 'degraded_performance'), 0))::integer AS degraded_s,
               round(coalesce(sum(seconds) FILTER (WHERE status = 'under_maintenance'), 0))::integer AS maintenance_s
          FROM pieces
         WHERE seconds > 0
         GROUP BY day
    )
    SELECT day, partial_s, major_s, degraded_s, maintenance_s
      FROM totals
     WHERE partial_s + major_s + degraded_s + maintenance_s > 0
$$;

-- Replaces the stored days p_from..p_to (NULL: unbounded) of one component by a fresh computation.
CREATE FUNCTION component_days_refresh(p_component bigint, p_from date, p_to date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- Bounds as one index range: "p_from IS NULL OR ..." would make plpgsql's cached generic plan
    -- scan all of the component's days on every small refresh.
    DELETE FROM component_days d
     WHERE d.component_id = p_component
       AND d.day BETWEEN coalesce(p_from, '-infinity'::date) AND coalesce(p_to, 'infinity'::date);
    INSERT INTO component_days (component_id, day, partial_seconds, major_seconds, degraded_seconds, maintenance_seconds)
    SELECT p_component, x.day, x.partial_seconds, x.major_seconds, x.degraded_seconds, x.maintenance_seconds
      FROM component_days_compute(p_component, p_from, p_to) x;
END $$;

-- The local days whose totals a history row at t can change, given the history as it is now:
-- the row splits (or, gone, rejoins) the span from the previous row to the next one, so exactly
-- the days from the previous row's day to the next row's day. Without a next row the span after t
-- is the open one (not stored), so the range ends on t's own day; that day also covers what was
-- stored up to a latest row that was deleted or moved back.
CREATE FUNCTION component_days_affected(p_component bigint, t timestamptz, tz text) RETURNS daterange
LANGUAGE sql STABLE AS $$
    SELECT daterange((coalesce((SELECT max(s.changed_at) FROM component_status_changes s
                                 WHERE s.component_id = p_component AND s.changed_at < t), t)
                      AT TIME ZONE tz)::date,
                     (coalesce((SELECT min(s.changed_at) FROM component_status_changes s
                                 WHERE s.component_id = p_component AND s.changed_at > t), t)
                      AT TIME ZONE tz)::date,
                     '[]')
$$;

-- ---------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------

-- Row-level AFTER triggers run when the whole statement is done, so each row sees the final history;
-- for a multi-row statement (the demo's backdated pairs, imports) the union of the rows' ranges
-- covers every changed span, because neighbouring changed rows' ranges reach each other.
CREATE FUNCTION component_days_on_history() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid   bigint;
    tz    text;
    r_old daterange;
    r_new daterange;
BEGIN
    IF TG_OP = 'DELETE' THEN cid := OLD.component_id; ELSE cid := NEW.component_id; END IF;
    IF TG_OP = 'UPDATE' AND NEW.changed_at = OLD.changed_at AND NEW.status = OLD.status THEN
        RETURN NULL;        -- e.g. only incident_id changed: no span moved
    END IF;
    -- Same lock as sync_component_status: concurrent writers of one component see each other's rows.
    SELECT p.time_zone INTO tz
      FROM components c JOIN pages p ON p.id = c.page_id
     WHERE c.id = cid
       FOR NO KEY UPDATE OF c;
    IF NOT FOUND THEN
        RETURN NULL;        -- the component is being deleted; its days go with it (cascade)
    END IF;
    IF TG_OP <> 'INSERT' THEN r_old := component_days_affected(cid, OLD.changed_at, tz); END IF;
    IF TG_OP <> 'DELETE' THEN r_new := component_days_affected(cid, NEW.changed_at, tz); END IF;
    -- A row moved far (years) is two small ranges; refreshing everything between would be wasteful.
    IF r_old IS NOT NULL AND r_new IS NOT NULL AND NOT (r_old && r_new OR r_old -|- r_new) THEN
        PERFORM component_days_refresh(cid, lower(r_old), upper(r_old) - 1);
        PERFORM component_days_refresh(cid, lower(r_new), upper(r_new) - 1);
    ELSE
        r_new := range_merge(coalesce(r_old, r_new), coalesce(r_new, r_old));
        PERFORM component_days_refresh(cid, lower(r_new), upper(r_new) - 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER component_status_changes_uptime AFTER INSERT OR UPDATE OR DELETE ON component_status_changes
    FOR EACH ROW EXECUTE FUNCTION component_days_on_history();

-- Local midnights move with the zone, so every stored day of the page is wrong afterwards.
CREATE FUNCTION component_days_on_time_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM component_days_refresh(c.id, NULL, NULL) FROM components c WHERE c.page_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER pages_uptime_time_zone AFTER UPDATE OF time_zone ON pages
    FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
    EXECUTE FUNCTION component_days_on_time_zone();

-- ---------------------------------------------------------------------------
-- Reading
-- ---------------------------------------------------------------------------

-- One row per component of the page and local day in p_from..p_to: stored totals plus the open
-- span (latest row -> p_now), clipped to the part of the day with data. Uptime of any window is
-- 1 - (sum(major) + 0.3 * sum(partial)) / sum(data_seconds).
--
-- Cost does not grow with history. EXPLAIN (ANALYZE, BUFFERS) of the C program's prepared call for
-- a 90-day window, page with one component of 4000 history rows over 11 years (4000 stored days)
-- and one without start_date, PostgreSQL 15: the function is inlined; per component one Limit 1 over
-- an Index Scan Backward on component_status_changes_component_time (rows=1), plus one Limit 1
-- Index Only Scan for the first row of the component without start_date; component_days is read by
-- an Index Scan on component_days_pkey with "component_id = ... AND day >= p_from AND day <= p_to"
-- (90 rows in all, 10 buffers), merge-joined with the generated days. About 3 ms.
CREATE FUNCTION uptime_days(p_page bigint, p_from date, p_to date, p_now timestamptz DEFAULT now())
RETURNS TABLE (component_id bigint, day date, day_seconds integer, data_seconds integer,
               partial_seconds integer, major_seconds integer, degraded_seconds integer,
               maintenance_seconds integer)
LANGUAGE sql STABLE AS $$
    WITH days AS (
        SELECT g::date AS day,
               g AT TIME ZONE p.time_zone AS day_start,
               (g + interval '1 day') AT TIME ZONE p.time_zone AS day_end
          FROM pages p, generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g
         WHERE p.id = p_page
    ), comps AS (
        SELECT c.id, l.status AS last_status, l.changed_at AS last_at,
               -- Only a component without start_date pays for looking up its first row.
               coalesce(c.start_date,
                        CASE WHEN c.start_date IS NULL THEN
                            (SELECT (f.changed_at AT TIME ZONE p.time_zone)::date
                               FROM component_status_changes f
                              WHERE f.component_id = c.id
                              ORDER BY f.changed_at, f.id LIMIT 1)
                        END) AS start_day
          FROM components c
          JOIN pages p ON p.id = c.page_id
          LEFT JOIN LATERAL (
                SELECT s.status, s.changed_at
                  FROM component_status_changes s
                 WHERE s.component_id = c.id
                 ORDER BY s.changed_at DESC, s.id DESC LIMIT 1) l ON true
         WHERE c.page_id = p_page
    ), stored AS (
        -- The explicit day bounds keep any join strategy to the window's rows of component_days.
        SELECT cd.*
          FROM component_days cd
         WHERE cd.component_id IN (SELECT id FROM comps) AND cd.day BETWEEN p_from AND p_to
    ), grid AS (
        SELECT c.id, d.day, c.last_status,
               extract(epoch FROM d.day_end - d.day_start)::integer AS day_secs,
               CASE WHEN d.day < c.start_day OR d.day_start >= p_now THEN 0
                    ELSE round(extract(epoch FROM least(d.day_end, p_now) - d.day_start))::integer
               END AS data_secs,
               CASE WHEN greatest(c.last_at, d.day_start) < least(p_now, d.day_end)
                    THEN round(extract(epoch FROM least(p_now, d.day_end) - greatest(c.last_at, d.day_start)))::integer
                    ELSE 0
               END AS tail,
               coalesce(st.partial_seconds, 0) AS partial_s,
               coalesce(st.major_seconds, 0) AS major_s,
               coalesce(st.degraded_seconds, 0) AS degraded_s,
               coalesce(st.maintenance_seconds, 0) AS maintenance_s
          FROM comps c
         CROSS JOIN days d
          LEFT JOIN stored st ON st.component_id = c.id AND st.day = d.day
    )
    SELECT g.id, g.day, g.day_secs, g.data_secs,
           least(g.partial_s + CASE WHEN g.last_status = 'partial_outage' THEN g.tail ELSE 0 END, g.data_secs),
           least(g.major_s + CASE WHEN g.last_status = 'major_outage' THEN g.tail ELSE 0 END, g.data_secs),
           least(g.degraded_s + CASE WHEN g.last_status = 'degraded_performance' THEN g.tail ELSE 0 END, g.data_secs),
           least(g.maintenance_s + CASE WHEN g.last_status = 'under_maintenance' THEN g.tail ELSE 0 END, g.data_secs)
      FROM grid g
     ORDER BY g.id, g.day
$$;

-- For the uptime bar's tooltips: per component and local day in p_from..p_to, the incidents (not
-- maintenance) that touched the component and were open at some point of that day.
CREATE FUNCTION incident_days(p_page bigint, p_from date, p_to date)
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
        -- An incident may name a component in its updates only, or only in the history.
        SELECT u.incident_id, uc.component_id
          FROM incident_updates u JOIN incident_update_components uc ON uc.update_id = u.id
         WHERE u.incident_id IN (SELECT id FROM inc)
        UNION
        SELECT s.incident_id, s.component_id
          FROM component_status_changes s
         WHERE s.incident_id IN (SELECT id FROM inc)
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

-- ---------------------------------------------------------------------------
-- Backfill: a live database already has history (a fresh one gets the demo after this, via the trigger).
-- ---------------------------------------------------------------------------

DO $$
BEGIN
    PERFORM component_days_refresh(id, NULL, NULL) FROM components;
END $$;
