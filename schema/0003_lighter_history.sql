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
