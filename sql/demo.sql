-- demo.sql: demo data reproducing the VM0 notice history (shared/seed/notice-history.txt); load once into a freshly migrated DB.
-- All times are UTC. Ids are never assumed: everything is wired through RETURNING ... INTO.
SET client_encoding = 'UTF8';

BEGIN;

DO $demo$
DECLARE
    page    bigint;
    web     bigint;
    runner  bigint;
    feb     bigint;
    jan     bigint;
    upd     bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM pages WHERE name = 'VM0') THEN
        RAISE EXCEPTION 'demo data already loaded (a page named VM0 exists)';
    END IF;

    INSERT INTO pages (name, url, time_zone, created_at, updated_at)
    VALUES ('VM0', 'http://127.0.0.1:8080', 'UTC', '2025-10-01 00:00Z', '2025-10-01 00:00Z')
    RETURNING id INTO page;

    -- Positions are spaced by 10 so a component can later be slotted in between without renumbering.
    INSERT INTO components (page_id, name, position, status, start_date, created_at, updated_at)
    VALUES (page, 'Web Page',    10, 'operational', '2025-10-01', '2025-10-01 00:00Z', '2025-10-01 00:00Z'),
           (page, 'Runner',      20, 'operational', '2025-10-01', '2025-10-01 00:00Z', '2025-10-01 00:00Z'),
           (page, 'API Service', 30, 'operational', '2025-10-01', '2025-10-01 00:00Z', '2025-10-01 00:00Z'),
           (page, 'Storage',     40, 'operational', '2025-10-01', '2025-10-01 00:00Z', '2025-10-01 00:00Z');
    SELECT id INTO STRICT web    FROM components WHERE page_id = page AND name = 'Web Page';
    SELECT id INTO STRICT runner FROM components WHERE page_id = page AND name = 'Runner';

    -- Inserting a component recorded "operational" at load time; the components have existed,
    -- operational, since their start date, so move that first history row back to it.
    UPDATE component_status_changes s SET changed_at = '2025-10-01 00:00Z'
      FROM components c
     WHERE c.id = s.component_id AND c.page_id = page;

    ---------------------------------------------------------------------------
    -- Jan 2026: Runner down 06:02-11:00 UTC on 2026-01-19 (298 minutes -> 99.33% for January).
    ---------------------------------------------------------------------------
    INSERT INTO incidents (page_id, kind, name, status, impact, created_at, updated_at,
                           started_at, resolved_at, postmortem_body, postmortem_published_at)
    VALUES (page, 'incident', 'Agent can''t run', 'postmortem', 'major',
            '2026-01-19 06:02Z', '2026-01-20 10:30Z', '2026-01-19 06:02Z', '2026-01-19 11:00Z',
$pm$Postmortem: Claude Code Hanging in Sandbox

Date: 2026-01-19
Severity: P0
Duration: ~4 hours

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

SUMMARY

Production agent runs were failing silently. Claude Code started but never produced output, timing out after 15+ minutes.

Root Cause: stdin was configured as "pipe" but never closed, causing Claude Code to hang waiting for EOF.

Why CI missed it: CI uses mock-claude which doesn't check stdin state. Real Claude Code does.

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

THE BUG

Before (hangs - stdin pipe never closed):
spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] })

After (works - stdin is /dev/null, immediate EOF):
spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] })

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

HOW WE FOUND IT

1. SSH into sandbox

2. cat /tmp/vm0-agent-*.log → empty (no Claude output)

3. ps aux | grep claude → process alive, using 23% memory

4. ps -p 510 -o wchan → ep_pol (waiting on I/O)

5. ls -la /proc/510/fd/0 → stdin connected to pipe

6. Manual "claude --print hello" → works (TTY mode)

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

WHY NO ROLLBACK

Release included database migration. Forward-fix was safer.

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

INVESTIGATION NOISE

Runner npm publish failure (@vm0/core not built) was unrelated but consumed investigation time.

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

ACTION ITEMS

✅ Fix stdin → "ignore" (#1316)
✅ Add spawn unit tests (#1319)
✅ Fix CI publish jobs (#1306, #1318)
🔲 Add real Claude test in CI (TODO)

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━

KEY LESSON

Mock ≠ Real: CI must include at least one test with real Claude Code to catch behavior differences like stdin handling.$pm$,
            '2026-01-20 10:30Z')
    RETURNING id INTO jan;

    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (jan, 'investigating', 'We are currently investigating this incident.', '2026-01-19 06:02Z')
    RETURNING id INTO upd;
    INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
    VALUES (upd, runner, 'operational', 'major_outage');

    -- The four updates after "Identified" keep its status, so the page labels them "Update".
    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (jan, 'identified', 'We are continuing to work on a fix for this incident.', '2026-01-19 06:24Z'),
           (jan, 'identified', 'This glitch comes from a recent runner deployment, and the team is trying to fix the issue', '2026-01-19 06:51Z'),
           (jan, 'identified', 'Locating the problem comes from a recent database change, the team is trying to fix the data that caused the problem', '2026-01-19 07:46Z'),
           (jan, 'identified', 'We have now restored normal operation for both the database and task dispatcher, and are currently working on getting the Claude code in the sandbox back online.', '2026-01-19 09:13Z'),
           (jan, 'identified', 'We have confirmed that the issue lies in the way VM0 calls the claude code. The minimal fix has been finalized and is currently being redeployed.', '2026-01-19 10:27Z');

    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (jan, 'resolved', 'This incident has been resolved.', '2026-01-19 11:00Z')
    RETURNING id INTO upd;
    INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
    VALUES (upd, runner, 'major_outage', 'operational');
    -- Both rows in one statement: the status mirror is re-derived after the statement, so the
    -- component, operational now, never flips to the backdated major_outage in between.
    INSERT INTO component_status_changes (component_id, status, changed_at, incident_id)
    VALUES (runner, 'major_outage', '2026-01-19 06:02Z', jan),
           (runner, 'operational',  '2026-01-19 11:00Z', jan);

    ---------------------------------------------------------------------------
    -- Feb 2026: Web Page down 09:12-09:20 UTC on 2026-02-10 (8 minutes -> 99.98% for February).
    ---------------------------------------------------------------------------
    INSERT INTO incidents (page_id, kind, name, status, impact, created_at, updated_at,
                           started_at, resolved_at, postmortem_body, postmortem_published_at)
    VALUES (page, 'incident', 'The platform.vm0.ai cannot be opened.', 'postmortem', 'major',
            '2026-02-10 09:12Z', '2026-02-10 15:40Z', '2026-02-10 09:12Z', '2026-02-10 09:20Z',
$pm$This incident was caused by a code refactoring that consolidated references to CLERK_PUBLISHABLE_KEY across several web sites. However, due to an oversight in omitting the variable name in the deployment script, the platform failed to locate the legacy CLERK_PUBLISHABLE_KEY in the production environment, resulting in page failures and inability to use platform.vm0.ai.

The related API services and container services were not affected.

The follow-up remediation plan primarily includes attempting to validate required environment variables during the build phase to prevent problematic code from being deployed. Additionally, introducing e2e testing for platform.vm0.ai to ensure the happy path workflow functions normally.$pm$,
            '2026-02-10 15:40Z')
    RETURNING id INTO feb;

    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (feb, 'investigating', 'We are currently investigating this incident.', '2026-02-10 09:12Z')
    RETURNING id INTO upd;
    INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
    VALUES (upd, web, 'operational', 'major_outage');

    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (feb, 'identified', 'We determined that the issue originated from a recent deployment of the platform frontend code.', '2026-02-10 09:16Z');

    INSERT INTO incident_updates (incident_id, status, body, created_at)
    VALUES (feb, 'resolved', 'This incident has been resolved.', '2026-02-10 09:20Z')
    RETURNING id INTO upd;
    INSERT INTO incident_update_components (update_id, component_id, old_status, new_status)
    VALUES (upd, web, 'major_outage', 'operational');
    -- Both rows in one statement: the status mirror is re-derived after the statement, so the
    -- component, operational now, never flips to the backdated major_outage in between.
    INSERT INTO component_status_changes (component_id, status, changed_at, incident_id)
    VALUES (web, 'major_outage', '2026-02-10 09:12Z', feb),
           (web, 'operational',  '2026-02-10 09:20Z', feb);

    -- The components each incident affected ("This incident affected: Runner."): January's the
    -- Runner, February's the web page alone (its postmortem says the API and the containers were
    -- not).  Skipped in a schema before 0008, which sql-uptime.t and sql-migrations.t load this
    -- into to test the backfills of later migrations; plpgsql reads the INSERT only if it runs.
    IF to_regclass('incident_components') IS NOT NULL THEN
        INSERT INTO incident_components (incident_id, component_id, page_id)
        VALUES (jan, runner, page), (feb, web, page);
    END IF;

    -- The backdated history must have left every component operational now.
    IF EXISTS (SELECT 1 FROM components WHERE page_id = page AND status <> 'operational') THEN
        RAISE EXCEPTION 'demo: a component is not operational after loading';
    END IF;
END
$demo$;

COMMIT;
