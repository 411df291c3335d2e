-- 0001_schema.sql: Lantern's whole domain (pages, components, status history, incidents, tokens, audit) with its invariants.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

-- ---------------------------------------------------------------------------
-- Types
-- ---------------------------------------------------------------------------

CREATE TYPE component_status AS ENUM (
    'operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance');

-- Incidents and scheduled maintenance share one table (same updates, history and feeds).
CREATE TYPE incident_kind AS ENUM ('incident', 'maintenance');

CREATE TYPE incident_status AS ENUM (
    'investigating', 'identified', 'monitoring', 'resolved', 'postmortem',   -- incidents
    'scheduled', 'in_progress', 'verifying', 'completed');                   -- maintenance

CREATE TYPE incident_impact AS ENUM ('none', 'minor', 'major', 'critical');

-- IMMUTABLE so it can sit in CHECK constraints; the mapping is fixed by the enum definitions above.
CREATE FUNCTION incident_status_fits_kind(k incident_kind, s incident_status) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE k
        WHEN 'incident'    THEN s IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')
        WHEN 'maintenance' THEN s IN ('scheduled', 'in_progress', 'verifying', 'completed')
    END
$$;

-- ---------------------------------------------------------------------------
-- Generic trigger functions
-- ---------------------------------------------------------------------------

-- Lets a caller set updated_at explicitly (e.g. backdated demo data); otherwise it follows the transaction time.
CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := greatest(now(), NEW.created_at);
    END IF;
    RETURN NEW;
END $$;

-- Rows never move between pages (or incidents between kinds): the cross-table page checks below
-- are done on insert only, so moving a row would silently break them.
CREATE FUNCTION forbid_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col text;
BEGIN
    FOREACH col IN ARRAY TG_ARGV LOOP
        IF to_jsonb(NEW) -> col IS DISTINCT FROM to_jsonb(OLD) -> col THEN
            RAISE EXCEPTION '%.% cannot be changed', TG_TABLE_NAME, col
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NEW;
END $$;

-- A CHECK cannot look at a catalog, so the time zone is checked here against the server's IANA database.
-- 'localtime', 'posixrules' and 'Factory' are tzdata internals, not zones a page should use.
CREATE FUNCTION check_page_time_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.time_zone IN ('localtime', 'posixrules', 'Factory')
       OR NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.time_zone) THEN
        RAISE EXCEPTION 'invalid time zone "%"', NEW.time_zone
            USING ERRCODE = 'check_violation', HINT = 'Use an IANA zone name such as UTC or Europe/Berlin.';
    END IF;
    RETURN NEW;
END $$;

-- One channel, payload = page id: the program reloads that page's model on LISTEN lantern_changed.
-- PostgreSQL folds identical notifications of one transaction into one, so per-row firing is cheap.
-- Child rows removed by an ON DELETE CASCADE find no parent any more; the parent's own trigger has notified.
CREATE FUNCTION notify_lantern_changed() RETURNS trigger LANGUAGE plpgsql AS $$
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
        PERFORM pg_notify('lantern_changed', page::text);
    END IF;
    RETURN NULL;
END $$;

-- ---------------------------------------------------------------------------
-- Pages
-- ---------------------------------------------------------------------------

CREATE TABLE pages (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 200),
    -- Base URL without trailing slash, so the program can append '/incidents/1' etc.
    url         text NOT NULL CHECK (char_length(url) <= 2048
                                     AND url ~ '^https?://[^/\s?#]+(/[^\s?#]*)?$' AND url !~ '/$'),
    time_zone   text NOT NULL DEFAULT 'UTC' CHECK (char_length(time_zone) <= 64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (updated_at >= created_at)
);

CREATE TRIGGER pages_time_zone BEFORE INSERT OR UPDATE OF time_zone ON pages
    FOR EACH ROW EXECUTE FUNCTION check_page_time_zone();

-- ---------------------------------------------------------------------------
-- Components and groups
-- ---------------------------------------------------------------------------

CREATE TABLE component_groups (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id     bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    name        text NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 200),
    description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    position    integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (updated_at >= created_at),
    UNIQUE (page_id, name),
    UNIQUE (id, page_id)            -- target of components' composite FK
);

CREATE TABLE components (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id     bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    group_id    bigint,
    name        text NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 200),
    -- NOT NULL so the program never has to tell NULL from empty.
    description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
    position    integer NOT NULL DEFAULT 0 CHECK (position >= 0),
    -- Mirror of the latest component_status_changes row; see the status-history section below.
    status      component_status NOT NULL DEFAULT 'operational',
    start_date  date,               -- uptime before this day is "no data", not "up"
    showcase    boolean NOT NULL DEFAULT true,
    only_show_if_degraded boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (updated_at >= created_at),
    UNIQUE (page_id, name),
    -- The group must be on the same page; deleting a group ungroups its components (only group_id is nulled).
    FOREIGN KEY (group_id, page_id) REFERENCES component_groups (id, page_id) ON DELETE SET NULL (group_id)
);

CREATE INDEX components_page_position ON components (page_id, position, id);
CREATE INDEX components_group ON components (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX component_groups_page_position ON component_groups (page_id, position, id);

-- ---------------------------------------------------------------------------
-- Incidents and maintenance
-- ---------------------------------------------------------------------------

CREATE TABLE incidents (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id         bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    kind            incident_kind NOT NULL DEFAULT 'incident',
    name            text NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 300),
    status          incident_status NOT NULL,
    impact          incident_impact NOT NULL DEFAULT 'none',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,            -- maintenance: when it actually began
    monitoring_at   timestamptz,
    resolved_at     timestamptz,            -- maintenance: when it completed
    scheduled_for   timestamptz,
    scheduled_until timestamptz,
    postmortem_body text CHECK (char_length(postmortem_body) BETWEEN 1 AND 100000),
    postmortem_published_at timestamptz,
    CHECK (updated_at >= created_at),
    CONSTRAINT incidents_status_fits_kind CHECK (incident_status_fits_kind(kind, status)),
    -- Only a maintenance that has not begun yet may lack started_at.
    CONSTRAINT incidents_started CHECK (status = 'scheduled' OR started_at IS NOT NULL),
    CONSTRAINT incidents_schedule CHECK (
        CASE kind WHEN 'maintenance' THEN scheduled_for IS NOT NULL AND scheduled_until IS NOT NULL
                  ELSE scheduled_for IS NULL AND scheduled_until IS NULL END),
    CONSTRAINT incidents_schedule_order CHECK (scheduled_until > scheduled_for),
    -- resolved_at is set exactly when the incident/maintenance is over, so "open" is resolved_at IS NULL.
    CONSTRAINT incidents_resolved CHECK ((status IN ('resolved', 'postmortem', 'completed')) = (resolved_at IS NOT NULL)),
    CONSTRAINT incidents_resolved_order CHECK (resolved_at >= started_at),
    CONSTRAINT incidents_monitoring_order CHECK (monitoring_at >= started_at),
    CONSTRAINT incidents_postmortem CHECK (
        (status <> 'postmortem' OR postmortem_published_at IS NOT NULL)
        AND (postmortem_published_at IS NULL OR postmortem_body IS NOT NULL)
        AND (postmortem_body IS NULL OR kind = 'incident')),
    CONSTRAINT incidents_postmortem_order CHECK (postmortem_published_at >= resolved_at),
    UNIQUE (id, page_id)
);

CREATE INDEX incidents_page_started ON incidents (page_id, started_at DESC, id DESC);
CREATE INDEX incidents_page_created ON incidents (page_id, created_at DESC, id DESC);
CREATE INDEX incidents_page_scheduled ON incidents (page_id, scheduled_for) WHERE kind = 'maintenance';
CREATE INDEX incidents_page_open ON incidents (page_id) WHERE resolved_at IS NULL;

CREATE TABLE incident_updates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id bigint NOT NULL REFERENCES incidents ON DELETE CASCADE,
    -- An update that keeps the previous status is shown as "Update".
    status      incident_status NOT NULL,
    body        text NOT NULL CHECK (btrim(body) <> '' AND char_length(body) <= 20000),
    created_at  timestamptz NOT NULL DEFAULT now()      -- the time displayed on the page
);

CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_at, id);

-- The components an update changed, from what to what (shown under the update).
CREATE TABLE incident_update_components (
    update_id    bigint NOT NULL REFERENCES incident_updates ON DELETE CASCADE,
    component_id bigint NOT NULL REFERENCES components ON DELETE CASCADE,
    old_status   component_status NOT NULL,
    new_status   component_status NOT NULL,
    PRIMARY KEY (update_id, component_id),
    CHECK (old_status <> new_status)
);

CREATE INDEX incident_update_components_component ON incident_update_components (component_id);

CREATE FUNCTION check_incident_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k incident_kind;
BEGIN
    SELECT kind INTO k FROM incidents WHERE id = NEW.incident_id;
    IF k IS NOT NULL AND NOT incident_status_fits_kind(k, NEW.status) THEN
        RAISE EXCEPTION 'status % is not valid for a % update', NEW.status, k
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER incident_updates_check BEFORE INSERT OR UPDATE OF incident_id, status ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION check_incident_update();

CREATE FUNCTION check_incident_update_component() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM incident_updates u
                     JOIN incidents i ON i.id = u.incident_id
                     JOIN components c ON c.page_id = i.page_id
                    WHERE u.id = NEW.update_id AND c.id = NEW.component_id) THEN
        RAISE EXCEPTION 'component % is not on the page of update %', NEW.component_id, NEW.update_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER incident_update_components_check BEFORE INSERT OR UPDATE ON incident_update_components
    FOR EACH ROW EXECUTE FUNCTION check_incident_update_component();

-- ---------------------------------------------------------------------------
-- Component status history
--
-- Invariant: components.status always equals the status of the component's latest
-- component_status_changes row (latest = greatest changed_at, then greatest id).
-- The HISTORY is the source of truth and components.status a maintained mirror:
--   * Inserting a components row records its initial status at now().
--   * INSERT/UPDATE/DELETE on component_status_changes re-derives components.status from the
--     latest row. A backdated row (demo data, imports) therefore only changes the current status
--     if it is the newest one.
--   * UPDATE components SET status = ... is a shortcut: it records a history row at now()
--     (without incident_id; insert the history row yourself to link an incident).
--   * changed_at may not lie after now(), so a row written at now() is always the latest and
--     the shortcut cannot be overridden by a "future" row.
--   * The last remaining history row of an existing component cannot be deleted.
-- ---------------------------------------------------------------------------

CREATE TABLE component_status_changes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    component_id bigint NOT NULL REFERENCES components ON DELETE CASCADE,
    status       component_status NOT NULL,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    -- The incident that caused the change; kept as plain history when the incident is deleted.
    incident_id  bigint REFERENCES incidents ON DELETE SET NULL
);

CREATE INDEX component_status_changes_component_time ON component_status_changes (component_id, changed_at, id);
CREATE INDEX component_status_changes_incident ON component_status_changes (incident_id) WHERE incident_id IS NOT NULL;

CREATE FUNCTION check_component_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.component_id <> OLD.component_id THEN
        RAISE EXCEPTION 'component_status_changes.component_id cannot be changed' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.changed_at > now() THEN
        RAISE EXCEPTION 'status change at % is in the future', NEW.changed_at USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.incident_id IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM incidents i JOIN components c ON c.page_id = i.page_id
            WHERE i.id = NEW.incident_id AND c.id = NEW.component_id) THEN
        RAISE EXCEPTION 'incident % is not on the page of component %', NEW.incident_id, NEW.component_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER component_status_changes_check BEFORE INSERT OR UPDATE ON component_status_changes
    FOR EACH ROW EXECUTE FUNCTION check_component_status_change();

-- History changed: make components.status follow the latest row.
CREATE FUNCTION sync_component_status() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid    bigint;
    latest component_status;
BEGIN
    IF TG_OP = 'DELETE' THEN cid := OLD.component_id; ELSE cid := NEW.component_id; END IF;
    -- Lock first so concurrent writers for one component serialize and read each other's rows.
    PERFORM 1 FROM components WHERE id = cid FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;        -- the component itself is being deleted (cascade)
    END IF;
    SELECT status INTO latest FROM component_status_changes
     WHERE component_id = cid ORDER BY changed_at DESC, id DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cannot delete the last status history row of component %', cid
            USING ERRCODE = 'restrict_violation';
    END IF;
    UPDATE components SET status = latest WHERE id = cid AND status IS DISTINCT FROM latest;
    RETURN NULL;
END $$;

CREATE TRIGGER component_status_changes_sync AFTER INSERT OR UPDATE OR DELETE ON component_status_changes
    FOR EACH ROW EXECUTE FUNCTION sync_component_status();

-- Component inserted or its status set directly: record it, unless it already is the latest history
-- (which is the case when sync_component_status made this very update).
CREATE FUNCTION record_component_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM (
           SELECT status FROM component_status_changes
            WHERE component_id = NEW.id ORDER BY changed_at DESC, id DESC LIMIT 1) THEN
        INSERT INTO component_status_changes (component_id, status, changed_at) VALUES (NEW.id, NEW.status, now());
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER components_status_record AFTER INSERT OR UPDATE OF status ON components
    FOR EACH ROW EXECUTE FUNCTION record_component_status();

-- ---------------------------------------------------------------------------
-- API tokens and audit log (not public: no notifications)
-- ---------------------------------------------------------------------------

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id      bigint REFERENCES pages ON DELETE CASCADE,     -- NULL: valid for every page
    name         text NOT NULL CHECK (name = btrim(name) AND char_length(name) BETWEEN 1 AND 200),
    -- sha-256 of the key; the key itself is shown once and never stored.
    token_hash   bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    read_only    boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz CHECK (revoked_at >= created_at)
);

CREATE INDEX api_tokens_page ON api_tokens (page_id) WHERE page_id IS NOT NULL;

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- NULL: done without a token (admin command line) or the token was deleted since.
    token_id    bigint REFERENCES api_tokens ON DELETE SET NULL,
    action      text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.]{0,63}$'),
    entity_type text NOT NULL CHECK (entity_type ~ '^[a-z][a-z0-9_]{0,63}$'),
    entity_id   bigint,             -- no FK: the entry must outlive the entity
    before      jsonb,
    after       jsonb,
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_token ON audit_log (token_id) WHERE token_id IS NOT NULL;

-- The log may be pruned (DELETE) but never rewritten.
CREATE FUNCTION forbid_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows cannot be updated', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION forbid_update();

-- ---------------------------------------------------------------------------
-- Per-table trigger wiring
-- ---------------------------------------------------------------------------

CREATE TRIGGER pages_updated_at BEFORE UPDATE ON pages
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER component_groups_updated_at BEFORE UPDATE ON component_groups
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER components_updated_at BEFORE UPDATE ON components
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER incidents_updated_at BEFORE UPDATE ON incidents
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER component_groups_owner BEFORE UPDATE OF page_id ON component_groups
    FOR EACH ROW EXECUTE FUNCTION forbid_owner_change('page_id');
CREATE TRIGGER components_owner BEFORE UPDATE OF page_id ON components
    FOR EACH ROW EXECUTE FUNCTION forbid_owner_change('page_id');
CREATE TRIGGER incidents_owner BEFORE UPDATE OF page_id, kind ON incidents
    FOR EACH ROW EXECUTE FUNCTION forbid_owner_change('page_id', 'kind');
CREATE TRIGGER incident_updates_owner BEFORE UPDATE OF incident_id ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION forbid_owner_change('incident_id');

CREATE TRIGGER pages_notify AFTER INSERT OR UPDATE OR DELETE ON pages
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER component_groups_notify AFTER INSERT OR UPDATE OR DELETE ON component_groups
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER components_notify AFTER INSERT OR UPDATE OR DELETE ON components
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER component_status_changes_notify AFTER INSERT OR UPDATE OR DELETE ON component_status_changes
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER incidents_notify AFTER INSERT OR UPDATE OR DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER incident_updates_notify AFTER INSERT OR UPDATE OR DELETE ON incident_updates
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
CREATE TRIGGER incident_update_components_notify AFTER INSERT OR UPDATE OR DELETE ON incident_update_components
    FOR EACH ROW EXECUTE FUNCTION notify_lantern_changed();
