-- bench/gen-data.sql: a large page for the benchmark, loaded into a freshly migrated database
-- (lantern_db_setup URL, without --demo).  Ten years of history: 50 components in 8 groups,
-- 20,000 incidents and maintenance, 200,000 updates.  Deterministic (setseed), one transaction.
--
--   psql -X -q -v ON_ERROR_STOP=1 -d URL -f bench/gen-data.sql
--   psql ... -v components=300 -f bench/gen-data.sql           (the 300-component variant)
--
-- Variables (psql -v NAME=VALUE): components (50, at most 400), groups (8), incidents (20000,
-- at least 100), updates (200000), years (10).
--
-- Shape of the data, and why:
--   * Notices are laid on a time line, one slot each, oldest first.  Notice i touches components
--     (17 i + 5 j) mod components, j < 1 + i mod 3: neighbouring notices never share a component, so
--     each component's history is a clean operational -> outage -> operational sequence and every
--     incident_update_components row tells the truth about what it changed.
--   * The last notices are the live ones: 3 open incidents (investigating, identified, monitoring)
--     with their components still down, one maintenance in progress, 3 scheduled in the future.
--   * Every tenth component starts 3 years before the end, so pages show "no data" before it.
--   * Updates per notice vary from 3 to 17 in pairs that cancel out, so the total is exactly
--     `updates` (for an even count of notices).
--   * Bulk loading the status history row by row through the uptime triggers would refresh
--     component_days 100,000 times; instead those triggers are off during the insert and every
--     component's days are recomputed afterwards with component_days_refresh (what migration 0002
--     does for a live database), then checked against an independent computation.  The check
--     triggers (times not in the future, same page, statuses that fit the kind) stay on.

SET client_encoding = 'UTF8';
\set ON_ERROR_STOP 1
\if :{?components}
\else
\set components 50
\endif
\if :{?groups}
\else
\set groups 8
\endif
\if :{?incidents}
\else
\set incidents 20000
\endif
\if :{?updates}
\else
\set updates 200000
\endif
\if :{?years}
\else
\set years 10
\endif

BEGIN;

-- Same numbers every run, so two runs of the benchmark measure the same pages.
SELECT setseed(0.42) \g /dev/null

CREATE TEMP TABLE gen_params ON COMMIT DROP AS
SELECT :components::int AS ncomp, :groups::int AS ngroups, :incidents::int AS nnotice,
       :updates::int AS nupdate, 'Europe/Berlin'::text AS tz, now() AS t_now,
       ((now() AT TIME ZONE 'Europe/Berlin')::date - make_interval(years => :years))::date AS start_day;

DO $$
DECLARE
    p gen_params;
BEGIN
    SELECT * INTO p FROM gen_params;
    IF EXISTS (SELECT 1 FROM pages) THEN
        RAISE EXCEPTION 'gen-data: the database already has a page; load into a freshly migrated one';
    END IF;
    IF p.ncomp NOT BETWEEN 1 AND 400 OR p.ngroups NOT BETWEEN 1 AND p.ncomp
       OR p.nnotice < 100 OR p.nupdate < 3 * p.nnotice THEN
        RAISE EXCEPTION 'gen-data: need 1 <= components <= 400, 1 <= groups <= components, incidents >= 100, updates >= 3 x incidents';
    END IF;
END $$;

-- ---------------------------------------------------------------------------
-- Page, groups, components
-- ---------------------------------------------------------------------------

INSERT INTO pages (name, url, time_zone, created_at, updated_at)
SELECT 'Lantern Bench', 'http://127.0.0.1:8080', tz,
       start_day::timestamp AT TIME ZONE tz, start_day::timestamp AT TIME ZONE tz
  FROM gen_params
RETURNING id AS page \gset

INSERT INTO component_groups (page_id, name, description, position, created_at, updated_at)
SELECT :page,
       coalesce((ARRAY['Core Platform', 'Public API', 'Storage', 'Networking', 'Compute',
                       'Data & Analytics', 'Integrations', 'Customer Tools'])[g], 'Group ' || g),
       'Services of group ' || g || '.', g * 10,
       start_day::timestamp AT TIME ZONE tz, start_day::timestamp AT TIME ZONE tz
  FROM gen_params, generate_series(1, ngroups) g;

-- 25 services x 16 regions: names stay unique up to 400 components.
INSERT INTO components (page_id, group_id, name, description, position, status, start_date,
                        created_at, updated_at)
SELECT :page, grp.id,
       (ARRAY['Web App', 'API Gateway', 'Auth', 'Database', 'Object Storage', 'CDN', 'DNS',
              'Load Balancer', 'Job Queue', 'Scheduler', 'Search', 'Email Delivery', 'Webhooks',
              'Billing', 'Dashboard', 'Metrics', 'Logging', 'Build Runners', 'Container Registry',
              'Cache', 'Realtime', 'Notifications', 'SSO', 'Backups', 'Mobile Push'])[k % 25 + 1]
       || ' (' || (ARRAY['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1',
                         'ap-northeast-1', 'sa-east-1', 'ca-central-1', 'eu-north-1', 'me-south-1',
                         'af-south-1', 'ap-southeast-2', 'eu-south-1', 'us-east-2', 'ap-east-1',
                         'il-central-1'])[k / 25 + 1] || ')',
       CASE WHEN k % 3 = 0 THEN 'Serves customers in this region.' ELSE '' END,
       k * 10, 'operational', d.start_date,
       d.start_date::timestamp AT TIME ZONE gp.tz, d.start_date::timestamp AT TIME ZONE gp.tz
  FROM gen_params gp
 CROSS JOIN generate_series(0, gp.ncomp - 1) k
 CROSS JOIN LATERAL (SELECT CASE WHEN k % 10 = 9 THEN (gp.start_day + make_interval(years => :years - 3))::date
                                 ELSE gp.start_day END AS start_date) d
  JOIN component_groups grp ON grp.page_id = :page AND grp.position = (k % gp.ngroups + 1) * 10;

-- Inserting a component recorded "operational" now; it has been operational since its start.
UPDATE component_status_changes s
   SET changed_at = c.start_date::timestamp AT TIME ZONE gp.tz
  FROM components c, gen_params gp
 WHERE c.id = s.component_id AND c.page_id = :page;

CREATE TEMP TABLE gen_comp ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY c.position) - 1 AS ord, c.id, c.name,
       c.start_date::timestamp AT TIME ZONE gp.tz AS start_at
  FROM components c, gen_params gp
 WHERE c.page_id = :page;

-- ---------------------------------------------------------------------------
-- Notices: when, what kind, how bad, how many updates
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE gen_notice ON COMMIT DROP AS
WITH base AS (
    SELECT i, gp.nnotice - 7 AS npast, gp.nnotice, gp.nupdate, gp.t_now,
           (gp.start_day + 1)::timestamp AT TIME ZONE gp.tz AS t0,
           ((gp.t_now - interval '2 days') - ((gp.start_day + 1)::timestamp AT TIME ZONE gp.tz))
               / (gp.nnotice - 7) AS slot,
           random() AS r1, random() AS r2, random() AS r3, random() AS r4
      FROM gen_params gp, generate_series(1, gp.nnotice) i
), shaped AS (
    SELECT b.*,
           CASE WHEN i <= npast THEN 'past' WHEN i <= npast + 3 THEN 'open'
                WHEN i = npast + 4 THEN 'active' ELSE 'future' END AS state,
           CASE WHEN (i <= npast AND i % 7 = 3) OR i > npast + 3 THEN 'maintenance'
                ELSE 'incident' END::incident_kind AS kind,
           -- Pairs (2j-1, 2j) get +d and -d around the even share, so the sum is exact.
           (i::bigint * nupdate / nnotice - (i - 1)::bigint * nupdate / nnotice)::int
             + CASE WHEN i % 2 = 1 AND i < nnotice THEN 1 WHEN i % 2 = 0 THEN -1 ELSE 0 END
               * least(7, greatest(nupdate / nnotice - 3, 0), ((i + 1) / 2 * 5) % 8) AS nupd
      FROM base b
)
SELECT i, state, kind, nupd,
       CASE WHEN kind = 'maintenance' THEN 'none'
            WHEN r3 < 0.1 THEN 'none' WHEN r3 < 0.6 THEN 'minor' WHEN r3 < 0.9 THEN 'major'
            ELSE 'critical' END::incident_impact AS impact,
       -- The status the touched components take: worse with the impact.
       CASE WHEN kind = 'maintenance' THEN 'under_maintenance'
            WHEN r3 < 0.35 THEN 'degraded_performance' WHEN r3 < 0.75 THEN 'partial_outage'
            ELSE 'major_outage' END::component_status AS comp_status,
       -- Some major and critical incidents get a published postmortem.
       (state = 'past' AND kind = 'incident' AND r3 >= 0.6 AND r4 < 0.1) AS postmortem,
       CASE state
           WHEN 'past' THEN CASE kind
               WHEN 'incident' THEN date_trunc('second', t0 + slot * (i - 1 + 0.8 * r1))
               ELSE date_trunc('second', date_trunc('hour', t0 + slot * (i - 1)) + interval '1 hour'
                                         + r1 * interval '5 minutes') END
           WHEN 'open' THEN date_trunc('second', t_now - (4 - (i - npast)) * interval '5 hours' - r1 * interval '30 minutes')
           WHEN 'active' THEN date_trunc('minute', t_now - interval '40 minutes')
       END AS started_at,
       CASE kind WHEN 'maintenance' THEN CASE state
           WHEN 'past' THEN date_trunc('hour', t0 + slot * (i - 1)) + interval '1 hour'
           WHEN 'active' THEN date_trunc('minute', t_now - interval '40 minutes')
           ELSE date_trunc('hour', t_now) + (2 * (i - npast - 4) + 1) * interval '1 day' + interval '2 hours' END
       END AS scheduled_for,
       -- Mostly short incidents, a few long ones; maintenance takes 1 to 4 hours.
       CASE WHEN state = 'past' AND kind = 'incident'
            THEN date_trunc('second', interval '5 minutes' + interval '8 hours' * r2 ^ 3) END AS duration,
       CASE WHEN kind = 'maintenance' THEN CASE state
            WHEN 'past' THEN (1 + floor(r2 * 4)) * interval '1 hour'
            WHEN 'active' THEN interval '3 hours' ELSE interval '2 hours' END END AS window_len,
       r4, t_now
  FROM shaped;

ALTER TABLE gen_notice ADD COLUMN resolved_at timestamptz, ADD COLUMN scheduled_until timestamptz,
                       ADD COLUMN created_at timestamptz, ADD COLUMN id bigint, ADD COLUMN first_update bigint;

UPDATE gen_notice n
   SET scheduled_until = n.scheduled_for + n.window_len,
       resolved_at = CASE WHEN state = 'past' AND kind = 'incident' THEN started_at + duration
                          -- Finished up to half an hour early, never before it began.
                          WHEN state = 'past' THEN date_trunc('second', scheduled_for + window_len - r4 * interval '30 minutes') END,
       -- Maintenance is announced three days ahead (the future ones one to three days ago).
       created_at = CASE WHEN kind = 'incident' THEN started_at
                         WHEN state = 'future' THEN date_trunc('second', t_now - (i % 3 + 1) * interval '1 day')
                         ELSE scheduled_for - interval '3 days' END;

-- Ids chosen here, so updates and history can name their incident without a lookup.
UPDATE gen_notice n
   SET id = x.base + n.i, first_update = x.ubase + o.before + 1
  FROM (SELECT coalesce((SELECT max(id) FROM incidents), 0) AS base,
               coalesce((SELECT max(id) FROM incident_updates), 0) AS ubase) x,
       (SELECT i, sum(nupd) OVER (ORDER BY i) - nupd AS before FROM gen_notice) o
 WHERE o.i = n.i;

-- ---------------------------------------------------------------------------
-- Updates: times spread over each notice's life, statuses moving forward
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE gen_update ON COMMIT DROP AS
SELECT n.id AS incident_id, n.first_update + k - 1 AS id, k, n.nupd,
       CASE
           WHEN n.kind = 'incident' AND n.state = 'past' THEN CASE
               WHEN k = n.nupd THEN 'resolved'
               ELSE (ARRAY['investigating', 'identified', 'monitoring'])[(k - 1) * 3 / (n.nupd - 1) + 1] END
           -- Open incidents: the first still investigating, the second identified, the third monitoring.
           WHEN n.kind = 'incident' THEN
               (ARRAY['investigating', 'identified', 'monitoring'])[(k - 1) * (n.i % 3 + 1) / n.nupd + 1]
           WHEN n.state = 'future' OR k = 1 THEN 'scheduled'
           WHEN n.state = 'active' THEN 'in_progress'
           WHEN k = n.nupd THEN 'completed'
           WHEN k = n.nupd - 1 AND n.nupd >= 4 THEN 'verifying'
           ELSE 'in_progress'
       END::incident_status AS status,
       date_trunc('second', CASE
           WHEN n.kind = 'incident' AND n.state = 'past' THEN
               n.started_at + (n.resolved_at - n.started_at) * (k - 1) / (n.nupd - 1)
           WHEN n.kind = 'incident' THEN
               n.started_at + (n.t_now - interval '2 minutes' - n.started_at) * (k - 1) / n.nupd
           WHEN n.state = 'future' THEN
               n.created_at + (n.t_now - interval '1 hour' - n.created_at) * (k - 1) / n.nupd
           WHEN k = 1 THEN n.created_at
           WHEN n.state = 'active' THEN
               n.started_at + (n.t_now - interval '1 minute' - n.started_at) * (k - 2) / (n.nupd - 1)
           ELSE n.started_at + (n.resolved_at - n.started_at) * (k - 2) / (n.nupd - 2)
       END) AS created_at,
       n.i
  FROM gen_notice n, generate_series(1, n.nupd) k;

-- ---------------------------------------------------------------------------
-- What each notice did to its components: the status changes and the updates that tell them
-- ---------------------------------------------------------------------------

CREATE TEMP TABLE gen_touch ON COMMIT DROP AS
SELECT DISTINCT n.i, n.id AS incident_id, c.id AS component_id, n.comp_status, n.state, n.kind, n.nupd,
       n.started_at, n.resolved_at
  FROM gen_notice n, gen_params gp, generate_series(0, n.i % 3) j, gen_comp c
 WHERE n.state <> 'future' AND (n.kind = 'maintenance' OR n.impact <> 'none')
   AND c.ord = (n.i::bigint * 17 + j * 5) % gp.ncomp
   AND c.start_at <= n.started_at;

CREATE TEMP TABLE gen_change ON COMMIT DROP AS
-- The first move: with the first update for incidents, with "in progress" for maintenance.
SELECT t.component_id, t.incident_id, CASE WHEN t.kind = 'incident' THEN 1 ELSE 2 END AS k,
       t.started_at AS at, 'operational'::component_status AS old_status, t.comp_status AS new_status
  FROM gen_touch t
UNION ALL
-- A major outage that eases to a partial one half-way, so some days hold both.
SELECT t.component_id, t.incident_id, (t.nupd + 1) / 2, u.created_at, 'major_outage', 'partial_outage'
  FROM gen_touch t JOIN gen_update u ON u.incident_id = t.incident_id AND u.k = (t.nupd + 1) / 2
 WHERE t.state = 'past' AND t.comp_status = 'major_outage' AND t.nupd >= 5
UNION ALL
-- Back to operational with the last update, for every notice that is over.
SELECT t.component_id, t.incident_id, t.nupd, t.resolved_at,
       CASE WHEN t.comp_status = 'major_outage' AND t.nupd >= 5 THEN 'partial_outage' ELSE t.comp_status END,
       'operational'
  FROM gen_touch t
 WHERE t.state = 'past';

-- ---------------------------------------------------------------------------
-- Load
-- ---------------------------------------------------------------------------

INSERT INTO incidents (id, page_id, kind, name, status, impact, created_at, updated_at, started_at,
                       monitoring_at, resolved_at, scheduled_for, scheduled_until,
                       postmortem_body, postmortem_published_at)
OVERRIDING SYSTEM VALUE
SELECT n.id, :page, n.kind,
       CASE WHEN c.name IS NULL THEN
                (ARRAY['Delayed email notifications', 'Some users cannot sign in',
                       'Slow page loads for a subset of users', 'Intermittent API timeouts',
                       'Status page updates delayed'])[n.i % 5 + 1]
            WHEN n.kind = 'maintenance' THEN
                (ARRAY['Scheduled maintenance: ', 'Database upgrade: ', 'Network maintenance: ',
                       'Security patching: '])[n.i % 4 + 1] || c.name
            ELSE (ARRAY['Elevated error rates on ', 'Degraded performance of ', 'Outage: ',
                        'Increased latency for ', 'Intermittent failures in '])[n.i % 5 + 1] || c.name
       END,
       CASE WHEN n.postmortem THEN 'postmortem' ELSE u.status END,
       n.impact, n.created_at,
       greatest(u.created_at, n.created_at, n.resolved_at + interval '1 day' * n.postmortem::int),
       n.started_at, m.monitoring_at, n.resolved_at, n.scheduled_for, n.scheduled_until,
       CASE WHEN n.postmortem THEN format($pm$## Summary

On %s a change to **%s** caused the failures described in the updates above.

## Timeline

- Detection: our alerting fired within minutes of the first errors.
- Mitigation: the change was rolled back and the backlog drained.
- Resolution: error rates returned to normal levels.

## Root cause

A configuration value that differs between regions was read from the wrong place.  The
fallback `DEFAULT_REGION` hid the mistake in staging, where every region is the same.

## What we are doing

1. Validate the configuration at build time.
2. Add an end-to-end check per region.
3. Roll out configuration changes region by region, with an automatic stop on errors.
$pm$, to_char(n.started_at, 'YYYY-MM-DD'), coalesce(c.name, 'the platform')) END,
       CASE WHEN n.postmortem THEN n.resolved_at + interval '1 day' END
  FROM gen_notice n
  JOIN gen_update u ON u.incident_id = n.id AND u.k = n.nupd
  LEFT JOIN gen_comp c ON c.ord = n.i::bigint * 17 % (SELECT ncomp FROM gen_params)
                      AND (n.kind = 'maintenance' OR n.impact <> 'none')
  LEFT JOIN (SELECT incident_id, min(created_at) AS monitoring_at FROM gen_update
              WHERE status = 'monitoring' GROUP BY incident_id) m ON m.incident_id = n.id
 ORDER BY n.i;

-- Bodies: short texts with a little Markdown, some longer, picked by status and position.
INSERT INTO incident_updates (id, incident_id, status, body, created_at)
OVERRIDING SYSTEM VALUE
SELECT u.id, u.incident_id, u.status,
       CASE u.status
           WHEN 'investigating' THEN (ARRAY[
               'We are currently investigating this incident.',
               'We are investigating reports of **elevated error rates**. Next update within 30 minutes.',
               'Some requests fail with `503 Service Unavailable`. We are looking into it.',
               'We are aware of the problem and investigating. Affected customers may see timeouts.'])[u.i % 4 + 1]
           WHEN 'identified' THEN (ARRAY[
               'The issue has been identified and a fix is being implemented.',
               'We traced the errors to a recent deployment and are rolling it back.',
               'A failed disk on a storage node caused the slowdown; traffic is being moved away from it.',
               'The cause is an expired certificate on an internal endpoint. Replacing it now.'])[(u.i + u.k) % 4 + 1]
           WHEN 'monitoring' THEN (ARRAY[
               'A fix has been implemented and we are monitoring the results.',
               'Error rates are back to normal. We keep watching:
- request latency
- queue depth
- error rates per region',
               'The rollback is complete and the backlog is draining.'])[(u.i + u.k) % 3 + 1]
           WHEN 'resolved' THEN 'This incident has been resolved.'
           WHEN 'scheduled' THEN (ARRAY[
               'We will be performing scheduled maintenance in this window. No downtime is expected.',
               'During this window some requests may be slower than usual. See [our maintenance policy](https://example.com/maintenance).'])[u.i % 2 + 1]
           WHEN 'in_progress' THEN 'Scheduled maintenance is currently in progress. We will provide updates as necessary.'
           WHEN 'verifying' THEN 'Verification is currently underway for the maintenance items.'
           WHEN 'completed' THEN 'The scheduled maintenance has been completed.'
       END
       -- One update in ten is longer, as real ones are when something drags on.
       || CASE WHEN u.id % 10 = 0 THEN '

We have seen this pattern before and know the usual remedies; we are applying them one by one and
will post again when the situation changes. Customers who need help can reach support as usual.' ELSE '' END,
       u.created_at
  FROM gen_update u
 ORDER BY u.id;

SELECT setval(pg_get_serial_sequence('incidents', 'id'), max(id)) FROM incidents \g /dev/null
SELECT setval(pg_get_serial_sequence('incident_updates', 'id'), max(id)) FROM incident_updates \g /dev/null

INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
SELECT u.id, ch.component_id, ch.old_status, ch.new_status
  FROM gen_change ch JOIN gen_update u ON u.incident_id = ch.incident_id AND u.k = ch.k;

-- The history in bulk, with the triggers that keep component_days and components.status off
-- (they run per row); both are rebuilt below.  Everything stays inside this transaction.
ALTER TABLE component_status_changes DISABLE TRIGGER component_status_changes_sync,
                                     DISABLE TRIGGER component_status_changes_uptime;
INSERT INTO component_status_changes (component_id, status, changed_at, incident_id)
SELECT component_id, new_status, at, incident_id
  FROM gen_change
 ORDER BY component_id, at;
ALTER TABLE component_status_changes ENABLE TRIGGER component_status_changes_sync,
                                     ENABLE TRIGGER component_status_changes_uptime;

SELECT count(component_days_refresh(c.id, NULL, NULL)) FROM components c WHERE c.page_id = :page \g /dev/null
-- Equal to the latest history row, so the status trigger records nothing new.
UPDATE components c
   SET status = l.status
  FROM (SELECT DISTINCT ON (component_id) component_id, status
          FROM component_status_changes
         ORDER BY component_id, changed_at DESC, id DESC) l
 WHERE l.component_id = c.id AND c.page_id = :page AND c.status <> l.status;

-- ---------------------------------------------------------------------------
-- Checks: the bulk path must give what the triggers would have
-- ---------------------------------------------------------------------------

-- component_days of two components (one from the start, one starting later), recomputed another
-- way: every local day against every closed span (as sql/check-uptime.sql does).
DO $$
DECLARE
    cid  bigint;
    diff bigint;
BEGIN
    FOR cid IN SELECT id FROM gen_comp WHERE ord IN (0, 9) LOOP
        WITH zone AS (
            SELECT tz FROM gen_params
        ), spans AS (
            SELECT status, changed_at AS s_start, lead(changed_at) OVER (ORDER BY changed_at, id) AS s_end
              FROM component_status_changes WHERE component_id = cid
        ), days AS (
            SELECT g::date AS day, g AT TIME ZONE zone.tz AS d_start, (g + interval '1 day') AT TIME ZONE zone.tz AS d_end
              FROM zone, generate_series(((SELECT min(s_start) FROM spans) AT TIME ZONE zone.tz)::date::timestamp,
                                         ((SELECT max(s_start) FROM spans) AT TIME ZONE zone.tz)::date::timestamp,
                                         interval '1 day') g
        ), totals AS (
            SELECT d.day,
                   round(coalesce(sum(extract(epoch FROM least(s.s_end, d.d_end) - greatest(s.s_start, d.d_start)))
                                  FILTER (WHERE s.status = 'partial_outage'), 0))::integer AS p,
                   round(coalesce(sum(extract(epoch FROM least(s.s_end, d.d_end) - greatest(s.s_start, d.d_start)))
                                  FILTER (WHERE s.status = 'major_outage'), 0))::integer AS m,
                   round(coalesce(sum(extract(epoch FROM least(s.s_end, d.d_end) - greatest(s.s_start, d.d_start)))
                                  FILTER (WHERE s.status = 'degraded_performance'), 0))::integer AS d,
                   round(coalesce(sum(extract(epoch FROM least(s.s_end, d.d_end) - greatest(s.s_start, d.d_start)))
                                  FILTER (WHERE s.status = 'under_maintenance'), 0))::integer AS u
              FROM days d JOIN spans s ON s.s_end IS NOT NULL AND s.s_start < d.d_end AND s.s_end > d.d_start
             GROUP BY d.day
        ), want AS (
            SELECT * FROM totals WHERE p + m + d + u > 0
        ), got AS (
            SELECT day, partial_seconds, major_seconds, degraded_seconds, maintenance_seconds
              FROM component_days WHERE component_id = cid
        )
        SELECT count(*) INTO diff FROM ((SELECT * FROM want EXCEPT SELECT * FROM got)
                                        UNION ALL (SELECT * FROM got EXCEPT SELECT * FROM want)) x;
        IF diff > 0 OR NOT EXISTS (SELECT 1 FROM component_days WHERE component_id = cid) THEN
            RAISE EXCEPTION 'gen-data: component_days of component % differ from a recomputation in % rows', cid, diff;
        END IF;
    END LOOP;
    IF EXISTS (SELECT 1 FROM components c
                WHERE c.status IS DISTINCT FROM (SELECT s.status FROM component_status_changes s
                                                  WHERE s.component_id = c.id
                                                  ORDER BY s.changed_at DESC, s.id DESC LIMIT 1)) THEN
        RAISE EXCEPTION 'gen-data: a component''s status is not its latest history row';
    END IF;
END $$;

COMMIT;

-- Fresh statistics, or the first minutes of the benchmark would measure bad plans.
ANALYZE;

SELECT format('gen-data: %s components in %s groups, %s notices (%s open, %s scheduled), %s updates, %s status changes, %s stored days',
              (SELECT count(*) FROM components), (SELECT count(*) FROM component_groups),
              (SELECT count(*) FROM incidents),
              (SELECT count(*) FROM incidents WHERE resolved_at IS NULL AND status <> 'scheduled'),
              (SELECT count(*) FROM incidents WHERE status = 'scheduled'),
              (SELECT count(*) FROM incident_updates), (SELECT count(*) FROM component_status_changes),
              (SELECT count(*) FROM component_days)) AS summary \gset
\echo :summary
