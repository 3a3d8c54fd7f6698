// GENERATED FILE: DO NOT EDIT. The source of truth is schema/*.sql;
// regenerate with `swift run claims-generate schema`.

extension Schema {
    static let migrations: [SchemaMigration] = [
        SchemaMigration(
            identifier: #"0001_initial"#,
            sql: #"""
            -- claims database, migration 0001_initial.
            -- This file is the source of truth for the schema: the program runs it verbatim (through the
            -- generated Sources/ClaimsStore/Schema.generated.swift), and a test fails if they differ.
            -- Once released a migration never changes; later changes are new files 0002_..., 0003_...
            --
            -- History is append-only: every table below refuses UPDATE and DELETE through triggers, so
            -- even a raw sqlite3 session cannot rewrite what was recorded. Times are UTC text of fixed
            -- width (2026-01-31T18:00:00.000Z) so that text order is time order; dates are YYYY-MM-DD.
            --
            -- Tamper evidence: each claim version and each resolution revision carries a SHA-256 digest
            -- over its content and the digest of the claim's event before it (prev_digest, '' for the
            -- first), so each claim's history is one hash chain. `claims verify` recomputes the chains.

            -- A source as it was described at some moment. Rows are immutable: describing a source
            -- differently adds a row with the same key; claim versions point at the row they used.
            CREATE TABLE sources (
                id INTEGER PRIMARY KEY,
                key TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 128 AND key NOT GLOB '*[^a-z0-9._-]*'),
                kind TEXT NOT NULL CHECK (kind IN ('interview', 'podcast', 'article', 'post', 'talk', 'video',
                                                   'paper', 'book', 'report', 'other')),
                title TEXT CHECK (title <> ''),
                url TEXT CHECK (url <> ''),
                publisher TEXT CHECK (publisher <> ''),
                published_on TEXT CHECK (published_on IS date(published_on, '+0 days')),
                language TEXT CHECK (language <> ''),
                people TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(people) AND json_type(people) = 'array')
            );
            CREATE UNIQUE INDEX sources_by_content ON sources (
                key, kind, ifnull(title, char(0)), ifnull(url, char(0)), ifnull(publisher, char(0)),
                ifnull(published_on, char(0)), ifnull(language, char(0)), people
            );

            -- A claim's identity. Its content lives in claim_versions.
            CREATE TABLE claims (
                id TEXT PRIMARY KEY NOT NULL
                    CHECK (length(id) BETWEEN 1 AND 128 AND id NOT GLOB '*[^a-z0-9._-]*' AND id NOT GLOB '[._-]*'),
                created_at TEXT NOT NULL CHECK (length(created_at) = 24)
            ) WITHOUT ROWID;

            -- Every version of every claim, whole. The current state is the highest version.
            CREATE TABLE claim_versions (
                claim_id TEXT NOT NULL REFERENCES claims(id),
                version INTEGER NOT NULL CHECK (version >= 1),
                recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                author TEXT NOT NULL CHECK (trim(author) <> ''),
                reason TEXT NOT NULL CHECK (trim(reason) <> ''),
                statement TEXT NOT NULL CHECK (trim(statement) <> ''),
                claimant TEXT NOT NULL CHECK (trim(claimant) <> ''),
                said_on TEXT NOT NULL CHECK (said_on IS date(said_on, '+0 days')),
                source_id INTEGER REFERENCES sources(id),
                quote TEXT CHECK (quote <> ''),
                location TEXT CHECK (location <> ''),
                criteria TEXT CHECK (criteria <> ''),
                window_start TEXT CHECK (window_start IS date(window_start, '+0 days')),
                window_end TEXT CHECK (window_end IS date(window_end, '+0 days')),
                window_phrase TEXT CHECK (window_phrase <> ''),
                window_rule TEXT CHECK (window_rule <> ''),
                confidence_words TEXT CHECK (confidence_words <> ''),
                stated_probability REAL CHECK (stated_probability BETWEEN 0.0 AND 1.0),
                -- What the other fields cannot say ("Matt Turck summarises Julian's blog post").
                notes TEXT CHECK (notes <> ''),
                prev_digest TEXT NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
                PRIMARY KEY (claim_id, version),
                CHECK ((window_start IS NULL) = (window_end IS NULL)),
                CHECK (window_start <= window_end),
                CHECK (window_start IS NOT NULL OR (window_phrase IS NULL AND window_rule IS NULL))
            ) WITHOUT ROWID;
            CREATE INDEX claim_versions_by_recorded_at ON claim_versions (recorded_at);

            -- The tags of each claim version.
            CREATE TABLE claim_tags (
                claim_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                tag TEXT NOT NULL CHECK (trim(tag) = tag AND tag <> ''),
                PRIMARY KEY (claim_id, version, tag),
                FOREIGN KEY (claim_id, version) REFERENCES claim_versions (claim_id, version)
            ) WITHOUT ROWID;
            CREATE INDEX claim_tags_by_tag ON claim_tags (tag, claim_id);

            -- A claim version's statement, quote and location in another language (the Chinese rendering
            -- of an interview, say), so that one claim keeps one outcome in whatever language it is read.
            CREATE TABLE claim_translations (
                claim_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                language TEXT NOT NULL CHECK (length(language) BETWEEN 2 AND 35 AND language NOT GLOB '*[^A-Za-z0-9-]*'),
                statement TEXT CHECK (trim(statement) <> ''),
                quote TEXT CHECK (quote <> ''),
                location TEXT CHECK (location <> ''),
                PRIMARY KEY (claim_id, version, language),
                FOREIGN KEY (claim_id, version) REFERENCES claim_versions (claim_id, version),
                CHECK (statement IS NOT NULL OR quote IS NOT NULL)
            ) WITHOUT ROWID;

            -- Forecasts on a claim by anyone, besides the claimant's stated probability.
            CREATE TABLE forecasts (
                id INTEGER PRIMARY KEY,
                claim_id TEXT NOT NULL REFERENCES claims(id),
                forecaster TEXT NOT NULL CHECK (trim(forecaster) <> ''),
                probability REAL NOT NULL CHECK (probability BETWEEN 0.0 AND 1.0),
                made_on TEXT NOT NULL CHECK (made_on IS date(made_on, '+0 days')),
                note TEXT CHECK (note <> ''),
                recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                author TEXT NOT NULL CHECK (trim(author) <> '')
            );
            CREATE INDEX forecasts_by_claim ON forecasts (claim_id, recorded_at);

            -- Every revision of every claim's resolution. The current one is the highest revision.
            CREATE TABLE resolutions (
                claim_id TEXT NOT NULL REFERENCES claims(id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                outcome TEXT NOT NULL CHECK (outcome IN ('true', 'false', 'partial', 'annulled')),
                settled_on TEXT NOT NULL CHECK (settled_on IS date(settled_on, '+0 days')),
                evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
                note TEXT CHECK (note <> ''),
                recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                author TEXT NOT NULL CHECK (trim(author) <> ''),
                prev_digest TEXT NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest TEXT NOT NULL UNIQUE CHECK (length(digest) = 64),
                PRIMARY KEY (claim_id, revision)
            ) WITHOUT ROWID;

            -- Versions and revisions are numbered 1, 2, 3 … per claim, with no gap and no repeat.
            CREATE TRIGGER claim_versions_are_consecutive BEFORE INSERT ON claim_versions
            WHEN NEW.version <> (SELECT ifnull(max(version), 0) + 1 FROM claim_versions WHERE claim_id = NEW.claim_id)
            BEGIN SELECT RAISE(ABORT, 'claim versions must be numbered consecutively'); END;

            CREATE TRIGGER resolutions_are_consecutive BEFORE INSERT ON resolutions
            WHEN NEW.revision <> (SELECT ifnull(max(revision), 0) + 1 FROM resolutions WHERE claim_id = NEW.claim_id)
            BEGIN SELECT RAISE(ABORT, 'resolution revisions must be numbered consecutively'); END;

            -- History cannot be rewritten.
            CREATE TRIGGER sources_refuse_update BEFORE UPDATE ON sources
            BEGIN SELECT RAISE(ABORT, 'sources are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER sources_refuse_delete BEFORE DELETE ON sources
            BEGIN SELECT RAISE(ABORT, 'sources are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claims_refuse_update BEFORE UPDATE ON claims
            BEGIN SELECT RAISE(ABORT, 'claims are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claims_refuse_delete BEFORE DELETE ON claims
            BEGIN SELECT RAISE(ABORT, 'claims are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_versions_refuse_update BEFORE UPDATE ON claim_versions
            BEGIN SELECT RAISE(ABORT, 'claim versions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_versions_refuse_delete BEFORE DELETE ON claim_versions
            BEGIN SELECT RAISE(ABORT, 'claim versions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_tags_refuse_update BEFORE UPDATE ON claim_tags
            BEGIN SELECT RAISE(ABORT, 'claim tags are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_tags_refuse_delete BEFORE DELETE ON claim_tags
            BEGIN SELECT RAISE(ABORT, 'claim tags are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_translations_refuse_update BEFORE UPDATE ON claim_translations
            BEGIN SELECT RAISE(ABORT, 'claim translations are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_translations_refuse_delete BEFORE DELETE ON claim_translations
            BEGIN SELECT RAISE(ABORT, 'claim translations are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER forecasts_refuse_update BEFORE UPDATE ON forecasts
            BEGIN SELECT RAISE(ABORT, 'forecasts are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER forecasts_refuse_delete BEFORE DELETE ON forecasts
            BEGIN SELECT RAISE(ABORT, 'forecasts are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER resolutions_refuse_update BEFORE UPDATE ON resolutions
            BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER resolutions_refuse_delete BEFORE DELETE ON resolutions
            BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: history cannot be rewritten'); END;

            """#
        ),
        SchemaMigration(
            identifier: #"0002_current_heads"#,
            sql: #"""
            -- claims database, migration 0002: fast reads of the present.
            --
            -- claim_heads names each claim's current version and current resolution revision. It is an
            -- index of the present, kept by triggers as history is appended, not history: every row can be
            -- recomputed from claim_versions and resolutions, and `claims verify` checks that it agrees.
            -- It is the one table whose rows change. Reads "as of" a past moment still go to the history.

            CREATE TABLE claim_heads (
                claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
                version INTEGER NOT NULL,
                revision INTEGER
            ) WITHOUT ROWID;

            INSERT INTO claim_heads (claim_id, version, revision)
            SELECT c.id,
                   (SELECT max(version) FROM claim_versions WHERE claim_id = c.id),
                   (SELECT max(revision) FROM resolutions WHERE claim_id = c.id)
            FROM claims c;

            CREATE TRIGGER claim_heads_follow_versions AFTER INSERT ON claim_versions
            BEGIN
                INSERT INTO claim_heads (claim_id, version) VALUES (NEW.claim_id, NEW.version)
                ON CONFLICT (claim_id) DO UPDATE SET version = excluded.version;
            END;

            CREATE TRIGGER claim_heads_follow_resolutions AFTER INSERT ON resolutions
            BEGIN
                UPDATE claim_heads SET revision = NEW.revision WHERE claim_id = NEW.claim_id;
            END;

            CREATE INDEX claim_versions_by_window_end ON claim_versions (window_end);
            CREATE INDEX claim_versions_by_claimant ON claim_versions (claimant COLLATE NOCASE);

            """#
        ),
        SchemaMigration(
            identifier: #"0003_lighter_history"#,
            sql: #"""
            -- claims database, migration 0003: lighter history tables.
            --
            -- Three indexes of 0001 were never read, yet every write paid for them and they took a fifth of
            -- the file (at 100,000 claims, after VACUUM: 942 bytes per claim with them, 770 without):
            --   * the UNIQUE constraints on claim_versions.digest and resolutions.digest, whose indexes took
            --     keys in random order. No query looks an event up by its digest; a digest is checked by
            --     recomputing its claim's chain (`claims verify`), which does not need the index;
            --   * claim_versions_by_recorded_at: reads "as of" a moment find each claim's versions by its key.
            -- SQLite cannot drop a column constraint, so claim_versions and resolutions are rebuilt the way
            -- SQLite documents (create the new table, copy, drop the old, rename): every row is copied as it
            -- is, digests included, so every hash chain still verifies. The triggers of 0001 and 0002 on these
            -- tables go with the old tables and are created again, word for word; so are the indexes of 0002.
            -- Foreign keys are checked when the migration ends.

            CREATE TABLE claim_versions_0003 (
                claim_id TEXT NOT NULL REFERENCES claims(id),
                version INTEGER NOT NULL CHECK (version >= 1),
                recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                author TEXT NOT NULL CHECK (trim(author) <> ''),
                reason TEXT NOT NULL CHECK (trim(reason) <> ''),
                statement TEXT NOT NULL CHECK (trim(statement) <> ''),
                claimant TEXT NOT NULL CHECK (trim(claimant) <> ''),
                said_on TEXT NOT NULL CHECK (said_on IS date(said_on, '+0 days')),
                source_id INTEGER REFERENCES sources(id),
                quote TEXT CHECK (quote <> ''),
                location TEXT CHECK (location <> ''),
                criteria TEXT CHECK (criteria <> ''),
                window_start TEXT CHECK (window_start IS date(window_start, '+0 days')),
                window_end TEXT CHECK (window_end IS date(window_end, '+0 days')),
                window_phrase TEXT CHECK (window_phrase <> ''),
                window_rule TEXT CHECK (window_rule <> ''),
                confidence_words TEXT CHECK (confidence_words <> ''),
                stated_probability REAL CHECK (stated_probability BETWEEN 0.0 AND 1.0),
                -- What the other fields cannot say ("Matt Turck summarises Julian's blog post").
                notes TEXT CHECK (notes <> ''),
                prev_digest TEXT NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest TEXT NOT NULL CHECK (length(digest) = 64),
                PRIMARY KEY (claim_id, version),
                CHECK ((window_start IS NULL) = (window_end IS NULL)),
                CHECK (window_start <= window_end),
                CHECK (window_start IS NOT NULL OR (window_phrase IS NULL AND window_rule IS NULL))
            ) WITHOUT ROWID;
            INSERT INTO claim_versions_0003 SELECT * FROM claim_versions;
            DROP TABLE claim_versions;
            ALTER TABLE claim_versions_0003 RENAME TO claim_versions;

            CREATE TABLE resolutions_0003 (
                claim_id TEXT NOT NULL REFERENCES claims(id),
                revision INTEGER NOT NULL CHECK (revision >= 1),
                outcome TEXT NOT NULL CHECK (outcome IN ('true', 'false', 'partial', 'annulled')),
                settled_on TEXT NOT NULL CHECK (settled_on IS date(settled_on, '+0 days')),
                evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence) AND json_type(evidence) = 'array'),
                note TEXT CHECK (note <> ''),
                recorded_at TEXT NOT NULL CHECK (length(recorded_at) = 24),
                author TEXT NOT NULL CHECK (trim(author) <> ''),
                prev_digest TEXT NOT NULL CHECK (prev_digest = '' OR length(prev_digest) = 64),
                digest TEXT NOT NULL CHECK (length(digest) = 64),
                PRIMARY KEY (claim_id, revision)
            ) WITHOUT ROWID;
            INSERT INTO resolutions_0003 SELECT * FROM resolutions;
            DROP TABLE resolutions;
            ALTER TABLE resolutions_0003 RENAME TO resolutions;

            CREATE INDEX claim_versions_by_window_end ON claim_versions (window_end);
            CREATE INDEX claim_versions_by_claimant ON claim_versions (claimant COLLATE NOCASE);

            CREATE TRIGGER claim_versions_are_consecutive BEFORE INSERT ON claim_versions
            WHEN NEW.version <> (SELECT ifnull(max(version), 0) + 1 FROM claim_versions WHERE claim_id = NEW.claim_id)
            BEGIN SELECT RAISE(ABORT, 'claim versions must be numbered consecutively'); END;

            CREATE TRIGGER resolutions_are_consecutive BEFORE INSERT ON resolutions
            WHEN NEW.revision <> (SELECT ifnull(max(revision), 0) + 1 FROM resolutions WHERE claim_id = NEW.claim_id)
            BEGIN SELECT RAISE(ABORT, 'resolution revisions must be numbered consecutively'); END;

            CREATE TRIGGER claim_versions_refuse_update BEFORE UPDATE ON claim_versions
            BEGIN SELECT RAISE(ABORT, 'claim versions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER claim_versions_refuse_delete BEFORE DELETE ON claim_versions
            BEGIN SELECT RAISE(ABORT, 'claim versions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER resolutions_refuse_update BEFORE UPDATE ON resolutions
            BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: history cannot be rewritten'); END;
            CREATE TRIGGER resolutions_refuse_delete BEFORE DELETE ON resolutions
            BEGIN SELECT RAISE(ABORT, 'resolutions are append-only: history cannot be rewritten'); END;

            CREATE TRIGGER claim_heads_follow_versions AFTER INSERT ON claim_versions
            BEGIN
                INSERT INTO claim_heads (claim_id, version) VALUES (NEW.claim_id, NEW.version)
                ON CONFLICT (claim_id) DO UPDATE SET version = excluded.version;
            END;

            CREATE TRIGGER claim_heads_follow_resolutions AFTER INSERT ON resolutions
            BEGIN
                UPDATE claim_heads SET revision = NEW.revision WHERE claim_id = NEW.claim_id;
            END;

            """#
        ),
        SchemaMigration(
            identifier: #"0004_verifiable_log"#,
            sql: #"""
            -- claims database, migration 0004: one verifiable log over every event.
            --
            -- The log lists every recorded event, in the order recorded: each claim version, each
            -- forecast and each resolution revision, one leaf each of an RFC 9162 Merkle tree. A leaf is
            -- SHA-256(0x00 || the event's encoding), the encoding documented in docs/log.md; the tree's root
            -- over the first n events is what a checkpoint signs (`claims checkpoint`). The program writes
            -- an event and its leaf in one transaction. Events already recorded enter the log when this
            -- migration runs, in their recorded order (the program adds them; SQL cannot encode them).
            -- `claims verify` recomputes every leaf from the event's rows.

            -- The log's name: the origin line of its checkpoints, unique to this database.
            CREATE TABLE log_origin (
                origin TEXT NOT NULL CHECK (length(origin) BETWEEN 1 AND 128 AND origin NOT GLOB '*[ +]*')
            );
            INSERT INTO log_origin (origin) VALUES ('claims.log/' || lower(hex(randomblob(8))));

            -- The events in batches: each row holds `count` consecutive events from `first_seq` on (one
            -- write's events, up to 4,096 a row), their leaf hashes end to end in `leaves`, and in `events`
            -- what each leaf is, as a JSON array of [kind, claim id, number] (the version, the forecast's id,
            -- or the revision). A batch per write, not a row per event: an import of 100,000 claims writes
            -- about 3,000 rows here instead of 225,000.
            CREATE TABLE log_batches (
                first_seq INTEGER PRIMARY KEY CHECK (first_seq >= 0),
                count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 4096),
                leaves BLOB NOT NULL CHECK (typeof(leaves) = 'blob' AND length(leaves) = 32 * count),
                events TEXT NOT NULL CHECK (json_valid(events) AND json_array_length(events) = count)
            );

            -- The tree's right edge after the last event: its size and the roots of its perfect subtrees,
            -- largest first, and the time of the last event (no event is recorded earlier than the one
            -- before it). Like claim_heads, an index kept as events are appended, not history: it can be
            -- recomputed from log_batches, and `claims verify` checks that it agrees. Checkpoints read it.
            CREATE TABLE log_head (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                size INTEGER NOT NULL CHECK (size >= 0),
                frontier BLOB NOT NULL,
                last_recorded_at TEXT NOT NULL
            );
            INSERT INTO log_head (id, size, frontier, last_recorded_at) VALUES (1, 0, x'', '');

            -- Events are numbered 0, 1, 2 … with no gap and no repeat (a batch starts where the last one
            -- ended), and never changed or removed.
            CREATE TRIGGER log_batches_are_consecutive BEFORE INSERT ON log_batches
            WHEN NEW.first_seq <> ifnull((SELECT first_seq + count FROM log_batches ORDER BY first_seq DESC LIMIT 1), 0)
            BEGIN SELECT RAISE(ABORT, 'log events must be numbered consecutively'); END;
            CREATE TRIGGER log_batches_refuse_update BEFORE UPDATE ON log_batches
            BEGIN SELECT RAISE(ABORT, 'the log is append-only: history cannot be rewritten'); END;
            CREATE TRIGGER log_batches_refuse_delete BEFORE DELETE ON log_batches
            BEGIN SELECT RAISE(ABORT, 'the log is append-only: history cannot be rewritten'); END;
            CREATE TRIGGER log_origin_refuse_update BEFORE UPDATE ON log_origin
            BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;
            CREATE TRIGGER log_origin_refuse_delete BEFORE DELETE ON log_origin
            BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;
            CREATE TRIGGER log_origin_refuse_insert BEFORE INSERT ON log_origin
            BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;

            -- A forecast recorded after its claim's outcome is *reported*: it names the source that dates it.
            ALTER TABLE forecasts ADD COLUMN reported_source TEXT CHECK (reported_source <> '');

            -- INSERT OR REPLACE deletes the rows it replaces without firing DELETE triggers. An insert whose
            -- key is taken is refused before it can replace anything, on every history table. (Versions,
            -- revisions and log batches are refused already: their numbers must follow the last one.)
            CREATE TRIGGER claims_refuse_replace BEFORE INSERT ON claims
            WHEN EXISTS (SELECT 1 FROM claims WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'claims are append-only: an existing claim cannot be replaced'); END;
            CREATE TRIGGER sources_refuse_replace BEFORE INSERT ON sources
            WHEN EXISTS (SELECT 1 FROM sources WHERE id = NEW.id)
              OR EXISTS (SELECT 1 FROM sources WHERE key = NEW.key AND kind = NEW.kind
                         AND ifnull(title, char(0)) = ifnull(NEW.title, char(0)) AND ifnull(url, char(0)) = ifnull(NEW.url, char(0))
                         AND ifnull(publisher, char(0)) = ifnull(NEW.publisher, char(0))
                         AND ifnull(published_on, char(0)) = ifnull(NEW.published_on, char(0))
                         AND ifnull(language, char(0)) = ifnull(NEW.language, char(0)) AND people = NEW.people)
            BEGIN SELECT RAISE(ABORT, 'sources are append-only: an existing source cannot be replaced'); END;
            CREATE TRIGGER claim_tags_refuse_replace BEFORE INSERT ON claim_tags
            WHEN EXISTS (SELECT 1 FROM claim_tags WHERE claim_id = NEW.claim_id AND version = NEW.version AND tag = NEW.tag)
            BEGIN SELECT RAISE(ABORT, 'claim tags are append-only: an existing tag cannot be replaced'); END;
            CREATE TRIGGER claim_translations_refuse_replace BEFORE INSERT ON claim_translations
            WHEN EXISTS (SELECT 1 FROM claim_translations WHERE claim_id = NEW.claim_id AND version = NEW.version AND language = NEW.language)
            BEGIN SELECT RAISE(ABORT, 'claim translations are append-only: an existing translation cannot be replaced'); END;
            CREATE TRIGGER forecasts_refuse_replace BEFORE INSERT ON forecasts
            WHEN EXISTS (SELECT 1 FROM forecasts WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'forecasts are append-only: an existing forecast cannot be replaced'); END;

            """#
        ),
        SchemaMigration(
            identifier: #"0005_withdrawals"#,
            sql: #"""
            -- claims database, migration 0005: claims taken back.
            --
            -- A claim logged in error is never deleted: it is withdrawn, in a new version whose
            -- `withdrawn` holds why (and `successor` the claim that replaces it, when an id was renamed).
            -- A withdrawn claim is never due and never scored; a later version without `withdrawn`
            -- restores it. Versions before this migration have neither column set, and their digests and
            -- log leaves are unchanged (schema/log.md: the two fields are encoded only when set).

            ALTER TABLE claim_versions ADD COLUMN withdrawn TEXT CHECK (trim(withdrawn) <> '');
            ALTER TABLE claim_versions ADD COLUMN successor TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED
                CHECK (successor IS NULL OR (withdrawn IS NOT NULL AND successor <> claim_id));

            """#
        ),
        SchemaMigration(
            identifier: #"0006_text_search"#,
            sql: #"""
            -- claims database, migration 0006: full-text search over the present.
            --
            -- claim_search indexes each claim's current statement, quote, criteria and notes with FTS5's
            -- unicode61 tokenizer (case and diacritics folded), so `list --search WORD` finds its claims
            -- through the index instead of reading every claim. Like claim_heads it is an index of the
            -- present, kept by a trigger as versions are appended, not history: it can be rebuilt from
            -- claim_versions at any time. claim_search_rows gives each claim the rowid of its row.

            CREATE VIRTUAL TABLE claim_search USING fts5(statement, quote, criteria, notes, tokenize = 'unicode61 remove_diacritics 2');

            CREATE TABLE claim_search_rows (
                claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
                row INTEGER NOT NULL UNIQUE
            ) WITHOUT ROWID;

            INSERT INTO claim_search_rows (claim_id, row)
            SELECT claim_id, row_number() OVER (ORDER BY claim_id) FROM claim_heads;

            INSERT INTO claim_search (rowid, statement, quote, criteria, notes)
            SELECT r.row, v.statement, v.quote, v.criteria, v.notes
            FROM claim_search_rows r
            JOIN claim_heads h ON h.claim_id = r.claim_id
            JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version;

            CREATE TRIGGER claim_search_follows_versions AFTER INSERT ON claim_versions
            BEGIN
                INSERT OR IGNORE INTO claim_search_rows (claim_id, row)
                VALUES (NEW.claim_id, (SELECT ifnull(max(row), 0) + 1 FROM claim_search_rows));
                DELETE FROM claim_search WHERE rowid = (SELECT row FROM claim_search_rows WHERE claim_id = NEW.claim_id);
                INSERT INTO claim_search (rowid, statement, quote, criteria, notes)
                VALUES ((SELECT row FROM claim_search_rows WHERE claim_id = NEW.claim_id), NEW.statement, NEW.quote, NEW.criteria, NEW.notes);
            END;

            """#
        ),
        SchemaMigration(
            identifier: #"0007_listing_indexes"#,
            sql: #"""
            -- claims database, migration 0007: two indexes, so that listings find their rows through an
            -- index instead of reading every claim.
            --
            -- claim_versions_by_source: `list --source KEY` keeps the claims whose source has that key (or
            -- that text in its title). The sources that match are a few rows of `sources`; their claims are
            -- then found through this index.
            --
            -- claims_by_created_at: `list --as-of MOMENT` lists the claims as they were at a moment. When
            -- few claims had been recorded by then, they are found through this index (a claim exists from
            -- its first version, recorded at its created_at); otherwise the window-end index is walked.
            --
            -- Like the other indexes they hold nothing new: they can be dropped and built again at any time.

            CREATE INDEX claim_versions_by_source ON claim_versions (source_id);
            CREATE INDEX claims_by_created_at ON claims (created_at);

            """#
        ),
        SchemaMigration(
            identifier: #"0008_import_marks"#,
            sql: #"""
            -- claims database, migration 0008: what each claim's last import was given.
            --
            -- Re-importing a file that has not changed should cost in proportion to what changed, not to
            -- the file. import_marks keeps, per claim, a digest of what the last import was given for it
            -- (`NewClaim.inputData`: its fields, forecasts and resolution as the file said them) and the
            -- claim's state just after that import: its head version and resolution revision and how many
            -- forecasts it had. An import that is given the same claim again, while the claim is still in
            -- that state, changes nothing, and is seen to without reading the claim's fields.
            --
            -- A cache, not history: a row is replaced by each import of its claim, and any other change to
            -- the claim (an edit, a forecast, a resolution) leaves the row describing a past state, which
            -- then matches nothing. The table can be emptied at any time; the next import of each claim
            -- then compares it field by field, as before this migration.

            CREATE TABLE import_marks (
                claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
                input BLOB NOT NULL CHECK (length(input) = 16),
                version INTEGER NOT NULL CHECK (version >= 1),
                revision INTEGER CHECK (revision >= 1),
                forecasts INTEGER NOT NULL CHECK (forecasts >= 0)
            ) WITHOUT ROWID;

            """#
        ),
    ]
}
