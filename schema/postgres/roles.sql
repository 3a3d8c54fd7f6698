-- Roles for a team sharing one claims database on PostgreSQL. Not a migration: an administrator
-- runs it once, as the owner of the tables (the role whose first `claims` command created them),
-- after that first command:
--
--     psql "postgres://owner@host/dbname" -f schema/postgres/roles.sql
--     psql "postgres://owner@host/dbname" -c "GRANT claims_writer TO alice; GRANT claims_reader TO dashboard"
--
-- The history tables refuse UPDATE, DELETE and TRUNCATE through triggers (0001_initial.sql);
-- only their owner could disable those triggers. These roles do not own anything:
--   * claims_writer may read everything and INSERT into the history tables, and change only
--     the two rows-of-the-present the program keeps: log_head (the log's right edge, which every
--     write locks and moves) and import_marks (a cache). claim_heads is kept by triggers that
--     run as the owner; a writer cannot touch it. `claims verify` recomputes all three.
--   * claims_reader may only read.
-- Run again after a migration that adds tables.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'claims_reader') THEN
        CREATE ROLE claims_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'claims_writer') THEN
        CREATE ROLE claims_writer NOLOGIN;
    END IF;
    -- Nobody else creates objects in the schema: an operator or function of the same name as
    -- one the tables' triggers use, made by another role, could run with the owner's rights.
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO claims_reader, claims_writer', current_schema());
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO claims_reader, claims_writer', current_schema());
END
$$;
GRANT INSERT ON sources, claims, claim_versions, claim_tags, claim_translations, claim_words, forecasts, resolutions,
    log_batches TO claims_writer;
GRANT UPDATE ON log_head TO claims_writer;
GRANT INSERT, UPDATE ON import_marks TO claims_writer;
