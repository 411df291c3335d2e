-- 0007_one_id_space.sql: groups and components draw their ids from one sequence.
-- Statuspage lists groups among the components (components.json), and clients key that list by
-- id; two identity columns gave a new group the id "1" of the first component.  Ids stay decimal
-- strings on the wire: Statuspage's are opaque, so no client may read more into them.

CREATE SEQUENCE component_ids AS bigint;
SELECT setval('component_ids', greatest(
    (SELECT max(id) FROM components), (SELECT max(id) FROM component_groups), 0) + 1, false);

-- Groups whose id a component already has take new ones.  Their old ids stay in the audit log,
-- which is append-only: an entry there names the group as it was called then.
ALTER TABLE components DROP CONSTRAINT components_group_id_page_id_fkey;
ALTER TABLE component_groups ALTER COLUMN id DROP IDENTITY;
ALTER TABLE components ALTER COLUMN id DROP IDENTITY;

CREATE TEMPORARY TABLE renumbered ON COMMIT DROP AS
SELECT g.id AS old_id, nextval('component_ids') AS new_id
  FROM component_groups g
 WHERE EXISTS (SELECT 1 FROM components c WHERE c.id = g.id)
 ORDER BY g.id;
UPDATE component_groups g SET id = r.new_id FROM renumbered r WHERE g.id = r.old_id;
UPDATE components c SET group_id = r.new_id FROM renumbered r WHERE c.group_id = r.old_id;

ALTER TABLE components ADD CONSTRAINT components_group_id_page_id_fkey
    FOREIGN KEY (group_id, page_id) REFERENCES component_groups (id, page_id)
    ON DELETE SET NULL (group_id);
ALTER TABLE component_groups ALTER COLUMN id SET DEFAULT nextval('component_ids');
ALTER TABLE components ALTER COLUMN id SET DEFAULT nextval('component_ids');
ALTER SEQUENCE component_ids OWNED BY components.id;

-- The sequence keeps ids apart; this keeps an explicit id (a restore, an import) from undoing it.
CREATE FUNCTION check_component_id_unique() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'components' AND EXISTS (SELECT 1 FROM component_groups WHERE id = NEW.id)
       OR TG_TABLE_NAME = 'component_groups' AND EXISTS (SELECT 1 FROM components WHERE id = NEW.id)
    THEN
        RAISE EXCEPTION 'id % is taken by a component or group', NEW.id
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'component_ids_one_space';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER components_one_id_space BEFORE INSERT OR UPDATE OF id ON components
    FOR EACH ROW EXECUTE FUNCTION check_component_id_unique();
CREATE TRIGGER component_groups_one_id_space BEFORE INSERT OR UPDATE OF id ON component_groups
    FOR EACH ROW EXECUTE FUNCTION check_component_id_unique();
