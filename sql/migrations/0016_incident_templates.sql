-- 0016_incident_templates.sql: texts an operator reuses when opening an incident (the console's
-- templates).  A template is a name to pick it by, a title and a body; the console fills the new
-- incident's form with them, replacing {page} and {components} and nothing else.  Not public data:
-- the reader gets nothing; the program (the writer) keeps them for the console's editors.
-- Run by lanternctl migrate inside one transaction; it must not contain BEGIN/COMMIT.

CREATE TABLE incident_templates (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id    bigint NOT NULL REFERENCES pages ON DELETE CASCADE,
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100 AND name = btrim(name)),
    title      text NOT NULL DEFAULT '' CHECK (char_length(title) <= 300),
    body       text NOT NULL DEFAULT '' CHECK (char_length(body) <= 20000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (page_id, name)
);

-- The default privileges of 0009 gave the reader SELECT: templates are drafts, not the page.
REVOKE ALL ON incident_templates FROM lantern_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_templates TO lantern_writer;
GRANT USAGE, SELECT ON SEQUENCE incident_templates_id_seq TO lantern_writer;
