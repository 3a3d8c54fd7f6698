// GENERATED FILE: DO NOT EDIT. The source of truth is schema/postgres/*.sql;
// regenerate with `swift run claims-generate schema`.

extension PostgresSchema {
    static let migrations: [SchemaMigration] = [
        SchemaMigration(
            identifier: #"0001_initial"#,
            sql: #"""
            -- claims database on PostgreSQL, migration 0001_initial.
            -- The schema SQLite reaches after its migrations 0001 to 0008 (schema/*.sql), in one file: no
            -- PostgreSQL database of claims existed before it. The same tables, columns and invariants, so
            -- that a database copied from one engine to the other (`claims copy`) holds the same rows, the
            -- same digests and the same log root. Like SQLite's, this file is the source of truth: the
            -- program runs it verbatim (through PostgresSchema.generated.swift, which a test keeps equal to
            -- it), and once released it never changes; later changes are new files 0002_..., 0003_...
            --
            -- History is append-only: every history table refuses UPDATE, DELETE and TRUNCATE through
            -- triggers, which only the tables' owner can disable; schema/postgres/roles.sql grants the
            -- roles of a team no more than INSERT on them. Times are UTC text of fixed width
            -- (2026-01-31T18:00:00.000Z) and dates YYYY-MM-DD, as on SQLite, compared byte by byte (COLLATE
            -- "C", whatever the database's own collation), so that text order is time order and ids sort as
            -- on SQLite.

            -- Values every table uses.
            CREATE DOMAIN claims_moment AS text COLLATE "C"
                CHECK (VALUE ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$');
            CREATE DOMAIN claims_day AS text COLLATE "C"
                CHECK (VALUE ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND to_char(VALUE::date, 'YYYY-MM-DD') = VALUE);
            CREATE DOMAIN claims_key AS text COLLATE "C"
                CHECK (length(VALUE) BETWEEN 1 AND 128 AND VALUE ~ '^[a-z0-9._-]+$');
            CREATE DOMAIN claims_id AS text COLLATE "C"
                CHECK (length(VALUE) BETWEEN 1 AND 128 AND VALUE ~ '^[a-z0-9][a-z0-9._-]*$');
            CREATE DOMAIN claims_digest AS text COLLATE "C" CHECK (length(VALUE) = 64);
            -- A JSON array (of strings, as the program writes it), kept as the text the program wrote.
            CREATE DOMAIN claims_json_array AS text CHECK (json_typeof(VALUE::json) = 'array');

            -- Which migrations of schema/postgres/ this database has had, and when: the program refuses a
            -- database with migrations it does not know (a newer version of claims wrote it), and a database
            -- whose tables are not its own.
            CREATE TABLE claims_migrations (
                identifier text COLLATE "C" PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            );

            -- A source as it was described at some moment. Rows are immutable: describing a source
            -- differently adds a row with the same key; claim versions point at the row they used. The
            -- program numbers them (under the log's lock, see log_head) so that a copy keeps its numbers.
            CREATE TABLE sources (
                id bigint PRIMARY KEY CHECK (id >= 1),
                key claims_key NOT NULL,
                kind text NOT NULL CHECK (kind IN ('interview', 'podcast', 'article', 'post', 'talk', 'video',
                                                   'paper', 'book', 'report', 'other')),
                title text CHECK (title <> ''),
                url text CHECK (url <> ''),
                publisher text CHECK (publisher <> ''),
                published_on claims_day,
                language text CHECK (language <> ''),
                people claims_json_array NOT NULL DEFAULT '[]'
            );
            CREATE UNIQUE INDEX sources_by_content ON sources (
                key, kind, coalesce(title, ''), coalesce(url, ''), coalesce(publisher, ''),
                coalesce(published_on, ''), coalesce(language, ''), (people::text)
            );

            -- A claim's identity. Its content lives in claim_versions.
            CREATE TABLE claims (
                id claims_id PRIMARY KEY,
                created_at claims_moment NOT NULL
            );
            CREATE INDEX claims_by_created_at ON claims (created_at);

            -- Every version of every claim, whole. The current state is the highest version.
            CREATE TABLE claim_versions (
                claim_id claims_id NOT NULL REFERENCES claims (id),
                version integer NOT NULL CHECK (version >= 1),
                recorded_at claims_moment NOT NULL,
                author text NOT NULL CHECK (trim(author) <> ''),
                reason text NOT NULL CHECK (trim(reason) <> ''),
                statement text NOT NULL CHECK (trim(statement) <> ''),
                claimant text NOT NULL CHECK (trim(claimant) <> ''),
                said_on claims_day NOT NULL,
                source_id bigint REFERENCES sources (id),
                quote text CHECK (quote <> ''),
                location text CHECK (location <> ''),
                criteria text CHECK (criteria <> ''),
                window_start claims_day,
                window_end claims_day,
                window_phrase text CHECK (window_phrase <> ''),
                window_rule text CHECK (window_rule <> ''),
                confidence_words text CHECK (confidence_words <> ''),
                stated_probability double precision CHECK (stated_probability BETWEEN 0.0 AND 1.0),
                -- What the other fields cannot say ("Matt Turck summarises Julian's blog post").
                notes text CHECK (notes <> ''),
                -- A claim logged in error is withdrawn, never deleted: why, and the claim that replaces it.
                withdrawn text CHECK (trim(withdrawn) <> ''),
                successor claims_id REFERENCES claims (id) DEFERRABLE INITIALLY DEFERRED,
                prev_digest text COLLATE "C" NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest claims_digest NOT NULL,
                PRIMARY KEY (claim_id, version),
                CHECK ((window_start IS NULL) = (window_end IS NULL)),
                CHECK (window_start <= window_end),
                CHECK (window_start IS NOT NULL OR (window_phrase IS NULL AND window_rule IS NULL)),
                CHECK (successor IS NULL OR (withdrawn IS NOT NULL AND successor <> claim_id))
            );
            CREATE INDEX claim_versions_by_window_end ON claim_versions (window_end);
            CREATE INDEX claim_versions_by_claimant ON claim_versions (lower(claimant));
            CREATE INDEX claim_versions_by_source ON claim_versions (source_id);

            -- The tags of each claim version.
            CREATE TABLE claim_tags (
                claim_id claims_id NOT NULL,
                version integer NOT NULL,
                tag text NOT NULL CHECK (trim(tag) = tag AND tag <> ''),
                PRIMARY KEY (claim_id, version, tag),
                FOREIGN KEY (claim_id, version) REFERENCES claim_versions (claim_id, version)
            );
            CREATE INDEX claim_tags_by_tag ON claim_tags (tag, claim_id);

            -- A claim version's statement, quote and location in another language.
            CREATE TABLE claim_translations (
                claim_id claims_id NOT NULL,
                version integer NOT NULL,
                language text COLLATE "C" NOT NULL CHECK (length(language) BETWEEN 2 AND 35 AND language ~ '^[A-Za-z0-9-]+$'),
                statement text CHECK (trim(statement) <> ''),
                quote text CHECK (quote <> ''),
                location text CHECK (location <> ''),
                PRIMARY KEY (claim_id, version, language),
                FOREIGN KEY (claim_id, version) REFERENCES claim_versions (claim_id, version),
                CHECK (statement IS NOT NULL OR quote IS NOT NULL)
            );

            -- Forecasts on a claim by anyone, besides the claimant's stated probability. Numbered by the
            -- program, as on SQLite: the log names a forecast by its number. One recorded after its claim's
            -- outcome is *reported*: it names the source that dates it.
            CREATE TABLE forecasts (
                id bigint PRIMARY KEY CHECK (id >= 1),
                claim_id claims_id NOT NULL REFERENCES claims (id),
                forecaster text NOT NULL CHECK (trim(forecaster) <> ''),
                probability double precision NOT NULL CHECK (probability BETWEEN 0.0 AND 1.0),
                made_on claims_day NOT NULL,
                note text CHECK (note <> ''),
                recorded_at claims_moment NOT NULL,
                author text NOT NULL CHECK (trim(author) <> ''),
                reported_source text CHECK (reported_source <> '')
            );
            CREATE INDEX forecasts_by_claim ON forecasts (claim_id, recorded_at);

            -- Every revision of every claim's resolution. The current one is the highest revision.
            CREATE TABLE resolutions (
                claim_id claims_id NOT NULL REFERENCES claims (id),
                revision integer NOT NULL CHECK (revision >= 1),
                outcome text NOT NULL CHECK (outcome IN ('true', 'false', 'partial', 'annulled')),
                settled_on claims_day NOT NULL,
                evidence claims_json_array NOT NULL DEFAULT '[]',
                note text CHECK (note <> ''),
                recorded_at claims_moment NOT NULL,
                author text NOT NULL CHECK (trim(author) <> ''),
                prev_digest text COLLATE "C" NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest claims_digest NOT NULL,
                PRIMARY KEY (claim_id, revision)
            );

            -- Each claim's current version and current resolution revision: an index of the present, kept
            -- by triggers as history is appended (their functions run as the schema's owner, so that the
            -- roles of roles.sql need no right to change it). Every row can be recomputed from
            -- claim_versions and resolutions; `claims verify` checks that it agrees.
            CREATE TABLE claim_heads (
                claim_id claims_id PRIMARY KEY REFERENCES claims (id),
                version integer NOT NULL,
                revision integer
            );

            -- The words of each version's statement, quote, criteria and notes, folded as `--search` reads
            -- them (ClaimContent.searchedWords), space-separated, for an index of words: a search finds its
            -- candidate versions through it, and the program then applies the whole rule. Derived, like
            -- claim_heads, and written with each version. A version whose words the index could not hold (a
            -- word over 1,000 bytes, or over 200,000 bytes of words) has NULL, and every search reads it.
            CREATE TABLE claim_words (
                claim_id claims_id NOT NULL,
                version integer NOT NULL,
                words text COLLATE "C",
                PRIMARY KEY (claim_id, version),
                FOREIGN KEY (claim_id, version) REFERENCES claim_versions (claim_id, version)
            );
            CREATE INDEX claim_words_by_word ON claim_words USING gin (array_to_tsvector(string_to_array(words, ' ')));
            CREATE INDEX claim_words_unindexed ON claim_words (claim_id, version) WHERE words IS NULL;

            -- The verifiable log (schema/log.md): every event, in the order recorded, one leaf each of an
            -- RFC 9162 Merkle tree. Its name (the origin line of its checkpoints), unique to this database.
            CREATE TABLE log_origin (
                origin text COLLATE "C" NOT NULL CHECK (length(origin) BETWEEN 1 AND 128 AND origin !~ '[ +]')
            );
            INSERT INTO log_origin (origin) VALUES ('claims.log/' || substr(md5(random()::text || clock_timestamp()::text), 1, 16));

            -- The events in batches: each row holds `count` consecutive events from `first_seq` on, their
            -- leaf hashes end to end in `leaves`, and in `events` what each leaf is, as a JSON array of
            -- [kind, claim id, number] (the version, the forecast's id, or the revision).
            CREATE TABLE log_batches (
                first_seq bigint PRIMARY KEY CHECK (first_seq >= 0),
                count integer NOT NULL CHECK (count BETWEEN 1 AND 4096),
                leaves bytea NOT NULL CHECK (length(leaves) = 32 * count),
                events text NOT NULL CHECK (json_typeof(events::json) = 'array' AND json_array_length(events::json) = count)
            );

            -- The tree's right edge after the last event: its size, the roots of its perfect subtrees
            -- (largest first), and the time of the last event. An index kept as events are appended, not
            -- history: `claims verify` recomputes it from log_batches. Every write locks this one row
            -- first (SELECT … FOR UPDATE), so that writes from many machines are applied one after
            -- another: versions, forecast numbers and log events never skip or repeat.
            CREATE TABLE log_head (
                id integer PRIMARY KEY CHECK (id = 1),
                size bigint NOT NULL CHECK (size >= 0),
                frontier bytea NOT NULL,
                last_recorded_at text COLLATE "C" NOT NULL
            );
            INSERT INTO log_head (id, size, frontier, last_recorded_at) VALUES (1, 0, '', '');

            -- What each claim's last import was given (a digest of its input) and the claim's state just
            -- after: an import given the same again, onto that state, changes nothing. A cache, not history.
            CREATE TABLE import_marks (
                claim_id claims_id PRIMARY KEY REFERENCES claims (id),
                input bytea NOT NULL CHECK (length(input) = 16),
                version integer NOT NULL CHECK (version >= 1),
                revision integer CHECK (revision >= 1),
                forecasts integer NOT NULL CHECK (forecasts >= 0)
            );

            -- History cannot be rewritten: UPDATE, DELETE and TRUNCATE are refused on every history table.
            CREATE FUNCTION claims_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: history cannot be rewritten (% refused)', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'integrity_constraint_violation';
            END;
            $$;
            CREATE TRIGGER sources_refuse_change BEFORE UPDATE OR DELETE ON sources
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claims_refuse_change BEFORE UPDATE OR DELETE ON claims
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_versions_refuse_change BEFORE UPDATE OR DELETE ON claim_versions
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_tags_refuse_change BEFORE UPDATE OR DELETE ON claim_tags
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_translations_refuse_change BEFORE UPDATE OR DELETE ON claim_translations
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_words_refuse_change BEFORE UPDATE OR DELETE ON claim_words
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER forecasts_refuse_change BEFORE UPDATE OR DELETE ON forecasts
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER resolutions_refuse_change BEFORE UPDATE OR DELETE ON resolutions
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER log_batches_refuse_change BEFORE UPDATE OR DELETE ON log_batches
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER log_origin_refuse_change BEFORE INSERT OR UPDATE OR DELETE ON log_origin
                FOR EACH ROW EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER sources_refuse_truncate BEFORE TRUNCATE ON sources
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claims_refuse_truncate BEFORE TRUNCATE ON claims
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_versions_refuse_truncate BEFORE TRUNCATE ON claim_versions
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_tags_refuse_truncate BEFORE TRUNCATE ON claim_tags
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_translations_refuse_truncate BEFORE TRUNCATE ON claim_translations
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_words_refuse_truncate BEFORE TRUNCATE ON claim_words
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER forecasts_refuse_truncate BEFORE TRUNCATE ON forecasts
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER resolutions_refuse_truncate BEFORE TRUNCATE ON resolutions
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER log_batches_refuse_truncate BEFORE TRUNCATE ON log_batches
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER log_origin_refuse_truncate BEFORE TRUNCATE ON log_origin
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER claim_heads_refuse_truncate BEFORE TRUNCATE ON claim_heads
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();
            CREATE TRIGGER log_head_refuse_truncate BEFORE TRUNCATE ON log_head
                FOR EACH STATEMENT EXECUTE FUNCTION claims_refuse_change();

            -- Versions, revisions and log events are numbered 1, 2, 3 … (events 0, 1, 2 …) with no gap and
            -- no repeat. The primary keys refuse a repeat; these refuse a gap.
            CREATE FUNCTION claims_versions_are_consecutive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.version <> (SELECT coalesce(max(version), 0) + 1 FROM claim_versions WHERE claim_id = NEW.claim_id) THEN
                    RAISE EXCEPTION 'claim versions must be numbered consecutively' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER claim_versions_are_consecutive BEFORE INSERT ON claim_versions
                FOR EACH ROW EXECUTE FUNCTION claims_versions_are_consecutive();

            CREATE FUNCTION claims_resolutions_are_consecutive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.revision <> (SELECT coalesce(max(revision), 0) + 1 FROM resolutions WHERE claim_id = NEW.claim_id) THEN
                    RAISE EXCEPTION 'resolution revisions must be numbered consecutively' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER resolutions_are_consecutive BEFORE INSERT ON resolutions
                FOR EACH ROW EXECUTE FUNCTION claims_resolutions_are_consecutive();

            CREATE FUNCTION claims_log_is_consecutive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.first_seq <> coalesce((SELECT first_seq + count FROM log_batches ORDER BY first_seq DESC LIMIT 1), 0) THEN
                    RAISE EXCEPTION 'log events must be numbered consecutively' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE TRIGGER log_batches_are_consecutive BEFORE INSERT ON log_batches
                FOR EACH ROW EXECUTE FUNCTION claims_log_is_consecutive();

            -- claim_heads follows the history (as its owner: SECURITY DEFINER, with a fixed search path).
            CREATE FUNCTION claims_heads_follow_versions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            BEGIN
                INSERT INTO claim_heads (claim_id, version) VALUES (NEW.claim_id, NEW.version)
                ON CONFLICT (claim_id) DO UPDATE SET version = excluded.version;
                RETURN NULL;
            END;
            $$;
            CREATE TRIGGER claim_heads_follow_versions AFTER INSERT ON claim_versions
                FOR EACH ROW EXECUTE FUNCTION claims_heads_follow_versions();

            CREATE FUNCTION claims_heads_follow_resolutions() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
            BEGIN
                UPDATE claim_heads SET revision = NEW.revision WHERE claim_id = NEW.claim_id;
                RETURN NULL;
            END;
            $$;
            CREATE TRIGGER claim_heads_follow_resolutions AFTER INSERT ON resolutions
                FOR EACH ROW EXECUTE FUNCTION claims_heads_follow_resolutions();

            """#
        ),
        SchemaMigration(
            identifier: #"0002_statement_checks"#,
            sql: #"""
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

            """#
        ),
    ]
}
