-- check-constraints.sql: proves the schema refuses bad data and keeps components.status equal to its history; fails (non-zero with ON_ERROR_STOP) otherwise.
-- Run on any migrated database (demo loaded or not): psql -X -q -v ON_ERROR_STOP=1 DATABASE_URL -f sql/check-constraints.sql </dev/null
-- Everything happens in one transaction that is rolled back, so the database is left as it was.

BEGIN;

-- Runs stmt and insists it fails with the given SQLSTATE: a refusal for another reason
-- (a typo in the test, a missing fixture) must not count as a pass.
CREATE FUNCTION pg_temp.expect_refused(label text, state text, stmt text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        EXECUTE stmt;
    EXCEPTION WHEN OTHERS THEN
        IF SQLSTATE <> state THEN
            RAISE EXCEPTION '%: refused with % (%), expected SQLSTATE %', label, SQLSTATE, SQLERRM, state;
        END IF;
        RETURN;
    END;
    RAISE EXCEPTION '%: was accepted but must be refused', label;
END $$;

-- Fixtures: two pages with a group, a component and an incident each.
INSERT INTO pages (name, url, time_zone) VALUES
    ('zz check A', 'https://a.example.com', 'Europe/Berlin'),
    ('zz check B', 'https://b.example.com/status', 'UTC');
INSERT INTO component_groups (page_id, name)
SELECT id, 'Group' FROM pages WHERE name IN ('zz check A', 'zz check B');
INSERT INTO components (page_id, name)
SELECT id, 'Thing' FROM pages WHERE name IN ('zz check A', 'zz check B');
INSERT INTO incidents (page_id, name, status, started_at)
SELECT id, 'Trouble', 'investigating', now() - interval '1 hour' FROM pages WHERE name IN ('zz check A', 'zz check B');

CREATE TEMP VIEW fx AS
SELECT (SELECT id FROM pages WHERE name = 'zz check A') AS page_a,
       (SELECT id FROM pages WHERE name = 'zz check B') AS page_b,
       (SELECT c.id FROM components c JOIN pages p ON p.id = c.page_id WHERE p.name = 'zz check A') AS comp_a,
       (SELECT c.id FROM components c JOIN pages p ON p.id = c.page_id WHERE p.name = 'zz check B') AS comp_b,
       (SELECT g.id FROM component_groups g JOIN pages p ON p.id = g.page_id WHERE p.name = 'zz check B') AS group_b,
       (SELECT i.id FROM incidents i JOIN pages p ON p.id = i.page_id WHERE p.name = 'zz check A') AS inc_a,
       (SELECT i.id FROM incidents i JOIN pages p ON p.id = i.page_id WHERE p.name = 'zz check B') AS inc_b;

-- Pages
DO $$
DECLARE f fx;
BEGIN
    SELECT * INTO STRICT f FROM fx;
    PERFORM pg_temp.expect_refused('unknown time zone', '23514',
        $q$INSERT INTO pages (name, url, time_zone) VALUES ('x', 'https://x.example', 'Mars/Olympus')$q$);
    PERFORM pg_temp.expect_refused('tzdata internal as time zone', '23514',
        $q$INSERT INTO pages (name, url, time_zone) VALUES ('x', 'https://x.example', 'posixrules')$q$);
    PERFORM pg_temp.expect_refused('time zone changed to unknown', '23514',
        format($q$UPDATE pages SET time_zone = 'Europe/Atlantis' WHERE id = %s$q$, f.page_a));
    PERFORM pg_temp.expect_refused('url without scheme', '23514',
        $q$INSERT INTO pages (name, url) VALUES ('x', 'example.com')$q$);
    PERFORM pg_temp.expect_refused('url with trailing slash', '23514',
        $q$INSERT INTO pages (name, url) VALUES ('x', 'https://x.example/')$q$);
    PERFORM pg_temp.expect_refused('empty page name', '23514',
        $q$INSERT INTO pages (name, url) VALUES ('', 'https://x.example')$q$);
    PERFORM pg_temp.expect_refused('page name too long', '23514',
        format($q$INSERT INTO pages (name, url) VALUES (%L, 'https://x.example')$q$, repeat('n', 201)));
END $$;

-- Components and groups
DO $$
DECLARE f fx;
BEGIN
    SELECT * INTO STRICT f FROM fx;
    PERFORM pg_temp.expect_refused('unknown component status', '22P02',
        format($q$INSERT INTO components (page_id, name, status) VALUES (%s, 'x', 'broken')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('component in a group of another page', '23503',
        format($q$INSERT INTO components (page_id, group_id, name) VALUES (%s, %s, 'x')$q$, f.page_a, f.group_b));
    PERFORM pg_temp.expect_refused('component moved into a group of another page', '23503',
        format($q$UPDATE components SET group_id = %s WHERE id = %s$q$, f.group_b, f.comp_a));
    PERFORM pg_temp.expect_refused('component moved to another page', '23514',
        format($q$UPDATE components SET page_id = %s WHERE id = %s$q$, f.page_b, f.comp_a));
    PERFORM pg_temp.expect_refused('duplicate component name on a page', '23505',
        format($q$INSERT INTO components (page_id, name) VALUES (%s, 'Thing')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('negative position', '23514',
        format($q$INSERT INTO components (page_id, name, position) VALUES (%s, 'x', -1)$q$, f.page_a));
    PERFORM pg_temp.expect_refused('description too long', '23514',
        format($q$INSERT INTO components (page_id, name, description) VALUES (%s, 'x', %L)$q$, f.page_a, repeat('d', 2001)));
END $$;

-- Incidents and maintenance
DO $$
DECLARE f fx;
BEGIN
    SELECT * INTO STRICT f FROM fx;
    PERFORM pg_temp.expect_refused('maintenance without scheduled_for', '23514',
        format($q$INSERT INTO incidents (page_id, kind, name, status, scheduled_until)
                  VALUES (%s, 'maintenance', 'x', 'scheduled', now() + interval '2 hours')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('maintenance ending before it starts', '23514',
        format($q$INSERT INTO incidents (page_id, kind, name, status, scheduled_for, scheduled_until)
                  VALUES (%s, 'maintenance', 'x', 'scheduled', now() + interval '2 hours', now() + interval '1 hour')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('incident with a maintenance status', '23514',
        format($q$INSERT INTO incidents (page_id, name, status, started_at) VALUES (%s, 'x', 'scheduled', now())$q$, f.page_a));
    PERFORM pg_temp.expect_refused('maintenance with an incident status', '23514',
        format($q$INSERT INTO incidents (page_id, kind, name, status, started_at, scheduled_for, scheduled_until)
                  VALUES (%s, 'maintenance', 'x', 'investigating', now(), now(), now() + interval '1 hour')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('unknown impact', '22P02',
        format($q$INSERT INTO incidents (page_id, name, status, impact, started_at) VALUES (%s, 'x', 'investigating', 'apocalyptic', now())$q$, f.page_a));
    PERFORM pg_temp.expect_refused('incident without started_at', '23514',
        format($q$INSERT INTO incidents (page_id, name, status) VALUES (%s, 'x', 'investigating')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('resolved before started', '23514',
        format($q$INSERT INTO incidents (page_id, name, status, started_at, resolved_at)
                  VALUES (%s, 'x', 'resolved', now(), now() - interval '1 minute')$q$, f.page_a));
    PERFORM pg_temp.expect_refused('resolved status without resolved_at', '23514',
        format($q$UPDATE incidents SET status = 'resolved' WHERE id = %s$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('postmortem status without a published postmortem', '23514',
        format($q$UPDATE incidents SET status = 'postmortem', resolved_at = now() WHERE id = %s$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('postmortem published before resolution', '23514',
        format($q$UPDATE incidents SET status = 'postmortem', resolved_at = now(), postmortem_body = 'pm',
                         postmortem_published_at = now() - interval '1 minute' WHERE id = %s$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('incident changed into maintenance', '23514',
        format($q$UPDATE incidents SET kind = 'maintenance', status = 'in_progress', scheduled_for = now(),
                         scheduled_until = now() + interval '1 hour' WHERE id = %s$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('update with a status of the other kind', '23514',
        format($q$INSERT INTO incident_updates (incident_id, status, body) VALUES (%s, 'in_progress', 'x')$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('blank update body', '23514',
        format($q$INSERT INTO incident_updates (incident_id, status, body) VALUES (%s, 'identified', '  ')$q$, f.inc_a));
    PERFORM pg_temp.expect_refused('update naming a component of another page', '23503',
        format($q$WITH u AS (INSERT INTO incident_updates (incident_id, status, body) VALUES (%s, 'identified', 'x') RETURNING id)
                  INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
                  SELECT id, %s, 'operational', 'major_outage' FROM u$q$, f.inc_a, f.comp_b));
    PERFORM pg_temp.expect_refused('update component change that changes nothing', '23514',
        format($q$WITH u AS (INSERT INTO incident_updates (incident_id, status, body) VALUES (%s, 'identified', 'x') RETURNING id)
                  INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
                  SELECT id, %s, 'operational', 'operational' FROM u$q$, f.inc_a, f.comp_a));
END $$;

-- Status history
DO $$
DECLARE f fx;
BEGIN
    SELECT * INTO STRICT f FROM fx;
    PERFORM pg_temp.expect_refused('status change in the future', '23514',
        format($q$INSERT INTO component_status_changes (component_id, status, changed_at)
                  VALUES (%s, 'major_outage', now() + interval '1 minute')$q$, f.comp_a));
    PERFORM pg_temp.expect_refused('status change caused by an incident of another page', '23503',
        format($q$INSERT INTO component_status_changes (component_id, status, incident_id)
                  VALUES (%s, 'major_outage', %s)$q$, f.comp_a, f.inc_b));
    PERFORM pg_temp.expect_refused('status change moved to another component', '23514',
        format($q$UPDATE component_status_changes SET component_id = %s WHERE component_id = %s$q$, f.comp_b, f.comp_a));
    PERFORM pg_temp.expect_refused('deleting the only history row', '23001',
        format($q$DELETE FROM component_status_changes WHERE component_id = %s$q$, f.comp_a));
END $$;

-- API tokens and audit log
DO $$
DECLARE f fx;
BEGIN
    SELECT * INTO STRICT f FROM fx;
    PERFORM pg_temp.expect_refused('token hash of 31 bytes', '23514',
        $q$INSERT INTO api_tokens (name, token_hash) VALUES ('x', decode(repeat('ab', 31), 'hex'))$q$);
    PERFORM pg_temp.expect_refused('token hash of 33 bytes', '23514',
        $q$INSERT INTO api_tokens (name, token_hash) VALUES ('x', decode(repeat('ab', 33), 'hex'))$q$);
    INSERT INTO api_tokens (name, token_hash) VALUES ('zz check', sha256('zz check key'));
    PERFORM pg_temp.expect_refused('duplicate token hash', '23505',
        $q$INSERT INTO api_tokens (name, token_hash) VALUES ('y', sha256('zz check key'))$q$);
    INSERT INTO audit_log (action, entity_type, entity_id, after) VALUES ('create', 'component', f.comp_a, '{}');
    PERFORM pg_temp.expect_refused('rewriting the audit log', '23001',
        $q$UPDATE audit_log SET action = 'delete'$q$);
    PERFORM pg_temp.expect_refused('audit action with spaces', '23514',
        $q$INSERT INTO audit_log (action, entity_type) VALUES ('drop table', 'component')$q$);
END $$;

-- components.status must follow the latest history row, whichever side is written.
DO $$
DECLARE
    f fx;
    s component_status;
    n bigint;
BEGIN
    SELECT * INTO STRICT f FROM fx;

    UPDATE components SET status = 'partial_outage' WHERE id = f.comp_a;
    SELECT status INTO s FROM component_status_changes WHERE component_id = f.comp_a ORDER BY changed_at DESC, id DESC LIMIT 1;
    IF s IS DISTINCT FROM 'partial_outage' THEN
        RAISE EXCEPTION 'setting components.status did not record history (latest: %)', s;
    END IF;

    -- A backdated row is history only; the current status stays.
    INSERT INTO component_status_changes (component_id, status, changed_at)
    VALUES (f.comp_a, 'major_outage', now() - interval '1 day');
    SELECT status INTO s FROM components WHERE id = f.comp_a;
    IF s IS DISTINCT FROM 'partial_outage' THEN
        RAISE EXCEPTION 'a backdated history row changed the current status to %', s;
    END IF;

    -- A row at now() (written after the others, so latest by id) becomes the current status.
    INSERT INTO component_status_changes (component_id, status, incident_id)
    VALUES (f.comp_a, 'degraded_performance', f.inc_a) RETURNING id INTO n;
    SELECT status INTO s FROM components WHERE id = f.comp_a;
    IF s IS DISTINCT FROM 'degraded_performance' THEN
        RAISE EXCEPTION 'a new history row did not set the current status (got %)', s;
    END IF;

    -- Removing the latest row falls back to the one before it.
    DELETE FROM component_status_changes WHERE id = n;
    SELECT status INTO s FROM components WHERE id = f.comp_a;
    IF s IS DISTINCT FROM 'partial_outage' THEN
        RAISE EXCEPTION 'deleting the latest history row left status %', s;
    END IF;

    IF EXISTS (SELECT 1 FROM components c
                WHERE c.status IS DISTINCT FROM (SELECT h.status FROM component_status_changes h
                                                  WHERE h.component_id = c.id
                                                  ORDER BY h.changed_at DESC, h.id DESC LIMIT 1)) THEN
        RAISE EXCEPTION 'some components.status disagrees with its history';
    END IF;

    -- Deleting a group ungroups its components but keeps them on their page.
    UPDATE components SET group_id = f.group_b WHERE id = f.comp_b;
    DELETE FROM component_groups WHERE id = f.group_b;
    IF (SELECT group_id IS NOT NULL OR page_id <> f.page_b FROM components WHERE id = f.comp_b) THEN
        RAISE EXCEPTION 'deleting a group did not just ungroup its component';
    END IF;

    -- Deleting a page takes everything of it along, history included.
    DELETE FROM pages WHERE id = f.page_b;
    IF EXISTS (SELECT 1 FROM component_status_changes WHERE component_id = f.comp_b) THEN
        RAISE EXCEPTION 'deleting a page left status history behind';
    END IF;
END $$;

ROLLBACK;

\echo check-constraints: all checks passed
