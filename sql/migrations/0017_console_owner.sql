-- 0017_console_owner.sql: the console's owner screens (API keys, audit log, page settings, people)
-- write as the program's writer, so the writer gets exactly what those screens do, column by
-- column, and nothing else: it still may not un-revoke a key, touch a key's hash or scope after it
-- is made, change a password, delete a page or rewrite the audit log.  The rule that a page always
-- keeps an owner who can sign in moves into the database, where lanternctl and the console both
-- meet it.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

-- API keys: made (the SHA-256 only; the key is shown once) and revoked.  Last use was the writer's.
GRANT INSERT (page_id, name, token_hash, read_only) ON api_tokens TO lantern_writer;
GRANT UPDATE (revoked_at) ON api_tokens TO lantern_writer;

-- Revoked is for good: a key that leaked must not come back by a later UPDATE.
CREATE FUNCTION api_tokens_revoked_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a revoked API key stays revoked' USING ERRCODE = 'check_violation',
        CONSTRAINT = 'api_tokens_revoked_for_good';
END $$;
CREATE TRIGGER api_tokens_revoked_for_good BEFORE UPDATE OF revoked_at ON api_tokens
    FOR EACH ROW WHEN (OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)
    EXECUTE FUNCTION api_tokens_revoked_for_good();

-- The audit log: read by the owner's screen.  Still append-only (no UPDATE, DELETE, TRUNCATE).
GRANT SELECT ON audit_log TO lantern_writer;

-- Page settings: name, URL and time zone; never its id, version or creation, nor a new page.
GRANT UPDATE (name, url, time_zone) ON pages TO lantern_writer;
-- The time zone's trigger says which column, so a refusal can name the form's field.
CREATE OR REPLACE FUNCTION check_page_time_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.time_zone IN ('localtime', 'posixrules', 'Factory')
       OR NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.time_zone) THEN
        RAISE EXCEPTION 'invalid time zone "%"', NEW.time_zone
            USING ERRCODE = 'check_violation', CONSTRAINT = 'pages_time_zone',
                  HINT = 'Use an IANA zone name such as UTC or Europe/Berlin.';
    END IF;
    RETURN NEW;
END $$;

-- People: added with a hash (Argon2id, made by the program), given a role, disabled and enabled,
-- removed.  Not the password of someone already there: that stays lanternctl user passwd's.
GRANT INSERT (email, password_hash, role) ON people TO lantern_writer;
GRANT UPDATE (role, disabled_at) ON people TO lantern_writer;
GRANT DELETE ON people TO lantern_writer;

-- The last owner who can sign in may not be made an editor, disabled or removed: nobody could
-- manage people or keys any more.  Two changes at once (each of the last two owners demoted by
-- another hand) queue on one lock, and the second sees the first.
CREATE FUNCTION people_keep_an_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.role = 'owner' AND OLD.disabled_at IS NULL
       AND (TG_OP = 'DELETE' OR NEW.role <> 'owner' OR NEW.disabled_at IS NOT NULL) THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('lantern:people:owners', 0));
        IF NOT EXISTS (SELECT 1 FROM people
                        WHERE role = 'owner' AND disabled_at IS NULL AND id <> OLD.id) THEN
            RAISE EXCEPTION 'the last owner cannot be made an editor, disabled or removed'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'people_last_owner',
                      HINT = 'Make another owner first.';
        END IF;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER people_keep_an_owner BEFORE UPDATE OF role, disabled_at OR DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION people_keep_an_owner();

-- Who did it outlives them: a removed person's entries keep the e-mail they had, and the foreign
-- key's ON DELETE SET NULL (the one change the append-only log allows) no longer fails.
ALTER TABLE audit_log ADD COLUMN person_email text;
DROP TRIGGER audit_log_append_only ON audit_log;
UPDATE audit_log a SET person_email = p.email FROM people p WHERE p.id = a.person_id;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
    FOR EACH ROW WHEN (NEW.person_id IS NOT NULL
                       OR to_jsonb(NEW) - 'person_id' IS DISTINCT FROM to_jsonb(OLD) - 'person_id')
    EXECUTE FUNCTION forbid_update();

CREATE FUNCTION audit_log_person_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.person_email := (SELECT email FROM people WHERE id = NEW.person_id);
    RETURN NEW;
END $$;
CREATE TRIGGER audit_log_person_email BEFORE INSERT ON audit_log
    FOR EACH ROW WHEN (NEW.person_id IS NOT NULL) EXECUTE FUNCTION audit_log_person_email();

-- Filters of the audit screen: by person (0012's index) and by object (0001's); newest first by id.
CREATE INDEX audit_log_person_id ON audit_log (person_id, id DESC) WHERE person_id IS NOT NULL;
CREATE INDEX audit_log_entity_id ON audit_log (entity_type, entity_id, id DESC);
