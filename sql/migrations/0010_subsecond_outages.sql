-- 0010_subsecond_outages.sql: a trouble span shorter than a second still counts, as one second.
-- Totals were rounded to the nearest second, so a 0.4 s outage made 0 and the day stayed green.
-- Status seconds now round up (a day's total gains less than a second per status); the length of
-- the day and of its data still round to the nearest second, and the C reader (uptime.c) does the
-- same for the open span, so the page, the JSON and uptime_days() agree.

CREATE OR REPLACE FUNCTION component_days_compute(p_component bigint, p_from date, p_to date)
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
               ceil(coalesce(sum(seconds) FILTER (WHERE status = 'partial_outage'), 0))::integer AS partial_s,
               ceil(coalesce(sum(seconds) FILTER (WHERE status = 'major_outage'), 0))::integer AS major_s,
               ceil(coalesce(sum(seconds) FILTER (WHERE status = 'degraded_performance'), 0))::integer AS degraded_s,
               ceil(coalesce(sum(seconds) FILTER (WHERE status = 'under_maintenance'), 0))::integer AS maintenance_s
          FROM pieces
         WHERE seconds > 0
         GROUP BY day
    )
    SELECT day, partial_s, major_s, degraded_s, maintenance_s
      FROM totals
     WHERE partial_s + major_s + degraded_s + maintenance_s > 0
$$;

CREATE OR REPLACE FUNCTION uptime_days(p_page bigint, p_from date, p_to date, p_now timestamptz DEFAULT now())
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
                    THEN ceil(extract(epoch FROM least(p_now, d.day_end) - greatest(c.last_at, d.day_start)))::integer
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

-- Stored days computed before this migration lost their short spans: compute them again.
SELECT component_days_refresh(id, NULL, NULL) FROM components;
