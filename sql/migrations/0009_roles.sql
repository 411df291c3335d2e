-- 0009_roles.sql: what the program's two roles may do.  The role that runs the migrations (the owner)
-- owns every object; the program connects as lantern_reader (LANTERN_DATABASE_URL: the snapshot,
-- LISTEN, /healthz, older history) and as lantern_writer (LANTERN_WRITE_DATABASE_URL: the write API and
-- the ticker).  Roles are the cluster's, not the database's: made here only when missing, without
-- LOGIN; set-up (script/lib.sh, lantern_db_roles) gives them passwords, or an operator makes login
-- roles IN ROLE lantern_reader / lantern_writer.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['lantern_reader', 'lantern_writer'] LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r);
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE EXCEPTION 'role % is missing and % may not create it: as a superuser, CREATE ROLE % LOGIN PASSWORD ''...''', r, current_user, r;
        END IF;
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END LOOP;
END $roles$;

-- Nobody but the owner makes objects, or keeps temporary tables.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $db$
BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $db$;

-- Each table as it stands now (those of every migration before this one): the reader reads, the
-- writer changes rows.  Then the exceptions, narrowed by hand.
GRANT USAGE ON SCHEMA public TO lantern_reader, lantern_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO lantern_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lantern_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lantern_writer;

-- Tables that come later get the same (default privileges of the role running the migrations): a
-- migration whose table is not for everyone narrows it as below.  Run every migration as the same
-- owner, or those defaults do not apply.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO lantern_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lantern_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO lantern_writer;

-- Not public data: keys' hashes, stored answers and the audit log are the write path's alone.
REVOKE ALL ON api_tokens, idempotency_keys, audit_log FROM lantern_reader;

-- The audit log is append-only for the program: it adds rows and reads none back.  Pruning old
-- entries is the owner's.
REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON audit_log FROM lantern_writer;

-- Keys are made and revoked by the operator (lanternctl token, as the owner); a write only says
-- when its key was last used.
REVOKE INSERT, UPDATE, DELETE ON api_tokens FROM lantern_writer;
GRANT UPDATE (last_used_at) ON api_tokens TO lantern_writer;

-- No write changes the page itself: the triggers of every public change move its version.
REVOKE INSERT, UPDATE, DELETE ON pages FROM lantern_writer;
GRANT UPDATE (updated_at, version, version_xact) ON pages TO lantern_writer;

-- The schema's history is the owner's.
REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM lantern_writer;
