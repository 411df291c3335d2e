-- check-demo.sql: prints Jan-Mar 2026 uptime per component of the demo page from component_status_changes, and fails unless it matches the seed page.
-- Run: psql -X -q -v ON_ERROR_STOP=1 DATABASE_URL -f sql/check-demo.sql </dev/null
-- Statuspage's formula: uptime = 1 - (major_seconds + 0.3 * partial_seconds) / seconds_in_window;
-- degraded_performance and under_maintenance cost nothing. Shown with two decimals rounded DOWN,
-- so any downtime at all shows below 100, and '100.0' when there was none.

CREATE TEMP VIEW demo_uptime AS
WITH months AS (
    SELECT m::date AS month
      FROM generate_series(date '2026-01-01', date '2026-03-01', interval '1 month') m
), windows AS (
    -- A month runs midnight to midnight in the page's time zone; time before the component's
    -- start_date and after now is "no data", not uptime.
    SELECT c.id AS component_id, c.name, c.position, m.month,
           greatest(m.month::timestamp AT TIME ZONE p.time_zone,
                    coalesce(c.start_date::timestamp AT TIME ZONE p.time_zone, '-infinity')) AS w_start,
           least((m.month + interval '1 month')::timestamp AT TIME ZONE p.time_zone, now()) AS w_end
      FROM components c
      JOIN pages p ON p.id = c.page_id
     CROSS JOIN months m
     WHERE p.name = 'VM0'
), spans AS (
    -- A history row's status holds until the component's next row.
    SELECT component_id, status, changed_at AS s_start,
           coalesce(lead(changed_at) OVER (PARTITION BY component_id ORDER BY changed_at, id),
                    'infinity') AS s_end
      FROM component_status_changes
), down AS (
    SELECT w.component_id, w.name, w.position, w.month, w.w_start, w.w_end,
           coalesce(sum(extract(epoch FROM least(s.s_end, w.w_end) - greatest(s.s_start, w.w_start)))
                        FILTER (WHERE s.status = 'major_outage'), 0) AS major_s,
           coalesce(sum(extract(epoch FROM least(s.s_end, w.w_end) - greatest(s.s_start, w.w_start)))
                        FILTER (WHERE s.status = 'partial_outage'), 0) AS partial_s
      FROM windows w
      LEFT JOIN spans s ON s.component_id = w.component_id
                       AND s.s_start < w.w_end AND s.s_end > w.w_start
     GROUP BY w.component_id, w.name, w.position, w.month, w.w_start, w.w_end
)
SELECT component_id, name, position, month,
       CASE WHEN w_end <= w_start THEN 'no data'
            WHEN major_s + partial_s = 0 THEN '100.0'
            ELSE trunc(100 * (1 - (major_s + 0.3 * partial_s) / extract(epoch FROM w_end - w_start)), 2)::text
       END AS uptime
  FROM down;

SELECT name AS component,
       max(uptime) FILTER (WHERE month = '2026-01-01') AS "Jan 2026",
       max(uptime) FILTER (WHERE month = '2026-02-01') AS "Feb 2026",
       max(uptime) FILTER (WHERE month = '2026-03-01') AS "Mar 2026"
  FROM demo_uptime
 GROUP BY component_id, name, position
 ORDER BY position, component_id;

-- The figures the seed page shows; anything else is a bug in the demo data or the history.
DO $$
DECLARE
    r record;
    bad text := '';
BEGIN
    FOR r IN
        SELECT d.name, d.month, d.uptime,
               CASE WHEN (d.name, d.month) = ('Web Page', date '2026-02-01') THEN '99.98'
                    WHEN (d.name, d.month) = ('Runner',   date '2026-01-01') THEN '99.33'
                    ELSE '100.0' END AS expected
          FROM demo_uptime d
    LOOP
        IF r.uptime IS DISTINCT FROM r.expected THEN
            bad := bad || format(E'\n  %s %s: %s, expected %s', r.name, to_char(r.month, 'Mon YYYY'), r.uptime, r.expected);
        END IF;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM demo_uptime) THEN
        bad := E'\n  no demo components (is sql/demo.sql loaded?)';
    ELSIF (SELECT count(DISTINCT component_id) FROM demo_uptime) <> 4 THEN
        bad := bad || E'\n  expected 4 demo components';
    END IF;
    IF bad <> '' THEN
        RAISE EXCEPTION 'demo uptime differs from the seed page:%', bad;
    END IF;
END $$;

DROP VIEW demo_uptime;
