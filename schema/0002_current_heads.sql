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
