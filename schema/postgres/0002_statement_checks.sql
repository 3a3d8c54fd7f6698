-- claims database on PostgreSQL, migration 0002_statement_checks.
-- The same invariants as 0001_initial, checked once per statement instead of once per row.
--
-- Under 0001 every row written ran, besides its CHECKs and indexes, a PL/pgSQL trigger or two
-- (consecutive numbering; claim_heads kept up to date) and a query per foreign key: an import
-- of 100,000 claims ran about 800,000 of them, and they took more than half of the server's
-- time (BENCHMARKS.md, "PostgreSQL, beside psql"). Here each history table has AFTER …
-- FOR EACH STATEMENT trigger that reads the statement's new rows (a transition table) and, in a
-- few set-wise queries:
--   * refuses a row whose claim, claim version or source does not exist (the foreign keys of
--     0001 on these tables are dropped: nothing can remove a row they point at, since every
--     history table refuses DELETE and TRUNCATE);
--   * refuses a version or revision whose predecessor does not exist (with the primary keys,
--     which refuse a repeat: numbers without gaps);
--   * keeps claim_heads up to date, as the schema's owner.
-- A refusal aborts the statement, and with it the transaction, as a row trigger's would.
-- Each query finds its rows through the tables' indexes: a function's plans are made once and
-- kept, and a plan made while a table was small (a scan of the whole table) would be kept while
-- an import grows it to millions of rows; these functions run with sequential scans, hash and
-- merge joins turned off, which leaves the planner nested loops over the indexes.
-- The two functions that write claim_heads run as the schema's owner (SECURITY DEFINER), and
-- compare ids with pg_catalog's own = (OPERATOR(pg_catalog.=)): an operator = on the domain
-- claims_id, which a user allowed to create objects in a schema of the search path could
-- define, is never what they call. The checks
-- that only read run as the user who writes (the roles of roles.sql may read every table).
-- claim_heads, whose foreign key is dropped too, refuses a change of a row's claim.
-- Unchanged: claim_versions.successor stays a deferred foreign key (the successor may be
-- recorded later in the same transaction), log_batches keeps its row trigger (a few rows per
-- write).

DROP TRIGGER claim_versions_are_consecutive ON claim_versions;
DROP TRIGGER claim_heads_follow_versions ON claim_versions;
DROP TRIGGER resolutions_are_consecutive ON resolutions;
DROP TRIGGER claim_heads_follow_resolutions ON resolutions;
DROP FUNCTION claims_versions_are_consecutive();
DROP FUNCTION claims_heads_follow_versions();
DROP FUNCTION claims_resolutions_are_consecutive();
DROP FUNCTION claims_heads_follow_resolutions();
ALTER TABLE claim_versions DROP CONSTRAINT claim_versions_claim_id_fkey, DROP CONSTRAINT claim_versions_source_id_fkey;
ALTER TABLE claim_tags DROP CONSTRAINT claim_tags_claim_id_version_fkey;
ALTER TABLE claim_translations DROP CONSTRAINT claim_translations_claim_id_version_fkey;
ALTER TABLE claim_words DROP CONSTRAINT claim_words_claim_id_version_fkey;
ALTER TABLE forecasts DROP CONSTRAINT forecasts_claim_id_fkey;
ALTER TABLE resolutions DROP CONSTRAINT resolutions_claim_id_fkey;
ALTER TABLE claim_heads DROP CONSTRAINT claim_heads_claim_id_fkey;
ALTER TABLE import_marks DROP CONSTRAINT import_marks_claim_id_fkey;

-- New versions: from existing sources, each the next of its claim (that the claim exists is
-- claims_name_claims's, below); then claim_heads points at each claim's newest.
CREATE FUNCTION claims_versions_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    bad record;
BEGIN
    SELECT n.claim_id, n.source_id INTO bad FROM new_rows n
    WHERE n.source_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = n.source_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'claim_versions: no source % (named by claim %)', bad.source_id, bad.claim_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT n.claim_id, n.version INTO bad FROM new_rows n
    WHERE n.version > 1 AND NOT EXISTS (SELECT 1 FROM claim_versions p WHERE p.claim_id OPERATOR(pg_catalog.=) n.claim_id AND p.version = n.version - 1) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'claim versions must be numbered consecutively (claim % has no version before %)', bad.claim_id, bad.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    INSERT INTO claim_heads (claim_id, version) SELECT claim_id, max(version) FROM new_rows GROUP BY claim_id
    ON CONFLICT (claim_id) DO UPDATE SET version = excluded.version;
    RETURN NULL;
END;
$$;
CREATE TRIGGER claim_versions_checked AFTER INSERT ON claim_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_versions_checked();

-- New resolution revisions: each the next of its claim (that the claim exists is
-- claims_name_claims's, below); then claim_heads points at each claim's newest.
CREATE FUNCTION claims_resolutions_checked() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    bad record;
BEGIN
    SELECT n.claim_id, n.revision INTO bad FROM new_rows n
    WHERE n.revision > 1 AND NOT EXISTS (SELECT 1 FROM resolutions p WHERE p.claim_id OPERATOR(pg_catalog.=) n.claim_id AND p.revision = n.revision - 1) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'resolution revisions must be numbered consecutively (claim % has no revision before %)', bad.claim_id, bad.revision
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    UPDATE claim_heads h SET revision = n.revision
    FROM (SELECT claim_id, max(revision) AS revision FROM new_rows GROUP BY claim_id) n WHERE h.claim_id OPERATOR(pg_catalog.=) n.claim_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER resolutions_checked AFTER INSERT ON resolutions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_resolutions_checked();

-- Rows that belong to a claim version: tags, translations, words.
CREATE FUNCTION claims_name_versions() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    bad record;
BEGIN
    SELECT n.claim_id, n.version INTO bad FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM claim_versions v WHERE v.claim_id OPERATOR(pg_catalog.=) n.claim_id AND v.version = n.version) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: no version % of claim %', TG_TABLE_NAME, bad.version, bad.claim_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER claim_tags_checked AFTER INSERT ON claim_tags REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_versions();
CREATE TRIGGER claim_translations_checked AFTER INSERT ON claim_translations REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_versions();
CREATE TRIGGER claim_words_checked AFTER INSERT ON claim_words REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_versions();

-- Rows that belong to a claim: versions and resolution revisions (these triggers are named to
-- fire before the ones above: statement triggers fire in the order of their names), forecasts,
-- claim_heads (written by the triggers above) and import_marks (written with INSERT … ON
-- CONFLICT DO UPDATE, and UPDATE: both are checked).
CREATE FUNCTION claims_name_claims() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT
    SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    bad record;
BEGIN
    SELECT n.claim_id INTO bad FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id OPERATOR(pg_catalog.=) n.claim_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%: no claim %', TG_TABLE_NAME, bad.claim_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER claim_versions_belong_to_claims AFTER INSERT ON claim_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER resolutions_belong_to_claims AFTER INSERT ON resolutions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER forecasts_checked AFTER INSERT ON forecasts REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER claim_heads_checked AFTER INSERT ON claim_heads REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER import_marks_checked AFTER INSERT ON import_marks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER import_marks_checked_on_update AFTER UPDATE ON import_marks REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_name_claims();
CREATE TRIGGER claim_heads_keep_their_claim BEFORE UPDATE OF claim_id ON claim_heads
    FOR EACH ROW WHEN (OLD.claim_id::text IS DISTINCT FROM NEW.claim_id::text) EXECUTE FUNCTION claims_refuse_change();
