-- check-uptime.sql: proves uptime_days, incident_days and the component_days bookkeeping on the demo and on fixtures; fails (non-zero with ON_ERROR_STOP) otherwise.
-- Run on a migrated database with the demo loaded: psql -X -q -v ON_ERROR_STOP=1 DATABASE_URL -f sql/check-uptime.sql </dev/null
-- Everything happens in one transaction that is rolled back. Every uptime_days call passes p_now,
-- so the results do not depend on the clock.

-- Only a failure has something to say.
\o /dev/null

BEGIN;

CREATE FUNCTION pg_temp.is(got text, want text, label text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF got IS DISTINCT FROM want THEN
        RAISE EXCEPTION '%: got %, expected %', label, coalesce(got, 'NULL'), coalesce(want, 'NULL');
    END IF;
END $$;

-- The stored days recomputed from scratch, deliberately another way than the migration does it:
-- every local day from the first to the latest change joined with every closed span.
CREATE FUNCTION pg_temp.days_from_scratch(cid bigint)
RETURNS TABLE (day date, partial_seconds integer, major_seconds integer, degraded_seconds integer, maintenance_seconds integer)
LANGUAGE sql STABLE AS $$
    WITH zone AS (
        SELECT p.time_zone AS tz FROM components c JOIN pages p ON p.id = c.page_id WHERE c.id = cid
    ), spans AS (
        SELECT status, changed_at AS s_start, lead(changed_at) OVER (ORDER BY changed_at, id) AS s_end
          FROM component_status_changes WHERE component_id = cid
    ), days AS (
        SELECT g::date AS day, g AT TIME ZONE zone.tz AS d_start, (g + interval '1 day') AT TIME ZONE zone.tz AS d_end
          FROM zone, generate_series(
                ((SELECT min(s_start) FROM spans) AT TIME ZONE zone.tz)::date::timestamp,
                ((SELECT max(s_start) FROM spans) AT TIME ZONE zone.tz)::date::timestamp, interval '1 day') g
    ), overlap AS (
        SELECT d.day, s.status, extract(epoch FROM least(s.s_end, d.d_end) - greatest(s.s_start, d.d_start)) AS secs
          FROM days d JOIN spans s ON s.s_end IS NOT NULL AND s.s_start < d.d_end AND s.s_end > d.d_start
    ), totals AS (
        SELECT day,
               round(coalesce(sum(secs) FILTER (WHERE status = 'partial_outage'), 0))::integer AS p,
               round(coalesce(sum(secs) FILTER (WHERE status = 'major_outage'), 0))::integer AS m,
               round(coalesce(sum(secs) FILTER (WHERE status = 'degraded_performance'), 0))::integer AS d,
               round(coalesce(sum(secs) FILTER (WHERE status = 'under_maintenance'), 0))::integer AS u
          FROM overlap GROUP BY day
    )
    SELECT day, p, m, d, u FROM totals WHERE p + m + d + u > 0
$$;

-- component_days of a component must equal the from-scratch computation, row for row.
CREATE FUNCTION pg_temp.exact(cid bigint, label text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    diff text;
BEGIN
    SELECT string_agg(format('%s %s', side, r), '; ') INTO diff FROM (
        (SELECT 'stored only' AS side, x::text AS r FROM (
            SELECT day, partial_seconds, major_seconds, degraded_seconds, maintenance_seconds
              FROM component_days WHERE component_id = cid
            EXCEPT SELECT * FROM pg_temp.days_from_scratch(cid)) x)
        UNION ALL
        (SELECT 'missing', x::text FROM (
            SELECT * FROM pg_temp.days_from_scratch(cid)
            EXCEPT SELECT day, partial_seconds, major_seconds, degraded_seconds, maintenance_seconds
              FROM component_days WHERE component_id = cid) x)) d;
    IF diff IS NOT NULL THEN
        RAISE EXCEPTION '%: component_days of component % differ from a recomputation: %', label, cid, diff;
    END IF;
END $$;

CREATE FUNCTION pg_temp.all_exact(label text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_temp.exact(id, label) FROM components;
END $$;

-- Statuspage's figure for a window, from uptime_days: two decimals rounded down.
CREATE FUNCTION pg_temp.uptime(page bigint, c_name text, d_from date, d_to date, p_now timestamptz) RETURNS numeric
LANGUAGE sql STABLE AS $$
    SELECT (floor((1 - (sum(u.major_seconds) + 0.3 * sum(u.partial_seconds)) / sum(u.data_seconds)) * 10000) / 100)::numeric(5, 2)
      FROM uptime_days(page, d_from, d_to, p_now) u
      JOIN components c ON c.id = u.component_id
     WHERE c.name = c_name
$$;

-- One day of one component from uptime_days, as text for pg_temp.is.
CREATE FUNCTION pg_temp.day(page bigint, c_name text, d date, p_now timestamptz) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format('day=%s data=%s partial=%s major=%s degraded=%s maintenance=%s',
                  u.day_seconds, u.data_seconds, u.partial_seconds, u.major_seconds,
                  u.degraded_seconds, u.maintenance_seconds)
      FROM uptime_days(page, d, d, p_now) u
      JOIN components c ON c.id = u.component_id
     WHERE c.name = c_name
$$;

-- ---------------------------------------------------------------------------
-- Demo: the seed page's figures, now from the stored days.
-- ---------------------------------------------------------------------------

SELECT pg_temp.all_exact('demo as loaded');

DO $$
DECLARE
    vm0 bigint := (SELECT id FROM pages WHERE name = 'VM0');
    r   record;
BEGIN
    IF vm0 IS NULL THEN
        RAISE EXCEPTION 'no demo page (is sql/demo.sql loaded?)';
    END IF;
    FOR r IN
        SELECT c.name, m::date AS month,
               CASE WHEN (c.name, m::date) = ('Web Page', date '2026-02-01') THEN 99.98
                    WHEN (c.name, m::date) = ('Runner',   date '2026-01-01') THEN 99.33
                    ELSE 100.00 END AS want
          FROM components c, generate_series(date '2026-01-01', date '2026-03-01', interval '1 month') m
         WHERE c.page_id = vm0
    LOOP
        PERFORM pg_temp.is(pg_temp.uptime(vm0, r.name, r.month, (r.month + interval '1 month - 1 day')::date,
                                          '2026-11-28 00:00Z')::text,
                           r.want::text, format('demo %s %s', r.name, to_char(r.month, 'Mon YYYY')));
    END LOOP;
    PERFORM pg_temp.is((SELECT count(*) FROM uptime_days(vm0, '2026-01-01', '2026-03-31', '2026-11-28 00:00Z'))::text,
                       '360', 'demo: 4 components x 90 days');
    PERFORM pg_temp.is(pg_temp.day(vm0, 'Runner', '2026-01-19', '2026-11-28 00:00Z'),
                       'day=86400 data=86400 partial=0 major=17880 degraded=0 maintenance=0', 'demo Runner 2026-01-19');
    PERFORM pg_temp.is((SELECT string_agg(format('%s %s', i.day, i.name), ', ')
                          FROM incident_days(vm0, '2026-01-18', '2026-01-20') i
                          JOIN components c ON c.id = i.component_id WHERE c.name = 'Runner'),
                       '2026-01-19 Agent can''t run', 'demo incident_days for Runner');
    PERFORM pg_temp.is((SELECT count(*) FROM incident_days(vm0, '2026-01-01', '2026-03-31'))::text,
                       '2', 'demo: one incident day per incident');
    -- Before the start date there is no data, not 100%.
    PERFORM pg_temp.is(pg_temp.day(vm0, 'Storage', '2025-09-30', '2026-11-28 00:00Z'),
                       'day=86400 data=0 partial=0 major=0 degraded=0 maintenance=0', 'demo: no data before start_date');
END $$;

-- ---------------------------------------------------------------------------
-- Fixtures: a page in Europe/Berlin (DST 2026-03-29 and 2026-10-25).
-- Times below are written with their Berlin offset (+01 winter, +02 summer).
-- ---------------------------------------------------------------------------

INSERT INTO pages (name, url, time_zone) VALUES ('zz uptime', 'https://uptime.example.com', 'Europe/Berlin');
INSERT INTO components (page_id, name, start_date)
SELECT id, n, s FROM pages, (VALUES ('Edge', date '2026-01-01'), ('Late', NULL), ('Open', date '2026-06-01')) v(n, s)
 WHERE name = 'zz uptime';

CREATE TEMP VIEW fx AS
SELECT (SELECT id FROM pages WHERE name = 'zz uptime') AS page,
       (SELECT c.id FROM components c JOIN pages p ON p.id = c.page_id WHERE p.name = 'zz uptime' AND c.name = 'Edge') AS edge,
       (SELECT c.id FROM components c JOIN pages p ON p.id = c.page_id WHERE p.name = 'zz uptime' AND c.name = 'Late') AS late,
       (SELECT c.id FROM components c JOIN pages p ON p.id = c.page_id WHERE p.name = 'zz uptime' AND c.name = 'Open') AS open;

-- The initial "operational" rows were recorded now; move them back (as the demo does).
UPDATE component_status_changes s SET changed_at = CASE c.name WHEN 'Edge' THEN timestamptz '2026-01-01 00:00+01'
                                                               WHEN 'Late' THEN timestamptz '2026-06-15 13:00+02'
                                                               ELSE timestamptz '2026-06-01 00:00+02' END
  FROM components c, fx WHERE c.id = s.component_id AND c.page_id = fx.page;

-- Backdated history in one statement, as an import would write it.
INSERT INTO component_status_changes (component_id, status, changed_at)
SELECT fx.edge, v.status::component_status, v.at::timestamptz FROM fx, (VALUES
    ('major_outage',         '2026-01-31 23:00+01'), ('operational', '2026-02-01 01:00+01'),   -- across months
    ('major_outage',         '2026-03-28 23:30+01'), ('operational', '2026-03-29 00:30+01'),   -- into the 23 h day
    ('partial_outage',       '2026-05-10 10:00+02'),
    ('degraded_performance', '2026-05-10 11:00+02'),
    ('under_maintenance',    '2026-05-10 12:00+02'), ('operational', '2026-05-10 12:30+02'),
    ('major_outage',         '2026-10-25 00:00+02'), ('operational', '2026-10-26 00:00+01')    -- the whole 25 h day
) v(status, at);
INSERT INTO component_status_changes (component_id, status, changed_at)
SELECT open, 'major_outage', '2026-06-20 12:00+02' FROM fx;

SELECT pg_temp.all_exact('fixtures inserted');

DO $$
DECLARE
    fx  fx;
    t   timestamptz := '2026-11-28 00:00Z';
BEGIN
    SELECT * INTO fx FROM fx;
    -- Local day lengths.
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-03-29', t),
                       'day=82800 data=82800 partial=0 major=1800 degraded=0 maintenance=0', 'Berlin 2026-03-29 (23 h)');
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-03-28', t),
                       'day=86400 data=86400 partial=0 major=1800 degraded=0 maintenance=0', 'Berlin 2026-03-28: first half of the outage');
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-10-25', t),
                       'day=90000 data=90000 partial=0 major=90000 degraded=0 maintenance=0', 'Berlin 2026-10-25 (25 h), down all day');
    -- Across a month boundary.
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-01-31', t),
                       'day=86400 data=86400 partial=0 major=3600 degraded=0 maintenance=0', 'Jan 31 23:00-24:00');
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-02-01', t),
                       'day=86400 data=86400 partial=0 major=3600 degraded=0 maintenance=0', 'Feb 1 00:00-01:00');
    PERFORM pg_temp.is(pg_temp.uptime(fx.page, 'Edge', '2026-01-01', '2026-01-31', t)::text,
                       '99.86', 'January has its hour (1 - 3600 / 31 days)');
    PERFORM pg_temp.is(pg_temp.uptime(fx.page, 'Edge', '2026-02-01', '2026-02-28', t)::text,
                       '99.85', 'February has its hour (1 - 3600 / 28 days)');
    -- Each status in its column; degraded and maintenance count as up, partial at 0.3.
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Edge', '2026-05-10', t),
                       'day=86400 data=86400 partial=3600 major=0 degraded=3600 maintenance=1800', 'statuses of 2026-05-10');
    PERFORM pg_temp.is(pg_temp.uptime(fx.page, 'Edge', '2026-05-01', '2026-05-31', t)::text,
                       '99.95', 'May: only 0.3 x the partial hour counts');
    -- start_date: no data before it.
    PERFORM pg_temp.is((SELECT string_agg(data_seconds::text, ',' ORDER BY day)
                          FROM uptime_days(fx.page, '2025-12-30', '2026-01-02', t) WHERE component_id = fx.edge),
                       '0,0,86400,86400', 'Edge: data from its start_date');
    -- No start_date: data from the local day of the first change.
    PERFORM pg_temp.is((SELECT string_agg(data_seconds::text, ',' ORDER BY day)
                          FROM uptime_days(fx.page, '2026-06-14', '2026-06-16', t) WHERE component_id = fx.late),
                       '0,86400,86400', 'Late: data from the day of its first change');
    -- An open outage: latest change major_outage 3 hours before p_now; nothing of it is stored.
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Open', '2026-06-20', '2026-06-20 15:00+02'),
                       'day=86400 data=54000 partial=0 major=10800 degraded=0 maintenance=0', 'open outage up to p_now');
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Open', '2026-06-21', '2026-06-20 15:00+02'),
                       'day=86400 data=0 partial=0 major=0 degraded=0 maintenance=0', 'no data after p_now');
    PERFORM pg_temp.is(pg_temp.day(fx.page, 'Open', '2026-06-22', '2026-06-22 06:00+02'),
                       'day=86400 data=21600 partial=0 major=21600 degraded=0 maintenance=0', 'an open outage fills the days up to p_now');
    PERFORM pg_temp.is((SELECT count(*) FROM component_days WHERE component_id = fx.open)::text, '0',
                       'the open span is not stored');
    PERFORM pg_temp.is((SELECT count(*) FROM uptime_days(fx.page, '2026-01-01', '2026-12-31', t))::text,
                       '1095', 'one row per component and day, all-up days included');
END $$;

-- ---------------------------------------------------------------------------
-- Maintenance: every kind of history edit leaves exactly the from-scratch days.
-- ---------------------------------------------------------------------------

-- Backdated into the middle: partial from Apr 1 until the next row on May 10.
INSERT INTO component_status_changes (component_id, status, changed_at)
SELECT edge, 'partial_outage', '2026-04-01 12:00+02' FROM fx;
SELECT pg_temp.exact(edge, 'insert in the middle') FROM fx;
SELECT pg_temp.is(pg_temp.day(page, 'Edge', '2026-04-15', '2026-11-28 00:00Z'),
                  'day=86400 data=86400 partial=86400 major=0 degraded=0 maintenance=0', 'a long backdated span fills whole days')
  FROM fx;

UPDATE component_status_changes s SET changed_at = '2026-04-20 12:00+02'
  FROM fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-04-01 12:00+02';
SELECT pg_temp.exact(edge, 'changed_at moved later') FROM fx;

UPDATE component_status_changes s SET changed_at = '2026-05-09 12:00+02'
  FROM fx WHERE s.component_id = fx.edge AND s.status = 'under_maintenance';
SELECT pg_temp.exact(edge, 'changed_at moved across other rows') FROM fx;

UPDATE component_status_changes s SET changed_at = '2026-02-15 08:00+01'
  FROM fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-04-20 12:00+02';
SELECT pg_temp.exact(edge, 'changed_at moved far back') FROM fx;

UPDATE component_status_changes s SET status = 'partial_outage'
  FROM fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-03-28 23:30+01';
SELECT pg_temp.exact(edge, 'status of a row changed') FROM fx;

DELETE FROM component_status_changes s
 USING fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-02-15 08:00+01';
SELECT pg_temp.exact(edge, 'row deleted') FROM fx;

DELETE FROM component_status_changes s
 USING fx WHERE s.component_id = fx.edge AND s.changed_at >= '2026-05-01' AND s.changed_at < '2026-06-01';
SELECT pg_temp.exact(edge, 'several rows deleted in one statement') FROM fx;

-- The latest row: deleting it reopens the 25 h outage, which then is no longer stored.
DELETE FROM component_status_changes s
 USING fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-10-26 00:00+01';
SELECT pg_temp.exact(edge, 'latest row deleted') FROM fx;
SELECT pg_temp.is((SELECT count(*) FROM component_days d, fx WHERE d.component_id = fx.edge AND d.day >= '2026-10-25')::text,
                  '0', 'the reopened outage is not stored');
SELECT pg_temp.is(pg_temp.day(page, 'Edge', '2026-10-26', '2026-10-26 03:00+01'),
                  'day=86400 data=10800 partial=0 major=10800 degraded=0 maintenance=0', 'but counted up to p_now')
  FROM fx;
INSERT INTO component_status_changes (component_id, status, changed_at)
SELECT edge, 'operational', '2026-10-26 00:00+01' FROM fx;
SELECT pg_temp.exact(edge, 'latest row inserted') FROM fx;
UPDATE component_status_changes s SET changed_at = '2026-10-25 12:00+01'
  FROM fx WHERE s.component_id = fx.edge AND s.changed_at = '2026-10-26 00:00+01';
SELECT pg_temp.exact(edge, 'latest row moved back') FROM fx;

-- The shortcut (UPDATE components SET status) records a row at now().
UPDATE components SET status = 'degraded_performance' FROM fx WHERE id = fx.edge;
SELECT pg_temp.exact(edge, 'status set directly') FROM fx;

-- ---------------------------------------------------------------------------
-- Time zone: local midnights move, every stored day of the page is recomputed.
-- ---------------------------------------------------------------------------

UPDATE pages SET time_zone = 'America/New_York' FROM fx WHERE id = fx.page;
SELECT pg_temp.all_exact('time zone changed');
-- 23:00-01:00 in Berlin is 17:00-19:00 in New York: both hours on Jan 31 now.
SELECT pg_temp.is(pg_temp.day(page, 'Edge', '2026-01-31', '2026-11-28 00:00Z'),
                  'day=86400 data=86400 partial=0 major=7200 degraded=0 maintenance=0', 'New York Jan 31')
  FROM fx;
SELECT pg_temp.is(pg_temp.day(page, 'Edge', '2026-03-08', '2026-11-28 00:00Z'),
                  'day=82800 data=82800 partial=0 major=0 degraded=0 maintenance=0', 'New York 2026-03-08 (23 h)')
  FROM fx;
-- The demo's page is untouched by another page's change.
SELECT pg_temp.is(pg_temp.day(p.id, 'Runner', '2026-01-19', '2026-11-28 00:00Z'),
                  'day=86400 data=86400 partial=0 major=17880 degraded=0 maintenance=0', 'demo unchanged')
  FROM pages p WHERE p.name = 'VM0';

-- Deleting a component or a page takes its days along (and the history triggers do not trip over it).
DELETE FROM components USING fx WHERE id = fx.late;
DELETE FROM pages USING fx WHERE id = fx.page;
SELECT pg_temp.is((SELECT count(*) FROM component_days d WHERE NOT EXISTS (SELECT 1 FROM components c WHERE c.id = d.component_id))::text,
                  '0', 'no orphaned days');
SELECT pg_temp.all_exact('after deletions');

ROLLBACK;
