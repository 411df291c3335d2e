-- own.sql: every object of the schema public goes to the database's owner.  For a database made
-- before the roles were split (script/lib.sh runs it as the superuser at every start of its private
-- cluster), whose objects the superuser owns: the owner, lantern_owner, runs the migrations since.
-- REASSIGN OWNED cannot serve: it refuses to move what the bootstrap superuser owns.
DO $own$
DECLARE
    owner_id oid := (SELECT datdba FROM pg_database WHERE datname = current_database());
    owner name := pg_get_userbyid(owner_id);
    o record;
BEGIN
    FOR o IN
        -- Tables, views and sequences of their own (an identity's or serial's follows its table).
        SELECT format('ALTER %s %s OWNER TO %I',
                      CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                     WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                      c.oid::regclass, owner) AS sql
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
           AND c.relowner <> owner_id
           AND NOT EXISTS (SELECT 1 FROM pg_depend d
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
        UNION ALL
        SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, owner)
          FROM pg_proc p
         WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> owner_id
        UNION ALL
        -- Enums and domains; a table's row type follows its table.
        SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, owner)
          FROM pg_type t
         WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
           AND t.typowner <> owner_id
    LOOP
        EXECUTE o.sql;
    END LOOP;
END $own$;
